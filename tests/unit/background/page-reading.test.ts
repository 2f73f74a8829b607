import { describe, expect, test } from 'vitest';
import { channelOf, MIN_LINK_SCORE, sightingIdentifiers } from '../../../src/background/page-reading';
import type { Detection } from '../../../src/adapters/types';

const detection = (identifiers: Detection['customer']['identifiers']): Detection => ({
  adapter: 'generic',
  confidence: 0.9,
  customer: { identifiers },
  conversation: { key: 'k', messages: [] },
});

describe('sighting identifiers', () => {
  test('keeps what scores at least the link threshold, normalised, phones from what the page showed', () => {
    const identifiers = sightingIdentifiers(
      detection([
        { kind: 'email', raw: 'Elodie.Rousseau@LaPoste.net', value: 'elodie.rousseau@laposte.net', score: 0.95 },
        { kind: 'phone', raw: '06 12 34 56 78', value: '+33612345678', score: 0.9 },
        { kind: 'handle', raw: '@amara.ok', value: '@amara.ok', network: 'unknown', score: MIN_LINK_SCORE - 0.01 },
        { kind: 'phone', raw: '01 23', value: '0123', score: 0.8 },
      ]),
      'FR',
    );
    expect(identifiers.map((i) => i.key)).toEqual(['email:elodie.rousseau@laposte.net', 'phone:+33612345678']);
  });

  test('a Belgian number without country code follows the default region', () => {
    const [phone] = sightingIdentifiers(detection([{ kind: 'phone', raw: '0470 12 34 56', value: '0470123456', score: 0.9 }]), 'BE');
    expect(phone?.key).toBe('phone:+32470123456');
  });

  test('the channel is the social network of a handle, else e-mail, else web', () => {
    const handle = sightingIdentifiers(detection([{ kind: 'handle', raw: 'https://x.com/jules_w', value: '@jules_w', network: 'x', score: 0.6 }]), 'FR');
    expect(channelOf(handle)).toBe('x');
    expect(channelOf(sightingIdentifiers(detection([{ kind: 'email', raw: 'a@orange.fr', value: 'a@orange.fr', score: 0.9 }]), 'FR'))).toBe('email');
    expect(channelOf([])).toBe('web');
  });
});
