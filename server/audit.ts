import { v7 as uuidv7 } from 'uuid';
import type { Database, Queryable } from './db/types.ts';

/** Appends one line to the team's audit log, in the caller's transaction when given one. */
export async function audit(
  db: Queryable,
  entry: { teamId: string; memberId: string | null; action: string; target?: string; detail?: Record<string, unknown> },
): Promise<void> {
  await db.query('INSERT INTO audit (team_id, id, member_id, action, target, detail) VALUES ($1, $2, $3, $4, $5, $6::jsonb)', [
    entry.teamId,
    uuidv7(),
    entry.memberId,
    entry.action,
    entry.target ?? null,
    entry.detail ? JSON.stringify(entry.detail) : null,
  ]);
}

/**
 * Revokes one active row of a team's revocable table (invites, API keys) and audits it, in one
 * transaction. False when the team has no such active row.
 */
export async function revokeAudited(
  db: Database,
  entry: { table: 'invites' | 'api_keys'; teamId: string; id: string; memberId: string; action: string },
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const rows = await tx.query(`UPDATE ${entry.table} SET revoked_at = now() WHERE team_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`, [entry.teamId, entry.id]);
    if (rows.length) await audit(tx, { teamId: entry.teamId, memberId: entry.memberId, action: entry.action, target: entry.id });
    return rows.length > 0;
  });
}
