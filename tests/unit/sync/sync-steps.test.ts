/**
 * The background stopped at each step of a sync, against the real hub: 0 lost, 0 duplicated.
 * "Stopped" means the request is cut (before it leaves, while the hub works, after the hub
 * answered) or the IndexedDB transaction applying a pull aborts; the next life starts a fresh
 * engine with nothing carried over in memory, as a restarted service worker would.
 */
import { describe, expect, test } from 'vitest';
import type { ContinuumDb } from '../../../src/storage/db';
import { getCursor } from '../../../src/background/sync/sync-state';
import { agentMorning } from './support/workload';
import { crashOnWrite, cuttingFetch, lifeOf, pairedBrowser, recordingFetch, hubForFile, teamRecords, type Cut, type TestTeam } from './support/hub-harness';

const env = hubForFile();

/** Every record the hub holds for the team, by table and id, and its head (the admin reads it all). */
async function hubRecords(team: TestTeam): Promise<{ records: Map<string, unknown>; head: number }> {
  const records = new Map<string, unknown>();
  let cursor = 0;
  for (let more = true; more; ) {
    const { body } = await team.admin.get(`/v1/sync/pull?cursor=${cursor}&limit=1000`);
    for (const change of body.changes) records.set(`${change.table}/${change.id}`, change.data);
    cursor = body.cursor;
    more = body.more;
  }
  return { records, head: cursor };
}

/** A writes, syncs with `writerFault`, restarts; B pulls with `readerFault`, restarts. */
let teams = 0;
async function scenario(writerCut: Cut | null, readerFault: 'answer-lost' | 'applying' | null) {
  // A team of its own: its sequence starts at 0 and holds only this scenario's records.
  const team = await env.hub.newTeam(`Team ${++teams}`);
  const writer = await pairedBrowser(env.hub, undefined, team);
  let crash: ReturnType<typeof crashOnWrite> | undefined;
  const reader = await pairedBrowser(env.hub, (db) => (crash = crashOnWrite(db, 'events', 3)), team);
  // Both start level with the team.
  await lifeOf(reader).sync();
  await agentMorning(writer);
  const ops = await writer.outbox.count();
  expect(ops).toBeGreaterThan(10);

  let duplicates = 0;
  if (writerCut) {
    const cut = cuttingFetch('/v1/sync/push', writerCut);
    expect(await lifeOf(writer, cut.fetch).sync()).toMatchObject({ status: 'error', code: 'E_HUB_UNREACHABLE' });
    expect(cut.fired).toBe(true);
    await cut.settled();
    // Nothing was dropped from the outbox without the hub's answer.
    expect(await writer.outbox.count()).toBe(ops);
    const next = recordingFetch();
    expect(await lifeOf(writer, next.fetch).sync()).toMatchObject({ status: 'ok', rejected: 0 });
    duplicates = next.statuses.filter((s) => s === 'duplicate').length;
  } else {
    expect(await lifeOf(writer).sync()).toMatchObject({ status: 'ok', pushed: ops, rejected: 0 });
  }

  if (readerFault === 'answer-lost') {
    const cut = cuttingFetch('/v1/sync/pull', 'answer-lost');
    expect(await lifeOf(reader, cut.fetch).sync()).toMatchObject({ status: 'error' });
    expect(await reader.events.count()).toBe(0);
  } else if (readerFault === 'applying') {
    crash!.arm();
    expect(await lifeOf(reader).sync()).toMatchObject({ status: 'error', code: 'E_INTERNAL' });
    expect(crash!.fired).toBe(true);
    // The aborted page left nothing half-applied: no record and the cursor where it was.
    expect(await reader.customers.count()).toBe(0);
  }
  expect(await lifeOf(reader).sync()).toMatchObject({ status: 'ok' });

  const written = await teamRecords(writer);
  return { team, writer, reader, written, ops, duplicates };
}

async function expectNothingLostOrDuplicated(result: Awaited<ReturnType<typeof scenario>>) {
  const { team, writer, reader, written, ops } = result;
  expect(await writer.outbox.count()).toBe(0);
  expect(await writer.rejected.count()).toBe(0);
  // Each op was applied by the hub exactly once: one sequence number each, no more.
  const { records: onHub, head } = await hubRecords(team);
  expect(head).toBe(ops);
  for (const [table, rows] of Object.entries(written)) {
    for (const [id, data] of Object.entries(rows)) expect(onHub.get(`${table}/${id}`), `${table}/${id} on the hub`).toEqual(data);
  }
  // The other agent has exactly the same records, and its cursor is the hub's head.
  expect(await teamRecords(reader)).toEqual(written);
  expect(await getCursor(reader)).toBe(head);
  const linked = async (db: ContinuumDb) => (await db.customers.toArray()).filter((c) => c.linked).map((c) => c.id).sort();
  expect(await linked(reader)).toEqual(await linked(writer));
}

describe('sync with the background stopped at each step', () => {
  test('before push: the writes wait in the outbox and reach the team on the next wake', async () => {
    const result = await scenario('before-send', null);
    await expectNothingLostOrDuplicated(result);
  });

  test('during push: the op ids make the resent batch apply once', async () => {
    await expectNothingLostOrDuplicated(await scenario('in-flight', null));
  });

  test('after the hub commits, before its answer: the resent batch is answered "duplicate"', async () => {
    const result = await scenario('answer-lost', null);
    expect(result.duplicates).toBe(result.ops);
    await expectNothingLostOrDuplicated(result);
  });

  test('during pull: the lost page is pulled again from the stored cursor', async () => {
    await expectNothingLostOrDuplicated(await scenario(null, 'answer-lost'));
  });

  test('while applying: the aborted page leaves nothing and is applied whole on the next wake', async () => {
    await expectNothingLostOrDuplicated(await scenario(null, 'applying'));
  });
});
