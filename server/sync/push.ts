import { z } from 'zod';
import { audit } from '../audit.ts';
import type { AuthContext } from '../auth/roles.ts';
import { atLeast } from '../auth/roles.ts';
import type { Database, Queryable } from '../db/types.ts';
import { HubErrorCode } from '../http/errors.ts';
import { erasedReferences } from '../privacy/erased.ts';
import { jsonProblem, unstorableText } from './json-safety.ts';
import { APPEND_ONLY_TABLES, checkHubRecord, isAgentTable, isHubTable } from './tables.ts';

export const MAX_OPS = 500;
export const MAX_PUSH_BYTES = 2 * 1024 * 1024;
export const MAX_RECORD_BYTES = 256 * 1024;

/**
 * The envelope only needs every op to carry a valid op id (to answer for it); the rest of each op is
 * checked on its own so one bad op is rejected while the others apply.
 */
export const PushBodySchema = z.object({
  ops: z.array(z.looseObject({ opId: z.uuid() })).max(MAX_OPS),
});

const storableString = (max: number) =>
  z.string().min(1).max(max).refine((s) => !unstorableText(s) && !/[\u0000-\u001f\u007f]/.test(s), 'Control characters are not allowed');

const OpSchema = z.object({
  opId: z.uuid(),
  table: storableString(64),
  id: storableString(256),
  data: z.record(z.string(), z.unknown()).optional(),
  deleted: z.boolean().optional(),
});

export type OpStatus = 'applied' | 'duplicate' | 'rejected';
export interface OpResult {
  opId: string;
  status: OpStatus;
  code?: string;
  message?: string;
  /** `E_ERASED`: the erased customers the op names, with those erased along with them. */
  customerIds?: string[];
}

export interface ReadyOp {
  opId: string;
  table: string;
  id: string;
  data: unknown;
  deleted: boolean;
}

/** Checks one op without touching the database: shape, table, role, size and the hub's own models. */
function prepare(raw: unknown, auth: AuthContext): ReadyOp | OpResult {
  const opId = (raw as { opId: string }).opId;
  const reject = (code: string, message: string): OpResult => ({ opId, status: 'rejected', code, message });
  const parsed = OpSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return reject(HubErrorCode.Validation, `Invalid op${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  const op = parsed.data;
  const hubTable = isHubTable(op.table);
  if (!hubTable && !isAgentTable(op.table)) return reject(HubErrorCode.UnknownTable, `Unknown table "${op.table}"`);
  if (hubTable && !atLeast(auth.role, 'lead')) return reject(HubErrorCode.ForbiddenTable, `Only leads and admins publish to "${op.table}"`);
  const deleted = op.deleted === true;
  if (deleted) {
    if (APPEND_ONLY_TABLES.has(op.table)) return reject(HubErrorCode.AppendOnly, `"${op.table}" is append-only: records are never deleted by a push`);
    return { opId, table: op.table, id: op.id, data: null, deleted };
  }
  if (!op.data) return reject(HubErrorCode.Validation, 'data is required unless deleted is true');
  const problem = jsonProblem(op.data);
  if (problem) return reject(HubErrorCode.Validation, problem);
  if (Buffer.byteLength(JSON.stringify(op.data)) > MAX_RECORD_BYTES) return reject(HubErrorCode.TooLarge, `A record's data is limited to ${MAX_RECORD_BYTES} bytes`);
  if (!hubTable) return { opId, table: op.table, id: op.id, data: op.data, deleted };
  const checked = checkHubRecord(op.table, op.id, op.data, { name: auth.memberName });
  if (!checked.ok) return reject(HubErrorCode.Validation, checked.message);
  return { opId, table: op.table, id: op.id, data: checked.data, deleted };
}

export interface PushOutcome {
  results: OpResult[];
  /** The team's sequence number after this push. */
  cursor: number;
  /** True when this push committed at least one change (live clients must hear of it). */
  changed: boolean;
}

/**
 * Runs `apply` in one transaction holding the team's row lock, then advances the team's sequence
 * and notifies the other instances. Under the lock no other write of this team runs, so sequence
 * numbers are assigned gaplessly and in commit order, and `apply` may decide from what it reads.
 */
export async function commitBatch<T extends { seq: number }>(
  db: Database,
  teamId: string,
  notifyChannel: string,
  apply: (tx: Queryable, startSeq: number) => Promise<T>,
): Promise<T & { changed: boolean }> {
  return db.transaction(async (tx) => {
    const [team] = await tx.query<{ last_seq: number }>('SELECT last_seq FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
    const startSeq = Number(team!.last_seq);
    const outcome = await apply(tx, startSeq);
    if (outcome.seq > startSeq) {
      await tx.query('UPDATE teams SET last_seq = $2 WHERE id = $1', [teamId, outcome.seq]);
      // Delivered to other hub instances only if the transaction commits.
      await tx.query('SELECT pg_notify($1, $2)', [notifyChannel, `${teamId}:${outcome.seq}`]);
    }
    return { ...outcome, changed: outcome.seq > startSeq };
  });
}

/**
 * Applies a member's batch; each applied op id is recorded in the same transaction, so a replay
 * (the answer was lost, the worker died) is answered "duplicate" and changes nothing.
 */
export async function push(db: Database, auth: AuthContext, rawOps: unknown[], notifyChannel: string): Promise<PushOutcome> {
  const prepared = rawOps.map((raw) => prepare(raw, auth));
  const outcome = await commitBatch(db, auth.teamId, notifyChannel, (tx, startSeq) => applyOps(tx, auth, prepared, startSeq));
  return { results: outcome.results, cursor: outcome.seq, changed: outcome.changed };
}

/**
 * Decides a batch in memory (duplicates, append-only records, the last write of each record) and
 * writes it with a fixed number of statements, whatever its size. Must run under the team lock.
 */
export async function applyOps(tx: Queryable, auth: Pick<AuthContext, 'teamId' | 'memberId'>, prepared: Array<ReadyOp | OpResult>, startSeq: number) {
  const ready = prepared.filter((p): p is ReadyOp => 'table' in p);
  const seen = await appliedOpIds(tx, auth.teamId, ready);
  const existing = await existingAppendOnly(tx, auth.teamId, ready);
  const erased = await erasedReferences(tx, auth.teamId, ready);
  let seq = startSeq;
  const recorded: string[] = [];
  /** The last write of each record in this batch, with the sequence number of that write. */
  const writes = new Map<string, ReadyOp & { seq: number }>();
  const published: Array<{ op: ReadyOp; seq: number }> = [];
  const results = prepared.map((op): OpResult => {
    if (!('table' in op)) return op;
    if (seen.has(op.opId)) return { opId: op.opId, status: 'duplicate' };
    const customerIds = erased.get(op.opId);
    if (customerIds) return { opId: op.opId, status: 'rejected', code: HubErrorCode.Erased, message: 'This customer was erased from the hub: drop your copy', customerIds };
    seen.add(op.opId);
    recorded.push(op.opId);
    const key = `${op.table}\u0000${op.id}`;
    if (APPEND_ONLY_TABLES.has(op.table)) {
      if (existing.has(key)) return { opId: op.opId, status: 'duplicate', code: HubErrorCode.AppendOnly, message: 'This event exists already; the first write wins' };
      existing.add(key);
    }
    seq += 1;
    writes.set(key, { ...op, seq });
    if (isHubTable(op.table)) published.push({ op, seq });
    return { opId: op.opId, status: 'applied' };
  });
  if (writes.size) {
    await writeRecords(tx, auth, [...writes.values()]);
    await indexIdentifiers(tx, auth.teamId, [...writes.values()].filter((w) => w.table === 'customers'));
  }
  if (recorded.length) {
    await tx.query('INSERT INTO applied_ops (team_id, op_id) SELECT $1, unnest($2::text[])', [auth.teamId, recorded]);
  }
  for (const { op, seq: at } of published) {
    await audit(tx, { teamId: auth.teamId, memberId: auth.memberId, action: op.deleted ? 'publish.delete' : 'publish', target: `${op.table}/${op.id}`, detail: { seq: at } });
  }
  return { results, seq };
}

/**
 * Keeps `identifier_owners` (identifier key → customer) in step with the customers records, so
 * ingested events find the customer agents already know. A key two customers hold (before the
 * agents' graph merges them) points to the last one written.
 */
async function indexIdentifiers(tx: Queryable, teamId: string, customers: ReadyOp[]) {
  if (!customers.length) return;
  await tx.query('DELETE FROM identifier_owners WHERE team_id = $1 AND customer_id = ANY($2::text[])', [teamId, customers.map((c) => c.id)]);
  const owned = new Map<string, string>();
  for (const customer of customers) {
    const identifiers = customer.deleted ? [] : (customer.data as { identifiers?: unknown }).identifiers;
    if (!Array.isArray(identifiers)) continue;
    for (const identifier of identifiers) {
      const key = (identifier as { key?: unknown } | null)?.key;
      if (typeof key === 'string' && key.length <= 512) owned.set(key, customer.id);
    }
  }
  if (!owned.size) return;
  await tx.query(
    `INSERT INTO identifier_owners (team_id, key, customer_id) SELECT $1, k, c FROM unnest($2::text[], $3::text[]) AS t(k, c)
     ON CONFLICT (team_id, key) DO UPDATE SET customer_id = EXCLUDED.customer_id`,
    [teamId, [...owned.keys()], [...owned.values()]],
  );
}

async function appliedOpIds(tx: Queryable, teamId: string, ops: ReadyOp[]): Promise<Set<string>> {
  if (!ops.length) return new Set();
  const rows = await tx.query<{ op_id: string }>('SELECT op_id FROM applied_ops WHERE team_id = $1 AND op_id = ANY($2::text[])', [teamId, ops.map((op) => op.opId)]);
  return new Set(rows.map((r) => r.op_id));
}

/** Keys (`table NUL id`) of the batch's append-only records that the hub holds already. */
async function existingAppendOnly(tx: Queryable, teamId: string, ops: ReadyOp[]): Promise<Set<string>> {
  const appendOnly = ops.filter((op) => APPEND_ONLY_TABLES.has(op.table));
  if (!appendOnly.length) return new Set();
  const rows = await tx.query<{ table_name: string; id: string }>(
    `SELECT r.table_name, r.id FROM records r
       JOIN unnest($2::text[], $3::text[]) AS k(t, i) ON r.table_name = k.t AND r.id = k.i
      WHERE r.team_id = $1`,
    [teamId, appendOnly.map((op) => op.table), appendOnly.map((op) => op.id)],
  );
  return new Set(rows.map((r) => `${r.table_name}\u0000${r.id}`));
}

/** Upserts the batch's records in one statement (the rows arrive as one JSON array). */
async function writeRecords(tx: Queryable, auth: Pick<AuthContext, 'teamId' | 'memberId'>, writes: Array<ReadyOp & { seq: number }>): Promise<void> {
  const rows = writes.map((w) => ({ t: w.table, i: w.id, d: w.data, x: w.deleted, s: w.seq }));
  await tx.query(
    `INSERT INTO records (team_id, table_name, id, data, deleted, seq, updated_by, updated_at)
     SELECT $1, r.t, r.i, CASE WHEN r.x THEN NULL ELSE r.d END, r.x, r.s, $3, now()
       FROM jsonb_to_recordset($2::jsonb) AS r(t text, i text, d jsonb, x boolean, s bigint)
     ON CONFLICT (team_id, table_name, id) DO UPDATE
       SET data = EXCLUDED.data, deleted = EXCLUDED.deleted, seq = EXCLUDED.seq, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
    [auth.teamId, JSON.stringify(rows), auth.memberId],
  );
}
