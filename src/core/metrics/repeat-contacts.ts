/**
 * Repeat contacts: customers who wrote on two channels or more within a few days, the effort the
 * omnichannel promise is meant to spare them.
 *
 * A customer who wrote in the period is a **repeat contact** when one of their inbound messages
 * in the period has, within the `windowDays` before it (3 by default; earlier periods count),
 * an inbound message on another channel. Messages count whether or not the first was answered,
 * so a customer who chases an e-mail on WhatsApp an hour later is one.
 */
import { DAY } from '../timeline/event';
import type { ContactFact } from './contacts';
import { compareStrings, share } from './stats';

export interface RepeatContactOptions {
  from: number;
  to: number;
  windowDays?: number;
}

export interface RepeatContacts {
  /** Customers with an inbound message in the period. */
  customers: number;
  repeatCustomers: number;
  /** repeatCustomers / customers; null without customers. */
  share: number | null;
  /** Repeat customers per pair of channels (`email+whatsapp`, sorted names), each customer once per pair. */
  byChannels: Record<string, number>;
  customerIds: string[];
}

export function repeatContacts(facts: readonly ContactFact[], options: RepeatContactOptions): RepeatContacts {
  const { from, to, windowDays = 3 } = options;
  let customers = 0;
  const byChannels: Record<string, number> = {};
  const customerIds: string[] = [];
  const visit = (contacts: readonly ContactFact[]) => {
    if (!contacts.some((c) => c.inbound.some((m) => m.at >= from && m.at < to))) return;
    customers++;
    // Most customers keep to one channel: no need to look at their messages' times.
    const channel = contacts[0]!.channels[0];
    if (contacts.every((c) => c.channels.length === 1 && c.channels[0] === channel)) return;
    const messages = contacts.flatMap((c) => c.inbound).sort((a, b) => a.at - b.at);
    const pairs = pairsWithin(messages, from, to, windowDays * DAY);
    if (!pairs.size) return;
    customerIds.push(contacts[0]!.customerId);
    for (const pair of pairs) byChannels[pair] = (byChannels[pair] ?? 0) + 1;
  };
  const relevant = facts.filter((fact) => fact.kind === 'contact' && fact.openedAt < to);
  // Facts come sorted by customer from `updateFacts` and the hub: walk the runs without a map.
  if (!isGrouped(relevant)) relevant.sort((a, b) => compareStrings(a.customerId, b.customerId));
  for (let start = 0, end = 0; start < relevant.length; start = end) {
    while (end < relevant.length && relevant[end]!.customerId === relevant[start]!.customerId) end++;
    visit(relevant.slice(start, end));
  }
  return { customers, repeatCustomers: customerIds.length, share: share(customerIds.length, customers), byChannels, customerIds: customerIds.sort() };
}

function isGrouped(facts: readonly ContactFact[]): boolean {
  for (let i = 1; i < facts.length; i++) if (facts[i - 1]!.customerId > facts[i]!.customerId) return false;
  return true;
}

/** Channel pairs of messages in the period with an other-channel message in the window before. */
function pairsWithin(messages: readonly { at: number; channel: string }[], from: number, to: number, windowMs: number): Set<string> {
  const pairs = new Set<string>();
  let start = 0;
  for (let i = 0; i < messages.length; i++) {
    const current = messages[i]!;
    while (current.at - messages[start]!.at > windowMs) start++;
    if (current.at < from || current.at >= to) continue;
    for (let j = start; j < i; j++) {
      const earlier = messages[j]!.channel;
      if (earlier !== current.channel) pairs.add([earlier, current.channel].sort().join('+'));
    }
  }
  return pairs;
}
