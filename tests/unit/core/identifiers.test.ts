import { describe, expect, it } from 'vitest';
import {
  compileOwn,
  emailMatchKey,
  foldText,
  isOwnDomain,
  isOwnIdentity,
  isPlaceholderEmail,
  isRoleAddress,
  networkOfHost,
  normalizeEmail,
  normalizeHandle,
  parseProfileUrl,
  phoneE164Lite,
} from '../../../src/core/identifiers';
import { normalizePhone } from '../../../src/core/phone';

describe('normalizeEmail', () => {
  it('trims and lower-cases, keeping +tags', () => {
    expect(normalizeEmail('  Marie.Dupont+Shop@Gmail.COM ')).toBe('marie.dupont+shop@gmail.com');
  });
  it('accepts mailto: links with a query and <…> wrappers', () => {
    expect(normalizeEmail('mailto:Marie%40x.fr?subject=Hello')).toBe('marie@x.fr');
    expect(normalizeEmail('<paul@free.fr>')).toBe('paul@free.fr');
  });
  it('rejects non-addresses and image file names', () => {
    expect(normalizeEmail('marie at x.fr')).toBeNull();
    expect(normalizeEmail('a..b@x.fr')).toBeNull();
    expect(normalizeEmail('logo@2x.png')).toBeNull();
    expect(normalizeEmail('user@localhost')).toBeNull();
  });
});

describe('emailMatchKey', () => {
  it('drops +tags for every provider', () => {
    expect(emailMatchKey('Marie+shop@orange.fr')).toBe('marie@orange.fr');
  });
  it('drops dots and folds googlemail only for Gmail', () => {
    expect(emailMatchKey('Marie.Dupont+shop@googlemail.com')).toBe('mariedupont@gmail.com');
    expect(emailMatchKey('marie.dupont@gmail.com')).toBe('mariedupont@gmail.com');
    expect(emailMatchKey('marie.dupont@outlook.fr')).toBe('marie.dupont@outlook.fr');
  });
  it('is null for invalid input', () => {
    expect(emailMatchKey('+tag@x.fr')).toBeNull();
    expect(emailMatchKey('nope')).toBeNull();
  });
});

describe('isOwnDomain', () => {
  it('matches the domain and its subdomains only', () => {
    expect(isOwnDomain('jean@acme.fr', ['acme.fr'])).toBe(true);
    expect(isOwnDomain('jean@support.acme.fr', ['ACME.fr'])).toBe(true);
    expect(isOwnDomain('jean@notacme.fr', ['acme.fr'])).toBe(false);
    expect(isOwnDomain('jean@acme.fr.evil.com', ['acme.fr'])).toBe(false);
    expect(isOwnDomain('jean@acme.fr', [''])).toBe(false);
  });
});

describe('role and placeholder addresses', () => {
  it('recognises role mailboxes', () => {
    for (const e of ['noreply@x.fr', 'no-reply@x.fr', 'donotreply@x.fr', 'do_not_reply@x.fr', 'support@x.fr', 'notifications@github.com', 'ne-pas-repondre@x.fr', 'noreply-4fa2@x.fr']) {
      expect(isRoleAddress(e), e).toBe(true);
    }
    expect(isRoleAddress('marie.support@x.fr')).toBe(false);
    expect(isRoleAddress('supporter@x.fr')).toBe(false);
  });
  it('recognises placeholders', () => {
    expect(isPlaceholderEmail('name@example.com')).toBe(true);
    expect(isPlaceholderEmail('prenom.nom@orange.fr')).toBe(true);
    expect(isPlaceholderEmail('jean@exemple.fr')).toBe(true);
    expect(isPlaceholderEmail('camille@orange.fr')).toBe(false);
  });
});

describe('handles', () => {
  it('normalises bare handles', () => {
    expect(normalizeHandle('x', '@Lea_Moreau')).toBe('@lea_moreau');
    expect(normalizeHandle('instagram', 'boulangerie.bernard')).toBe('@boulangerie.bernard');
    expect(normalizeHandle('x', '@ bad')).toBeNull();
  });
  it('strips profile URL prefixes and checks the network', () => {
    expect(normalizeHandle('x', 'https://twitter.com/Lea_Moreau?s=20')).toBe('@lea_moreau');
    expect(normalizeHandle('linkedin', 'https://fr.linkedin.com/in/thomas-bernard-75/')).toBe('@thomas-bernard-75');
    expect(normalizeHandle('instagram', 'https://x.com/lea')).toBeNull();
    expect(normalizeHandle('unknown', 'instagram.com/lea.m/')).toBe('@lea.m');
  });
  it('parses profile links and refuses app pages', () => {
    expect(parseProfileUrl('https://www.instagram.com/lea.m/')).toEqual({ network: 'instagram', handle: '@lea.m' });
    expect(parseProfileUrl('https://m.facebook.com/profile.php?id=1000123')).toEqual({ network: 'facebook', handle: '@1000123' });
    expect(parseProfileUrl('https://www.tiktok.com/@lea.m')).toEqual({ network: 'tiktok', handle: '@lea.m' });
    expect(parseProfileUrl('https://x.com/home')).toBeNull();
    expect(parseProfileUrl('https://www.instagram.com/p/Cx12/')).toBeNull();
    expect(parseProfileUrl('https://www.facebook.com/sharer/sharer.php?u=x')).toBeNull();
    expect(parseProfileUrl('https://www.linkedin.com/company/acme')).toBeNull();
    expect(parseProfileUrl('https://example.com/lea')).toBeNull();
  });
  it('maps hosts to networks', () => {
    expect(networkOfHost('mobile.twitter.com')).toBe('x');
    expect(networkOfHost('business.facebook.com')).toBe('facebook');
    expect(networkOfHost('notx.com')).toBeNull();
  });
});

describe('own identity', () => {
  const own = {
    domains: ['acme.fr'],
    signatures: ['Jean Martin — Acme Customer Care | jean.martin+desk@gmail.com | 06 11 22 33 44', '@acme_fr', 'acme.care', 'Camille'],
  };
  const m = compileOwn(own);
  it('matches e-mails by domain or by signature (ignoring +tags and Gmail dots)', () => {
    expect(m.email('someone@sav.acme.fr')).toBe(true);
    expect(m.email('jeanmartin@gmail.com')).toBe(true);
    expect(m.email('marie@gmail.com')).toBe(false);
  });
  it('matches handles written with or without @ (when not a plain word)', () => {
    expect(m.handle('@ACME_FR')).toBe(true);
    expect(m.handle('@acme.care')).toBe(true);
    expect(m.handle('@camille')).toBe(false);
  });
  it('matches phones across formats', () => {
    expect(m.phone('+33611223344')).toBe(true);
    expect(m.phone('+33612345678')).toBe(false);
  });
  it('matches names in signature lines case- and accent-insensitively', () => {
    expect(m.name('JEAN MARTIN')).toBe(true);
    expect(m.name('Jean Martin (Acme)')).toBe(true);
    expect(m.name('camille')).toBe(true);
    // A single first name inside a longer signature line is not enough.
    expect(m.name('Jean')).toBe(false);
    expect(m.name('Marie Dupont')).toBe(false);
    expect(m.name('Camille Rousseau')).toBe(true);
  });
  it('offers a one-off helper', () => {
    expect(isOwnIdentity('email', 'x@acme.fr', own)).toBe(true);
    expect(isOwnIdentity('handle', '@lea', own)).toBe(false);
    expect(isOwnIdentity('app-id', '123', own)).toBe(false);
  });
  it('folds text', () => {
    expect(foldText('  Léa   MOREAU ')).toBe('lea moreau');
  });
});

describe('phoneE164Lite (content-script best effort)', () => {
  it('handles French formats', () => {
    expect(phoneE164Lite('06 12 34 56 78')).toBe('+33612345678');
    expect(phoneE164Lite('01.23.45.67.89')).toBe('+33123456789');
    expect(phoneE164Lite('+33 (0)1 23 45 67 89')).toBe('+33123456789');
    expect(phoneE164Lite('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(phoneE164Lite('tel:+33612345678')).toBe('+33612345678');
  });
  it('handles international and other regions', () => {
    expect(phoneE164Lite('+44 20 7946 0958')).toBe('+442079460958');
    expect(phoneE164Lite('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(phoneE164Lite('020 7946 0958', 'GB')).toBe('+442079460958');
  });
  it('rejects wrong lengths', () => {
    expect(phoneE164Lite('06 12 34 56')).toBeNull();
    expect(phoneE164Lite('+33 6 12 34 56 78 90')).toBeNull();
    expect(phoneE164Lite('+1 234')).toBeNull();
    expect(phoneE164Lite('12 34 56 78 90', 'XX')).toBeNull();
  });
});

describe('normalizePhone (libphonenumber)', () => {
  it('normalises French numbers to E.164', () => {
    expect(normalizePhone('06 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('01.23.45.67.89')).toBe('+33123456789');
    expect(normalizePhone('+33 (0)1 23 45 67 89')).toBe('+33123456789');
    expect(normalizePhone('0033 6 12 34 56 78')).toBe('+33612345678');
    expect(normalizePhone('tel:+33-6-12-34-56-78')).toBe('+33612345678');
  });
  it('uses the default region for national numbers', () => {
    expect(normalizePhone('(415) 555-0132', 'US')).toBe('+14155550132');
    expect(normalizePhone('+44 20 7946 0958', 'FR')).toBe('+442079460958');
  });
  it('returns null for invalid numbers', () => {
    expect(normalizePhone('12')).toBeNull();
    expect(normalizePhone('06 12 34')).toBeNull();
    expect(normalizePhone('00 00 00 00 00')).toBeNull();
    expect(normalizePhone('not a number')).toBeNull();
    expect(normalizePhone('06 12 34 56 78', 'ZZ')).toBeNull();
  });
});

describe('isPublicMailDomain', () => {
  it('knows the providers anyone can sign up with, French ones included', async () => {
    const { isPublicMailDomain } = await import('../../../src/core/identifiers');
    for (const domain of ['gmail.com', 'orange.fr', 'laposte.net', 'outlook.fr', 'free.fr', 'yahoo.co.uk']) expect(isPublicMailDomain(domain)).toBe(true);
    for (const domain of ['maisonlumiere.fr', 'acme.com', 'gmail-support.acme.com']) expect(isPublicMailDomain(domain)).toBe(false);
  });
});
