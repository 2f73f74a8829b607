import { describe, expect, it } from 'vitest';
import { findEntities } from '../../../../src/core/masking/detect';
import { hasInvisible, stripInvisible } from '../../../../src/core/masking/invisible';
import { Masker, unknownPlaceholders, unmask } from '../../../../src/core/masking/mask';

const kinds = (text: string) => findEntities(text).map((e) => [e.kind, e.value]);

describe('finding personal data', () => {
  it.each(['06 12 34 56 78', '06.12.34.56.78', '06-12-34-56-78', '0612345678', '+33 6 12 34 56 78', '+33 (0)6 12 34 56 78', '0033 6 12 34 56 78', '+33612345678'])(
    'reads the French number %s as +33612345678',
    (written) => {
      expect(findEntities(`Appelez-moi au ${written}, merci`)).toMatchObject([{ kind: 'phone', value: written, key: '+33612345678' }]);
    },
  );

  it('tells cards, IBANs and phone numbers apart, and ignores numbers that are none of them', () => {
    expect(kinds('Carte 4111 1111 1111 1111, IBAN FR76 3000 6000 0112 3456 7890 189, tél 01 42 68 53 00.')).toEqual([
      ['card', '4111 1111 1111 1111'],
      ['iban', 'FR76 3000 6000 0112 3456 7890 189'],
      ['phone', '01 42 68 53 00'],
    ]);
    // Luhn-invalid 16 digits, a wrong IBAN checksum, an order number, a date, a price.
    expect(kinds('4111 1111 1111 1112 / FR75 3000 6000 0112 3456 7890 189 / commande 88213 du 12/05/2024 pour 1 299,00 €')).toEqual([]);
  });

  it('finds French and English postal addresses with their postcode and city', () => {
    expect(kinds('Livrez au 12 bis rue de la Paix, 75002 Paris svp')).toEqual([['address', '12 bis rue de la Paix, 75002 Paris']]);
    expect(kinds('Send it to 221B Baker Street, London NW1 6XE please')).toEqual([['address', '221B Baker Street, London NW1 6XE']]);
  });
});

describe('masking', () => {
  it('gives one placeholder per value however often and however it is written', () => {
    const masker = new Masker();
    expect(masker.mask('Marie@Orange.fr ou 06 12 34 56 78')).toBe('[EMAIL_1] ou [PHONE_1]');
    expect(masker.mask('encore marie@orange.fr et +33 6 12 34 56 78, et paul@free.fr')).toBe('encore [EMAIL_1] et [PHONE_1], et [EMAIL_2]');
    expect(masker.summary()).toEqual({ email: 2, phone: 1, iban: 0, card: 0, address: 0, total: 3 });
  });

  it('defuses placeholders the customer typed, so nobody else\'s value comes back in their place', () => {
    const masker = new Masker();
    const masked = masker.mask('Envoyez à [EMAIL_1] et [CARD_1] ; mon mail est lea@free.fr');
    expect(masked).toBe('Envoyez à (EMAIL_1) et (CARD_1) ; mon mail est [EMAIL_1]');
    expect(unmask('Réponse à [EMAIL_1], pas à [EMAIL_2]', masker.map)).toBe('Réponse à lea@free.fr, pas à [EMAIL_2]');
    expect(unknownPlaceholders('[EMAIL_1] [PHONE_3]', masker.map)).toEqual(['[PHONE_3]']);
  });

  it('never keeps or restores a card number, only its last four digits', () => {
    const masker = new Masker();
    const masked = masker.mask('Ma carte 5555-5555-5555-4444 a été débitée');
    expect(masked).toBe('Ma carte [CARD_1] a été débitée');
    expect(JSON.stringify(masker.map)).not.toContain('5555');
    expect(unmask('Votre carte [CARD_1] sera recréditée', masker.map)).toBe('Votre carte •••• 4444 sera recréditée');
  });
});

describe('invisible characters', () => {
  it('removes zero-width, bidi controls and the tags block, and keeps visible text', () => {
    const text = 'Bon\u200bjour\u202e, \u2066merci\u2069\u{E0049}\u{E0047}\u{E004E} é 😀';
    expect(hasInvisible(text)).toBe(true);
    expect(stripInvisible(text)).toBe('Bonjour, merci é 😀');
    expect(hasInvisible('Bonjour')).toBe(false);
  });
});
