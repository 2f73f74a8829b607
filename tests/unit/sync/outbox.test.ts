import { afterEach, describe, expect, test } from 'vitest';
import { ContinuumDb } from '../../../src/storage/db';
import { enqueueExisting, setOutboxCapture, settleOps, withoutOutbox } from '../../../src/storage/outbox';
import { loadSlice, saveChanges } from '../../../src/storage/identity-store';
import { appendEvents, messageEvents } from '../../../src/storage/timeline-store';
import { purgeOlderThan } from '../../../src/storage/retention';
import { resolveSighting } from '../../../src/core/identity/graph';
import { normaliseIdentifier } from '../../../src/core/identity/identifier';

const opened: ContinuumDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});
async function freshDb(capture = true) {
  const db = new ContinuumDb(`continuum-outbox-${opened.length}-${Math.random()}`);
  opened.push(db);
  await setOutboxCapture(db, capture);
  return db;
}

let ids = 0;
const options = { ownIdentities: { domains: [], signatures: [] }, sharedAddresses: [], now: 10_000, newId: () => `id-${++ids}` };

async function see(db: ContinuumDb, email: string, text: string) {
  const identifiers = [normaliseIdentifier(email, 'email')!];
  const result = resolveSighting(await loadSlice(db, identifiers.map((i) => i.key)), { identifiers, tool: 'helpdesk' }, options);
  await saveChanges(db, result.changes);
  const events = await messageEvents(result.subject!, { tool: 'helpdesk', channel: 'email', conversationKey: 'c1' }, [{ direction: 'inbound', text }], 10_000);
  await appendEvents(db, events);
  return { customerId: result.customerId!, eventId: events[0]!.id };
}

describe('outbox', () => {
  test('a customer and an event written by the stores each get one op, in write order, without local index fields', async () => {
    const db = await freshDb();
    const { customerId, eventId } = await see(db, 'elodie@laposte.net', 'Ma lampe est cassée');
    const ops = await db.outbox.orderBy('seq').toArray();
    expect(ops.map((op) => [op.table, op.id, op.deleted])).toEqual([
      ['customers', customerId, false],
      ['events', eventId, false],
    ]);
    expect(ops[0]!.data).toEqual({ id: customerId, createdAt: 10_000, identifiers: expect.any(Array) });
    expect(ops[1]!.data).not.toHaveProperty('dedupeKey');
    expect(ops[1]!.data).toMatchObject({ id: eventId, text: 'Ma lampe est cassée', subject: { customerId } });
    expect(new Set(ops.map((op) => op.opId)).size).toBe(2);
  });

  test('a transaction that fails leaves neither the record nor its op', async () => {
    const db = await freshDb();
    await expect(
      db.transaction('rw', db.customers, async () => {
        await db.customers.put({ id: 'c-1', createdAt: 1, identifiers: [], keys: [], updatedAt: 1 });
        throw new Error('the worker died here');
      }),
    ).rejects.toThrow('the worker died here');
    expect(await db.customers.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // A bulk write with a failing row: each stored row has its op, the failed one has none.
    await db.events.add({ id: 'e-1' } as never);
    await expect(db.events.bulkAdd([{ id: 'e-2' }, { id: 'e-1' }, { id: 'e-3' }] as never)).rejects.toThrow();
    expect((await db.events.toArray()).map((e) => e.id)).toEqual(['e-1', 'e-2', 'e-3']);
    expect((await db.outbox.orderBy('seq').toArray()).map((op) => op.id)).toEqual(['e-1', 'e-2', 'e-3']);
  });

  test('nothing is recorded before pairing, nor for changes applied from the hub', async () => {
    const unpaired = await freshDb(false);
    await see(unpaired, 'marie.dupont@orange.fr', 'hello');
    expect(await unpaired.customers.count()).toBe(1);
    expect(await unpaired.outbox.count()).toBe(0);

    const paired = await freshDb();
    await withoutOutbox(paired, [paired.customers], () => paired.customers.put({ id: 'remote', createdAt: 1, identifiers: [], keys: [], updatedAt: 1 }));
    expect(await paired.customers.get('remote')).toBeDefined();
    expect(await paired.outbox.count()).toBe(0);
  });

  test('deleting a customer is a tombstone; the retention purge of events stays local', async () => {
    const db = await freshDb();
    await see(db, 'ancien.client@wanadoo.fr', 'ancient');
    await db.outbox.clear();
    await db.customers.where('id').above('').delete();
    expect(await purgeOlderThan(db, 1, 10_000 + 365 * 86_400_000)).toMatchObject({ events: 1 });
    const ops = await db.outbox.toArray();
    expect(ops.map((op) => [op.table, op.deleted, op.data])).toEqual([['customers', true, null]]);
  });

  test('pairing queues what the browser already knew, once per record', async () => {
    const db = await freshDb(false);
    await see(db, 'marie.dupont@orange.fr', 'one');
    await see(db, 'jules.martin@free.fr', 'two');
    await setOutboxCapture(db, true);
    expect(await enqueueExisting(db, 1)).toBe(4);
    const ops = await db.outbox.toArray();
    expect(ops.filter((op) => op.table === 'customers')).toHaveLength(2);
    expect(ops.filter((op) => op.table === 'events')).toHaveLength(2);
    expect(ops.filter((op) => op.table === 'conversations')).toHaveLength(0);
  });

  test('settled ops leave the outbox; refused ones are set aside with their code; unanswered ones stay', async () => {
    const db = await freshDb();
    await see(db, 'marie.dupont@orange.fr', 'one');
    const [customer, event] = await db.outbox.orderBy('seq').toArray();
    await see(db, 'jules.martin@free.fr', 'two');
    const result = await settleOps(db, [
      { opId: customer!.opId, status: 'applied' },
      { opId: event!.opId, status: 'rejected', code: 'E_VALIDATION', message: 'bad' },
    ]);
    expect(result).toEqual({ accepted: 1, rejected: 1 });
    expect(await db.outbox.count()).toBe(2);
    expect(await db.rejected.toArray()).toEqual([expect.objectContaining({ opId: event!.opId, code: 'E_VALIDATION', source: 'push', table: 'events' })]);
  });
});
