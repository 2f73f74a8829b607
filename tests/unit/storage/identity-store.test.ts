import { afterEach, describe, expect, test } from 'vitest';
import { ContinuumDb } from '../../../src/storage/db';
import { loadSlice, saveChanges } from '../../../src/storage/identity-store';
import { appendEvents, loadTimeline, messageEvents } from '../../../src/storage/timeline-store';
import { customerView, merge, resolveSighting, undoMerge } from '../../../src/core/identity/graph';
import { normaliseIdentifier } from '../../../src/core/identity/identifier';

const opened: ContinuumDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
function freshDb() {
  const db = new ContinuumDb(`continuum-store-${opened.length}-${Date.now()}`);
  opened.push(db);
  return db;
}

let ids = 0;
const options = { ownIdentities: { domains: ['maisonlumiere.fr'], signatures: [] }, sharedAddresses: [], now: 10_000, newId: () => `id-${++ids}` };
const id = (raw: string, kind: 'email' | 'phone' | 'handle', network?: 'x' | 'instagram') => normaliseIdentifier(raw, kind, { network })!;

async function see(db: ContinuumDb, identifiers: ReturnType<typeof id>[], tool: string, text: string, conversationKey: string) {
  const state = await loadSlice(db, identifiers.map((i) => i.key));
  const result = resolveSighting(state, { identifiers, tool }, options);
  await saveChanges(db, result.changes);
  await appendEvents(db, await messageEvents(result.subject!, { tool, channel: tool, conversationKey }, [{ direction: 'inbound', text, time: '2026-11-20T08:00:00Z' }], 10_000));
  return result;
}

describe('identity store', () => {
  test('the same phone seen in two tools links one customer whose timeline has both', async () => {
    const db = freshDb();
    const helpdesk = await see(db, [id('elodie@laposte.net', 'email'), id('06 12 34 56 78', 'phone')], 'helpdesk', 'Ma lampe est cassée', 'desk-1');
    const social = await see(db, [id('@elodie.lum', 'handle', 'instagram'), id('+33 6 12 34 56 78', 'phone')], 'instagram', 'Toujours pas de nouvelles', 'ig-1');
    expect(social.customerId).toBe(helpdesk.customerId);
    const state = await loadSlice(db, ['handle:instagram:@elodie.lum']);
    const timeline = await loadTimeline(db, state, helpdesk.customerId!);
    expect(timeline.map((e) => e.tool).sort()).toEqual(['helpdesk', 'instagram']);
    expect(customerView(state, helpdesk.customerId!)?.identifiers.map((i) => i.key)).toContain('handle:instagram:@elodie.lum');
  });

  test('a merge and its undo are stored, and each side gets its own history back', async () => {
    const db = freshDb();
    const a = await see(db, [id('karim@orange.fr', 'email')], 'helpdesk', 'Garantie ?', 'desk-2');
    const b = await see(db, [id('@karim_b', 'handle', 'x')], 'x', 'Any update on my lamp?', 'x-1');
    let state = await loadSlice(db, [], [a.customerId!, b.customerId!]);
    const merged = merge(state, a.customerId!, b.customerId!, { actor: 'agent', reason: 'same person', now: 11_000, newId: () => 'merge-1' });
    await saveChanges(db, merged.changes);
    state = await loadSlice(db, [], [b.customerId!]);
    expect((await loadTimeline(db, state, a.customerId!)).length).toBe(2);

    const undone = undoMerge(state, 'merge-1', { actor: 'agent', reason: 'not the same', now: 12_000 });
    await saveChanges(db, undone.changes);
    state = await loadSlice(db, [], [a.customerId!, b.customerId!]);
    expect((await loadTimeline(db, state, a.customerId!)).map((e) => e.tool)).toEqual(['helpdesk']);
    expect((await loadTimeline(db, state, b.customerId!)).map((e) => e.tool)).toEqual(['x']);
    expect((await db.audit.toArray()).map((entry) => entry.action)).toEqual(expect.arrayContaining(['merge', 'undo-merge']));
  });

  test('reading the same page twice adds no event', async () => {
    const db = freshDb();
    await see(db, [id('zoe@free.fr', 'email')], 'helpdesk', 'Bonjour', 'desk-3');
    await see(db, [id('zoe@free.fr', 'email')], 'helpdesk', 'Bonjour', 'desk-3');
    expect(await db.events.count()).toBe(1);
    expect(await db.customers.count()).toBe(1);
  });
});

describe('commitments', () => {
  test('a promise in an agent message becomes an open commitment with a due date, found again on re-read', async () => {
    const { commitmentEvents } = await import('../../../src/storage/timeline-store');
    const subject = { customerId: 'c1' };
    const place = { tool: 'helpdesk', channel: 'email', conversationKey: 'desk-9' };
    const messages = await messageEvents(subject, place, [
      { direction: 'inbound', text: 'Ma suspension clignote, est-elle garantie ?', time: '2026-11-21T17:40:00Z' },
      { direction: 'outbound', text: 'Oui. Nous vous envoyons une pièce de rechange d’ici vendredi.', time: '2026-11-22T08:05:00Z' },
    ], 10_000);
    const first = commitmentEvents(messages, 'fr');
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ type: 'commitment', status: 'open', text: 'Nous vous envoyons une pièce de rechange d’ici vendredi.' });
    // Sunday 22 November 2026 → due by the end of Friday 27 November, Paris time.
    expect(new Date(first[0]!.dueAt).toISOString()).toBe('2026-11-27T22:59:59.999Z');
    expect(commitmentEvents(messages, 'fr').map((c) => c.id)).toEqual(first.map((c) => c.id));
  });
});

describe('message events', () => {
  test('keep the channel the app names for a message, else the page channel', async () => {
    const events = await messageEvents({ customerId: 'c1' }, { tool: 'zendesk', channel: 'web', conversationKey: 'zendesk:ticket:1' }, [
      { direction: 'inbound', text: 'Par e-mail', channel: 'email', time: '2026-11-20T08:00:00Z' },
      { direction: 'inbound', text: 'Par le chat', time: '2026-11-20T09:00:00Z' },
    ], 10_000);
    expect(events.map((e) => e.channel)).toEqual(['email', 'web']);
  });
});
