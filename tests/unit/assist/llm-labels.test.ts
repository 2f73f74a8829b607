import { describe, expect, test } from 'vitest';
import type { MaskSummary } from '../../../src/core/masking/mask';
import { translator } from '../../../src/shared/i18n';
import { leftOutLabel, maskedLabel } from '../../../src/sidebar/assist/llm-labels';

const summary = (counts: Partial<MaskSummary>): MaskSummary => {
  const full = { email: 0, phone: 0, iban: 0, card: 0, address: 0, ...counts };
  return { ...full, total: full.email + full.phone + full.iban + full.card + full.address };
};

describe('what the agent reads about a model run', () => {
  test('masked counts in English and French, singular and plural', () => {
    expect(maskedLabel(summary({ email: 3, card: 1 }), translator('en'), 'en')).toBe('3 e-mail addresses, 1 card number masked before sending.');
    expect(maskedLabel(summary({ email: 1, phone: 2 }), translator('fr'), 'fr')).toBe('1 adresse e-mail, 2 numéros de téléphone masqué(s) avant l’envoi.');
    expect(maskedLabel(summary({}), translator('en'), 'en')).toBe('Nothing needed masking before sending.');
  });

  test('what was left out of the context, counted by section; nothing when everything fitted', () => {
    const leftOut = [
      { section: 'history' as const, id: 'a', tokens: 40 },
      { section: 'history' as const, id: 'b', tokens: 30 },
      { section: 'template' as const, id: 't', tokens: 90 },
    ];
    expect(leftOutLabel(leftOut, translator('en'), 'en')).toBe('Left out of the context to keep it short: 2 older events, 1 template.');
    expect(leftOutLabel(leftOut, translator('fr'), 'fr')).toBe('Laissé hors du contexte pour rester court : 2 événements plus anciens, 1 modèle.');
    expect(leftOutLabel([], translator('en'), 'en')).toBe('');
  });
});
