import { audit } from '../audit.ts';
import type { Database } from '../db/types.ts';
import { commitBatch } from '../sync/push.ts';
import { tombstone } from './customer-records.ts';

export const PURGE_INTERVAL_MS = 6 * 3_600_000;
/** Events tombstoned per transaction: a first purge of years of history does not hold the team lock for long. */
const PURGE_BATCH = 5_000;

export async function getRetention(db: Database, teamId: string): Promise<number | null> {
  const [row] = await db.query<{ retention_months: number | null }>('SELECT retention_months FROM team_settings WHERE team_id = $1', [teamId]);
  return row?.retention_months ?? null;
}

export async function setRetention(db: Database, teamId: string, memberId: string, months: number | null): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      `INSERT INTO team_settings (team_id, retention_months, updated_by, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (team_id) DO UPDATE SET retention_months = EXCLUDED.retention_months, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [teamId, months, memberId],
    );
    await audit(tx, { teamId, memberId, action: 'retention.set', target: teamId, detail: { months } });
  });
}

/** The cutoff in epoch ms: `months` calendar months before `now`. */
export function retentionCutoff(months: number, now: number): number {
  const date = new Date(now);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.getTime();
}

export interface PurgeResult {
  teamId: string;
  months: number;
  cutoff: string;
  events: number;
  seq: number;
}

/**
 * Tombstones the team's events older than its retention period (by the event's own time), in
 * batches, and audits the count. Agents delete them on their next pull. Null when no period is set.
 */
export async function purgeTeam(db: Database, teamId: string, notifyChannel: string, now = Date.now(), memberId: string | null = null): Promise<PurgeResult | null> {
  const months = await getRetention(db, teamId);
  if (!months) return null;
  const cutoff = retentionCutoff(months, now);
  let events = 0;
  let seq = 0;
  for (;;) {
    const batch = await commitBatch(db, teamId, notifyChannel, async (tx, startSeq) => {
      const old = await tx.query<{ id: string }>(
        `SELECT id FROM records WHERE team_id = $1 AND table_name = 'events' AND NOT deleted
            AND jsonb_typeof(data->'at') = 'number' AND (data->>'at')::double precision < $2
          ORDER BY seq LIMIT $3`,
        [teamId, cutoff, PURGE_BATCH],
      );
      return { count: old.length, seq: await tombstone(tx, teamId, memberId, old.map((r) => ({ table: 'events', id: r.id })), startSeq) };
    });
    events += batch.count;
    seq = batch.seq;
    if (batch.count < PURGE_BATCH) break;
  }
  const result = { teamId, months, cutoff: new Date(cutoff).toISOString(), events, seq };
  await audit(db, { teamId, memberId, action: 'retention.purge', target: teamId, detail: { months, cutoff: result.cutoff, events } });
  return result;
}

/** Purges every team that has a retention period. */
export async function purgeAll(db: Database, notifyChannel: string, now = Date.now()): Promise<PurgeResult[]> {
  const teams = await db.query<{ team_id: string }>('SELECT team_id FROM team_settings WHERE retention_months IS NOT NULL ORDER BY team_id');
  const results: PurgeResult[] = [];
  for (const { team_id } of teams) {
    const result = await purgeTeam(db, team_id, notifyChannel, now);
    if (result) results.push(result);
  }
  return results;
}

/**
 * Runs the purge at start and every `intervalMs`; `onPurged` hears of each team that changed (to
 * wake its live clients). Resolves nothing: returns the function that stops it (after a running purge).
 */
export function scheduleRetention(db: Database, notifyChannel: string, onPurged: (result: PurgeResult) => void, intervalMs = PURGE_INTERVAL_MS): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  const run = () => {
    if (stopped) return;
    running = running
      .then(() => purgeAll(db, notifyChannel))
      .then((results) => results.filter((r) => r.events > 0).forEach(onPurged))
      .catch((error: unknown) => {
        if (!stopped) console.warn('retention: purge failed, retried at the next interval', error);
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
