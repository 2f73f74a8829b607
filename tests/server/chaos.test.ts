/**
 * Chaos: 5 extension clients (the real outbox, push, pull and apply code over fake-indexeddb)
 * write CHAOS_OPS operations each (default 10,000) through a proxy that drops, duplicates,
 * reorders and delays a fifth of the requests, with clocks skewed up to ±24 h. Once settled
 * (outboxes empty, every client pulled to the hub's head): nothing lost, nothing applied twice,
 * and the same state hash on every client and the hub.
 */
import './support/chaos-env';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { getCursor } from '../../src/background/sync/sync-state';
import { type Backend, createBackend } from './support/backends.ts';
import { type ChaosProxy, startChaosProxy } from './support/chaos-proxy.ts';
import { HOUR, type ChaosClient, chaosClient, clientState, hubState, stateHash, writeBatch } from './support/chaos-clients.ts';
import { type TestTeam, createTestTeam, startTestHub } from './support/hub.ts';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { mulberry32 } from '../corpora/random.ts';

const OPS = Number(process.env.CHAOS_OPS ?? 10_000);
const CLIENTS = 5;
const SKEWS = [-24 * HOUR, -11 * HOUR, 0, 9 * HOUR, 24 * HOUR];
/** A failing run replays with CHAOS_SEED. */
const SEED = Number(process.env.CHAOS_SEED ?? 20261123);

let backend: Backend;
let db: Database;
let hub: RunningHub;
let team: TestTeam;
let proxy: ChaosProxy;

beforeAll(async () => {
  backend = await createBackend('postgres');
  db = await backend.open();
  hub = await startTestHub(db);
  team = await createTestTeam(db, hub.url, 'Chaos');
  proxy = await startChaosProxy(hub.url, { random: mulberry32(SEED) });
});

afterAll(async () => {
  await proxy?.close();
  await hub?.close();
  await backend?.dispose();
});

const hubHead = async () => Number((await db.query<{ last_seq: string }>('SELECT last_seq FROM teams WHERE id = $1', [team.id]))[0]!.last_seq);

/** One client's morning: batches of writes, each followed by a sync that runs while the next batch is written. */
async function work(client: ChaosClient, random: () => number): Promise<void> {
  let syncing: Promise<unknown> = Promise.resolve();
  while (client.ops < OPS) {
    await writeBatch(client, Math.min(OPS - client.ops, 20 + Math.floor(random() * 180)), random);
    await syncing;
    syncing = client.engine.sync();
  }
  await syncing;
}

/** Syncs every client until all outboxes are empty and every cursor is at the hub's head. */
async function settle(clients: ChaosClient[]): Promise<number> {
  for (let round = 1; round <= 200; round++) {
    await Promise.all(clients.map((client) => client.engine.sync()));
    await proxy.drain();
    const head = await hubHead();
    const states = await Promise.all(clients.map(async ({ db: local }) => ({ pending: await local.outbox.count(), cursor: await getCursor(local) })));
    if (states.every((s) => s.pending === 0 && s.cursor === head)) return round;
  }
  throw new Error('the clients did not settle in 200 rounds');
}

test(`${CLIENTS} clients × ${OPS} ops through a lossy, duplicating, reordering proxy converge`, { timeout: 900_000 }, async () => {
  const started = performance.now();
  const clients: ChaosClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const invite = await team.admin.post('/v1/invites', { role: 'agent' });
    clients.push(await chaosClient(`agent-${i}`, proxy.url, invite.body.code, SKEWS[i]!));
  }
  proxy.enabled = true;
  const random = mulberry32(SEED + 1);
  await Promise.all(clients.map((client) => work(client, random)));
  const wrote = performance.now();
  const rounds = await settle(clients);
  const settled = performance.now();

  const totalOps = clients.reduce((sum, client) => sum + client.ops, 0);
  const totalEvents = clients.reduce((sum, client) => sum + client.events, 0);
  // 0 duplicated: the hub applied each op exactly once; its sequence moved once per op (gapless).
  const [applied] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applied_ops WHERE team_id = $1', [team.id]);
  expect(applied!.n).toBe(totalOps);
  expect(await hubHead()).toBe(totalOps);
  // Nothing refused, nothing set aside: every op was accepted by the hub and every change applied.
  for (const client of clients) expect(await client.db.rejected.count()).toBe(0);

  // 0 lost: every event exists once, and each record only one client writes ends as it last wrote it.
  const hub = await hubState(db, team.id);
  expect([...hub.keys()].filter((key) => key.startsWith('events/')).length).toBe(totalEvents);
  for (const client of clients) {
    for (const [key, last] of client.own) expect(hub.get(key) ?? null, `${client.name} ${key}`).toEqual(last);
  }

  // Identical state everywhere.
  const hubHash = stateHash(hub);
  const hashes = await Promise.all(clients.map(async (client) => stateHash(await clientState(client.db))));
  expect(hashes).toEqual(clients.map(() => hubHash));

  const faults = proxy.stats;
  console.log(
    `chaos: ${CLIENTS} clients × ${OPS} ops (${totalOps} ops, ${totalEvents} events, ${hub.size} live records) — ` +
      `writes+sync ${((wrote - started) / 1000).toFixed(1)} s, settle ${((settled - wrote) / 1000).toFixed(1)} s in ${rounds} round(s); ` +
      `proxy ${faults.requests} requests, ${faults.faulty} faulty (drop-before ${faults['drop-before']}, drop-after ${faults['drop-after']}, ` +
      `duplicate ${faults.duplicate}, reorder ${faults.reorder}, delay ${faults.delay}); state hash ${hubHash.slice(0, 12)} on the hub and all ${CLIENTS} clients`,
  );
  expect(faults.faulty).toBeGreaterThan(0);
  await Promise.all(clients.map((client) => client.engine.stop()));
});
