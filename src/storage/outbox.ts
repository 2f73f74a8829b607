/**
 * The outbox: every local write to a synced table is also written, in the same IndexedDB
 * transaction, as an op for the team hub. It happens once, here, as a Dexie DBCore middleware
 * (the way Dexie Cloud tracks its mutations): repositories write their tables as usual and cannot
 * forget the outbox, and a transaction that fails leaves neither the record nor its op.
 *
 * Not recorded:
 * - writes before the agent pairs with a hub (`setOutboxCapture`; pairing backfills what exists);
 * - changes applied from the hub (`withoutOutbox`), which would otherwise echo back forever;
 * - deletions of events and conversations: this browser only deletes those to apply its
 *   retention period, which must never delete them for the whole team;
 * - schema upgrades.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware, Table } from 'dexie';
import { v7 as uuidv7 } from 'uuid';
import type { ContinuumDb, CustomerRow, EventRow } from './db';
import { customerOf, eventOf } from './rows';

export type SyncedTable = 'customers' | 'events' | 'merges' | 'splits' | 'dismissed' | 'conversations' | 'feedback';

export interface OutboxEntry {
  /** Local order: ops are pushed oldest first. */
  seq?: number;
  /** UUIDv7, the hub's idempotency key. */
  opId: string;
  table: SyncedTable;
  id: string;
  data: unknown;
  deleted: boolean;
  createdAt: number;
}

/** An op the hub refused (or a remote change that failed validation): kept for the agent, never retried. */
export interface RejectedOp extends Omit<OutboxEntry, 'seq'> {
  source: 'push' | 'pull';
  code: string;
  message: string;
  at: number;
}

/** A hub-owned record (brand guide, template, promotion, adapter, kill switch). */
export interface PublishedRecord {
  table: string;
  id: string;
  data: unknown;
  seq: number;
  at: number;
}

export interface SyncStateRow {
  key: string;
  value: unknown;
}

interface TablePolicy {
  /** False: local deletions are housekeeping (retention) and stay in this browser. */
  pushDeletes: boolean;
  /** The record as the team shares it, without the fields only local indexes need. */
  toData(row: unknown): unknown;
}

const asIs = (row: unknown) => row;
export const SYNCED_TABLES: Record<SyncedTable, TablePolicy> = {
  customers: { pushDeletes: true, toData: (row) => customerOf(row as CustomerRow) },
  events: { pushDeletes: false, toData: (row) => eventOf(row as EventRow) },
  merges: { pushDeletes: true, toData: asIs },
  splits: { pushDeletes: true, toData: asIs },
  dismissed: { pushDeletes: true, toData: asIs },
  conversations: { pushDeletes: false, toData: asIs },
  // Suggestion, template and promotion signals for the team's metrics: pushed, never pulled back.
  feedback: { pushDeletes: false, toData: asIs },
};

const OUTBOX = 'outbox';
const STATE = 'syncState';
const CAPTURE_KEY = 'capture';

const isSynced = (name: string): name is SyncedTable => Object.hasOwn(SYNCED_TABLES, name);

/** Transactions that apply the hub's changes: their writes are not ops of this browser. */
const fromHub = new WeakSet<object>();
const captureOf = new WeakMap<object, Promise<boolean>>();
const writeListeners = new Set<() => void>();

/** Called after ops are queued (before the commit: listeners should debounce). */
export function onOutboxWrite(listener: () => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function captureOn(down: DBCore, trans: DBCoreTransaction): Promise<boolean> {
  let on = captureOf.get(trans);
  if (!on) {
    on = down
      .table(STATE)
      .get({ trans, key: CAPTURE_KEY })
      .then((row: SyncStateRow | undefined) => row?.value === true);
    captureOf.set(trans, on);
  }
  return on;
}

function opsOf(name: SyncedTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse, rangeKeys: unknown[], now: number): OutboxEntry[] {
  const policy = SYNCED_TABLES[name];
  const op = (id: unknown, data: unknown, deleted: boolean): OutboxEntry => ({ opId: uuidv7(), table: name, id: String(id), data, deleted, createdAt: now });
  const ok = (index: number) => !res.failures[index];
  switch (req.type) {
    case 'add':
    case 'put':
      return req.values.flatMap((value, i) => (ok(i) ? [op(res.results?.[i] ?? req.keys?.[i], policy.toData(value), false)] : []));
    case 'delete':
      return req.keys.flatMap((key, i) => (ok(i) ? [op(key, null, true)] : []));
    case 'deleteRange':
      return rangeKeys.map((key) => op(key, null, true));
  }
}

async function recordMutation(down: DBCore, table: DBCoreTable, name: SyncedTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const trans = req.trans as DBCoreTransaction & { mode?: string };
  const isDelete = req.type === 'delete' || req.type === 'deleteRange';
  if (trans.mode === 'versionchange' || fromHub.has(trans) || (isDelete && !SYNCED_TABLES[name].pushDeletes)) return table.mutate(req);
  if (!(await captureOn(down, trans))) return table.mutate(req);
  // A range delete names no keys: read them first, to push one tombstone each.
  const rangeKeys =
    req.type === 'deleteRange' ? (await table.query({ trans, query: { index: table.schema.primaryKey, range: req.range }, values: false })).result : [];
  const res = await table.mutate(req);
  const ops = opsOf(name, req, res, rangeKeys, Date.now());
  if (ops.length) {
    await down.table(OUTBOX).mutate({ trans, type: 'add', values: ops });
    for (const listener of writeListeners) listener();
  }
  return res;
}

export const outboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'continuum-outbox',
  create(down) {
    return {
      ...down,
      // A write transaction on a synced table also covers the outbox, so both commit or neither.
      transaction(stores, mode, options) {
        const widen = mode === 'readwrite' && stores.some(isSynced);
        return down.transaction(widen ? [...new Set([...stores, OUTBOX, STATE])] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (!isSynced(name)) return table;
        return { ...table, mutate: (req) => recordMutation(down, table, name, req) };
      },
    };
  },
};

/** Runs `fn` in a write transaction whose changes to synced tables are not queued for the hub. */
export function withoutOutbox<T>(db: ContinuumDb, tables: Table[], fn: () => Promise<T>): Promise<T> {
  // An async callback: Dexie then keeps the transaction across the native awaits inside `fn`.
  return db.transaction('rw', tables, async (tx) => {
    fromHub.add(tx.idbtrans);
    return await fn();
  });
}

export async function setOutboxCapture(db: ContinuumDb, on: boolean): Promise<void> {
  await db.syncState.put({ key: CAPTURE_KEY, value: on });
}

/** Queues every record already stored (at pairing: what this browser knew before joins the team). */
export async function enqueueExisting(db: ContinuumDb, chunk = 1000, now = Date.now()): Promise<number> {
  let total = 0;
  for (const name of Object.keys(SYNCED_TABLES) as SyncedTable[]) {
    const table = db.table(name);
    const key = table.schema.primKey.keyPath as string;
    let after: unknown;
    for (;;) {
      const rows = await (after === undefined ? table.orderBy(':id') : table.where(':id').above(after)).limit(chunk).toArray();
      if (!rows.length) break;
      const ops = rows.map((row: Record<string, unknown>) => ({
        opId: uuidv7(),
        table: name,
        id: String(row[key]),
        data: SYNCED_TABLES[name].toData(row),
        deleted: false,
        createdAt: now,
      }));
      await db.outbox.bulkAdd(ops);
      total += ops.length;
      after = (rows.at(-1) as Record<string, unknown>)[key];
    }
  }
  return total;
}

export function pendingOps(db: ContinuumDb, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.orderBy('seq').limit(limit).toArray();
}

/** Whether this browser still has unsent changes to the record (a remote version must not overwrite them). */
/** The latest write of this record still waiting in the outbox, if any. */
export async function latestPendingOp(db: ContinuumDb, table: string, id: string): Promise<OutboxEntry | undefined> {
  return db.outbox.where('[table+id]').equals([table, id]).last();
}

export interface PushOutcome {
  opId: string;
  status: 'applied' | 'duplicate' | 'rejected';
  code?: string;
  message?: string;
}

/**
 * Settles ops the hub answered: accepted ones leave the outbox, refused ones move to `rejected`
 * (never retried). Ops without an answer stay, to be pushed again.
 */
export async function settleOps(db: ContinuumDb, outcomes: readonly PushOutcome[], now = Date.now()): Promise<{ accepted: number; rejected: number }> {
  return db.transaction('rw', db.outbox, db.rejected, async () => {
    const entries = await db.outbox.where('opId').anyOf(outcomes.map((o) => o.opId)).toArray();
    const byOp = new Map(entries.map((entry) => [entry.opId, entry]));
    const refused: RejectedOp[] = [];
    for (const outcome of outcomes) {
      const entry = byOp.get(outcome.opId);
      if (!entry || outcome.status !== 'rejected') continue;
      const { seq: _seq, ...op } = entry;
      refused.push({ ...op, source: 'push', code: outcome.code ?? 'E_REJECTED', message: outcome.message ?? '', at: now });
    }
    await db.rejected.bulkPut(refused);
    await db.outbox.bulkDelete(entries.map((entry) => entry.seq!));
    return { accepted: entries.length - refused.length, rejected: refused.length };
  });
}
