/**
 * One message, one event: the same message read twice, edited, or shown by two tools (a helpdesk
 * and the webmail it mirrors) folds into one event that remembers where it was seen.
 */
import { HOUR, MINUTE, placeOf, type MessageEvent, type SeenIn, type TimelineEvent } from './event';
import { pushTo } from './multimap';
import { hash53, messageFingerprintText, words } from './text';

export interface DedupeOptions {
  /** Readings of one text within this window are one message. Default 10 minutes. */
  windowMs?: number;
  /** Whose timeline an event is on; default its subject's customer. Pass the graph's owner for merged customers. */
  customerOf?: (event: TimelineEvent) => string;
}

// Fingerprints are the costly part: once per event object.
const fingerprints = new WeakMap<MessageEvent, string>();
function fingerprint(message: MessageEvent): string {
  let text = fingerprints.get(message);
  if (text === undefined) fingerprints.set(message, (text = messageFingerprintText(message.text)));
  return text;
}

/**
 * The text identity of an event: customer, direction and folded text for messages (time is
 * compared separately, within a window, by `dedupeEvents`); the source reference for external
 * events; the id otherwise.
 */
export function dedupeKey(event: TimelineEvent, customerId: string = event.subject.customerId): string {
  switch (event.type) {
    case 'message': {
      const text = fingerprint(event);
      return text ? `message:${customerId}:${event.direction}:${hash53(text)}` : `message:${event.id}`;
    }
    case 'commitment':
      // The same promise read again in the same message gives the same text and due date.
      return `commitment:${customerId}:${hash53(messageFingerprintText(event.text))}:${event.dueAt}`;
    case 'call':
    case 'visit':
    case 'order':
    case 'return':
      return event.reference ? `${event.type}:${event.source}:${event.reference}` : `${event.type}:${event.id}`;
    default:
      return `${event.type}:${event.id}`;
  }
}

// A tool that renders times in another zone shifts them by whole half-hours: for texts long
// enough not to repeat by chance, such shifts (up to 14 hours) still mean the same message.
const ZONE_STEP = 30 * MINUTE;
const ZONE_SLACK = 2 * MINUTE;
const MAX_ZONE_SHIFT = 14 * HOUR;
const ZONE_MIN_TEXT = 20;
// An edit keeps the message's time; a reading of the edited text must be this close.
const EDIT_WINDOW = MINUTE;
const EDIT_SIMILARITY = 0.5;

/** Deduplicated events, oldest first. */
export function dedupeEvents(events: readonly TimelineEvent[], options: DedupeOptions = {}): TimelineEvent[] {
  const windowMs = options.windowMs ?? 10 * MINUTE;
  const customerOf = options.customerOf ?? ((event: TimelineEvent) => event.subject.customerId);
  const others = new Map<string, TimelineEvent>();
  const messages: MessageEvent[] = [];
  for (const event of events) {
    if (event.type === 'message') messages.push(event);
    else {
      const key = dedupeKey(event, customerOf(event));
      const known = others.get(key);
      if (!known || event.at < known.at) others.set(key, event);
    }
  }
  const byExternalId = collapse(messages, (m) => (m.externalId ? `${m.tool}\u0000${m.conversationKey ?? ''}\u0000${m.externalId}` : null), () => true);
  const byText = sameTextClusters(byExternalId, windowMs, customerOf);
  const byReader = otherReaderClusters(byText, windowMs, customerOf);
  const edited = collapse(
    byReader,
    (m) => `${customerOf(m)}\u0000${m.direction}\u0000${m.tool}\u0000${m.conversationKey ?? ''}\u0000${m.author ?? ''}`,
    (a, b) => Math.abs(a.at - b.at) <= EDIT_WINDOW && isEdit(a, b),
  );
  return [...others.values(), ...edited].sort((a, b) => a.at - b.at);
}

/**
 * Within groups of one key, folds neighbours (by time) that `same` accepts. The reading seen
 * last gives the text; the earliest gives id and time.
 */
function collapse(messages: readonly MessageEvent[], groupOf: (m: MessageEvent) => string | null, same: (a: MessageEvent, b: MessageEvent) => boolean): MessageEvent[] {
  const groups = new Map<string, MessageEvent[]>();
  const result: MessageEvent[] = [];
  for (const message of messages) {
    const key = groupOf(message);
    if (key === null) result.push(message);
    else pushTo(groups, key, message);
  }
  for (const group of groups.values()) {
    group.sort((a, b) => a.at - b.at);
    let current = group[0];
    for (const message of group.slice(1)) {
      if (current && same(current, message)) current = fold2(current, message);
      else {
        if (current) result.push(current);
        current = message;
      }
    }
    if (current) result.push(current);
  }
  return result;
}

function sameTextClusters(messages: readonly MessageEvent[], windowMs: number, customerOf: (event: TimelineEvent) => string): MessageEvent[] {
  const groups = new Map<string, MessageEvent[]>();
  for (const message of messages) pushTo(groups, dedupeKey(message, customerOf(message)), message);
  const result: MessageEvent[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      result.push(...group);
      continue;
    }
    group.sort((a, b) => a.at - b.at);
    const long = group[0] !== undefined && fingerprint(group[0]).length >= ZONE_MIN_TEXT;
    const clusters: { first: MessageEvent; merged: MessageEvent }[] = [];
    for (const message of group) {
      // Clusters start in time order: look back only as far as a reading can be shifted.
      const reach = long ? MAX_ZONE_SHIFT + ZONE_SLACK : windowMs;
      let cluster: (typeof clusters)[number] | undefined;
      for (let i = clusters.length - 1; i >= 0 && !cluster; i--) {
        const candidate = clusters[i];
        if (!candidate || message.at - candidate.first.at > reach) break;
        if (sameReading(candidate.first, message, windowMs, long)) cluster = candidate;
      }
      if (cluster) cluster.merged = fold2(cluster.merged, message);
      else clusters.push({ first: message, merged: message });
    }
    result.push(...clusters.map((c) => c.merged));
  }
  return result;
}

function sameReading(first: MessageEvent, next: MessageEvent, windowMs: number, long: boolean): boolean {
  const gap = next.at - first.at;
  if (gap <= windowMs) return true;
  if (!long || first.tool === next.tool || gap > MAX_ZONE_SHIFT + ZONE_SLACK) return false;
  const off = gap % ZONE_STEP;
  return off <= ZONE_SLACK || ZONE_STEP - off <= ZONE_SLACK;
}

// A header or footer one reader glues to a message's text and another keeps apart ("Jeanne
// Moreau 18/11/2026 09:12", "via e-mail") is this long at most; the text both share, this short at least.
const MAX_GLUED = 160;
const MIN_SHARED = 20;
// A message whose time could not be read is placed this close to its reading, in page order
// (storage/timeline-store.ts `messageEvents`, storage/upgrade-v2.ts).
const PAGE_ORDER_SPAN = 1000;

/** The reading's time is only when it was read, not a time the page showed. */
const timeUnread = (m: MessageEvent) => m.seenAt !== undefined && Math.abs(m.at - m.seenAt) <= PAGE_ORDER_SPAN;

/**
 * One conversation read by two adapters (the generic one, then a custom adapter taught for the
 * page): a reader that does not tell a message's header from its text glues the author and time
 * to it, and may read no time at all. Within one customer's conversation, a message folds into
 * another tool's reading whose text holds it whole at its start or end, in the same direction
 * (or one reader could not tell), at the same time (or one reader could not tell); a cluster
 * takes one reading per tool.
 */
function otherReaderClusters(messages: readonly MessageEvent[], windowMs: number, customerOf: (event: TimelineEvent) => string): MessageEvent[] {
  const groups = new Map<string, MessageEvent[]>();
  const result: MessageEvent[] = [];
  for (const message of messages) {
    if (message.conversationKey) pushTo(groups, `${customerOf(message)}\u0000${message.conversationKey}`, message);
    else result.push(message);
  }
  for (const group of groups.values()) {
    if (group.every((m) => m.tool === group[0]!.tool)) {
      result.push(...group);
      continue;
    }
    const clusters: MessageEvent[] = [];
    // Bare texts first: each finds the reading that has its header glued on.
    for (const message of [...group].sort((a, b) => fingerprint(a).length - fingerprint(b).length || a.at - b.at)) {
      const i = clusters.findIndex((cluster) => readsSame(cluster, message, windowMs));
      if (i < 0) clusters.push(message);
      else clusters[i] = foldReaders(clusters[i]!, message);
    }
    result.push(...clusters);
  }
  return result;
}

function readsSame(cluster: MessageEvent, message: MessageEvent, windowMs: number): boolean {
  if (seenInOf(cluster).some((place) => place.tool === message.tool)) return false;
  if (cluster.direction !== message.direction && cluster.direction !== 'unknown' && message.direction !== 'unknown') return false;
  // Two shown times must agree (a reply that starts like an earlier message is another message).
  const [earlier, later] = cluster.at <= message.at ? [cluster, message] : [message, cluster];
  if (!timeUnread(cluster) && !timeUnread(message) && !sameReading(earlier, later, windowMs, true)) return false;
  const [short, long] = [fingerprint(cluster), fingerprint(message)].sort((a, b) => a.length - b.length) as [string, string];
  return short.length >= MIN_SHARED && long.length - short.length <= MAX_GLUED && (long.startsWith(short) || long.endsWith(short));
}

/**
 * The bare reading (`bare`, the shorter text) with what only the other reader could tell: the
 * direction, the author, the time shown on the page. Whichever was read last, the text stays
 * bare: the other reader's has a header glued on.
 */
function foldReaders(bare: MessageEvent, glued: MessageEvent): MessageEvent {
  const at = timeUnread(bare) && !timeUnread(glued) ? glued.at : bare.at;
  const author = bare.author ?? glued.author;
  const url = bare.url ?? glued.url;
  return {
    ...bare,
    at,
    direction: bare.direction === 'unknown' ? glued.direction : bare.direction,
    seenIn: mergeSeenIn(seenInOf(bare), seenInOf(glued)),
    ...(author ? { author } : {}),
    ...(url ? { url } : {}),
  };
}

/** Two readings of one message: the later reading's text, the earlier's id and time, every place. */
function fold2(a: MessageEvent, b: MessageEvent): MessageEvent {
  const [first, second] = a.at <= b.at ? [a, b] : [b, a];
  const latest = (b.seenAt ?? b.at) >= (a.seenAt ?? a.at) ? b : a;
  const url = first.url ?? second.url;
  return { ...latest, id: first.id, at: first.at, seenIn: mergeSeenIn(seenInOf(a), seenInOf(b)), ...(url ? { url } : {}) };
}

function seenInOf(message: MessageEvent): SeenIn[] {
  return message.seenIn ?? [{ eventId: message.id, ...placeOf(message) }];
}

/** Places, once each: a conversation re-read in one tool is one place. */
function mergeSeenIn(a: readonly SeenIn[], b: readonly SeenIn[]): SeenIn[] {
  const placeKey = (s: SeenIn) => `${s.tool}\u0000${s.conversationKey ?? s.eventId}`;
  const seen = new Set(a.map(placeKey));
  return [...a, ...b.filter((s) => !seen.has(placeKey(s)))];
}

/** A later reading of the same message with its text changed (not two messages on one screen). */
function isEdit(a: MessageEvent, b: MessageEvent): boolean {
  if (a.seenAt === undefined || b.seenAt === undefined || a.seenAt === b.seenAt) return false;
  const x = fingerprint(a);
  const y = fingerprint(b);
  if (x === y || x.startsWith(y) || y.startsWith(x)) return true;
  const wa = new Set(words(x));
  const wb = new Set(words(y));
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return shared / (wa.size + wb.size - shared || 1) >= EDIT_SIMILARITY;
}
