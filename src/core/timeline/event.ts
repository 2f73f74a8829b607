/**
 * The timeline's event model. Events are append-only and never rewritten by merges: each keeps
 * the `subject` it was recorded with, and the identity graph says whose timeline it is now.
 */
import type { EventSubject } from '../identity/state';

export type MessageDirection = 'inbound' | 'outbound' | 'unknown';

/** Where something happened: the tool, its channel, the conversation to jump back to. */
export interface Place {
  /** The tool that showed or sent it: `zendesk`, `gmail`, `meta-inbox`, `hub`… */
  tool: string;
  /** `email`, `facebook`, `instagram`, `x`, `whatsapp`, `chat`, `phone`, `store`, `web`… */
  channel: string;
  /** The conversation in its tool, to group a thread and jump back to it. */
  conversationKey?: string;
  url?: string;
}

interface EventBase extends Place {
  id: string;
  subject: EventSubject;
  /** When it happened (epoch ms, UTC). */
  at: number;
}

/** Where else a deduplicated message was seen. */
export interface SeenIn extends Place {
  eventId: string;
}

export interface MessageEvent extends EventBase {
  type: 'message';
  direction: MessageDirection;
  author?: string;
  text: string;
  /** The host's own message id, when the adapter can read one. */
  externalId?: string;
  /** When this reading was taken; a later reading of an edited message wins. */
  seenAt?: number;
  /** Filled by `dedupeEvents` when several readings were folded into this one. */
  seenIn?: SeenIn[];
}

export interface NoteEvent extends EventBase {
  type: 'note';
  author: string;
  text: string;
}

export type CommitmentStatus = 'open' | 'done' | 'cancelled';
export type CommitmentKind = 'refund' | 'callback' | 'shipment' | 'reply' | 'other';

/** A promise made to the customer, with its due date. */
export interface CommitmentEvent extends EventBase {
  type: 'commitment';
  text: string;
  kind: CommitmentKind;
  dueAt: number;
  status: CommitmentStatus;
  author?: string;
  /** The message the promise was found in. */
  sourceEventId?: string;
}

/** Closing or reopening a commitment is a new event, so offline agents never overwrite each other. */
export interface CommitmentUpdateEvent extends EventBase {
  type: 'commitment-update';
  commitmentId: string;
  status: CommitmentStatus;
  author?: string;
}

export type ExternalEventType = 'call' | 'visit' | 'order' | 'return';

/** What happened where no browser looks, pushed to the hub by a phone system, a till, a shop. */
export interface ExternalEvent extends EventBase {
  type: ExternalEventType;
  /** The system that reported it: `aircall`, `pos:paris-11`, `shopify`. */
  source: string;
  direction?: 'inbound' | 'outbound';
  summary?: string;
  /** Order or return number. */
  reference?: string;
  amount?: { value: number; currency: string };
}

export type TimelineEvent = MessageEvent | NoteEvent | CommitmentEvent | CommitmentUpdateEvent | ExternalEvent;

/** Contacts are what the customer or the team did towards each other (not notes or orders). */
export function isContact(event: TimelineEvent): event is MessageEvent | ExternalEvent {
  return event.type === 'message' || event.type === 'call' || event.type === 'visit';
}

/** The text an event carries, for search, topics and wording. */
export function eventText(event: TimelineEvent): string {
  switch (event.type) {
    case 'message':
    case 'note':
    case 'commitment':
      return event.text;
    case 'commitment-update':
      return '';
    default:
      return [event.summary, event.reference].filter(Boolean).join(' ');
  }
}

/** The place of an event (or thread), without the optional fields it lacks. */
export function placeOf(source: Place): Place {
  const place: Place = { tool: source.tool, channel: source.channel };
  if (source.conversationKey) place.conversationKey = source.conversationKey;
  if (source.url) place.url = source.url;
  return place;
}

/** Conversation thread: one conversation in one tool (or a channel, for events without one). */
export function threadKey(event: TimelineEvent): string {
  return `${event.tool}\u0000${event.conversationKey ?? event.channel}`;
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
