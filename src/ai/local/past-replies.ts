/**
 * The team's own past replies as suggestion material: each outbound message with the customer
 * message it answered. The customer it was written to is taken out (their name becomes a
 * template variable, their identifiers are remembered so the guard withholds any left over).
 */
import type { Language } from '../../core/brand/model';
import { stripInvisible } from '../../core/masking/invisible';
import { threadKey, type MessageEvent, type TimelineEvent } from '../../core/timeline/event';
import { detectLanguage } from '../../core/timeline/language';
import { replaceWord } from '../../core/guard/words';

export interface PastReply {
  /** The outbound message's event id. */
  id: string;
  /** The agent's reply as sent. */
  text: string;
  /** The customer message it answered. */
  question: string;
  channel: string;
  at: number;
  language?: Language;
  /** Who it was written to: their name is turned into variables, their identifiers never reused. */
  customer?: { firstName?: string; lastName?: string; identifiers?: string[] };
}

/** Pairs each outbound message with the latest inbound one before it in the same conversation. */
export function pastRepliesFrom(events: readonly TimelineEvent[], customerOf?: (event: MessageEvent) => PastReply['customer']): PastReply[] {
  const lastInbound = new Map<string, MessageEvent>();
  const replies: PastReply[] = [];
  const messages = events.filter((e): e is MessageEvent => e.type === 'message').sort((a, b) => a.at - b.at);
  for (const message of messages) {
    const thread = threadKey(message);
    if (message.direction === 'inbound') lastInbound.set(thread, message);
    else if (message.direction === 'outbound') {
      const question = lastInbound.get(thread);
      if (!question || !message.text.trim()) continue;
      const reply: PastReply = { id: message.id, text: message.text, question: question.text, channel: message.channel, at: message.at };
      const customer = customerOf?.(message);
      if (customer) reply.customer = customer;
      replies.push(reply);
    }
  }
  return replies;
}

/** The reply with its customer's first and last name as `{{customer.firstName}}` / `{{customer.lastName}}`. */
export function generaliseReply(reply: PastReply): string {
  let text = stripInvisible(reply.text);
  const names: Array<[string | undefined, string]> = [
    [reply.customer?.lastName, '{{customer.lastName}}'],
    [reply.customer?.firstName, '{{customer.firstName}}'],
  ];
  for (const [name, variable] of names) {
    if (!name || name.trim().length < 2) continue;
    // Not inside an address or a handle: "marie.dupont@orange.fr" stays whole (and the guard withholds it).
    text = replaceWord(text, name.trim(), variable, '.@_+-');
  }
  return text;
}

export function replyLanguage(reply: PastReply): Language | undefined {
  return reply.language ?? detectLanguage([reply.text, reply.question])?.language;
}
