/**
 * Deterministic synthetic timelines for the metrics tests and benchmark: customers writing on
 * several channels and tools, agents answering (or not), second messages before the answer,
 * re-readings of one message by another browser, and commitments kept on time, late or not.
 */
import type { TimelineEvent } from '../../src/core/timeline/event.ts';

export interface SyntheticOptions {
  seed: number;
  customers: number;
  agents: number;
  /** Messages and commitments to generate (about). */
  events: number;
  from: number;
  to: number;
  /** Prefix of ids, so two teams' seeds never share one. */
  prefix?: string;
}

export const CHANNELS = ['email', 'chat', 'whatsapp', 'linkedin', 'phone'] as const;
const TOOLS: Record<string, string[]> = { email: ['gmail', 'zendesk'], chat: ['intercom'], whatsapp: ['whatsapp'], linkedin: ['linkedin'], phone: ['zendesk'] };

/** Mulberry32: small, fast, reproducible. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticEvents(o: SyntheticOptions): TimelineEvent[] {
  const rnd = random(o.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const prefix = o.prefix ?? 's';
  const events: TimelineEvent[] = [];
  let n = 0;
  const id = () => `${prefix}-${(n++).toString(36)}`;
  const perCustomer = Math.max(2, Math.round(o.events / o.customers));
  for (let c = 0; c < o.customers && events.length < o.events; c++) {
    const customerId = `${prefix}-cust-${c}`;
    const subject = { customerId };
    let at = o.from + Math.floor(rnd() * (o.to - o.from) * 0.8);
    let channel = pick(CHANNELS);
    for (let k = 0; k < perCustomer && at < o.to && events.length < o.events; ) {
      if (rnd() < 0.25) channel = pick(CHANNELS);
      const tool = pick(TOOLS[channel]!);
      const conversationKey = `${tool}:${customerId}:${Math.floor(k / 6)}`;
      const text = `question ${k} from ${c}`;
      const inbound = { id: id(), type: 'message', direction: 'inbound', subject, at, tool, channel, conversationKey, text } as TimelineEvent;
      events.push(inbound);
      k++;
      // Another agent's browser read the same message a few seconds later.
      if (rnd() < 0.1) events.push({ ...inbound, id: id(), at: at + 3_000 } as TimelineEvent);
      if (rnd() < 0.15) {
        at += Math.floor(rnd() * 3_600_000);
        events.push({ id: id(), type: 'message', direction: 'inbound', subject, at, tool, channel, conversationKey, text: `follow-up ${k} from ${c}` } as TimelineEvent);
        k++;
      }
      if (rnd() < 0.9) {
        // Waits from seconds to two days, skewed short.
        at += Math.floor(rnd() ** 3 * 2 * 86_400_000) + 1_000;
        const author = rnd() < 0.05 ? undefined : `Agent ${Math.floor(rnd() * o.agents)}`;
        events.push({ id: id(), type: 'message', direction: 'outbound', subject, at, tool, channel, conversationKey, text: `answer ${k} to ${c}`, ...(author ? { author } : {}) } as TimelineEvent);
        k++;
        if (rnd() < 0.03) {
          const commitmentId = id();
          const dueAt = at + 86_400_000;
          events.push({ id: commitmentId, type: 'commitment', subject, at, tool, channel, conversationKey, text: `refund ${c}-${k}`, kind: 'refund', dueAt, status: 'open' } as TimelineEvent);
          if (rnd() < 0.7) events.push({ id: id(), type: 'commitment-update', subject, at: dueAt + (rnd() < 0.6 ? -3_600_000 : 3_600_000), tool, channel, commitmentId, status: 'done' } as TimelineEvent);
          k++;
        }
      }
      at += Math.floor(rnd() * 10 * 86_400_000);
    }
  }
  return events;
}

/**
 * A timeline with hand-computed answers (minutes): email waits 10 (across midnight when `at` is
 * 23:50), 20 (the customer wrote twice: from the first), 40 (answered in another tool); whatsapp
 * waits 1 and 3, and one contact unanswered. Answered by Alice (10, 40) and Bob (20, 1, 3).
 */
export function knownWaitEvents(at: number): TimelineEvent[] {
  const MIN = 60_000;
  const msg = (id: string, customerId: string, direction: 'inbound' | 'outbound', t: number, channel: string, tool: string, author?: string) =>
    ({ id, type: 'message', direction, subject: { customerId }, at: t, tool, channel, conversationKey: `${tool}:${customerId}`, text: `${id} text`, ...(author ? { author } : {}) }) as TimelineEvent;
  return [
    msg('h1', 'hc1', 'inbound', at, 'email', 'gmail'),
    msg('h2', 'hc1', 'outbound', at + 10 * MIN, 'email', 'gmail', 'Alice'),
    msg('h3', 'hc2', 'inbound', at, 'email', 'gmail'),
    msg('h4', 'hc2', 'inbound', at + 5 * MIN, 'email', 'gmail'),
    msg('h5', 'hc2', 'outbound', at + 20 * MIN, 'email', 'gmail', 'Bob'),
    msg('h6', 'hc3', 'inbound', at, 'email', 'gmail'),
    msg('h7', 'hc3', 'outbound', at + 40 * MIN, 'email', 'zendesk', 'Alice'),
    msg('h8', 'hc4', 'inbound', at, 'whatsapp', 'whatsapp'),
    msg('h9', 'hc4', 'outbound', at + 1 * MIN, 'whatsapp', 'whatsapp', 'Bob'),
    msg('h10', 'hc5', 'inbound', at, 'whatsapp', 'whatsapp'),
    msg('h11', 'hc5', 'outbound', at + 3 * MIN, 'whatsapp', 'whatsapp', 'Bob'),
    msg('h12', 'hc6', 'inbound', at, 'whatsapp', 'whatsapp'),
  ];
}
