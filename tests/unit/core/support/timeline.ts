import type { CommitmentEvent, ExternalEvent, MessageEvent, NoteEvent, TimelineEvent } from '../../../../src/core/timeline/event';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Monday 10 March 2025, 10:00 in Paris (09:00 UTC). */
export const MONDAY = Date.UTC(2025, 2, 10, 9, 0);

let seq = 0;
const nextId = (prefix: string) => `${prefix}${++seq}`;

type Base = Partial<Pick<TimelineEvent, 'id' | 'tool' | 'channel' | 'conversationKey' | 'url'>> & { customerId?: string; identifierKey?: string };

function base(prefix: string, at: number, o: Base) {
  const event = {
    id: o.id ?? nextId(prefix),
    subject: o.identifierKey ? { customerId: o.customerId ?? 'c1', identifierKey: o.identifierKey } : { customerId: o.customerId ?? 'c1' },
    at,
    tool: o.tool ?? 'zendesk',
    channel: o.channel ?? 'email',
  };
  return { ...event, ...(o.conversationKey ? { conversationKey: o.conversationKey } : {}), ...(o.url ? { url: o.url } : {}) };
}

export function inbound(at: number, text: string, o: Base & Partial<Pick<MessageEvent, 'author' | 'seenAt' | 'externalId'>> = {}): MessageEvent {
  return { ...base('m', at, o), type: 'message', direction: 'inbound', text, ...pick(o) };
}

export function outbound(at: number, text: string, o: Base & Partial<Pick<MessageEvent, 'author' | 'seenAt' | 'externalId'>> = {}): MessageEvent {
  return { ...base('m', at, o), type: 'message', direction: 'outbound', text, author: o.author ?? 'Camille (agent)', ...pick(o) };
}

function pick(o: Partial<Pick<MessageEvent, 'author' | 'seenAt' | 'externalId'>>) {
  return { ...(o.author ? { author: o.author } : {}), ...(o.seenAt !== undefined ? { seenAt: o.seenAt } : {}), ...(o.externalId ? { externalId: o.externalId } : {}) };
}

export function note(at: number, text: string, o: Base = {}): NoteEvent {
  return { ...base('n', at, o), type: 'note', author: 'Camille', text };
}

export function commitment(at: number, dueAt: number, text: string, o: Base & Partial<Pick<CommitmentEvent, 'status' | 'kind'>> = {}): CommitmentEvent {
  return { ...base('k', at, o), type: 'commitment', text, dueAt, status: o.status ?? 'open', kind: o.kind ?? 'refund' };
}

export function external(type: ExternalEvent['type'], at: number, o: Base & Partial<Pick<ExternalEvent, 'summary' | 'reference' | 'direction' | 'source'>> = {}): ExternalEvent {
  const channel = type === 'call' ? 'phone' : type === 'visit' ? 'store' : 'shop';
  return {
    ...base('x', at, { tool: 'hub', channel, ...o }),
    type,
    source: o.source ?? (type === 'call' ? 'aircall' : type === 'visit' ? 'pos:paris-11' : 'shopify'),
    ...(o.summary ? { summary: o.summary } : {}),
    ...(o.reference ? { reference: o.reference } : {}),
    ...(o.direction ? { direction: o.direction } : {}),
  };
}
