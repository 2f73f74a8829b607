/**
 * Applies the hub's changes to the local store, idempotently: each change carries its hub `seq`,
 * and the changes and the cursor past them commit in one transaction, so a background stopped
 * while applying either applied a page and moved the cursor, or did neither and pulls it again.
 * A change at or below the cursor is skipped; applying one twice gives the same result anyway.
 *
 * - Team records (customers, events…) go to their tables, without entering the outbox.
 *   Events are append-only: the first version stored wins. A record this browser changed and
 *   has not pushed yet keeps the local version: the push that follows wins on the hub and comes
 *   back in a later pull.
 * - Tombstones delete locally (an erasure also drops unsent local ops on that record).
 * - Hub-owned tables (brand guide, templates, promotions, adapters, kill switches) go to
 *   `published`, keyed by table and id, for the features that read them.
 * - A change whose data fails validation is set aside in `rejected`; the others still apply.
 */
import { z } from 'zod';
import type { ContinuumDb, CustomerRow } from '../../storage/db';
import { latestPendingOp, SYNCED_TABLES, withoutOutbox, type RejectedOp, type SyncedTable } from '../../storage/outbox';
import { customerRow, eventRow } from '../../storage/rows';
import type { Customer } from '../../core/identity/state';
import type { TimelineEvent } from '../../core/timeline/event';
import type { HubChange } from './hub-client';
import { getCursor, setCursor } from './sync-state';

export const HUB_OWNED_TABLES = ['brand-guide', 'templates', 'promotions', 'adapters', 'kill-switches'] as const;
export type HubOwnedTable = (typeof HUB_OWNED_TABLES)[number];

const id = z.string().min(1).max(400);
const time = z.number().finite();
/** What each team table must hold to be stored (extra fields are kept). */
const dataSchemas: Record<PulledTable, z.ZodType> = {
  customers: z.looseObject({ id, createdAt: time, identifiers: z.array(z.looseObject({ key: z.string(), kind: z.string(), value: z.string() })) }),
  events: z.looseObject({
    id,
    type: z.string(),
    at: time,
    tool: z.string(),
    channel: z.string(),
    subject: z.looseObject({ customerId: z.string(), identifierKey: z.string().optional() }),
  }),
  merges: z.looseObject({ id, survivorId: id, absorbedId: id, at: time }),
  splits: z.looseObject({ id, customerId: id, newCustomerId: id, moved: z.array(z.looseObject({ key: z.string(), from: z.string() })), at: time }),
  dismissed: z.looseObject({ pair: id, at: time }),
  conversations: z.looseObject({ key: id, customerId: z.string(), pageUrl: z.string(), lastSeenAt: time }),
};
/** The primary key field of each team table: the change's id is authoritative. */
const keyField: Record<PulledTable, string> = { customers: 'id', events: 'id', merges: 'id', splits: 'id', dismissed: 'pair', conversations: 'key' };

/** Feedback only goes up (for the hub's metrics): colleagues' signals are not kept here. */
type PulledTable = Exclude<SyncedTable, 'feedback'>;
const isTeamTable = (table: string): table is PulledTable => Object.hasOwn(dataSchemas, table);
const isHubOwned = (table: string): table is HubOwnedTable => (HUB_OWNED_TABLES as readonly string[]).includes(table);

export interface ApplyResult {
  applied: number;
  skipped: number;
  rejected: number;
  /**
   * Changes to a record this browser has not pushed its own write of yet. Applying them would
   * overwrite the local write; skipping them would lose the hub's version if the hub already has
   * ours (an answer lost on the way). So the cursor stops before the first one: after the push,
   * the next pull reads it again and applies what the hub holds.
   */
  held: number;
  cursor: number;
  /** Hub-owned tables that changed, for the features that read them. */
  published: Set<HubOwnedTable>;
  /** False when `after` was set and the cursor had not reached it (a change may be missing). */
  contiguous: boolean;
}

export interface ApplyOptions {
  /**
   * The live channel's previous position: nothing exists between it and these changes (docs/api.md),
   * so they apply when the cursor has reached it; otherwise something was missed and the caller pulls.
   */
  after?: number;
  now?: number;
}

export async function applyChanges(db: ContinuumDb, changes: readonly HubChange[], cursorAfter: number, options: ApplyOptions = {}): Promise<ApplyResult> {
  const now = options.now ?? Date.now();
  const tables = [db.customers, db.events, db.merges, db.splits, db.dismissed, db.conversations, db.published, db.rejected, db.outbox, db.syncState];
  return withoutOutbox(db, tables, async () => {
    const cursor = await getCursor(db);
    const result: ApplyResult = { applied: 0, skipped: 0, rejected: 0, held: 0, cursor, published: new Set(), contiguous: true };
    if (options.after !== undefined && cursor < options.after) return { ...result, contiguous: false };
    const linked = new Set<string>();
    let reached = cursor;
    for (const change of changes) {
      if (change.seq <= cursor) {
        result.skipped++;
        continue;
      }
      const outcome = await applyOne(db, change, linked, now);
      result[outcome]++;
      if (outcome === 'held') break;
      reached = Math.max(reached, change.seq);
      if (outcome === 'applied' && isHubOwned(change.table)) result.published.add(change.table);
    }
    await markLinked(db, linked);
    result.cursor = result.held ? reached : Math.max(cursor, cursorAfter, ...changes.map((change) => change.seq));
    await setCursor(db, result.cursor);
    return result;
  });
}

type Outcome = 'applied' | 'skipped' | 'rejected' | 'held';

const hubTime = (at: HubChange['at'], fallback: number) => (typeof at === 'number' ? at : at && !Number.isNaN(Date.parse(at)) ? Date.parse(at) : fallback);

async function applyOne(db: ContinuumDb, change: HubChange, linked: Set<string>, now: number): Promise<Outcome> {
  const { table, id: recordId } = change;
  if (isHubOwned(table)) {
    if (change.deleted) await db.published.delete([table, recordId]);
    else await db.published.put({ table, id: recordId, data: change.data, seq: change.seq, at: hubTime(change.at, now) });
    return 'applied';
  }
  // Tables this browser does not keep (feedback, other clients' kinds): nothing to do.
  if (!isTeamTable(table)) return 'skipped';
  if (change.deleted) {
    await db.table(table).delete(recordId);
    await db.outbox.where('[table+id]').equals([table, recordId]).delete();
    return 'applied';
  }
  const parsed = dataSchemas[table].safeParse(change.data);
  if (!parsed.success) {
    await setAside(db, change, parsed.error.issues[0]?.path.join('.') ?? '', now);
    return 'rejected';
  }
  const pending = await latestPendingOp(db, table, recordId);
  // The hub echoing our own latest write (its answer not back yet) is no conflict: nothing to hold.
  if (pending) return !change.deleted === !pending.deleted && sameJson(pending.data, change.data) ? 'skipped' : 'held';
  const data = { ...(parsed.data as Record<string, unknown>), [keyField[table]]: recordId };
  switch (table) {
    case 'customers': {
      const previous = await db.customers.get(recordId);
      const row: CustomerRow = customerRow(data as unknown as Customer, now);
      if (previous?.linked) row.linked = true;
      else linked.add(recordId);
      await db.customers.put(row);
      break;
    }
    case 'events':
      // Append-only: the first version stored wins.
      if (!(await db.events.get(recordId))) await db.events.add(eventRow(data as unknown as TimelineEvent));
      break;
    case 'merges':
      linked.add(data.survivorId as string).add(data.absorbedId as string);
      await db.merges.put(data as never);
      break;
    case 'splits':
      linked.add(data.customerId as string).add(data.newCustomerId as string);
      await db.splits.put(data as never);
      break;
    default:
      await db.table(table).put(data);
  }
  return 'applied';
}

/**
 * Customers taking part in a merge or split carry `linked` (the identity store only follows
 * merge records for those). A customer may arrive before or after its merge: both orders end linked.
 */
async function markLinked(db: ContinuumDb, candidates: Set<string>): Promise<void> {
  if (!candidates.size) return;
  const ids = [...candidates];
  const [survived, absorbed, splitFrom, splitTo] = await Promise.all([
    db.merges.where('survivorId').anyOf(ids).toArray(),
    db.merges.where('absorbedId').anyOf(ids).toArray(),
    db.splits.where('customerId').anyOf(ids).toArray(),
    db.splits.where('newCustomerId').anyOf(ids).toArray(),
  ]);
  const referenced = new Set([
    ...survived.map((merge) => merge.survivorId),
    ...absorbed.map((merge) => merge.absorbedId),
    ...splitFrom.map((split) => split.customerId),
    ...splitTo.map((split) => split.newCustomerId),
  ]);
  const rows = (await db.customers.bulkGet(ids.filter((candidate) => referenced.has(candidate)))).filter(
    (row): row is CustomerRow => row !== undefined && !row.linked,
  );
  if (rows.length) await db.customers.bulkPut(rows.map((row) => ({ ...row, linked: true as const })));
}

async function setAside(db: ContinuumDb, change: HubChange, path: string, now: number): Promise<void> {
  const entry: RejectedOp = {
    opId: `pull:${change.seq}`,
    table: change.table as SyncedTable,
    id: change.id,
    data: change.data,
    deleted: change.deleted,
    createdAt: now,
    source: 'pull',
    code: 'E_SYNC_INVALID_RECORD',
    message: `Invalid ${change.table} record from the hub${path ? ` (${path})` : ''}`,
    at: now,
  };
  await db.rejected.put(entry);
}

/** Equal as JSON whatever the key order (the hub stores records as jsonb, which reorders keys). */
function sameJson(a: unknown, b: unknown): boolean {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
        : value;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}
