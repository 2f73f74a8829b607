import { normaliseIdentifier } from '../../src/core/identity/identifier.ts';
import { sha256 } from '../auth/secrets.ts';
import type { Queryable } from '../db/types.ts';
import { AGENT_TABLES } from '../sync/tables.ts';

/** A stored record of an agent table (customers, events, merges…), as export and erase see it. */
export interface CustomerRecord {
  table: string;
  id: string;
  seq: number;
  data: unknown;
  updated_by: string | null;
  updated_at: Date;
}

export interface CustomerScope {
  /** The customer ids that are this person: the holders of the key and every customer merged with them. */
  customerIds: string[];
  /** Their strong identifier keys (what their events were recorded through). */
  identifierKeys: string[];
  /** Every live agent-table record of the team that belongs to or names one of them. */
  records: CustomerRecord[];
}

/** `email:Marie@Orange.fr` → `email:marie@orange.fr`; other kinds are taken as given. */
export function normaliseKey(key: string): string {
  const match = /^(email|phone):(.+)$/.exec(key.trim());
  if (!match) return key.trim();
  const identifier = normaliseIdentifier(match[2]!, match[1] as 'email' | 'phone', { defaultRegion: 'FR' });
  return identifier ? identifier.key : key.trim();
}

/**
 * How the audit log names an identifier key: `sha256:` + SHA-256 of `<team id>:<normalised key>`.
 * The log then holds no e-mail or phone number (it outlives an erasure), yet a lead who knows the
 * key can still find its entries; the team id keeps one person's entries apart across teams.
 */
export function keyDigest(teamId: string, key: string): string {
  return `sha256:${sha256(`${teamId}:${key}`)}`;
}

/**
 * Finds everything the team's hub holds about the person behind `key`, in one team only. Merges
 * that are not undone join customers into one person; splits and dismissed suggestions are
 * records *about* them but do not widen the person (a split-off customer is someone else).
 */
export async function customerScope(db: Queryable, teamId: string, rawKey: string): Promise<CustomerScope> {
  const key = normaliseKey(rawKey);
  const holders = await db.query<{ id: string }>(
    `SELECT id FROM records WHERE team_id = $1 AND table_name = 'customers' AND NOT deleted
        AND (id IN (SELECT customer_id FROM identifier_owners WHERE team_id = $1 AND key = $2)
             OR data @> jsonb_build_object('identifiers', jsonb_build_array(jsonb_build_object('key', $2::text))))`,
    [teamId, key],
  );
  const ids = new Set(holders.map((h) => h.id));
  if (!ids.size) return { customerIds: [], identifierKeys: [], records: [] };
  // Closure over active merges: the survivor and every customer it absorbed are one person.
  for (let size = 0; size !== ids.size; ) {
    size = ids.size;
    const merges = await db.query<{ a: string; b: string }>(
      `SELECT data->>'survivorId' AS a, data->>'absorbedId' AS b FROM records
        WHERE team_id = $1 AND table_name = 'merges' AND NOT deleted AND data->'undone' IS NULL
          AND (data->>'survivorId' = ANY($2::text[]) OR data->>'absorbedId' = ANY($2::text[]))`,
      [teamId, [...ids]],
    );
    for (const m of merges) for (const id of [m.a, m.b]) if (id) ids.add(id);
  }
  const customerIds = [...ids];
  const customers = await db.query<{ data: { identifiers?: Array<{ key?: unknown; strength?: unknown }> } }>(
    `SELECT data FROM records WHERE team_id = $1 AND table_name = 'customers' AND NOT deleted AND id = ANY($2::text[])`,
    [teamId, customerIds],
  );
  const keys = new Set([key]);
  for (const c of customers) {
    for (const identifier of c.data?.identifiers ?? []) if (typeof identifier.key === 'string' && identifier.strength === 'strong') keys.add(identifier.key);
  }
  const identifierKeys = [...keys];
  // Any string value in a record equal to one of their ids or strong keys ties the record to them
  // (event subjects, merge and split sides, conversations, notes, feedback refs).
  const records = await db.query<CustomerRecord>(
    `SELECT table_name AS table, id, seq, data, updated_by, updated_at FROM records
      WHERE team_id = $1 AND NOT deleted AND table_name = ANY($4::text[])
        AND ((table_name = 'customers' AND id = ANY($2::text[]))
          OR (table_name = 'dismissed' AND (split_part(id, '|', 1) = ANY($2::text[]) OR split_part(id, '|', 2) = ANY($2::text[])))
          OR (table_name <> 'customers' AND jsonb_path_exists(data, 'lax $.** ? (@ == $v[*])', jsonb_build_object('v', to_jsonb($3::text[])))))
      ORDER BY seq`,
    [teamId, customerIds, [...customerIds, ...identifierKeys], [...AGENT_TABLES]],
  );
  return { customerIds, identifierKeys, records: records.map((r) => ({ ...r, seq: Number(r.seq) })) };
}

/**
 * Replaces records by tombstones (no data left) with new sequence numbers after `startSeq`, so
 * every agent's next pull deletes them. Must run under the team lock (commitBatch).
 */
export async function tombstone(tx: Queryable, teamId: string, memberId: string | null, records: Array<{ table: string; id: string }>, startSeq: number): Promise<number> {
  if (!records.length) return startSeq;
  await tx.query(
    `UPDATE records r SET data = NULL, deleted = true, seq = t.s, updated_by = $2, updated_at = now()
       FROM unnest($3::text[], $4::text[], $5::bigint[]) AS t(tn, i, s)
      WHERE r.team_id = $1 AND r.table_name = t.tn AND r.id = t.i`,
    [teamId, memberId, records.map((r) => r.table), records.map((r) => r.id), records.map((_, i) => startSeq + i + 1)],
  );
  return startSeq + records.length;
}

/** Counts per table, for answers and audit entries (never the data). */
export function countByTable(records: Array<{ table: string }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of records) counts[r.table] = (counts[r.table] ?? 0) + 1;
  return counts;
}
