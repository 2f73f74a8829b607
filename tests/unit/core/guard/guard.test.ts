import { describe, expect, it } from 'vitest';
import { BrandGuideSchema } from '../../../../src/core/brand/model';
import { guard, type GuardContext } from '../../../../src/core/guard/guard';
import { LEA, NOW, OTHER_IDENTIFIERS, PROMOTIONS, TEMPLATES } from '../../../corpora/people';

const guide = BrandGuideSchema.parse({
  version: 3,
  formality: 'vous',
  channels: [{ channel: 'x', maxLength: 120 }],
  bannedTerms: [{ term: 'problème', replacement: 'souci', language: 'fr' }],
  updatedAt: NOW,
});

const ctx = (extra: Partial<GuardContext> = {}): GuardContext => ({
  channel: 'email',
  language: 'fr',
  now: NOW,
  customer: LEA,
  promotions: PROMOTIONS,
  identity: { customer: LEA.identifiers, others: OTHER_IDENTIFIERS, team: ['support@maison-lumiere.fr', '01 84 88 00 00'] },
  ...extra,
});

const codes = (text: string, c = ctx()) => guard(text, c).reasons.map((r) => r.code);

describe('guard: offers', () => {
  it('lets through an active promotion the customer is eligible for, by its code and value', () => {
    const result = guard('Bonjour Léa, profitez de 10 % de remise avec le code BIENVENUE10 sur votre première commande.', ctx());
    expect(result).toMatchObject({ verdict: 'ok', reasons: [] });
    expect(result.text).toContain('BIENVENUE10');
  });

  it.each([
    ['Je vous accorde 50 % de remise.', '50 %'],
    ['Un geste commercial de 20 € vous est offert.', '20 €'],
    ['Nous vous remboursons intégralement.', 'rembours'],
    ['La livraison est gratuite pour vous.', 'livraison'],
    ['Vous avez une garantie à vie.', 'garantie'],
    ["Voici un bon d'achat pour vous excuser.", "bon d'achat"],
    ['Utilisez le code VIP30 !', 'vip30'],
    ['Le code ETE2024 marche encore.', 'ete2024'],
    ['Tapez le code MERCI50 au paiement.', 'merci50'],
    ['I can give you a full refund and free shipping.', 'refund'],
    ['Here is a $15 goodwill credit.', '$15'],
    ['Use BIENVENUE10, stackable with 10 % more.', 'stack'],
  ])('withholds an unapproved offer: %s', (text, offer) => {
    const result = guard(text, ctx());
    expect(result.verdict).toBe('withheld');
    expect(result.text).toBe('');
    const offers = result.reasons.filter((r) => r.code === 'offer-not-approved').map((r) => String(r.params.offer));
    expect(offers.some((o) => o.includes(offer.toLowerCase()))).toBe(true);
  });

  it('withholds a vague discount that names no approved value or code', () => {
    expect(codes('Je vous fais une remise exceptionnelle.')).toContain('offer-not-approved');
  });

  it('withholds the welcome code for a customer who is not new', () => {
    expect(codes('Profitez de 10 % avec le code BIENVENUE10.', ctx({ customer: { ...LEA, kind: 'existing' } }))).toContain('offer-not-approved');
  });

  it("approves the wording of the team's own template, and nothing beyond it", () => {
    const withTemplate = ctx({ templates: TEMPLATES.filter((t) => t.id === 'tpl-welcome') });
    expect(guard('Pour votre première commande, profitez de 10 % de remise avec le code BIENVENUE10.', withTemplate).verdict).toBe('ok');
    expect(guard('Profitez de 10 % de remise avec le code BIENVENUE10, et 20 % en plus.', withTemplate).verdict).toBe('withheld');
  });

  it('does not take "feel free", postcodes or order numbers for offers', () => {
    expect(guard('Feel free to reply with your order number.', ctx({ language: 'en' })).verdict).toBe('ok');
    expect(guard('Votre code postal 75011 est bien noté pour la commande 88213.', ctx()).verdict).toBe('ok');
  });
});

describe('guard: identifiers', () => {
  it("lets the customer's own identifiers and the team's contacts through", () => {
    expect(guard('Nous vous écrivons à lea.martin@gmail.com au sujet de la commande 88213. Notre numéro : 01 84 88 00 00.', ctx()).verdict).toBe('ok');
  });

  it.each([
    ['Son adresse est marie.dupont@orange.fr.', 'other-customer-data'],
    ['Appelez le +33 6 98 76 54 32.', 'other-customer-data'],
    ['La commande #88214 est partie.', 'other-customer-data'],
    ['Marie Dupont a eu la même chose.', 'other-customer-data'],
    ['Write to jean.inconnu@example.com.', 'unknown-contact'],
  ])('withholds another customer\'s data: %s', (text, code) => {
    expect(codes(text)).toContain(code);
  });

  it('withholds a placeholder that cannot be restored', () => {
    expect(codes('Nous vous répondons à [EMAIL_7].')).toContain('unresolved-placeholder');
  });
});

describe('guard: public channels', () => {
  it('withholds personal data in a comment, even the customer\'s own', () => {
    const pub = ctx({ channel: 'comment' });
    expect(codes('Bonjour Léa, écrivez-nous, nous avons votre adresse lea.martin@gmail.com.', pub)).toContain('personal-data-public');
    expect(codes('Votre commande 88213 est partie.', pub)).toContain('personal-data-public');
    expect(codes('Merci Léa Martin pour votre message.', pub)).toContain('personal-data-public');
    expect(guard('Merci Léa, nous vous répondons en message privé.', pub).verdict).toBe('ok');
  });
});

describe('guard: brand rules', () => {
  it('replaces a banned term and says so', () => {
    const result = guard('Bonjour Léa, désolée pour ce problème de livraison.', ctx({ guide }));
    expect(result.verdict).toBe('fixed');
    expect(result.text).toContain('souci');
    expect(result.text).not.toMatch(/problème/);
    expect(result.reasons[0]).toMatchObject({ code: 'brand-fixed', rule: 'banned-term' });
  });

  it('trims a reply too long for the channel at a sentence end', () => {
    const long = 'Merci pour votre message. Nous regardons votre commande tout de suite. Nous revenons vers vous avant ce soir avec une réponse complète et détaillée sur la livraison.';
    const result = guard(long, ctx({ guide, channel: 'x' }));
    expect(result.verdict).toBe('fixed');
    expect(result.text).toBe('Merci pour votre message. Nous regardons votre commande tout de suite.');
  });

  it('withholds a reply that says "tu" when the brand says "vous"', () => {
    const result = guard('Bonjour Léa, tu peux renvoyer le colis quand tu veux.', ctx({ guide }));
    expect(result.verdict).toBe('withheld');
    expect(result.reasons.some((r) => r.code === 'brand-rule' && r.rule === 'formality')).toBe(true);
  });

  it('strips invisible characters from what it shows', () => {
    expect(guard('Bonjour\u200b Léa\u2066, merci\u{E0041} !', ctx()).text).toBe('Bonjour Léa, merci !');
  });
});
