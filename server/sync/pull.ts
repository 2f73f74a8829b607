import type { Queryable } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';

export interface Change {
  seq: number;
  table: string;
  id: string;
  data: unknown;
  deleted: boolean;
  by?: string;
  at: string;
}

interface RecordRow {
  seq: number;
  table_name: string;
  id: string;
  data: unknown;
  deleted: boolean;
  updated_by: string | null;
  updated_at: Date;
}

export function toChange(row: RecordRow): Change {
  const change: Change = {
    seq: Number(row.seq),
    table: row.table_name,
    id: row.id,
    data: row.deleted ? null : row.data,
    deleted: row.deleted,
    at: new Date(row.updated_at).toISOString(),
  };
  if (row.updated_by) change.by = row.updated_by;
  return change;
}

/** Reads a team's records changed after `after` (by sequence), at most `limit`, oldest first. */
export async function readChanges(db: Queryable, teamId: string, after: number, limit: number, upTo?: number): Promise<Change[]> {
  const rows = await db.query<RecordRow>(
    `SELECT seq, table_name, id, data, deleted, updated_by, updated_at FROM records
      WHERE team_id = $1 AND seq > $2 ${upTo === undefined ? '' : 'AND seq <= $4'}
      ORDER BY seq LIMIT $3`,
    upTo === undefined ? [teamId, after, limit] : [teamId, after, limit, upTo],
  );
  return rows.map(toChange);
}

/**
 * One page of changes after `cursor`. The returned cursor is the last sequence read, never the
 * team's head: a write committing between two reads can only carry a higher sequence (seq is
 * assigned under the team row lock), so nothing is skipped.
 */
export async function pull(db: Queryable, teamId: string, cursor: number, limit: number) {
  const [team] = await db.query<{ last_seq: number }>('SELECT last_seq FROM teams WHERE id = $1', [teamId]);
  if (cursor > Number(team!.last_seq)) {
    throw new HubError(409, HubErrorCode.CursorAhead, 'The cursor is ahead of this hub (restored from a backup?): pull again from 0');
  }
  const rows = await readChanges(db, teamId, cursor, limit + 1);
  const more = rows.length > limit;
  const changes = more ? rows.slice(0, limit) : rows;
  return { changes, cursor: changes.at(-1)?.seq ?? cursor, more };
}
