/**
 * Contact facts: the customer's timeline cut into contacts, one row each, small enough for the
 * hub to store and query instead of rescanning events.
 *
 * A **contact** is a customer's run of inbound messages and the team's reply to it. It opens with
 * the customer's first message after the team's last reply (or the customer's first message
 * ever), on any tool or channel, and it is answered by the team's next outbound message to that
 * customer, on any tool or channel. Everything the customer writes before that answer belongs to
 * the same contact: a customer who wrote twice waits from the first message. Outbound messages
 * before the customer's first message (the team wrote first) make an `outreach` row, which is
 * never a contact but keeps the ledger whole.
 *
 * Only messages with a known direction count; notes, commitments, calls and visits do not
 * (calls and visits are answered as they happen). The customer is the event's subject unless
 * `customerOf` says otherwise (pass the identity graph's owner once customers are merged).
 */
import type { TimelineEvent } from '../timeline/event';
import { pushTo } from '../timeline/multimap';
import { comparePoints, foldPoints, pointOf, subjectCustomer, type CustomerOf, type MessagePoint } from './points';
import { compareStrings } from './stats';

export interface ContactFact {
  /** Row id: the customer and the id of the row's first message. */
  id: string;
  customerId: string;
  kind: 'contact' | 'outreach';
  /** Where the contact opened: the tool, channel and conversation of its first inbound message. */
  tool: string;
  channel: string;
  conversationKey: string | null;
  /** The first inbound message's time (outreach: the first outbound's); the period a contact belongs to. */
  openedAt: number;
  /** True when the first inbound message is the first message of its conversation (tool and conversation key): first response time is measured on these. */
  opensConversation: boolean;
  inboundCount: number;
  /** Every channel the customer wrote on in this contact, sorted. */
  channels: string[];
  /** The first outbound message after the contact opened. */
  answeredAt: number | null;
  /** Its author (the agent who answered), when the tool shows one. */
  answeredBy: string | null;
  answerTool: string | null;
  answerChannel: string | null;
  /** `answeredAt - openedAt`: epoch milliseconds, so midnight and time zones do not matter. */
  waitMs: number | null;
  /** The customer's messages, then the team's (the answer and its follow-ups), oldest first. */
  inbound: MessagePoint[];
  outbound: MessagePoint[];
}

export interface FactOptions {
  customerOf?: CustomerOf;
  /** Readings of the same text within this window are one message. Default 10 minutes. */
  windowMs?: number;
}

/** Contact facts of these events, every customer, sorted by customer then time. */
export function conversationFacts(events: readonly TimelineEvent[], options: FactOptions = {}): ContactFact[] {
  return updateFacts([], events, options);
}

/**
 * The facts after new events arrive: equal to `conversationFacts` of all the events so far, in any
 * order and with repeats, but reading only the facts of the customers the new events are about.
 * The hub loads those customers' rows, calls this, and replaces their rows with the result's.
 */
export function updateFacts(existing: readonly ContactFact[], events: readonly TimelineEvent[], options: FactOptions = {}): ContactFact[] {
  const customerOf = options.customerOf ?? subjectCustomer;
  const added = new Map<string, MessagePoint[]>();
  for (const event of events) {
    const point = pointOf(event);
    if (point) pushTo(added, customerOf(event), point);
  }
  if (!added.size) return [...existing];
  const kept: ContactFact[] = [];
  for (const fact of existing) {
    const points = added.get(fact.customerId);
    if (!points) kept.push(fact);
    else for (const point of [fact.inbound, fact.outbound].flat()) points.push(point);
  }
  for (const [customerId, points] of added) kept.push(...customerFacts(customerId, foldPoints(points, options.windowMs)));
  return kept.sort(compareFacts);
}

/**
 * After the identity graph merged customers: their rows recomputed as `customerId`'s, exactly as
 * if every event had been recorded for it. (A split needs the events, since which messages go to
 * which side depends on the identifiers they came through: recompute those customers.)
 */
export function mergeCustomerFacts(rows: readonly ContactFact[], customerId: string, options: FactOptions = {}): ContactFact[] {
  return customerFacts(customerId, foldPoints(rows.flatMap((row) => [...row.inbound, ...row.outbound]), options.windowMs));
}

/** Cuts one customer's sorted points into contacts (and a leading outreach row). */
function customerFacts(customerId: string, points: readonly MessagePoint[]): ContactFact[] {
  const facts: ContactFact[] = [];
  const seenThreads = new Set<string>();
  let inbound: MessagePoint[] = [];
  let outbound: MessagePoint[] = [];
  let opensConversation = false;
  const close = () => {
    if (inbound.length || outbound.length) facts.push(factOf(customerId, inbound, outbound, opensConversation));
    inbound = [];
    outbound = [];
  };
  for (const point of points) {
    if (point.direction === 'inbound') {
      if (outbound.length) close();
      if (!inbound.length) opensConversation = !seenThreads.has(threadOf(point));
      inbound.push(point);
    } else outbound.push(point);
    seenThreads.add(threadOf(point));
  }
  close();
  return facts;
}

function factOf(customerId: string, inbound: MessagePoint[], outbound: MessagePoint[], opensConversation: boolean): ContactFact {
  const opening = inbound[0] ?? outbound[0]!;
  const answer = inbound.length ? outbound[0] : undefined;
  return {
    id: `${customerId}\u0000${opening.id}`,
    customerId,
    kind: inbound.length ? 'contact' : 'outreach',
    tool: opening.tool,
    channel: opening.channel,
    conversationKey: opening.conversationKey ?? null,
    openedAt: opening.at,
    opensConversation: inbound.length > 0 && opensConversation,
    inboundCount: inbound.length,
    channels: [...new Set(inbound.map((p) => p.channel))].sort(),
    answeredAt: answer?.at ?? null,
    answeredBy: answer?.author ?? null,
    answerTool: answer?.tool ?? null,
    answerChannel: answer?.channel ?? null,
    waitMs: answer ? answer.at - opening.at : null,
    inbound,
    outbound,
  };
}

/** A conversation in its tool; events without a conversation key group by channel. */
function threadOf(point: MessagePoint): string {
  return `${point.tool}\u0000${point.conversationKey ?? point.channel}`;
}

function compareFacts(a: ContactFact, b: ContactFact): number {
  if (a.customerId !== b.customerId) return compareStrings(a.customerId, b.customerId);
  const pa = a.inbound[0] ?? a.outbound[0];
  const pb = b.inbound[0] ?? b.outbound[0];
  return pa && pb ? comparePoints(pa, pb) : 0;
}
