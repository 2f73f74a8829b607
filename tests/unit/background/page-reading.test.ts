import { describe, expect, test, vi } from 'vitest';
import { channelOf, MIN_LINK_SCORE, recordReading, sightingIdentifiers } from '../../../src/background/page-reading';
import { buildView } from '../../../src/background/sidebar-view';
import { addNote } from '../../../src/background/merge-decisions';
import type { Detection } from '../../../src/adapters/types';
import { DEFAULT_SETTINGS } from '../../../src/shared/schemas';
import { db } from '../../../src/storage/db';

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

describe('a reading shows a new customer before its messages are stored', () => {
  const reading = (email: string, key: string, texts: string[]): Detection => ({
    adapter: 'generic',
    confidence: 0.9,
    customer: { identifiers: [{ kind: 'email', raw: email, value: email, score: 0.95 }] },
    conversation: { key, messages: texts.map((text, i) => ({ direction: 'inbound' as const, text, time: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString() })) },
  });
  /** What the sidebar would show each time it is told to look (the view is built then). */
  async function record(detection: Detection, tabId: number, seen: Array<{ customer?: string; messages: number; reading?: boolean }>) {
    const url = detection.conversation.key;
    await recordReading(detection, {
      tabId,
      origin: new URL(url).origin,
      url,
      pageUrl: url,
      settings: DEFAULT_SETTINGS,
      onIdentified: async () => {
        const view = await buildView(tabId);
        seen.push({ customer: view?.customer?.identifiers[0]?.value, messages: view?.messages.length ?? 0, reading: view?.reading });
      },
    });
  }

  test('the customer card comes first for a new customer or conversation, not again for the same one', async () => {
    await Promise.all(db().tables.map((t) => t.clear()));
    const seen: Array<{ customer?: string; messages: number; reading?: boolean }> = [];
    await record(reading('ines.faure@orange.fr', 'https://desk.example/#/ticket/1', ['Bonjour', 'Où est mon colis ?']), 41, seen);
    // Shown before the two messages were stored, marked as still being read (no suggestions asked yet).
    expect(seen).toEqual([{ customer: 'ines.faure@orange.fr', messages: 0, reading: true }]);
    const full = await buildView(41);
    expect(full?.messages).toHaveLength(2);
    expect(full?.reading).toBeUndefined();
    // A new message in the same conversation: the card is already shown.
    await record(reading('ines.faure@orange.fr', 'https://desk.example/#/ticket/1', ['Bonjour', 'Où est mon colis ?', 'Merci']), 41, seen);
    expect(seen).toHaveLength(1);
    // Another ticket, another customer.
    await record(reading('hugo.blanc@free.fr', 'https://desk.example/#/ticket/2', ['Remboursement ?']), 41, seen);
    expect(seen).toEqual([
      { customer: 'ines.faure@orange.fr', messages: 0, reading: true },
      { customer: 'hugo.blanc@free.fr', messages: 0, reading: true },
    ]);
  });

  test('a view asked for again is built once while nothing changed, and shows a new message at once', async () => {
    await Promise.all(db().tables.map((t) => t.clear()));
    const seen: Array<{ customer?: string; messages: number; reading?: boolean }> = [];
    await record(reading('ines.faure@orange.fr', 'https://desk.example/#/ticket/5', ['Bonjour']), 45, seen);
    const first = await buildView(45);
    // The pushes, the assist and the suggestions of one switch share it.
    expect(await buildView(45)).toBe(first);
    await record(reading('ines.faure@orange.fr', 'https://desk.example/#/ticket/5', ['Bonjour', 'Toujours rien reçu']), 45, seen);
    expect((await buildView(45))?.messages.map((m) => m.text)).toEqual(['Bonjour', 'Toujours rien reçu']);
    // A note added from the sidebar is a write too: the history shows it.
    await addNote(45, 'Rappeler demain');
    expect((await buildView(45))?.history.map((h) => h.text)).toContain('Rappeler demain');
  });

  test('a reading whose messages cannot be stored does not leave the sidebar waiting for them', async () => {
    await Promise.all(db().tables.map((t) => t.clear()));
    const failing = vi.spyOn(db().events, 'bulkAdd').mockRejectedValueOnce(new Error('disk gone'));
    const seen: Array<{ customer?: string; messages: number; reading?: boolean }> = [];
    await expect(record(reading('ines.faure@orange.fr', 'https://desk.example/#/ticket/9', ['Bonjour']), 43, seen)).rejects.toThrow('disk gone');
    failing.mockRestore();
    expect(seen).toEqual([{ customer: 'ines.faure@orange.fr', messages: 0, reading: true }]);
    const after = await buildView(43);
    expect(after?.customer?.identifiers[0]?.value).toBe('ines.faure@orange.fr');
    expect(after?.reading).toBeUndefined();
  });

  test('older messages without a time read after the latest ones still come first', async () => {
    await Promise.all(db().tables.map((t) => t.clear()));
    const untimed = (texts: string[]): Detection => ({
      adapter: 'generic',
      confidence: 0.9,
      customer: { identifiers: [{ kind: 'email', raw: 'ines.faure@orange.fr', value: 'ines.faure@orange.fr', score: 0.95 }] },
      conversation: { key: 'https://desk.example/#/ticket/7', messages: texts.map((text) => ({ direction: 'inbound' as const, text })) },
    });
    const at = (now: number, detection: Detection) =>
      recordReading(detection, { tabId: 44, origin: 'https://desk.example', url: 'https://desk.example/#/ticket/7', pageUrl: 'https://desk.example/', settings: DEFAULT_SETTINGS, now });
    // The latest two first, the whole thread 3 s later.
    await at(1_000_000, untimed(['Troisième', 'Quatrième']));
    await at(1_003_000, untimed(['Premier', 'Deuxième', 'Troisième', 'Quatrième']));
    expect((await buildView(44))?.messages.map((m) => m.text)).toEqual(['Premier', 'Deuxième', 'Troisième', 'Quatrième']);
  });
});
