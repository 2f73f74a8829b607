import { describe, expect, it } from 'vitest';
import { formatDay } from '../../../../src/core/templates/variables';
import { render, renderBody } from '../../../../src/core/templates/render';
import { customer, DAY, NOW, promotion, template } from '../brand/support';

const noel = promotion({ endsAt: Date.UTC(2026, 11, 31, 22, 59, 59) });
const refund = template({
  id: 't-refund',
  title: 'Remboursement',
  shortcut: ';refund',
  variants: [
    { language: 'fr', body: 'Bonjour {{customer.firstName}},\nVotre commande [[fill: numéro de commande]] sera remboursée.\n{{agent.name}}' },
    { language: 'en', body: 'Hi {{customer.firstName | default: "there"}},\nOrder [[fill: order number]] will be refunded.\n{{agent.name}}' },
  ],
  links: [{ label: 'Conditions de remboursement', url: 'https://maison-lumiere.example/cgv#remboursement' }],
});

describe('render', () => {
  it('fills variables from the customer and the agent, and blocks insertion until the fill-in is done', () => {
    const vars = { language: 'fr' as const, channel: 'email' as const, customer: customer(), agent: { name: 'Léa' } };
    const draft = render(refund, vars);
    expect(draft.text).toBe(
      'Bonjour Marie,\nVotre commande [[fill: numéro de commande]] sera remboursée.\nLéa\n\nConditions de remboursement: https://maison-lumiere.example/cgv#remboursement',
    );
    expect(draft.canInsert).toBe(false);
    expect(draft.unfilled).toEqual([{ label: 'numéro de commande', start: 30, end: 30 + '[[fill: numéro de commande]]'.length }]);
    expect(draft.text.slice(draft.unfilled[0]?.start, draft.unfilled[0]?.end)).toBe('[[fill: numéro de commande]]');
    const done = render(refund, { ...vars, fills: { 'numéro de commande': '88213' } });
    expect(done).toMatchObject({ canInsert: true, unfilled: [], missing: [], leftovers: 0 });
    expect(done.text).toContain('Votre commande 88213 sera remboursée.');
  });

  it('keeps a missing variable visible and blocks insertion', () => {
    const draft = render(refund, { language: 'fr', channel: 'email', customer: customer({ firstName: undefined }), agent: { name: 'Léa' }, fills: { 'numéro de commande': '1' } });
    expect(draft.text.startsWith('Bonjour {{customer.firstName}},')).toBe(true);
    expect(draft.missing).toEqual(['customer.firstName']);
    expect(draft.canInsert).toBe(false);
  });

  it('uses the default filter when a value is missing', () => {
    const draft = render(refund, { language: 'en', channel: 'email', agent: { name: 'Léa' }, fills: { 'order number': '88213' } });
    expect(draft.text.split('\n')[0]).toBe('Hi there,');
    expect(draft.canInsert).toBe(true);
  });

  it('treats a blank fill-in as unfilled', () => {
    const draft = render(refund, { language: 'en', channel: 'email', agent: { name: 'A' }, fills: { 'order number': '   ' } });
    expect(draft.unfilled.map((u) => u.label)).toEqual(['order number']);
    expect(draft.canInsert).toBe(false);
  });

  it('blocks insertion when a value smuggles a placeholder in, or a "{{" is left open', () => {
    const sneaky = render(refund, { language: 'en', channel: 'email', agent: { name: 'A' }, customer: customer({ firstName: '{{agent.name}}' }), fills: { 'order number': '[[x]]' } });
    expect(sneaky.leftovers).toBe(2);
    expect(sneaky.canInsert).toBe(false);
    const open = renderBody('Hello {{customer.firstName', { language: 'en', customer: customer() });
    expect(open).toMatchObject({ text: 'Hello {{customer.firstName', leftovers: 1, canInsert: false });
  });

  it('renders promotion variables, with the end date in the wording’s language', () => {
    const body = 'Avec {{promotion.code}} ({{promotion.title}}), jusqu’au {{promotion.endsAt}}.';
    expect(renderBody(body, { language: 'fr', promotion: noel }).text).toBe('Avec NOEL20 (Noël en lumière), jusqu’au 31 décembre.');
    expect(renderBody('Until {{promotion.endsAt}}', { language: 'en', promotion: noel }).text).toBe('Until December 31');
    const en = template({ variants: [{ language: 'en', body: 'Until {{promotion.endsAt}}' }] });
    expect(render(en, { language: 'fr', channel: 'email', promotion: noel }).text).toBe('Until December 31');
  });

  it('applies upper, lower and capitalize filters', () => {
    const values = { language: 'fr' as const, customer: customer({ firstName: 'élodie', lastName: 'martin' }) };
    expect(renderBody('{{customer.firstName | capitalize}} {{customer.lastName | upper}} {{customer.fullName | lower}}', values).text).toBe('Élodie MARTIN élodie martin');
  });

  it('reads fill-in labels without regard to case', () => {
    expect(renderBody('N° [[fill: Order number]]', { language: 'en' }, { fills: { 'order number': '42' } }).text).toBe('N° 42');
  });
});

describe('formatDay', () => {
  it('writes dates the French and English way', () => {
    expect(formatDay(Date.UTC(2026, 11, 31, 12), 'fr')).toBe('31 décembre');
    expect(formatDay(Date.UTC(2026, 11, 31, 12), 'en')).toBe('December 31');
    expect(formatDay(Date.UTC(2027, 0, 1, 12), 'fr')).toBe('1er janvier');
  });

  it('adds the year only when it is not this year', () => {
    expect(formatDay(NOW + 30 * DAY, 'fr', 'Europe/Paris', NOW)).toBe('13 janvier 2027');
    expect(formatDay(NOW + 3 * DAY, 'en', 'Europe/Paris', NOW)).toBe('December 17');
  });

  it('shows an end at midnight as the day before', () => {
    const midnightParis = Date.UTC(2026, 11, 31, 23); // 1 January 00:00 in Paris
    expect(renderBody('{{promotion.endsAt}}', { language: 'fr', promotion: promotion({ endsAt: midnightParis }) }).text).toBe('31 décembre');
  });
});
