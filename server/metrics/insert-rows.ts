import type { Queryable } from '../db/types.ts';
import { storableJson } from './nul-escape.ts';

const CHUNK = 5000;

/**
 * Multi-row insert of a team's rows as one JSON array per chunk (a fixed number of statements
 * whatever the row count, and no limit on bind parameters). Strings are NUL-escaped (nul-escape.ts). `rows` are value arrays in `columns` order.
 */
export async function insertRows(tx: Queryable, table: string, teamId: string, columns: string[], types: string[], rows: unknown[][], onConflict = ''): Promise<void> {
  const spec = columns.map((c, i) => `${c} ${types[i]}`).join(', ');
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK).map((values) => Object.fromEntries(columns.map((c, i) => [c, values[i]])));
    await tx.query(
      `INSERT INTO ${table} (team_id, ${columns.join(', ')})
       SELECT $1, ${columns.map((c) => `r.${c}`).join(', ')} FROM jsonb_to_recordset($2::jsonb) AS r(${spec}) ${onConflict}`,
      [teamId, storableJson(chunk)],
    );
  }
}
