import { customerReferences } from '../../src/core/identity/references.ts';
import type { Queryable } from '../db/types.ts';
import { isAgentTable } from '../sync/tables.ts';

/**
 * The hub remembers which customer ids each erasure removed (migration 61), and nothing else about
 * them. A browser that was offline during the erasure still holds the customer and may push
 * writes about them afterwards; those ops are refused (`E_ERASED`), so the customer never comes
 * back. A person who contacts the team again later is a new customer, with a new id.
 */
export async function rememberErasure(tx: Queryable, teamId: string, erasureId: string, customerIds: readonly string[]): Promise<void> {
  await tx.query(
    `INSERT INTO erased_customers (team_id, customer_id, erasure_id) SELECT $1, unnest($2::text[]), $3
     ON CONFLICT (team_id, customer_id) DO NOTHING`,
    [teamId, customerIds, erasureId],
  );
}

interface WriteOp {
  opId: string;
  table: string;
  id: string;
  data: unknown;
  deleted: boolean;
}

/**
 * For each op that would recreate or change a record about an erased customer (named as export and
 * erase find them: src/core/identity/references.ts): every customer id of the erasures it touches,
 * so the browser can drop the whole person (merged customers were erased together). Tombstones
 * pass: they cannot bring anything back. At most two queries, whatever the batch size.
 */
export async function erasedReferences(tx: Queryable, teamId: string, ops: readonly WriteOp[]): Promise<Map<string, string[]>> {
  const writes = ops.filter((op) => !op.deleted && isAgentTable(op.table));
  if (!writes.length) return new Map();
  // Most teams never erase anyone: one cheap look before matching every string of the batch.
  if (!(await tx.query('SELECT 1 FROM erased_customers WHERE team_id = $1 LIMIT 1', [teamId])).length) return new Map();
  const refs = new Map(writes.map((op) => [op.opId, customerReferences(op.table, op.id, op.data)]));
  const candidates = [...new Set([...refs.values()].flat())];
  const rows = await tx.query<{ hit: string; id: string }>(
    `SELECT hit.customer_id AS hit, e.customer_id AS id FROM erased_customers hit
       JOIN erased_customers e ON e.team_id = hit.team_id AND e.erasure_id = hit.erasure_id
      WHERE hit.team_id = $1 AND hit.customer_id = ANY($2::text[])`,
    [teamId, candidates],
  );
  if (!rows.length) return new Map();
  const erasedWith = new Map<string, string[]>();
  for (const row of rows) erasedWith.set(row.hit, [...(erasedWith.get(row.hit) ?? []), row.id]);
  const refused = new Map<string, string[]>();
  for (const [opId, ids] of refs) {
    const erased = new Set(ids.flatMap((id) => erasedWith.get(id) ?? []));
    if (erased.size) refused.set(opId, [...erased].sort());
  }
  return refused;
}
