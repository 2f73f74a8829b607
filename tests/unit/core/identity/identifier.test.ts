import { describe, expect, it } from 'vitest';
import {
  byAnchorRank,
  evidenceKeys,
  exclusiveSlot,
  normaliseIdentifier,
  normaliseIdentifiers,
  type Identifier,
} from '../../../../src/core/identity/identifier';

const key = (raw: string, kind: Identifier['kind'], ctx = {}) => normaliseIdentifier(raw, kind, ctx)?.key ?? null;

/** Every common way of writing one French number, from its national form `0X XX XX XX XX`. */
function frenchWritings(national: string): string[] {
  const d = national.replace(/\D/g, '');
  const pairs = d.match(/\d\d/g) ?? [];
  const rest = d.slice(1);
  const restPairs = `${rest[0]} ${rest.slice(1).match(/\d\d/g)?.join(' ')}`;
  return [
    pairs.join(' '),
    pairs.join('.'),
    pairs.join('-'),
    d,
    `  ${pairs.join(' ')}  `,
    pairs.join('\u00a0'),
    `+33 ${restPairs}`,
    `+33${rest}`,
    `+33 (0)${restPairs}`,
    `+33 (0) ${restPairs}`,
    `+33(0)${rest}`,
    `+33 0${restPairs.replace(' ', ' ')}`,
    `0033${rest}`,
    `0033 ${restPairs}`,
    `00 33 ${restPairs}`,
    `33${rest}`,
    `+33.${restPairs.replace(/ /g, '.')}`,
    `+33-${restPairs.replace(/ /g, '-')}`,
    `(+33) ${restPairs}`,
    `tel:+33${rest}`,
    `tel:${d}`,
    `TEL:+33-${restPairs.replace(/ /g, '-')}`,
    `Tél : ${pairs.join(' ')}`,
    `Tel. ${pairs.join(' ')}`,
    `Mobile: +33 ${restPairs}`,
    `Portable : ${pairs.join('.')}`,
    d.replace(/\d/g, (c) => String.fromCharCode(0xff10 + Number(c))),
    pairs.join('/'),
  ];
}

const FRENCH_NUMBERS: [string, string][] = [
  ['06 12 34 56 78', '+33612345678'],
  ['07 81 23 45 67', '+33781234567'],
  ['01 23 45 67 89', '+33123456789'],
  ['04 72 10 30 30', '+33472103030'],
  ['09 87 65 43 21', '+33987654321'],
];

describe('phones: French numbers in every common writing', () => {
  const rows = FRENCH_NUMBERS.flatMap(([national, e164]) => frenchWritings(national).map((raw) => [raw, e164] as const));
  it.each(rows)('%j → %s', (raw, e164) => {
    const identifier = normaliseIdentifier(raw, 'phone');
    expect(identifier).toMatchObject({ kind: 'phone', value: e164, key: `phone:${e164}`, strength: 'strong' });
  });
});

describe('phones: extensions are kept aside, not in the key', () => {
  it.each([
    ['06 12 34 56 78 poste 12', '+33612345678', '12'],
    ['06 12 34 56 78 ext. 12', '+33612345678', '12'],
    ['+33 6 12 34 56 78 x12', '+33612345678', '12'],
    ['+33 1 23 45 67 89 #204', '+33123456789', '204'],
    ['01 23 45 67 89, poste 3', '+33123456789', '3'],
    ['tel:+33612345678;ext=12', '+33612345678', '12'],
    ['+1 415 555 0132 ext 7', '+14155550132', '7'],
    ['(212) 555-0199 extension 44', '+12125550199', '44'],
  ])('%j → %s ext %s', (raw, e164, extension) => {
    const region = raw.startsWith('(212)') ? 'US' : 'FR';
    expect(normaliseIdentifier(raw, 'phone', { defaultRegion: region })).toMatchObject({ key: `phone:${e164}`, extension });
  });
});

describe('phones: international numbers and default regions', () => {
  it.each([
    // Belgium
    ['+32 470 12 34 56', 'FR', '+32470123456'],
    ['0032 470 12 34 56', 'FR', '+32470123456'],
    ['0470 12 34 56', 'BE', '+32470123456'],
    ['0470/12.34.56', 'BE', '+32470123456'],
    ['+32 2 123 45 67', 'FR', '+3221234567'],
    ['02 123 45 67', 'BE', '+3221234567'],
    // Switzerland
    ['+41 79 123 45 67', 'FR', '+41791234567'],
    ['079 123 45 67', 'CH', '+41791234567'],
    ['+41 22 123 45 67', 'FR', '+41221234567'],
    ['0041 44 668 18 00', 'FR', '+41446681800'],
    ['044 668 18 00', 'CH', '+41446681800'],
    // Canada
    ['+1 514 555 0199', 'FR', '+15145550199'],
    ['(514) 555-0199', 'CA', '+15145550199'],
    ['514-555-0199', 'CA', '+15145550199'],
    ['1-514-555-0199', 'CA', '+15145550199'],
    ['+1 (438) 555-0123', 'FR', '+14385550123'],
    // United Kingdom
    ['+44 20 7946 0958', 'FR', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 (0)20 7946 0958', 'FR', '+442079460958'],
    ['+44 7911 123456', 'FR', '+447911123456'],
    ['07911 123456', 'GB', '+447911123456'],
    ['0044 7911 123456', 'FR', '+447911123456'],
    // United States
    ['(212) 555-0199', 'US', '+12125550199'],
    ['212.555.0199', 'US', '+12125550199'],
    ['1-212-555-0199', 'US', '+12125550199'],
    ['+1 212 555 0199', 'US', '+12125550199'],
    ['+1 (415) 555-0132', 'FR', '+14155550132'],
    ['+1-800-555-0199', 'FR', '+18005550199'],
    // Germany
    ['+49 30 12345678', 'FR', '+493012345678'],
    ['030 12345678', 'DE', '+493012345678'],
    ['+49 (0)30 12345678', 'FR', '+493012345678'],
    ['0151 23456789', 'DE', '+4915123456789'],
    ['+49 151 23456789', 'FR', '+4915123456789'],
    ['0049 151 23456789', 'FR', '+4915123456789'],
    // Overseas France and neighbours
    ['+590 690 12 34 56', 'FR', '+590690123456'],
    ['+262 692 12 34 56', 'FR', '+262692123456'],
    ['+377 6 12 34 56 78', 'FR', '+377612345678'],
    ['+352 621 123 456', 'FR', '+352621123456'],
    ['+34 612 34 56 78', 'FR', '+34612345678'],
    ['+39 312 345 6789', 'FR', '+393123456789'],
    ['+39 06 1234 5678', 'FR', '+390612345678'],
    ['+31 6 12345678', 'FR', '+31612345678'],
    ['+212 6 12 34 56 78', 'FR', '+212612345678'],
    ['+216 20 123 456', 'FR', '+21620123456'],
    ['+351 912 345 678', 'FR', '+351912345678'],
    // A national number is read in the default region.
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['0470 12 34 56', 'FR', '+33470123456'],
  ])('%j in %s → %s', (raw, defaultRegion, e164) => {
    expect(key(raw, 'phone', { defaultRegion })).toBe(`phone:${e164}`);
  });
});

describe('phones: not numbers', () => {
  it.each([
    ['12', 'FR'],
    ['06 12 34', 'FR'],
    ['06 12 34 56 7', 'FR'],
    ['+33 6 12 34 56 78 9', 'FR'],
    ['+33 6 12 34 56 78 90', 'FR'],
    ['06 12 34 56 78 99 99', 'FR'],
    ['0612345678901', 'FR'],
    ['00 00 00 00 00', 'FR'],
    ['0000000000', 'FR'],
    ['not a number', 'FR'],
    ['', 'FR'],
    ['   ', 'FR'],
    ['1-800-FLOWERS', 'US'],
    ['order 0612345678', 'FR'],
    ['+999 123 456 789', 'FR'],
    ['++33612345678', 'FR'],
    ['+1 555 555 5555', 'US'],
    ['06 12 34 56 78', 'ZZ'],
    ['07700 900123', 'GB'],
    ['06 12 34 56 78', 'BE'],
  ])('%j in %s → null', (raw, defaultRegion) => {
    expect(normaliseIdentifier(raw, 'phone', { defaultRegion })).toBeNull();
  });
});

describe('emails', () => {
  it.each([
    ['marie@orange.fr', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['MARIE@ORANGE.FR', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['  Marie@Orange.fr  ', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr;', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr,', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr.', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr...', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr!', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr?', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['marie@orange.fr)', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['(marie@orange.fr)', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['«marie@orange.fr»', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['"marie@orange.fr"', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['<marie@orange.fr>', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['[marie@orange.fr]', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['Marie Dupont <marie.dupont@free.fr>', 'marie.dupont@free.fr', 'email:marie.dupont@free.fr'],
    ['"Dupont, Marie" <marie.dupont@free.fr>,', 'marie.dupont@free.fr', 'email:marie.dupont@free.fr'],
    ['Email: marie@orange.fr', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['Courriel : marie@orange.fr', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['mailto:marie@orange.fr', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['mailto:MARIE@ORANGE.FR', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['mailto:marie@orange.fr?subject=Commande%2088213', 'marie@orange.fr', 'email:marie@orange.fr'],
    ['mailto:marie%2Bshop@gmail.com', 'marie+shop@gmail.com', 'email:marie@gmail.com'],
    ['ｍａｒｉｅ＠ｏｒａｎｇｅ．ｆｒ', 'marie@orange.fr', 'email:marie@orange.fr'],
    // Plus tags: shown, not matched.
    ['marie+shop@orange.fr', 'marie+shop@orange.fr', 'email:marie@orange.fr'],
    ['Marie+Commande-88213@Free.fr', 'marie+commande-88213@free.fr', 'email:marie@free.fr'],
    ['paul+@free.fr', 'paul+@free.fr', 'email:paul@free.fr'],
    // Gmail only: dots do not count, googlemail is gmail.
    ['Marie.Dupont@gmail.com', 'marie.dupont@gmail.com', 'email:mariedupont@gmail.com'],
    ['m.a.r.i.e.dupont+promo@gmail.com', 'm.a.r.i.e.dupont+promo@gmail.com', 'email:mariedupont@gmail.com'],
    ['j.doe+newsletter@googlemail.com', 'j.doe+newsletter@googlemail.com', 'email:jdoe@gmail.com'],
    ['marie.dupont@outlook.fr', 'marie.dupont@outlook.fr', 'email:marie.dupont@outlook.fr'],
    ['marie.dupont@orange.fr', 'marie.dupont@orange.fr', 'email:marie.dupont@orange.fr'],
    ['marie.dupont@gmail.fr', 'marie.dupont@gmail.fr', 'email:marie.dupont@gmail.fr'],
    // IDN domains match in ASCII, show as written.
    ['marie@münchen.de', 'marie@münchen.de', 'email:marie@xn--mnchen-3ya.de'],
    ['marie@xn--mnchen-3ya.de', 'marie@xn--mnchen-3ya.de', 'email:marie@xn--mnchen-3ya.de'],
    ['info@société.fr', 'info@société.fr', 'email:info@xn--socit-esab.fr'],
    ['Info@Société.FR', 'info@société.fr', 'email:info@xn--socit-esab.fr'],
    ['marie@exemple-café.fr', 'marie@exemple-café.fr', 'email:marie@xn--exemple-caf-lbb.fr'],
    ['jules@пример.рф', 'jules@пример.рф', 'email:jules@xn--e1afmkfd.xn--p1ai'],
    // Other valid shapes.
    ["jean-luc.o'brien@mail.co.uk", "jean-luc.o'brien@mail.co.uk", "email:jean-luc.o'brien@mail.co.uk"],
    ['x@y.io', 'x@y.io', 'email:x@y.io'],
    ['marie@sub.domain.example.org', 'marie@sub.domain.example.org', 'email:marie@sub.domain.example.org'],
    ['marie_dupont@laposte.net', 'marie_dupont@laposte.net', 'email:marie_dupont@laposte.net'],
    ['marie%dupont@free.fr', 'marie%dupont@free.fr', 'email:marie%dupont@free.fr'],
  ])('%j → %s (%s)', (raw, value, expected) => {
    expect(normaliseIdentifier(raw, 'email')).toEqual({ kind: 'email', value, key: expected, strength: 'strong' });
  });

  it.each([
    'marie@orange',
    'marie@@orange.fr',
    '@orange.fr',
    'marie@orange..fr',
    'marie@.fr',
    'marie..dupont@orange.fr',
    'marie dupont@orange.fr',
    'marie at orange.fr',
    'marie@orange fr',
    'logo@2x.png',
    'icon@3x.webp',
    'user@localhost',
    '+tag@free.fr',
    'marie@',
    '',
    'mailto:',
    'mailto:%E0%A4%A@x.fr',
    'marie@orange.f',
    'marie@exa_mple.fr',
  ])('%j → null', (raw) => {
    expect(normaliseIdentifier(raw, 'email')).toBeNull();
  });

  it('gives one key to every writing of one mailbox', () => {
    const keys = new Set(
      ['Marie.Dupont@gmail.com', 'mariedupont@gmail.com', 'MARIE.DUPONT+shop@googlemail.com', 'mailto:marie.dupont@gmail.com', 'Marie <marie.dupont@gmail.com>.'].map((raw) =>
        key(raw, 'email'),
      ),
    );
    expect([...keys]).toEqual(['email:mariedupont@gmail.com']);
  });
});

describe('handles: profile URLs', () => {
  it.each([
    ['https://x.com/Jules_W', '@Jules_W', 'handle:x:@jules_w'],
    ['https://twitter.com/jules_w', '@jules_w', 'handle:x:@jules_w'],
    ['https://twitter.com/jules_w/status/1234567890', '@jules_w', 'handle:x:@jules_w'],
    ['http://mobile.twitter.com/jules_w', '@jules_w', 'handle:x:@jules_w'],
    ['https://www.twitter.com/Jules_W/', '@Jules_W', 'handle:x:@jules_w'],
    ['twitter.com/@jules_w', '@jules_w', 'handle:x:@jules_w'],
    ['x.com/jules_w', '@jules_w', 'handle:x:@jules_w'],
    ['https://twitter.com/Jules_W?ref_src=twsrc', '@Jules_W', 'handle:x:@jules_w'],
    ['https://x.com/intent/user?screen_name=Jules_W', '@Jules_W', 'handle:x:@jules_w'],
    ['https://www.instagram.com/lea.moreau/', '@lea.moreau', 'handle:instagram:@lea.moreau'],
    ['https://instagram.com/Lea.Moreau', '@Lea.Moreau', 'handle:instagram:@lea.moreau'],
    ['instagram.com/lea.moreau?igsh=abc', '@lea.moreau', 'handle:instagram:@lea.moreau'],
    ['https://www.instagram.com/_u/lea.moreau', '@lea.moreau', 'handle:instagram:@lea.moreau'],
    ['https://www.linkedin.com/in/thomas-bernard-75/', '@thomas-bernard-75', 'handle:linkedin:@thomas-bernard-75'],
    ['https://fr.linkedin.com/in/thomas-bernard-75', '@thomas-bernard-75', 'handle:linkedin:@thomas-bernard-75'],
    ['linkedin.com/in/Thomas-Bernard-75/fr', '@Thomas-Bernard-75', 'handle:linkedin:@thomas-bernard-75'],
    ['https://www.facebook.com/profile.php?id=100012345678', '@100012345678', 'handle:facebook:@100012345678'],
    ['https://m.facebook.com/profile.php?id=100012345678&ref=x', '@100012345678', 'handle:facebook:@100012345678'],
    ['https://m.facebook.com/marie.dupont.75', '@marie.dupont.75', 'handle:facebook:@mariedupont75'],
    ['https://www.facebook.com/Marie.Dupont.75/', '@Marie.Dupont.75', 'handle:facebook:@mariedupont75'],
    ['https://www.facebook.com/people/Marie-Dupont/100012345678/', '@100012345678', 'handle:facebook:@100012345678'],
    ['https://m.me/marie.dupont.75', '@marie.dupont.75', 'handle:facebook:@mariedupont75'],
    ['https://www.tiktok.com/@lea.m', '@lea.m', 'handle:tiktok:@lea.m'],
    ['tiktok.com/@Lea.M?lang=fr', '@Lea.M', 'handle:tiktok:@lea.m'],
  ])('%j → %s', (raw, value, expected) => {
    expect(normaliseIdentifier(raw, 'handle')).toMatchObject({ kind: 'handle', value, key: expected, strength: 'strong' });
  });

  it.each([
    'https://x.com/home',
    'https://x.com/i/flow/login',
    'https://twitter.com/search?q=x',
    'https://www.instagram.com/p/Cx12/',
    'https://www.instagram.com/reel/Cx12/',
    'https://www.linkedin.com/company/acme',
    'https://www.facebook.com/sharer/sharer.php?u=x',
    'https://www.facebook.com/groups/123',
    'https://www.facebook.com/people',
    'https://example.com/jules',
    'ftp://x.com/jules',
  ])('%j → null', (raw) => {
    expect(normaliseIdentifier(raw, 'handle')).toBeNull();
  });
});

describe('handles: written on a page of a known network', () => {
  it.each([
    ['@Jules_W', 'x', 'handle:x:@jules_w'],
    ['jules_w', 'x', 'handle:x:@jules_w'],
    ['@JULES_W', 'x', 'handle:x:@jules_w'],
    [' @jules_w ', 'x', 'handle:x:@jules_w'],
    ['@lea.moreau', 'instagram', 'handle:instagram:@lea.moreau'],
    ['Lea.Moreau', 'instagram', 'handle:instagram:@lea.moreau'],
    ['@lea_moreau_', 'instagram', 'handle:instagram:@lea_moreau_'],
    ['marie.dupont.75', 'facebook', 'handle:facebook:@mariedupont75'],
    ['MarieDupont75', 'facebook', 'handle:facebook:@mariedupont75'],
    ['100012345678', 'facebook', 'handle:facebook:@100012345678'],
    ['thomas-bernard-75', 'linkedin', 'handle:linkedin:@thomas-bernard-75'],
    ['@lea.m', 'tiktok', 'handle:tiktok:@lea.m'],
    ['https://x.com/jules_w', 'x', 'handle:x:@jules_w'],
  ] as const)('%j on %s → %s', (raw, network, expected) => {
    expect(key(raw, 'handle', { network })).toBe(expected);
  });

  it.each([
    ['@this_handle_is_too_long_for_x', 'x'],
    ['@jules-w', 'x'],
    ['@jules.w', 'x'],
    ['@lea..moreau', 'instagram'],
    ['@.lea', 'instagram'],
    ['@lea.', 'instagram'],
    ['@abc', 'facebook'],
    ['@ab', 'linkedin'],
    ['@a', 'tiktok'],
    ['https://x.com/jules_w', 'instagram'],
    ['@ jules', 'x'],
    ['@jules w', 'x'],
  ] as const)('%j on %s → null', (raw, network) => {
    expect(normaliseIdentifier(raw, 'handle', { network })).toBeNull();
  });

  it('keeps handles of unknown networks as weak identifiers', () => {
    expect(normaliseIdentifier('@Jules_W', 'handle')).toEqual({ kind: 'handle', value: '@Jules_W', key: 'handle:unknown:@jules_w', strength: 'weak', network: 'unknown' });
    expect(normaliseIdentifier('@Éloïse_M', 'handle')?.key).toBe('handle:unknown:@éloïse_m');
  });
});

describe('WhatsApp numbers are phones', () => {
  it.each([
    ['https://wa.me/33612345678', {}],
    ['wa.me/33612345678', {}],
    ['https://api.whatsapp.com/send?phone=33612345678&text=hi', {}],
    ['https://web.whatsapp.com/send?phone=33612345678', {}],
    ['whatsapp://send?phone=+33612345678', {}],
    ['06 12 34 56 78', { network: 'whatsapp' }],
    ['+33 6 12 34 56 78', { network: 'whatsapp' }],
    ['+33612345678', { network: 'whatsapp' }],
  ] as const)('%j → phone:+33612345678', (raw, ctx) => {
    expect(normaliseIdentifier(raw, 'handle', ctx)).toEqual({ kind: 'phone', value: '+33612345678', key: 'phone:+33612345678', strength: 'strong', network: 'whatsapp' });
  });

  it('matches the same number seen as a plain phone', () => {
    expect(key('https://wa.me/447911123456', 'handle')).toBe(key('07911 123456', 'phone', { defaultRegion: 'GB' }));
    expect(normaliseIdentifier('+33 6 12 34 56 78', 'phone', { network: 'whatsapp' })?.network).toBe('whatsapp');
    expect(normaliseIdentifier('wa.me/123', 'handle')).toBeNull();
  });
});

describe('app ids', () => {
  it.each([
    ['zendesk:user:123', {}, 'zendesk:user:123', 'app:zendesk:user:123', 'zendesk:user'],
    ['Zendesk:User:123', {}, 'zendesk:user:123', 'app:zendesk:user:123', 'zendesk:user'],
    ['freshdesk:contact:9', {}, 'freshdesk:contact:9', 'app:freshdesk:contact:9', 'freshdesk:contact'],
    ['order:88213', {}, 'order:88213', 'app:order:88213', 'order'],
    ['order:#88213', {}, 'order:88213', 'app:order:88213', 'order'],
    ['#88213', { namespace: 'order' }, 'order:88213', 'app:order:88213', 'order'],
    ['n° 88213', { namespace: 'order' }, 'order:88213', 'app:order:88213', 'order'],
    ['No. 88213', { namespace: 'order' }, 'order:88213', 'app:order:88213', 'order'],
    ['customer:C-55012', {}, 'customer:C-55012', 'app:customer:c-55012', 'customer'],
    ['c-55012', { namespace: 'customer' }, 'customer:c-55012', 'app:customer:c-55012', 'customer'],
    ['shopify:customer:7712345', {}, 'shopify:customer:7712345', 'app:shopify:customer:7712345', 'shopify:customer'],
    ['intercom:user:5f1a2b3c', {}, 'intercom:user:5f1a2b3c', 'app:intercom:user:5f1a2b3c', 'intercom:user'],
    ['salesforce:contact:0035g00000AbCdE', {}, 'salesforce:contact:0035g00000AbCdE', 'app:salesforce:contact:0035g00000AbCdE', 'salesforce:contact'],
  ] as const)('%j %j → %s', (raw, ctx, value, expected, namespace) => {
    expect(normaliseIdentifier(raw, 'app-id', ctx)).toEqual({ kind: 'app-id', value, key: expected, strength: 'strong', namespace });
  });

  it.each([['123'], ['#88213'], [':123'], ['zendesk::123'], ['9zendesk:user:1'], ['zendesk:user:'], ['zendesk:user: '], ['order:--']])('%j → null', (raw) => {
    expect(normaliseIdentifier(raw, 'app-id')).toBeNull();
  });

  it('keeps Salesforce ids case-sensitive, as Salesforce documents', () => {
    expect(key('salesforce:contact:0035g00000AbCdE', 'app-id')).not.toBe(key('salesforce:contact:0035g00000abcde', 'app-id'));
    expect(key('zendesk:user:AB12', 'app-id')).toBe(key('zendesk:user:ab12', 'app-id'));
  });
});

describe('names and cities (weak)', () => {
  it.each([
    ['Marie Dupont', 'name:dupont marie'],
    ['DUPONT Marie', 'name:dupont marie'],
    ['Dupont, Marie', 'name:dupont marie'],
    ['  marie   dupont ', 'name:dupont marie'],
    ['Mme Marie Dupont', 'name:dupont marie'],
    ['M. Jean-Pierre Lefèvre', 'name:jean lefevre pierre'],
    ['Jean Pierre LEFEVRE', 'name:jean lefevre pierre'],
    ['Dr. Chloé Martin', 'name:chloe martin'],
    ['Marie Dupont <marie@orange.fr>', 'name:dupont marie'],
    ['Marie Dupont (Acme)', 'name:dupont marie'],
    ['"Élodie Rousseau"', 'name:elodie rousseau'],
    ["Seán O'Brien", 'name:brien o sean'],
    ['Camille', 'name:camille'],
  ])('%j → %s', (raw, expected) => {
    expect(normaliseIdentifier(raw, 'name')).toMatchObject({ kind: 'name', key: expected, strength: 'weak' });
  });

  it.each(['marie@orange.fr', '06 12 34 56 78', 'Commande 88213', 'M.', 'x', '', 'https://x.com/jules', 'one two three four five six seven'])('name %j → null', (raw) => {
    expect(normaliseIdentifier(raw, 'name')).toBeNull();
  });

  it.each([
    ['Paris', 'city:paris'],
    ['PARIS', 'city:paris'],
    ['75011 Paris', 'city:paris'],
    ['Paris 11e', 'city:paris'],
    ['Lyon 3ème', 'city:lyon'],
    ['Saint-Étienne', 'city:saint etienne'],
    ['St Etienne', 'city:saint etienne'],
    ['St-Étienne 42000', 'city:saint etienne'],
    ['Ste-Foy-lès-Lyon', 'city:sainte foy les lyon'],
    ['92100 Boulogne-Billancourt CEDEX', 'city:boulogne billancourt'],
    ["L'Haÿ-les-Roses", 'city:l hay les roses'],
    ['Montréal', 'city:montreal'],
  ])('city %j → %s', (raw, expected) => {
    expect(normaliseIdentifier(raw, 'city')).toMatchObject({ kind: 'city', key: expected, strength: 'weak' });
  });

  it.each(['75011', '', 'x'])('city %j → null', (raw) => {
    expect(normaliseIdentifier(raw, 'city')).toBeNull();
  });
});

describe('batches, slots, evidence and ranking', () => {
  it('normalises a batch, dropping invalid and duplicate identifiers', () => {
    const result = normaliseIdentifiers(
      [
        { kind: 'email', raw: 'Marie.Dupont@gmail.com' },
        { kind: 'email', raw: 'mariedupont+x@gmail.com' },
        { kind: 'phone', raw: '06 12 34 56 78' },
        { kind: 'phone', raw: 'not a phone' },
        { kind: 'handle', raw: '@jules_w', network: 'x' },
        { kind: 'app-id', raw: '#88213', namespace: 'order' },
      ],
      { defaultRegion: 'FR' },
    );
    expect(result.map((i) => i.key)).toEqual(['email:mariedupont@gmail.com', 'phone:+33612345678', 'handle:x:@jules_w', 'app:order:88213']);
  });

  it('puts person ids, emails, phones and known handles in exclusive slots; orders and weak ones not', () => {
    const slot = (raw: string, kind: Identifier['kind'], ctx = {}) => {
      const identifier = normaliseIdentifier(raw, kind, ctx);
      return identifier ? exclusiveSlot(identifier) : 'invalid';
    };
    expect(slot('marie@orange.fr', 'email')).toBe('email');
    expect(slot('0612345678', 'phone')).toBe('phone');
    expect(slot('@jules_w', 'handle', { network: 'x' })).toBe('handle:x');
    expect(slot('zendesk:user:1', 'app-id')).toBe('app:zendesk:user');
    expect(slot('customer:C-1', 'app-id')).toBe('app:customer');
    expect(slot('order:88213', 'app-id')).toBeNull();
    expect(slot('zendesk:ticket:42', 'app-id')).toBeNull();
    expect(slot('@jules_w', 'handle')).toBeNull();
    expect(slot('Marie Dupont', 'name')).toBeNull();
  });

  it('compares handles across networks through their bare form', () => {
    const x = normaliseIdentifier('@Jules_W', 'handle', { network: 'x' });
    const unknown = normaliseIdentifier('@jules_w', 'handle');
    expect(x && evidenceKeys(x)).toEqual(['handle:*:@jules_w']);
    expect(unknown && evidenceKeys(unknown)).toEqual(['handle:*:@jules_w']);
    const email = normaliseIdentifier('a@b.fr', 'email');
    expect(email && evidenceKeys(email)).toEqual([]);
  });

  it('ranks personal identifiers before system ids', () => {
    const list = [
      normaliseIdentifier('order:1', 'app-id'),
      normaliseIdentifier('@jules_w', 'handle', { network: 'x' }),
      normaliseIdentifier('0612345678', 'phone'),
      normaliseIdentifier('b@x.fr', 'email'),
      normaliseIdentifier('a@x.fr', 'email'),
    ].filter((i): i is Identifier => i !== null);
    expect(list.sort(byAnchorRank).map((i) => i.key)).toEqual(['email:a@x.fr', 'email:b@x.fr', 'phone:+33612345678', 'handle:x:@jules_w', 'app:order:1']);
  });
});
