/**
 * Facts follow the identity graph. The team's live `merges` and `splits` records give a
 * `CustomerIdentity` (src/core/metrics/identity.ts), kept in `metric_aliases` (customer id or
 * identifier key → the customer it counts as). Events are folded into the facts of their owner
 * under it; when a merge or split record arrives (or changes, or is deleted), the identity is
 * derived again from every live record, and the customers it moves are recomputed from their
 * events, so facts equal a recomputation from scratch with the final identity whatever the order.
 */
import {
  affectedCustomers,
  changedKeys,
  commitmentFacts,
  conversationFacts,
  customerIdentity,
  eventScope,
  ownerOf,
  type CustomerIdentity,
  type MergeLink,
  type SplitMove,
} from '../../src/core/metrics/index.ts';
import type { TimelineEvent } from '../../src/core/timeline/event.ts';
import type { Queryable } from '../db/types.ts';
import { insertCommitmentFacts, insertContactFacts } from './facts.ts';
import { insertRows } from './insert-rows.ts';

const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The team's live merges and splits, as the core reads them (malformed records are ignored). */
async function liveIdentityRecords(tx: Queryable, teamId: string): Promise<{ merges: MergeLink[]; splits: SplitMove[] }> {
  const rows = await tx.query<{ table_name: string; id: string; data: Record<string, any> }>(
    `SELECT table_name, id, data FROM records
      WHERE team_id = $1 AND table_name IN ('merges', 'splits') AND NOT deleted AND data->'undone' IS NULL`,
    [teamId],
  );
  const merges: MergeLink[] = [];
  const splits: SplitMove[] = [];
  for (const { table_name, id, data } of rows) {
    if (!time(data.at)) continue;
    if (table_name === 'merges' && text(data.survivorId) && text(data.absorbedId)) merges.push({ id, survivorId: data.survivorId, absorbedId: data.absorbedId, at: data.at });
    if (table_name === 'splits' && text(data.newCustomerId) && Array.isArray(data.moved)) {
      const keys = data.moved.map((m: { key?: unknown } | null) => m?.key).filter(text);
      splits.push({ id, newCustomerId: data.newCustomerId, keys, at: data.at });
    }
  }
  return { merges, splits };
}

type AliasRow = { kind: 'customer' | 'key'; alias: string; customer_id: string };

function identityOf(rows: readonly AliasRow[]): CustomerIdentity {
  const identity: CustomerIdentity = { customers: new Map(), keys: new Map() };
  for (const row of rows) identity[row.kind === 'customer' ? 'customers' : 'keys'].set(row.alias, row.customer_id);
  return identity;
}

/** The stored identity, limited to these customer ids and keys (what a batch of events needs). */
export async function storedIdentity(tx: Queryable, teamId: string, customerIds: readonly string[], keys: readonly string[]): Promise<CustomerIdentity> {
  const rows = await tx.query<AliasRow>(
    `SELECT kind, alias, customer_id FROM metric_aliases
      WHERE team_id = $1 AND ((kind = 'customer' AND alias = ANY($2::text[])) OR (kind = 'key' AND alias = ANY($3::text[])))`,
    [teamId, customerIds, keys],
  );
  return identityOf(rows);
}

/** The owner of each of these events under the stored identity. */
export async function ownersOf(tx: Queryable, teamId: string, events: readonly TimelineEvent[]) {
  const customerIds = [...new Set(events.map((e) => e.subject.customerId))];
  const keys = [...new Set(events.map((e) => e.subject.identifierKey).filter(text))];
  return ownerOf(await storedIdentity(tx, teamId, customerIds, keys));
}

/**
 * Derives the identity again from the live records; when it changed, stores it and recomputes
 * the facts of every customer it moved. Returns those customers.
 */
export async function applyIdentity(tx: Queryable, teamId: string, isEvent: (data: unknown) => data is TimelineEvent): Promise<string[]> {
  const { merges, splits } = await liveIdentityRecords(tx, teamId);
  const after = customerIdentity(merges, splits);
  const before = identityOf(await tx.query<AliasRow>('SELECT kind, alias, customer_id FROM metric_aliases WHERE team_id = $1', [teamId]));
  const keys = changedKeys(before, after);
  const recordedFor = new Map<string, string[]>();
  if (keys.length) {
    const rows = await tx.query<{ key: string; customer_id: string }>(
      `SELECT DISTINCT data->'subject'->>'identifierKey' AS key, data->'subject'->>'customerId' AS customer_id FROM records
        WHERE team_id = $1 AND table_name = 'events' AND data->'subject' ? 'identifierKey' AND data->'subject'->>'identifierKey' = ANY($2::text[])`,
      [teamId, keys],
    );
    for (const row of rows) recordedFor.set(row.key, [...(recordedFor.get(row.key) ?? []), row.customer_id]);
  }
  const affected = affectedCustomers(before, after, (key) => recordedFor.get(key) ?? []);
  if (!affected.size) return [];
  await tx.query('DELETE FROM metric_aliases WHERE team_id = $1', [teamId]);
  const aliasRows = [...[...after.customers].map(([alias, id]) => ['customer', alias, id]), ...[...after.keys].map(([alias, id]) => ['key', alias, id])];
  await insertRows(tx, 'metric_aliases', teamId, ['kind', 'alias', 'customer_id'], ['text', 'text', 'text'], aliasRows);
  await recomputeCustomers(tx, teamId, after, affected, isEvent);
  return [...affected];
}

/** Replaces the contact, inbound and commitment rows of `customers` by facts of their events under `identity`. */
async function recomputeCustomers(tx: Queryable, teamId: string, identity: CustomerIdentity, customers: ReadonlySet<string>, isEvent: (data: unknown) => data is TimelineEvent) {
  const scope = eventScope(identity, customers);
  // The two lookups match the expression indexes of migration 91.
  const rows = await tx.query<{ data: unknown }>(
    `SELECT data FROM records WHERE team_id = $1 AND table_name = 'events' AND NOT deleted AND data->'subject'->>'customerId' = ANY($2::text[])
     UNION ALL
     SELECT data FROM records WHERE team_id = $1 AND table_name = 'events' AND NOT deleted AND data->'subject' ? 'identifierKey' AND data->'subject'->>'identifierKey' = ANY($3::text[])`,
    [teamId, scope.customerIds, scope.keys],
  );
  const customerOf = ownerOf(identity);
  const events = rows.map((r) => r.data).filter(isEvent).filter((e) => customers.has(customerOf(e)));
  const ids = [...customers];
  for (const table of ['metric_contacts', 'metric_inbound', 'metric_commitments']) await tx.query(`DELETE FROM ${table} WHERE team_id = $1 AND customer_id = ANY($2::text[])`, [teamId, ids]);
  await insertContactFacts(tx, teamId, conversationFacts(events, { customerOf }));
  const promises = new Map<string, TimelineEvent[]>();
  for (const event of events) if (event.type !== 'message') promises.set(customerOf(event), [...(promises.get(customerOf(event)) ?? []), event]);
  await insertCommitmentFacts(tx, teamId, [...promises].map(([customerId, own]) => [customerId, commitmentFacts(own, { customerOf })] as const));
}
