import { describe, expect, it } from 'vitest';
import { measureLength } from '../../../../src/core/brand/length';
import { check, codes, context, customer, fixed, guide, only } from './support';

const rules = guide({
  channels: [
    { channel: 'default', greeting: 'Bonjour {{customer.firstName}},', signOff: 'Belle journée,\nL’équipe Maison Lumière' },
    { channel: 'default', language: 'en', greeting: 'Hello {{customer.firstName}},', signOff: 'Best,\n{{agent.name}} from Maison Lumière' },
    { channel: 'x', greeting: '', signOff: '', maxLength: 280, emoji: 'allowed' },
    { channel: 'sms', greeting: '', signOff: '— Maison Lumière', maxLength: 160, emoji: 'never' },
    { channel: 'whatsapp', emoji: 'sparingly' },
  ],
});
const email = context({ guide: rules, agent: { name: 'Léa' } });
const emailEn = { ...email, language: 'en' as const };

describe('greeting and sign-off', () => {
  it('accepts a reply that opens and closes as the brand does', () => {
    const draft = 'Bonjour Marie,\n\nVotre colis est parti.\n\nBelle journée,\nL’équipe Maison Lumière';
    expect(check(draft, email)).toEqual([]);
  });

  it('inserts the greeting with the customer’s first name at the start', () => {
    const draft = 'Votre colis est parti.\n\nBelle journée,\nL’équipe Maison Lumière';
    const [issue] = only(draft, email, 'missing-greeting');
    expect(issue).toMatchObject({ severity: 'warning', message: { params: { greeting: 'Bonjour Marie,' } } });
    expect(fixed(draft, email, 'missing-greeting')).toBe(`Bonjour Marie,\n\n${draft}`);
  });

  it('drops the first name from the greeting when the customer’s is unknown', () => {
    const ctx = { ...email, customer: customer({ firstName: undefined }) };
    expect(fixed('Votre colis est parti.', ctx, 'missing-greeting')).toBe('Bonjour,\n\nVotre colis est parti.');
  });

  it('counts any usual greeting as one', () => {
    expect(only('Bonsoir Marie,\nVotre colis est parti.', email, 'missing-greeting')).toEqual([]);
    expect(only('Hi Marie,\nYour parcel shipped.', emailEn, 'missing-greeting')).toEqual([]);
  });

  it('appends the sign-off, with the agent’s name, at the end', () => {
    const draft = 'Hello Marie,\n\nYour parcel shipped.\n';
    const [issue] = only(draft, emailEn, 'missing-sign-off');
    expect(issue?.message.params).toEqual({ signOff: 'Best,\nLéa from Maison Lumière' });
    expect(fixed(draft, emailEn, 'missing-sign-off')).toBe('Hello Marie,\n\nYour parcel shipped.\n\nBest,\nLéa from Maison Lumière\n');
  });

  it('finds the sign-off in the last lines, even followed by a name or a P.S.', () => {
    const draft = 'Bonjour Marie,\n\nVotre colis est parti.\n\nBelle journée,\nL’équipe Maison Lumière\nLéa\nPS : pensez à l’avis.';
    expect(only(draft, email, 'missing-sign-off')).toEqual([]);
  });

  it('does not take the sign-off words in the body for the sign-off', () => {
    const draft = 'Bonjour Marie,\n\nBelle journée à vous aussi.\nVotre colis est parti.\nIl arrive jeudi.\nSuivi en ligne.\nMerci.';
    expect(codes(draft, email)).toContain('missing-sign-off');
  });

  it('asks for no greeting or sign-off where the channel sets them empty (X)', () => {
    expect(check('Votre colis est parti 🚚', { ...email, channel: 'x' })).toEqual([]);
  });

  it('uses the channel’s own sign-off (SMS)', () => {
    expect(fixed('Votre colis est parti.', { ...email, channel: 'sms' }, 'missing-sign-off')).toBe('Votre colis est parti.\n\n— Maison Lumière');
  });

  it('says nothing about an empty reply box', () => {
    expect(check('  \n', email)).toEqual([]);
  });
});

describe('length per channel', () => {
  it('counts a link as 23 characters on X, whatever its length', () => {
    const url = `https://www.maison-lumiere.example/suivi/${'a'.repeat(200)}`;
    expect(measureLength(`Suivez ici : ${url}`, 'x').length).toBe(13 + 23);
    expect(measureLength(`Suivez ici : ${url}`, 'email').length).toBe(13 + url.length);
  });

  it('counts an emoji as 2 and accented letters as 1 on X', () => {
    expect(measureLength('Été 👍🏽', 'x').length).toBe(6);
    expect(measureLength('Été 👍🏽', 'whatsapp').length).toBe(6);
    expect(measureLength('日本', 'x').length).toBe(4);
  });

  it('flags a reply over 280 on X from where it goes over, and passes one with long links', () => {
    const x = { ...email, channel: 'x' as const };
    const long = 'a'.repeat(270) + ' encore du texte';
    const [issue] = only(long, x, 'too-long');
    expect(issue).toMatchObject({ severity: 'error', start: 280, end: long.length, message: { params: { length: 286, max: 280 } } });
    const links = `${'b'.repeat(200)} https://example.com/${'c'.repeat(100)} https://example.com/${'d'.repeat(100)}`;
    expect(only(links, x, 'too-long')).toEqual([]);
  });

  it('applies X’s own limit when the guide sets none', () => {
    const ctx = context({ channel: 'x' });
    expect(codes('z'.repeat(281), ctx)).toContain('too-long');
    expect(codes('z'.repeat(280), ctx)).not.toContain('too-long');
  });

  it('applies the guide’s SMS limit, and no limit on e-mail', () => {
    const sms = 'Bonjour, ' + 'x'.repeat(140) + '\n\n— Maison Lumière';
    expect(only(sms, { ...email, channel: 'sms' }, 'too-long')[0]?.message.params).toEqual({ length: sms.length, max: 160 });
    expect(only('y'.repeat(10_000), email, 'too-long')).toEqual([]);
  });
});

describe('emoji', () => {
  it('removes every emoji where the channel allows none', () => {
    const sms = { ...email, channel: 'sms' as const };
    const draft = 'Votre colis est parti 🚚 ! Merci 🙏🏼 :)\n\n— Maison Lumière';
    const issues = only(draft, sms, 'emoji');
    expect(issues.map((i) => i.message.params.emoji)).toEqual(['🚚', '🙏🏼', ':)']);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
    expect(fixed(draft, sms, 'emoji')).toBe('Votre colis est parti ! Merci\n\n— Maison Lumière');
  });

  it('allows two where emoji are used sparingly, and removes the rest', () => {
    const wa = { ...email, channel: 'whatsapp' as const };
    expect(only('Bonjour Marie 👋 Votre colis est parti 🎉\n\nBelle journée,\nL’équipe Maison Lumière', wa, 'emoji')).toEqual([]);
    const draft = 'Bonjour Marie 👋 Votre colis 📦 est parti 🎉 🇫🇷\n\nBelle journée,\nL’équipe Maison Lumière';
    const [issue] = only(draft, wa, 'emoji');
    expect(issue).toMatchObject({ severity: 'warning', message: { params: { count: 4, max: 2 } } });
    expect(fixed(draft, wa, 'emoji')).toBe('Bonjour Marie 👋 Votre colis 📦 est parti\n\nBelle journée,\nL’équipe Maison Lumière');
  });

  it('does not take © or ™ or a time in brackets for emoji', () => {
    const sms = { ...email, channel: 'sms' as const };
    expect(only('Lumière™ © 2026 (ouvert 9:30)\n\n— Maison Lumière', sms, 'emoji')).toEqual([]);
  });
});
