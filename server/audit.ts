import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from './db/types.ts';

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
