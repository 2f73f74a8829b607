/**
 * Extension "browsers" for the chaos test: the real ContinuumDb (outbox middleware, fake-indexeddb)
 * and the real sync engine, writing customers, events, conversations and dismissed suggestions
 * with a skewed clock, and the state hashes compared once everything settled.
 */
import { createHash } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../../server/db/types.ts';
import { createSyncEngine, type SyncEngine } from '../../../src/background/sync/engine';
import { pairWithHub } from '../../../src/background/sync/pairing';
import { ContinuumDb } from '../../../src/storage/db';
import { customerRow, eventRow } from '../../../src/storage/rows';
import { teamRecords } from '../../unit/sync/support/hub-harness';

export const HOUR = 3_600_000;
/** Records every client writes to (concurrent updates of one record). */
const SHARED_CUSTOMERS = Array.from({ length: 20 }, (_, i) => `shared-${i}`);
/**
 * Past this many live customers a client updates rather than creates: fake-indexeddb rewrites a
 * record's index entries with a scan of the whole index, so an ever-growing table would make the
 * run quadratic in a way no real browser is.
 */
const WORKING_SET = 150;

export interface ChaosClient {
  name: string;
  db: ContinuumDb;
  engine: SyncEngine;
  skewMs: number;
  /** Ops written (each is one outbox entry). */
  ops: number;
  events: number;
  /** What this client wrote last to each record only it writes: the hub must end with exactly that. */
  own: Map<string, unknown>;
  /** Its own customers not deleted (events and conversations refer to them). */
  customers: string[];
}

export async function chaosClient(name: string, hubUrl: string, inviteCode: string, skewMs: number): Promise<ChaosClient> {
  const db = new ContinuumDb(`chaos-${name}-${Math.random()}`);
  await pairWithHub(db, { hubUrl, inviteCode, deviceName: name });
  return { name, db, engine: createSyncEngine({ db, reconnectDelays: [50] }), skewMs, ops: 0, events: 0, own: new Map(), customers: [] };
}

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const ownKey = (table: string, id: string) => `${table}/${id}`;

/** Writes `count` ops in one transaction (each a put or delete of one record), as the UI's stores do. */
export async function writeBatch(client: ChaosClient, count: number, random: () => number): Promise<void> {
  const { db } = client;
  const now = () => Date.now() + client.skewMs;
  await db.transaction('rw', [db.customers, db.events, db.conversations, db.dismissed], async () => {
    for (let i = 0; i < count; i++) {
      const roll = random();
      const customerId = client.customers.length ? pick(client.customers, random) : undefined;
      if (roll < 0.3 && customerId) {
        const event = { id: uuidv7(), type: 'note' as const, subject: { customerId }, at: now(), tool: 'continuum', channel: 'note', author: client.name, text: `note ${i}` };
        await db.events.add(eventRow(event));
        client.events++;
      } else if (roll < 0.6 || !customerId) {
        const id = !customerId || (roll < 0.45 && client.customers.length < WORKING_SET) ? uuidv7() : customerId;
        const customer = { id, createdAt: now(), displayName: `${client.name} ${Math.floor(random() * 1e6)}`, identifiers: [{ key: `email:${id}@example.fr`, kind: 'email' as const, value: `${id}@example.fr`, strength: 'strong' as const, firstSeen: now(), source: { tool: 'helpdesk' } }] };
        await db.customers.put(customerRow(customer, now()));
        if (!client.own.get(ownKey('customers', id))) client.customers.push(id);
        client.own.set(ownKey('customers', id), customer);
      } else if (roll < 0.68) {
        await db.customers.delete(customerId);
        client.own.set(ownKey('customers', customerId), null);
        client.customers.splice(client.customers.indexOf(customerId), 1);
      } else if (roll < 0.8) {
        const key = `helpdesk:${client.name}:${Math.floor(random() * 50)}`;
        const conversation = { key, customerId, site: 'https://desk.example', pageUrl: `https://desk.example/t/${key}`, adapter: 'helpdesk', confidence: 0.9, lastSeenAt: now() };
        await db.conversations.put(conversation);
        client.own.set(ownKey('conversations', key), conversation);
      } else if (roll < 0.9) {
        const pair = `${client.name}|${Math.floor(random() * 30)}`;
        if (random() < 0.3) {
          await db.dismissed.delete(pair);
          client.own.set(ownKey('dismissed', pair), null);
        } else {
          const dismissed = { pair, at: now(), actor: client.name, reason: `not the same ${i}` };
          await db.dismissed.put(dismissed);
          client.own.set(ownKey('dismissed', pair), dismissed);
        }
      } else {
        const id = pick(SHARED_CUSTOMERS, random);
        await db.customers.put(customerRow({ id, createdAt: now(), displayName: `${client.name} ${i}`, identifiers: [] }, now()));
      }
      client.ops++;
    }
  });
}

/** The team's records a store holds, as `table/id → data` (what every client and the hub must agree on). */
export type TeamState = Map<string, unknown>;

export async function clientState(db: ContinuumDb): Promise<TeamState> {
  const state: TeamState = new Map();
  for (const [table, rows] of Object.entries(await teamRecords(db))) {
    if (table === 'feedback') continue; // pushed for metrics, never pulled back
    for (const [id, row] of Object.entries(rows)) state.set(ownKey(table, id), row);
  }
  return state;
}

export async function hubState(db: Database, teamId: string): Promise<TeamState> {
  const rows = await db.query<{ table_name: string; id: string; data: unknown }>(
    `SELECT table_name, id, data FROM records WHERE team_id = $1 AND NOT deleted AND table_name <> 'feedback'`,
    [teamId],
  );
  return new Map(rows.map((row) => [ownKey(row.table_name, row.id), row.data]));
}

/** JSON with sorted keys, so equal records hash equally whatever the order of their fields. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function stateHash(state: TeamState): string {
  const hash = createHash('sha256');
  for (const key of [...state.keys()].sort()) hash.update(`${key}\u0000${canonical(state.get(key))}\n`);
  return hash.digest('hex');
}

export { canonical };
