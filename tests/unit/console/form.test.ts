/** The console's forms: what the lead sees of a published record, and back, without losing anything. */
import { describe, expect, test } from 'vitest';
import { BrandGuideSchema, PromotionSchema, TemplateSchema } from '../../../src/core/brand/model';
import { validateBrandGuide } from '../../../src/core/brand/validate-guide';
import { fieldError } from '../../../src/core/brand/validation';
import { validatePromotion } from '../../../src/core/promotions';
import { validateTemplate } from '../../../src/core/templates';
import {
  byFolder,
  errorsAt,
  fromLocalInput,
  guideForm,
  guideRecord,
  newPromotionForm,
  promotionForm,
  promotionRecord,
  promotionStatus,
  splitList,
  templateForm,
  templateRecord,
  toLocalInput,
} from '../../../src/console/form';

const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('round trips through the forms', () => {
  test('a promotion comes back identical, eligibility and offers included', () => {
    const promotion = PromotionSchema.parse({
      id: 'winter',
      title: 'Soldes d’hiver',
      pitch: '-20 % sur les lampes',
      code: 'HIVER20',
      startsAt: Date.parse('2026-12-01T08:00:00Z'),
      endsAt: Date.parse('2027-01-31T23:00:00Z'),
      channels: ['email', 'instagram'],
      languages: ['fr'],
      eligibility: { segments: ['VIP', 'Fidèles'], tags: [], customerKind: 'existing', stages: ['client'] },
      priority: 80,
      offers: ['20 %', 'livraison offerte'],
      updatedAt: NOW,
    });
    const back = validatePromotion({ ...promotionRecord(promotionForm(promotion)), updatedAt: NOW });
    expect(back).toEqual({ ok: true, value: promotion });
  });

  test('an empty code is left out rather than sent as "" (which the code rule would refuse)', () => {
    const record = promotionRecord({ ...newPromotionForm('p1', NOW), title: 'T', pitch: 'P', code: '  ' });
    expect(record).not.toHaveProperty('code');
    expect(validatePromotion({ ...record, updatedAt: NOW }).ok).toBe(true);
  });

  test('a template with variants, links and a promotion comes back identical', () => {
    const template = TemplateSchema.parse({
      id: 't1',
      title: 'Remboursement',
      folder: 'Facturation',
      shortcut: ';rembourser',
      tags: ['argent', 'retour'],
      variants: [
        { language: 'fr', channel: 'email', body: 'Bonjour {{customer.firstName}},\n\n[[fill: montant]] € vous seront remboursés.' },
        { language: 'en', channel: 'default', body: 'Your refund is on its way.' },
      ],
      links: [{ label: 'Conditions', url: 'https://example.com/cgv' }],
      promotionId: 'winter',
      updatedAt: NOW,
    });
    expect(validateTemplate({ ...templateRecord(templateForm(template)), updatedAt: NOW })).toEqual({ ok: true, value: template });
  });

  test('a brand guide comes back identical; empty optional fields are absent, not ""', () => {
    const guide = BrandGuideSchema.parse({
      version: 3,
      voice: 'Chaleureuse, précise',
      formality: 'tu',
      useFirstName: false,
      channels: [
        { channel: 'email', greeting: 'Bonjour {{customer.firstName}},', signOff: 'Belle journée,\n{{agent.name}}', emoji: 'never' },
        { channel: 'x', language: 'fr', maxLength: 280, emoji: 'allowed' },
      ],
      bannedTerms: [{ term: 'malheureusement', replacement: '' }, { term: 'bug', replacement: 'incident', language: 'fr' }],
      preferredTerms: [{ term: 'souci', replacement: 'question' }],
      disclaimers: [{ topic: 'Données', keywords: ['RGPD', 'données personnelles'], text: 'Vos données restent en France.', language: 'fr' }],
      updatedAt: NOW,
    });
    const record = guideRecord(guideForm(guide));
    expect((record.channels as object[])[1]).toEqual({ channel: 'x', language: 'fr', maxLength: 280, emoji: 'allowed' });
    expect(validateBrandGuide({ ...record, updatedAt: NOW })).toEqual({ ok: true, value: guide });
  });

  test('a blank term row is reported on its field, not dropped silently', () => {
    const form = guideForm(null);
    form.bannedTerms.push({ term: '', replacement: 'x', language: '' });
    const result = validateBrandGuide({ ...guideRecord(form), updatedAt: NOW });
    expect(!result.ok && result.errors.map((e) => e.path.join('.'))).toEqual(['bannedTerms.0.term']);
  });
});

describe('helpers', () => {
  test('datetime-local values read back to the same minute', () => {
    const at = Date.parse('2026-12-24T18:30:00Z');
    expect(fromLocalInput(toLocalInput(at))).toBe(at);
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a date')).toBeUndefined();
  });

  test('promotion status: scheduled, active, expired (the end is exclusive)', () => {
    const p = { startsAt: NOW, endsAt: NOW + 1000 };
    expect([promotionStatus(p, NOW - 1), promotionStatus(p, NOW), promotionStatus(p, NOW + 999), promotionStatus(p, NOW + 1000)]).toEqual([
      'scheduled',
      'active',
      'active',
      'expired',
    ]);
  });

  test('errors on a field and inside it; lists split on commas and lines', () => {
    const errors = [fieldError(['variants', 0, 'body'], 'a'), fieldError(['variants', 1], 'b'), fieldError(['title'], 'c')];
    expect(errorsAt(errors, ['variants', 0]).map((e) => e.message.key)).toEqual(['a']);
    expect(errorsAt(errors, ['variants']).map((e) => e.message.key)).toEqual(['a', 'b']);
    expect(splitList('VIP, B2B,,\n Fidèles ')).toEqual(['VIP', 'B2B', 'Fidèles']);
  });

  test('templates by folder, alphabetical, unfiled last under "—"', () => {
    const tpl = (title: string, folder: string) => TemplateSchema.parse({ id: title, title, folder, variants: [{ language: 'fr', body: 'x' }], updatedAt: 0 });
    expect(byFolder([tpl('Zut', 'Livraison'), tpl('Avoir', 'Livraison'), tpl('Seul', ''), tpl('Facture', 'Facturation')]).map((g) => [g.folder, g.items.map((t) => t.title)])).toEqual([
      ['Facturation', ['Facture']],
      ['Livraison', ['Avoir', 'Zut']],
      ['—', ['Seul']],
    ]);
  });
});
