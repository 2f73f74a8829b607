/**
 * Schema upgrades start from version 1 with real data, as a user's browser would: nothing is
 * lost, counts and checksums match.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { Dexie } from 'dexie';
import { ContinuumDb } from '../../../src/storage/db';
import { loadSlice } from '../../../src/storage/identity-store';
import { loadTimeline } from '../../../src/storage/timeline-store';
import { findCustomer } from '../../../src/core/identity/graph';

const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** Version 1 exactly as it shipped. */
async function writeVersion1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  v1.version(1).stores({
    customers: 'id, *keys, updatedAt',
    messages: 'id, customerId, conversationKey, [conversationKey+order]',
    conversations: 'key, customerId, pageUrl, lastSeenAt',
  });
  await v1.table('customers').bulkAdd([
    {
      id: 'c-elodie',
      name: 'Élodie Rousseau',
      keys: ['email:elodie.rousseau@exemple.fr', 'phone:+33612345678'],
      identifiers: [
        { kind: 'email', value: 'elodie.rousseau@exemple.fr' },
        { kind: 'phone', value: '+33612345678' },
      ],
      createdAt: 1_000,
      updatedAt: 2_000,
    },
    { id: 'c-jules', name: 'Jules Whitfield', keys: ['handle:@jules_w'], identifiers: [{ kind: 'handle', value: '@jules_w', network: 'x' }], createdAt: 1_500, updatedAt: 1_500 },
  ]);
  await v1.table('conversations').bulkAdd([
    { key: 'https://desk.example/t/1', customerId: 'c-elodie', site: 'https://desk.example', pageUrl: 'https://desk.example/t/1', adapter: 'generic', confidence: 0.9, lastSeenAt: 2_000 },
    { key: 'https://social.example/t/j', customerId: 'c-jules', site: 'https://social.example', pageUrl: 'https://social.example/t/j', adapter: 'generic', confidence: 0.6, lastSeenAt: 1_500 },
  ]);
  const texts = ['Bonjour, la lampe est cassée', 'Pouvez-vous envoyer une photo ?', 'Voici la photo'];
  await v1.table('messages').bulkAdd([
    ...texts.map((text, order) => ({
      id: `m-${order}`,
      customerId: 'c-elodie',
      conversationKey: 'https://desk.example/t/1',
      site: 'https://desk.example',
      direction: order === 1 ? 'outbound' : 'inbound',
      time: `2026-11-20T${String(8 + order).padStart(2, "0")}:00:00.000Z`,
      text,
      order,
      seenAt: 2_000,
    })),
    { id: 'm-j', customerId: 'c-jules', conversationKey: 'https://social.example/t/j', site: 'https://social.example', direction: 'inbound', text: 'Any news on BR-2291?', order: 0, seenAt: 1_500 },
  ]);
  v1.close();
}

const checksum = (texts: string[]) => texts.sort().join('\u0000');

describe('upgrade 1 → 2', () => {
  test('customers become graph customers and messages become timeline events, nothing lost', async () => {
    const name = `continuum-upgrade-${Date.now()}`;
    names.push(name);
    await writeVersion1(name);
    const db = new ContinuumDb(name);
    await db.open();
    // Opened at the latest version: every version after 1 ran (3 adds the sync stores, 4 feedback, 5 its alert keys).
    expect(db.verno).toBe(5);
    expect(await db.customers.count()).toBe(2);
    expect(await db.events.count()).toBe(4);
    expect(checksum((await db.events.toArray()).map((e) => (e.type === 'message' ? e.text : '')))).toBe(
      checksum(['Bonjour, la lampe est cassée', 'Pouvez-vous envoyer une photo ?', 'Voici la photo', 'Any news on BR-2291?']),
    );
    expect(await db.conversations.count()).toBe(2);

    // The upgraded data works with the graph: found by identifier, timeline in time order.
    const state = await loadSlice(db, ['phone:+33612345678']);
    expect(findCustomer(state, 'phone:+33612345678')).toBe('c-elodie');
    expect(state.customers['c-elodie']?.displayName).toBe('Élodie Rousseau');
    expect(state.customers['c-elodie']?.identifiers.map((i) => i.key)).toEqual(['email:elodie.rousseau@exemple.fr', 'phone:+33612345678']);
    const timeline = await loadTimeline(db, state, 'c-elodie');
    expect(timeline.map((e) => (e.type === 'message' ? e.text : ''))).toEqual(['Bonjour, la lampe est cassée', 'Pouvez-vous envoyer une photo ?', 'Voici la photo']);
    const jules = await loadSlice(db, ['handle:x:@jules_w']);
    expect(findCustomer(jules, 'handle:x:@jules_w')).toBe('c-jules');
    db.close();
  });
});
