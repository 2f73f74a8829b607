/**
 * Retention: timeline events older than the team's retention period are deleted, with the
 * conversations last seen before it. Customers and the audit log stay (the audit is the record
 * of who did what; a customer without events is harmless and keeps identities linked).
 */
import type { ContinuumDb } from './db';

const MONTH_MS = 30.44 * 86_400_000;

export interface PurgeResult {
  events: number;
  conversations: number;
}

/** `months` 0 keeps everything. */
export async function purgeOlderThan(db: ContinuumDb, months: number, now = Date.now()): Promise<PurgeResult> {
  if (months <= 0) return { events: 0, conversations: 0 };
  const cutoff = now - months * MONTH_MS;
  return db.transaction('rw', db.events, db.conversations, async () => ({
    events: await db.events.where('at').below(cutoff).delete(),
    conversations: await db.conversations.where('lastSeenAt').below(cutoff).delete(),
  }));
}

/** Names storage failures the agent can act on (a full disk), instead of a bare exception. */
export function isQuotaError(error: unknown): boolean {
  const names = [(error as { name?: string })?.name, (error as { inner?: { name?: string } })?.inner?.name];
  return names.includes('QuotaExceededError');
}
