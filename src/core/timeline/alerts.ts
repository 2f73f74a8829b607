/**
 * Alerts only a cross-tool view can raise: the customer came back elsewhere about the same thing,
 * a colleague already answered elsewhere, or the customer is waiting on another channel.
 */
import { DAY, eventText, HOUR, placeOf, threadKey, type ExternalEvent, type MessageEvent, type Place, type TimelineEvent } from './event';
import { pushTo } from './multimap';
import { keywords } from './text';
import { isCurrentThread, threadStates } from './threads';

export interface RepeatContactAlert {
  type: 'repeat-contact';
  /** The threads (conversations, calls) about one topic, oldest first. */
  threads: Place[];
  channels: string[];
  /** True when more than one channel is involved. */
  crossChannel: boolean;
  /** Shared words and reference numbers that tie them together. */
  keywords: string[];
  /** Customer contacts about it in the window. */
  contacts: number;
  firstAt: number;
  lastAt: number;
}

export interface AnsweredElsewhereAlert {
  type: 'answered-elsewhere';
  /** The latest reply there: show it before answering again. */
  reply: MessageEvent | ExternalEvent;
  thread: Place;
}

export interface WaitingElsewhereAlert {
  type: 'waiting-elsewhere';
  thread: Place;
  /** The first unanswered message's time. */
  waitingSince: number;
  /** How many customer messages wait there. */
  messages: number;
  latest: MessageEvent;
}

export type TimelineAlert = RepeatContactAlert | AnsweredElsewhereAlert | WaitingElsewhereAlert;

export interface AlertOptions {
  currentTool?: string;
  currentConversation?: string;
  /** Repeat contacts count within this many days. Default 7. */
  repeatWithinDays?: number;
  /** Replies elsewhere count within this many hours. Default 24. */
  answeredWithinHours?: number;
  /** Unanswered threads older than this many days are left alone. Default 14. */
  waitingWithinDays?: number;
}

/** Alerts for the conversation on screen, most pressing first (waiting, answered, repeat). */
export function alerts(events: readonly TimelineEvent[], now: number, options: AlertOptions = {}): TimelineAlert[] {
  const { currentTool, currentConversation } = options;
  const result: TimelineAlert[] = [];
  const waitingSince = now - (options.waitingWithinDays ?? 14) * DAY;
  const waiting: WaitingElsewhereAlert[] = [];
  for (const thread of threadStates(events).values()) {
    const first = thread.unanswered[0];
    const latest = thread.unanswered.at(-1);
    if (!first || !latest || latest.at < waitingSince || isCurrentThread(thread, currentTool, currentConversation)) continue;
    waiting.push({ type: 'waiting-elsewhere', thread: placeOf(thread), waitingSince: first.at, messages: thread.unanswered.length, latest });
  }
  result.push(...waiting.sort((a, b) => a.waitingSince - b.waitingSince));

  const answeredSince = now - (options.answeredWithinHours ?? 24) * HOUR;
  const replies = new Map<string, MessageEvent | ExternalEvent>();
  for (const event of events) {
    const isReply = (event.type === 'message' || event.type === 'call') && event.direction === 'outbound';
    if (!isReply || event.at < answeredSince || event.at > now || isCurrentThread(event, currentTool, currentConversation)) continue;
    const key = threadKey(event);
    if ((replies.get(key)?.at ?? -Infinity) < event.at) replies.set(key, event);
  }
  for (const reply of [...replies.values()].sort((a, b) => b.at - a.at)) result.push({ type: 'answered-elsewhere', reply, thread: placeOf(reply) });

  result.push(...findRepeatContacts(events, now, options.repeatWithinDays ?? 7));
  return result;
}

// Threads compared pairwise for topics: the most recent ones are enough and keep it bounded.
const MAX_THREADS = 60;
const MIN_SHARED = 2;
const MIN_OVERLAP = 0.25;

/**
 * Several threads in `days` days about the same topic: by a shared reference number, or by
 * enough shared keywords (share of the smaller thread's keywords).
 */
export function findRepeatContacts(events: readonly TimelineEvent[], now: number, days = 7): RepeatContactAlert[] {
  const since = now - days * DAY;
  const threads = new Map<string, { ref: Place; words: Set<string>; contacts: number; firstAt: number; lastAt: number }>();
  for (const event of events) {
    const isContact = (event.type === 'message' || event.type === 'call' || event.type === 'visit') && event.direction === 'inbound';
    if (!isContact || event.at < since || event.at > now) continue;
    const key = threadKey(event);
    let thread = threads.get(key);
    if (!thread) threads.set(key, (thread = { ref: placeOf(event), words: new Set(), contacts: 0, firstAt: event.at, lastAt: event.at }));
    for (const word of keywords(eventText(event))) thread.words.add(word);
    thread.contacts++;
    thread.firstAt = Math.min(thread.firstAt, event.at);
    thread.lastAt = Math.max(thread.lastAt, event.at);
  }
  const list = [...threads.values()].sort((a, b) => b.lastAt - a.lastAt).slice(0, MAX_THREADS);
  const parent = list.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i] ?? i] ?? i;
    return i;
  };
  const links: { i: number; common: string[] }[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const common = overlap(list[i]?.words, list[j]?.words);
      if (!common) continue;
      parent[find(i)] = find(j);
      links.push({ i, common });
    }
  }
  const groups = new Map<number, typeof list>();
  list.forEach((thread, i) => pushTo(groups, find(i), thread));
  const sharedWords = new Map<number, Set<string>>();
  for (const { i, common } of links) {
    const root = find(i);
    sharedWords.set(root, new Set([...(sharedWords.get(root) ?? []), ...common]));
  }
  const result: RepeatContactAlert[] = [];
  for (const [root, members] of groups) {
    if (members.length < 2) continue;
    members.sort((a, b) => a.firstAt - b.firstAt);
    const channels = [...new Set(members.map((m) => m.ref.channel))];
    // Reference numbers first: "88213" says more than "colis".
    const words = [...(sharedWords.get(root) ?? [])].sort((a, b) => Number(/^\d+$/.test(b)) - Number(/^\d+$/.test(a)) || a.localeCompare(b));
    result.push({
      type: 'repeat-contact',
      threads: members.map((m) => m.ref),
      channels,
      crossChannel: channels.length > 1,
      keywords: words.slice(0, 8),
      contacts: members.reduce((n, m) => n + m.contacts, 0),
      firstAt: members[0]?.firstAt ?? now,
      lastAt: Math.max(...members.map((m) => m.lastAt)),
    });
  }
  return result.sort((a, b) => b.lastAt - a.lastAt);
}

/** Words two threads share when they are about the same topic, else null. */
function overlap(a: Set<string> | undefined, b: Set<string> | undefined): string[] | null {
  if (!a?.size || !b?.size) return null;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  const common = [...small].filter((w) => large.has(w));
  const reference = common.some((w) => /^\d{4,}$/.test(w));
  return reference || (common.length >= MIN_SHARED && common.length / small.size >= MIN_OVERLAP) ? common : null;
}
