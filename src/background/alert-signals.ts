/**
 * Alerts the sidebar raised, for the team's metrics: one `alert` record per triggering reply or
 * thread, however often the view is shown, not again after the service worker restarts nor after
 * the customer is merged with another (each record keeps a hashed key of what raised it, indexed
 * in the `feedback` store). The caller records only views an agent can see (sidebar-hub.ts).
 * Records hold ids, kinds and times only.
 */
import { v7 as uuidv7 } from 'uuid';
import type { Place } from '../core/timeline/event';
import type { TimelineAlert } from '../core/timeline/alerts';
import { db, type ContinuumDb } from '../storage/db';
import { getPairing } from './sync/sync-state';

export interface AlertRecord {
  id: string;
  /** The alert's type: `answered-elsewhere`, `waiting-elsewhere`, `repeat-contact`. */
  kind: TimelineAlert['type'];
  signal: 'alert';
  /** SHA-256 of what raised it (see `alertKey`): the same alert is recorded once. */
  alertKey: string;
  customerId: string;
  at: number;
  agent?: string;
  /** Where the agent was when it was raised: the tool and channel of the conversation on screen. */
  tool?: string;
  channel?: string;
}

export interface AlertScope {
  customerId: string;
  tool?: string;
  channel?: string;
}

const placeKey = (place: Place | undefined) => (place ? `${place.tool}\u0000${place.conversationKey ?? place.channel}` : '');

/**
 * What raised the alert: the reply given elsewhere; the thread waiting and since when (answered
 * then waiting again is a new alert); the latest thread that made it a repeat contact (the
 * customer coming back once more on a new thread is a new alert). Not the customer's id, which
 * changes when they are merged with another, except for a thread no conversation names (calls
 * or visits on a channel), which only the customer tells apart from another's.
 */
export function alertKey(alert: TimelineAlert, customerId: string): string {
  switch (alert.type) {
    case 'answered-elsewhere':
      return [alert.type, alert.reply.id].join('\u0000');
    case 'waiting-elsewhere':
      return [alert.type, placeKey(alert.thread), alert.waitingSince].join('\u0000');
    case 'repeat-contact': {
      const latest = alert.threads.at(-1);
      return [alert.type, placeKey(latest), latest?.conversationKey ? '' : customerId].join('\u0000');
    }
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// Keys known to be recorded, so a view rebuilt on every change does not query the store each time.
const recorded = new Set<string>();
let queue: Promise<unknown> = Promise.resolve();

async function isRecorded(database: ContinuumDb, key: string): Promise<boolean> {
  if (recorded.has(key)) return true;
  const found = await database.feedback.where('alertKey').equals(key).count();
  if (found) recorded.add(key);
  return found > 0;
}

/** Records the alerts not recorded yet; returns the new records. One call at a time. */
export function raiseAlerts(alerts: readonly TimelineAlert[], scope: AlertScope, database = db(), now = Date.now()): Promise<AlertRecord[]> {
  const run = queue.then(async () => {
    const fresh: { alert: TimelineAlert; key: string }[] = [];
    for (const alert of alerts) {
      const key = await sha256(alertKey(alert, scope.customerId));
      if (!fresh.some((f) => f.key === key) && !(await isRecorded(database, key))) fresh.push({ alert, key });
    }
    if (!fresh.length) return [];
    const agent = (await getPairing(database).catch(() => undefined))?.member?.id;
    const records = fresh.map(
      ({ alert, key }): AlertRecord => ({
        id: uuidv7(),
        kind: alert.type,
        signal: 'alert',
        alertKey: key,
        customerId: scope.customerId,
        at: now,
        ...(agent ? { agent } : {}),
        ...(scope.tool ? { tool: scope.tool } : {}),
        ...(scope.channel ? { channel: scope.channel } : {}),
      }),
    );
    await database.feedback.bulkAdd(records);
    for (const r of records) recorded.add(r.alertKey);
    return records;
  });
  queue = run.catch(() => undefined);
  return run;
}
