/** Timeline events in IndexedDB: append-only, gathered per customer across merged records. */
import { subjectOwner, timelineScope, type IdentityState } from '../core/identity/graph';
import type { EventSubject } from '../core/identity/state';
import { dedupeEvents } from '../core/timeline/dedupe';
import type { CommitmentEvent, MessageEvent, Place, TimelineEvent } from '../core/timeline/event';
import { extractCommitments } from '../core/timeline/extract-commitments';
import type { PageMessage } from '../adapters/types';
import { Dexie } from 'dexie';
import type { ContinuumDb } from './db';
import { eventOf, eventRow, sha256Hex } from './rows';

/** Page messages as events; the id is a content hash, so reading a page again adds nothing. */
export async function messageEvents(subject: EventSubject, place: Place, messages: readonly PageMessage[], now: number): Promise<MessageEvent[]> {
  return Promise.all(
    messages.map(async (message, order) => {
      const parsed = message.time ? Date.parse(message.time) : Number.NaN;
      const event: MessageEvent = {
        id: await sha256Hex(JSON.stringify([place.tool, place.conversationKey ?? '', message.direction, message.author ?? '', message.time ?? '', message.text])),
        type: 'message',
        subject,
        // Messages without a readable time keep their page order just before now.
        at: Number.isNaN(parsed) ? now - (messages.length - order) : parsed,
        ...place,
        // The app may say which channel a message came through (an e-mail inside a chat tool).
        channel: message.channel ?? place.channel,
        direction: message.direction,
        text: message.text,
        seenAt: now,
        ...(message.author ? { author: message.author } : {}),
      };
      return event;
    }),
  );
}

/**
 * Messages the page shows without a time are dated by their place in the thread, just before
 * now. When older messages turn up above ones already stored (a longer read after the first
 * latest-messages one, history loaded on scroll), a new untimed message is dated just before the
 * next message in page order as stored, so the thread keeps the page's order.
 */
export async function keepPageOrder(db: ContinuumDb, events: readonly MessageEvent[], messages: readonly PageMessage[]): Promise<MessageEvent[]> {
  const untimed = (i: number) => Number.isNaN(Date.parse(messages[i]?.time ?? ''));
  if (!events.some((_, i) => untimed(i))) return [...events];
  const stored = await db.events.bulkGet(events.map((e) => e.id));
  const placed = [...events];
  let next = Infinity;
  for (let i = placed.length - 1; i >= 0; i--) {
    const row = stored[i];
    if (row) {
      next = row.at;
      continue;
    }
    if (untimed(i) && placed[i]!.at >= next) placed[i] = { ...placed[i]!, at: next - 1 };
    next = placed[i]!.at;
  }
  return placed;
}

/**
 * Promises the agent made in these messages ("nous vous remboursons d'ici vendredi"), as
 * commitments with a due date. Ids derive from the message, so a re-read finds the same ones.
 */
export function commitmentEvents(messages: readonly MessageEvent[], locale?: string): CommitmentEvent[] {
  return messages
    .filter((message) => message.direction === 'outbound')
    .flatMap((message) =>
      extractCommitments(message.text, message.at, locale).map((found, index) => {
        const { id: sourceEventId, subject, at, tool, channel, conversationKey, url, author } = message;
        const commitment: CommitmentEvent = {
          id: `${sourceEventId}:commitment:${index}`,
          type: 'commitment',
          subject,
          at,
          tool,
          channel,
          text: found.text,
          kind: found.kind,
          dueAt: found.dueAt,
          status: 'open',
          sourceEventId,
          ...(conversationKey ? { conversationKey } : {}),
          ...(url ? { url } : {}),
          ...(author ? { author } : {}),
        };
        return commitment;
      }),
    );
}

/** Stores events not stored yet; returns how many were new. */
export async function appendEvents(db: ContinuumDb, events: readonly TimelineEvent[]): Promise<number> {
  return db.transaction('rw', db.events, async () => {
    const existing = await db.events.bulkGet(events.map((event) => event.id));
    const fresh = events.filter((_, index) => !existing[index]).map(eventRow);
    await db.events.bulkAdd(fresh);
    return fresh.length;
  });
}

/** The customer's latest events across every merged record and tool, deduplicated, oldest first. */
export async function loadTimeline(db: ContinuumDb, state: IdentityState, customerId: string, limit = 200): Promise<TimelineEvent[]> {
  const scope = timelineScope(state, customerId);
  if (!scope) return [];
  // Each member and identifier gives its own newest events from its index; a few extra cover
  // events that turn out to belong elsewhere (split) or to fold into others (duplicates).
  const take = limit * 2;
  const latest = (index: '[subjectCustomerId+at]' | '[subjectKey+at]', value: string) =>
    db.events.where(index).between([value, Dexie.minKey], [value, Dexie.maxKey]).reverse().limit(take).toArray();
  const rows = await db.transaction('r', db.events, () =>
    Promise.all([
      ...scope.customerIds.map((id) => latest('[subjectCustomerId+at]', id)),
      ...scope.identifierKeys.map((key) => latest('[subjectKey+at]', key)),
    ]),
  );
  const unique = new Map(rows.flat().map((row) => [row.id, eventOf(row)]));
  const mine = [...unique.values()].filter((event) => subjectOwner(state, event.subject) === scope.customerId);
  return dedupeEvents(mine)
    .sort((a, b) => a.at - b.at)
    .slice(-limit);
}
