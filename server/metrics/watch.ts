import type { Database } from '../db/types.ts';
import { catchUp } from './facts.ts';

/**
 * Folds new records into the metric facts right after each commit: every write of a team
 * notifies `${teamId}:${seq}` on the hub's channel. One run per team at a time; a notification
 * during a run schedules one more. Metrics routes also catch up before answering, so a missed
 * notification only delays the work until the next read. Resolves to the function that stops it.
 */
export async function watchMetricFacts(db: Database, channel: string): Promise<() => Promise<void>> {
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let stopped = false;
  const run = (teamId: string) => {
    if (stopped) return;
    if (running.has(teamId)) {
      again.add(teamId);
      return;
    }
    const done = catchUp(db, teamId)
      .catch((error: unknown) => {
        if (!stopped) console.warn(`metrics: catch-up of team ${teamId} failed, retried on the next write or read`, error);
      })
      .then(() => {
        running.delete(teamId);
        if (again.delete(teamId)) run(teamId);
      });
    running.set(teamId, done);
  };
  const unlisten = await db.listen(channel, (payload) => {
    const teamId = payload.slice(0, payload.lastIndexOf(':'));
    if (teamId) run(teamId);
  });
  return async () => {
    stopped = true;
    await unlisten();
    await Promise.all(running.values());
  };
}
