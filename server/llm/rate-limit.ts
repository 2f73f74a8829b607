import type { Queryable } from '../db/types.ts';

/**
 * A token bucket per member, kept in the database so every hub instance shares it: capacity
 * `perMinute` (a burst of that many), refilled at `perMinute / 60` per second. One statement takes
 * a token or takes nothing, so concurrent requests cannot overdraw it.
 */
export async function takeToken(db: Queryable, teamId: string, memberId: string, perMinute: number): Promise<{ ok: true } | { ok: false; retryAfterS: number }> {
  const rate = perMinute / 60;
  const refilled = `LEAST($3::double precision, llm_buckets.tokens + EXTRACT(EPOCH FROM (clock_timestamp() - llm_buckets.at)) * $4::double precision)`;
  const taken = await db.query(
    `INSERT INTO llm_buckets (team_id, member_id, tokens, at) VALUES ($1, $2, $3::double precision - 1, clock_timestamp())
     ON CONFLICT (team_id, member_id) DO UPDATE SET tokens = ${refilled} - 1, at = clock_timestamp()
     WHERE ${refilled} >= 1
     RETURNING tokens`,
    [teamId, memberId, perMinute, rate],
  );
  if (taken.length) return { ok: true };
  const [row] = await db.query<{ tokens: number }>(
    `SELECT ${refilled} AS tokens FROM llm_buckets WHERE team_id = $1 AND member_id = $2`,
    [teamId, memberId, perMinute, rate],
  );
  const missing = 1 - Number(row?.tokens ?? 0);
  return { ok: false, retryAfterS: Math.max(1, Math.ceil(missing / rate)) };
}
