import { describe, expect, it } from 'vitest';
import { context, customer, DAY, flagged, NOW, only, promotion } from './support';

const noel = promotion();
const expired = promotion({ id: 'p-ete', title: 'Été', code: 'ETE15', startsAt: NOW - 100 * DAY, endsAt: NOW - 30 * DAY });
const vip = promotion({ id: 'p-vip', title: 'Ventes privées', code: 'VIP30', eligibility: { segments: ['VIP'] } });
const welcome = promotion({ id: 'p-new', title: 'Bienvenue', code: 'BIENVENUE', eligibility: { customerKind: 'new' } });
const instagram = promotion({ id: 'p-ig', title: 'Insta', code: 'INSTA10', channels: ['instagram'] });
const english = promotion({ id: 'p-en', title: 'Spring', code: 'SPRING10', languages: ['en'] });
const soon = promotion({ id: 'p-soon', title: 'Soldes', code: 'SOLDES25', startsAt: NOW + 20 * DAY, endsAt: NOW + 40 * DAY });
const promotions = [noel, expired, vip, welcome, instagram, english, soon];
const ctx = context({ promotions });
const codeIssues = (draft: string, c = ctx) => [...only(draft, c, 'unknown-code'), ...only(draft, c, 'expired-code'), ...only(draft, c, 'ineligible-code')];

describe('promotion codes in a draft', () => {
  it('accepts a live code the customer may use, in any case', () => {
    expect(codeIssues('Avec le code NOEL20 vous avez 20 %.')).toEqual([]);
    expect(codeIssues('Avec le code noel20 vous avez 20 %.')).toEqual([]);
  });

  it('flags an expired code with its end date', () => {
    const [issue] = only('Utilisez ETE15 pour 15 %.', ctx, 'expired-code');
    expect(issue).toMatchObject({ severity: 'error', start: 9, end: 14, message: { key: 'draftExpiredCode', params: { code: 'ETE15', date: '14 novembre' } } });
    const [en] = only('Use ETE15 for 15%.', { ...ctx, language: 'en' }, 'expired-code');
    expect(en?.message.params.date).toBe('November 14');
  });

  it.each([
    ['Utilisez SOLDES15 pour 15 %.', 'SOLDES15'],
    ['Voici votre code : PROMO2026.', 'PROMO2026'],
    ['Le code BLACKFRIDAY est valable.', 'BLACKFRIDAY'],
    ['Try WELCOME-15 at checkout.', 'WELCOME-15'],
    ['With coupon XMAS24 you save.', 'XMAS24'],
  ])('%j → unknown code %j', (draft, code) => {
    const issues = only(draft, ctx, 'unknown-code');
    expect(flagged(draft, issues)).toEqual([code]);
    expect(issues[0]?.severity).toBe('error');
  });

  it.each([
    'Votre commande CMD-88213 est partie.',
    'Commande n° AB12345 expédiée.',
    'Ticket #ZD4412 fermé.',
    'Référence : FR2026A.',
    'Le SAV, la TVA et les CGV.',
    'Un écran 4K, un port USB3 et du MP3.',
    'Votre IBAN FR7630006000011234567890189 est noté.',
    'Écrivez à sav@noel20.fr ou voyez https://x.example/NOEL21.',
    'Bienvenue chez Maison Lumière !',
    'Votre iPhone15 est réparé.',
  ])('%j → no code', (draft) => {
    expect(codeIssues(draft)).toEqual([]);
  });

  it('flags a code the customer is not eligible for, with the reason', () => {
    expect(only('Avec VIP30 vous avez 30 %.', ctx, 'ineligible-code')[0]).toMatchObject({ severity: 'error', message: { key: 'draftCodeCustomer', params: { code: 'VIP30', title: 'Ventes privées' } } });
    const vipCustomer = { ...ctx, customer: customer({ segments: ['vip'] }) };
    expect(codeIssues('Avec VIP30 vous avez 30 %.', vipCustomer)).toEqual([]);
  });

  it('flags a new-customer code for an existing customer, but not for a new one', () => {
    expect(only('Le code BIENVENUE vous offre 10 %.', ctx, 'ineligible-code')).toHaveLength(1);
    expect(codeIssues('Le code BIENVENUE vous offre 10 %.', { ...ctx, customer: customer({ kind: 'new' }) })).toEqual([]);
  });

  it('flags a code offered on another channel or in another language', () => {
    expect(only('Avec INSTA10 : -10 %.', ctx, 'ineligible-code')[0]?.message.key).toBe('draftCodeChannel');
    expect(codeIssues('Avec INSTA10 : -10 %.', { ...ctx, channel: 'instagram' })).toEqual([]);
    expect(only('Avec SPRING10 : -10 %.', ctx, 'ineligible-code')[0]?.message.key).toBe('draftCodeLanguage');
  });

  it('warns (not errors) when eligibility depends on a customer nobody identified', () => {
    const [issue] = only('Avec VIP30 vous avez 30 %.', { ...ctx, customer: undefined }, 'ineligible-code');
    expect(issue).toMatchObject({ severity: 'warning', message: { key: 'draftCodeCustomerUnknown' } });
    expect(codeIssues('Avec NOEL20 vous avez 20 %.', { ...ctx, customer: undefined })).toEqual([]);
  });

  it('flags a code that has not started yet', () => {
    const [issue] = only('Avec SOLDES25 : -25 %.', ctx, 'ineligible-code');
    expect(issue).toMatchObject({ message: { key: 'draftCodeNotStarted', params: { code: 'SOLDES25', date: '3 janvier' } } });
  });

  it('treats a deleted promotion’s code as unknown, and a reused code by its live promotion', () => {
    const deleted = promotion({ id: 'p-old', code: 'NOEL20', deleted: true });
    expect(only('Avec NOEL20.', { ...ctx, promotions: [deleted] }, 'unknown-code')).toHaveLength(1);
    const old = promotion({ id: 'p-2025', code: 'NOEL20', startsAt: NOW - 400 * DAY, endsAt: NOW - 350 * DAY });
    expect(codeIssues('Avec NOEL20.', { ...ctx, promotions: [old, noel] })).toEqual([]);
    expect(only('Avec NOEL20.', { ...ctx, promotions: [old] }, 'expired-code')).toHaveLength(1);
  });

  it('ignores codes quoted from the customer', () => {
    expect(codeIssues('> Le code ETE15 ne marche pas\nEn effet, il a expiré.')).toEqual([]);
  });
});
