/**
 * A real team hub (server/, embedded PGlite in memory) on a random port, and extension "browsers"
 * (a ContinuumDb each, as the background holds it) paired with it through /v1/pair.
 */
import { afterAll, beforeAll } from 'vitest';
import { openPglite } from '../../../../server/db/pglite';
import type { Database } from '../../../../server/db/types';
import { startHub, type RunningHub } from '../../../../server/start';
import { createTestTeam, type TestTeam } from '../../../server/support/hub';
export type { TestTeam };
import { ContinuumDb } from '../../../../src/storage/db';
import { pairWithHub } from '../../../../src/background/sync/pairing';
import { createSyncEngine } from '../../../../src/background/sync/engine';
import { SYNCED_TABLES, type SyncedTable } from '../../../../src/storage/outbox';
import { customerOf, eventOf } from '../../../../src/storage/rows';

export interface TestHub {
  db: Database;
  running: RunningHub;
  url: string;
  team: TestTeam;
  /** Another team on the same hub (tests that need a blank history). */
  newTeam(name: string): Promise<TestTeam>;
  /** Stops the HTTP server (the database stays), as a hub going down. */
  down(): Promise<void>;
  /** Serves again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startPgliteHub(teamName = 'Maison Lumière'): Promise<TestHub> {
  const db = await openPglite();
  let running = await startHub({ db, port: 0, pingMs: 60_000 });
  const port = Number(new URL(running.url).port);
  const team = await createTestTeam(db, running.url, teamName);
  const hub: TestHub = {
    db,
    running,
    url: running.url,
    team,
    newTeam: (name) => createTestTeam(db, hub.url, name),
    down: () => running.close(),
    async up() {
      running = await startHub({ db, port, pingMs: 60_000 });
      hub.running = running;
    },
    async close() {
      await running.close().catch(() => undefined);
      await db.close();
    },
  };
  return hub;
}

/** One hub for a whole test file, started before its tests and closed after them. */
export function hubForFile(): { readonly hub: TestHub } {
  const env = {} as { hub: TestHub };
  beforeAll(async () => {
    env.hub = await startPgliteHub();
  }, 60_000);
  afterAll(async () => {
    await env.hub?.close();
  });
  return env;
}

let browsers = 0;
/** `prepare` runs before the database opens (to add a test middleware). */
export async function pairedBrowser(hub: TestHub, prepare?: (db: ContinuumDb) => void, team = hub.team): Promise<ContinuumDb> {
  const db = new ContinuumDb(`continuum-sync-${++browsers}-${Math.random()}`);
  prepare?.(db);
  const invite = await team.admin.post('/v1/invites', { role: 'agent' });
  await pairWithHub(db, { hubUrl: hub.url, inviteCode: invite.body.code, deviceName: `browser ${browsers}` });
  return db;
}

/** A background that lives until the next "kill": a fresh engine, nothing in memory carried over. */
export function lifeOf(db: ContinuumDb, doFetch?: typeof fetch) {
  return createSyncEngine({ db, fetch: doFetch, reconnectDelays: [50] });
}

/** Each team record of a browser, as the team shares it (local index fields stripped). */
export async function teamRecords(db: ContinuumDb): Promise<Record<SyncedTable, Record<string, unknown>>> {
  const entries = await Promise.all(
    (Object.keys(SYNCED_TABLES) as SyncedTable[]).map(async (table) => {
      const rows = await db.table(table).toArray();
      const key = db.table(table).schema.primKey.keyPath as string;
      const shared = rows.map((row) => (table === 'customers' ? customerOf(row) : table === 'events' ? eventOf(row) : row));
      return [table, Object.fromEntries(shared.map((row) => [(row as Record<string, string>)[key], row]))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<SyncedTable, Record<string, unknown>>;
}

export type Cut = 'before-send' | 'in-flight' | 'answer-lost';

/**
 * fetch that "stops the worker" once, at the first request to `path`: before it leaves, while
 * the hub works on it (the answer is never read), or after the hub answered (the answer is lost).
 */
export function cuttingFetch(path: string, cut: Cut) {
  let armed = true;
  const inFlight: Promise<unknown>[] = [];
  const doFetch: typeof fetch = async (input, init) => {
    if (!armed || !String(input).includes(path)) return fetch(input, init);
    armed = false;
    if (cut === 'before-send') throw new TypeError('Failed to fetch (worker stopped before sending)');
    const sent = fetch(input, init).then((response) => response.text());
    inFlight.push(sent.catch(() => undefined));
    if (cut === 'in-flight') throw new TypeError('Failed to fetch (worker stopped mid-request)');
    await sent;
    throw new TypeError('Failed to fetch (worker stopped before reading the answer)');
  };
  return { fetch: doFetch, settled: () => Promise.all(inFlight), get fired() { return !armed; } };
}

/** fetch that records every push answer (to see the hub say "duplicate"). */
export function recordingFetch() {
  const statuses: string[] = [];
  const doFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    if (String(input).includes('/v1/sync/push')) {
      const body = (await response.clone().json()) as { results?: { status: string }[] };
      statuses.push(...(body.results ?? []).map((r) => r.status));
    }
    return response;
  };
  return { fetch: doFetch, statuses };
}

/**
 * Makes the browser's IndexedDB fail the `nth` write to `table` once, as a worker stopped while
 * applying: the transaction aborts and commits nothing. Call before the database opens.
 */
export function crashOnWrite(db: ContinuumDb, table: string, nth: number) {
  let count = 0;
  let armed = false;
  db.use({
    stack: 'dbcore',
    name: 'test-crash',
    create(down) {
      return {
        ...down,
        table(name) {
          const inner = down.table(name);
          if (name !== table) return inner;
          return {
            ...inner,
            mutate(req) {
              if (armed && ++count === nth) {
                armed = false;
                return Promise.reject(new Error('worker stopped while applying'));
              }
              return inner.mutate(req);
            },
          };
        },
      };
    },
  });
  return {
    arm() {
      armed = true;
      count = 0;
    },
    get fired() {
      return !armed && count >= nth;
    },
  };
}
