import { describe, expect, it } from 'vitest';
import { context, fixed, flagged, guide, only } from './support';

const g = guide({
  channels: [{ channel: 'default', signOff: 'Belle journée,\nL’équipe Maison Lumière' }],
  disclaimers: [
    { topic: 'remboursement', keywords: ['rembours*', 'avoir'], text: 'Le remboursement intervient sous 14 jours ouvrés.', language: 'fr' },
    { topic: 'refunds', keywords: ['refund*', 'money back'], text: 'Refunds take up to 14 business days.', language: 'en' },
    { topic: 'données', keywords: ['RGPD', 'données personnelles'], text: 'Vos données sont traitées selon notre politique de confidentialité.' },
  ],
});
const fr = context({ guide: g });
const en = { ...fr, language: 'en' as const };

describe('required disclaimers', () => {
  it('asks for the disclaimer when a keyword appears, and inserts it before the sign-off', () => {
    const draft = 'Bonjour Marie,\n\nNous vous remboursons la lampe.\n\nBelle journée,\nL’équipe Maison Lumière';
    const issues = only(draft, fr, 'missing-disclaimer');
    expect(flagged(draft, issues)).toEqual(['remboursons']);
    expect(issues[0]).toMatchObject({ severity: 'error', message: { params: { topic: 'remboursement' } } });
    expect(fixed(draft, fr, 'missing-disclaimer')).toBe(
      'Bonjour Marie,\n\nNous vous remboursons la lampe.\n\nLe remboursement intervient sous 14 jours ouvrés.\n\nBelle journée,\nL’équipe Maison Lumière',
    );
  });

  it('appends it, then the sign-off, when both are missing', () => {
    expect(fixed('Bonjour Marie,\n\nUn avoir vous attend.', fr)).toBe(
      'Bonjour Marie,\n\nUn avoir vous attend.\n\nLe remboursement intervient sous 14 jours ouvrés.\n\nBelle journée,\nL’équipe Maison Lumière',
    );
  });

  it('is satisfied by the disclaimer written with other case, accents or line breaks', () => {
    const draft = 'Bonjour Marie, nous vous remboursons.\nLe remboursement intervient sous 14 JOURS\nouvres.\n\nBelle journée,\nL’équipe Maison Lumière';
    expect(only(draft, fr, 'missing-disclaimer')).toEqual([]);
  });

  it('matches multi-word keywords and keywords in capitals, once per topic', () => {
    const draft = 'Vos données personnelles, selon le RGPD, et encore le RGPD.';
    expect(only(draft, fr, 'missing-disclaimer')).toHaveLength(1);
  });

  it('applies each language’s disclaimers to its own drafts', () => {
    expect(only('We will refund you.', en, 'missing-disclaimer')[0]?.message.params.topic).toBe('refunds');
    expect(only('Nous allons vous rembourser.', en, 'missing-disclaimer')).toEqual([]);
    expect(only('Your money back today.', en, 'missing-disclaimer')).toHaveLength(1);
  });

  it.each(['Un avoirdupois ?', 'Nous avons bien reçu votre lampe.', 'Les remparts du château.'])('%j → nothing', (draft) => {
    expect(only(draft, fr, 'missing-disclaimer')).toEqual([]);
  });
});
