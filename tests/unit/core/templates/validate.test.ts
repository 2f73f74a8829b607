import { describe, expect, it } from 'vitest';
import en from '../../../../public/_locales/en/messages.json';
import fr from '../../../../public/_locales/fr/messages.json';
import { validateTemplate } from '../../../../src/core/templates/validate';
import { NOW, template } from '../brand/support';

const base = { id: 't-new', title: 'Retard de livraison', updatedAt: NOW };
const errorsOf = (input: unknown, others = [template({ id: 't-refund', title: 'Remboursement', shortcut: ';refund' })]) => {
  const result = validateTemplate(input, others);
  if (result.ok) return [];
  for (const e of result.errors) {
    expect(en).toHaveProperty(e.message.key);
    expect(fr).toHaveProperty(e.message.key);
  }
  return result.errors.map((e) => [e.path.join('.'), e.message.key, e.message.params.subject]);
};

describe('validateTemplate', () => {
  it('accepts a sound template', () => {
    const result = validateTemplate({ ...base, shortcut: ';retard', variants: [{ language: 'fr', body: 'Bonjour {{customer.firstName | default: "à vous"}}, [[fill: date]]' }] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ folder: '', tags: [], links: [], variants: [{ channel: 'default' }] });
  });

  it('points at unknown variables and filters, in the variant they are in', () => {
    expect(
      errorsOf({
        ...base,
        variants: [
          { language: 'fr', body: 'Bonjour {{customer.prenom}}' },
          { language: 'en', body: 'Hi {{customer.firstName | shout}} {{agent.name | default}}' },
        ],
      }),
    ).toEqual([
      ['variants.0.body', 'templateUnknownVariable', 'customer.prenom'],
      ['variants.1.body', 'templateUnknownFilter', 'shout'],
      ['variants.1.body', 'templateBadFilter', 'default'],
    ]);
  });

  it('points at unclosed and malformed placeholders', () => {
    expect(
      errorsOf({ ...base, variants: [{ language: 'fr', body: 'Bonjour {{customer.firstName,\nvotre [[fill: ]] et [[numéro]] et [[fill: date' }] }).map(([p, k]) => [p, k]),
    ).toEqual([
      ['variants.0.body', 'templateUnclosedVariable'],
      ['variants.0.body', 'templateEmptyFill'],
      ['variants.0.body', 'templateBadPlaceholder'],
      ['variants.0.body', 'templateUnclosedFill'],
    ]);
  });

  it('refuses two variants for one language and channel, and a shortcut already taken', () => {
    expect(
      errorsOf({
        ...base,
        shortcut: ';REFUND',
        variants: [
          { language: 'fr', body: 'a' },
          { language: 'fr', channel: 'default', body: 'b' },
        ],
      }).map(([p, k]) => [p, k]),
    ).toEqual([
      ['variants.1', 'templateDuplicateVariant'],
      ['shortcut', 'templateShortcutTaken'],
    ]);
    expect(validateTemplate({ ...base, id: 't-refund', shortcut: ';refund', variants: [{ language: 'fr', body: 'a' }] }, [template({ id: 't-refund', shortcut: ';refund' })]).ok).toBe(true);
  });

  it('gives field-level schema errors, body errors too, and no value', () => {
    const result = validateTemplate({ id: 't', title: '', shortcut: 'refund', updatedAt: NOW, links: [{ label: 'CGV', url: 'http://x.example' }], variants: [{ language: 'de', body: '{{x}}' }] });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.errors.map((e) => [e.path.join('.'), e.message.key])).toEqual([
        ['title', 'fieldRequired'],
        ['shortcut', 'fieldBadShortcut'],
        ['variants.0.language', 'fieldInvalid'],
        ['links.0.url', 'fieldBadUrl'],
        ['variants.0.body', 'templateUnknownVariable'],
      ]);
    }
  });
});
