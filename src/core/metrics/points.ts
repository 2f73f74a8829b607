/**
 * The message ledger behind the contact facts: one point per message, without its text, holding
 * just enough of every reading to recognise a later reading of the same message.
 *
 * Two readings are one message when they carry the same host message id (tool, conversation,
 * `externalId`), or the same customer, direction and folded text (the timeline's `dedupeKey`)
 * within 10 minutes of each other, chained: readings at 0, 8 and 16 minutes are one message. That
 * is an equivalence over the set of readings, so the points do not depend on the order readings
 * arrive in, which is what lets `updateFacts` equal a recomputation.
 */
import { dedupeKey } from '../timeline/dedupe';
import type { MessageEvent, TimelineEvent } from '../timeline/event';
import { pushTo } from '../timeline/multimap';
import { compareStrings } from './stats';

export const SAME_TEXT_WINDOW_MS = 10 * 60_000;

export interface Reading {
  /** The reading's text key: direction and hash of the folded text (`dedupeKey`; the customer is the row's). */
  text: string;
  at: number;
  /** Kept per reading so the point's author does not depend on the order readings arrive in. */
  author?: string;
}

export interface MessagePoint {
  /** The earliest reading's event id (ties: the smallest id). */
  id: string;
  /** The earliest reading's time: a message happened when it was first seen happening. */
  at: number;
  direction: 'inbound' | 'outbound';
  tool: string;
  channel: string;
  conversationKey?: string;
  /** The author of the earliest reading that shows one. */
  author?: string;
  /** Host message ids of the readings, sorted. */
  externalKeys: string[];
  /** Every distinct reading's text key and time, sorted. */
  readings: Reading[];
}

export type CustomerOf = (event: TimelineEvent) => string;
export const subjectCustomer: CustomerOf = (event) => event.subject.customerId;

/** The point of one reading, or null for what is not a customer/team message. */
export function pointOf(event: TimelineEvent): MessagePoint | null {
  if (event.type !== 'message' || (event.direction !== 'inbound' && event.direction !== 'outbound')) return null;
  const point: MessagePoint = {
    id: event.id,
    at: event.at,
    direction: event.direction,
    tool: event.tool,
    channel: event.channel,
    externalKeys: event.externalId ? [externalKey(event)] : [],
    // Without the customer: points are kept per customer, and merged customers' points still fold.
    readings: [{ text: dedupeKey(event, ''), at: event.at, ...(event.author ? { author: event.author } : {}) }],
  };
  if (event.conversationKey) point.conversationKey = event.conversationKey;
  if (event.author) point.author = event.author;
  return point;
}

function externalKey(message: MessageEvent): string {
  return `${message.tool}\u0000${message.conversationKey ?? ''}\u0000${message.externalId}`;
}

/** Earliest first; at one instant the customer's message before the reply to it, then by id. */
export function comparePoints(a: MessagePoint, b: MessagePoint): number {
  return a.at - b.at || (a.direction === b.direction ? 0 : a.direction === 'inbound' ? -1 : 1) || compareStrings(a.id, b.id);
}

/** The points of one customer, with readings of one message folded together; sorted. */
export function foldPoints(points: readonly MessagePoint[], windowMs = SAME_TEXT_WINDOW_MS): MessagePoint[] {
  if (points.length < 2) return [...points];
  const parent = points.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };
  const byKey = new Map<string, number>();
  const texts: Reading[] = [];
  const owners: number[] = [];
  points.forEach((point, index) => {
    for (const key of point.externalKeys) {
      const other = byKey.get(key);
      if (other === undefined) byKey.set(key, index);
      else union(other, index);
    }
    for (const reading of point.readings) owners[texts.push(reading) - 1] = index;
  });
  // Single linkage on a line: sorted by time within a text, neighbours within the window are one message.
  const order = texts.map((_, i) => i).sort((x, y) => {
    const a = texts[x]!;
    const b = texts[y]!;
    return compareStrings(a.text, b.text) || a.at - b.at;
  });
  for (let i = 1; i < order.length; i++) {
    const previous = texts[order[i - 1]!]!;
    const current = texts[order[i]!]!;
    if (previous.text === current.text && current.at - previous.at <= windowMs) union(owners[order[i - 1]!]!, owners[order[i]!]!);
  }
  const groups = new Map<number, MessagePoint[]>();
  points.forEach((point, index) => pushTo(groups, find(index), point));
  return [...groups.values()].map(mergeGroup).sort(comparePoints);
}

function mergeGroup(group: MessagePoint[]): MessagePoint {
  if (group.length === 1) return group[0]!;
  group.sort(comparePoints);
  const { author: _, ...first } = group[0]!;
  const unique = new Map<string, Reading>();
  for (const point of group) for (const r of point.readings) unique.set(`${r.text}\u0000${r.at}\u0000${r.author ?? ''}`, r);
  const readings = [...unique.values()].sort(compareReadings);
  const merged: MessagePoint = { ...first, externalKeys: [...new Set(group.flatMap((p) => p.externalKeys))].sort(), readings };
  const author = readings.find((r) => r.author)?.author;
  if (author) merged.author = author;
  return merged;
}

/** By time, then text key, then author: a total order on distinct readings. */
function compareReadings(a: Reading, b: Reading): number {
  return a.at - b.at || compareStrings(a.text, b.text) || compareStrings(a.author ?? '', b.author ?? '');
}
