/** Contact facts as table rows, and each inbound message with the repeat-contact pairs it makes. */
import { DAY } from '../../src/core/timeline/event.ts';
import type { ContactFact } from '../../src/core/metrics/index.ts';

/** The hub counts repeat contacts over a fixed window (the core's default). */
export const REPEAT_WINDOW_MS = 3 * DAY;

export function contactRow(f: ContactFact): unknown[] {
  return [f.customerId, f.id, f.kind, f.openedAt, f.channel, f.tool, f.opensConversation, f.answeredAt, f.answeredBy, f.waitMs, f];
}

/**
 * One row per inbound message, with the channel pairs (`email+whatsapp`) it forms with the same
 * customer's inbound messages on other channels in the window before it: what `repeatContacts`
 * checks, stored per message so any period is one indexed count. Facts must be grouped by
 * customer in their order (as `updateFacts` returns them), so messages are in the core's order.
 */
export function inboundRows(facts: readonly ContactFact[], windowMs = REPEAT_WINDOW_MS): unknown[][] {
  const rows: unknown[][] = [];
  for (let start = 0, end = 0; start < facts.length; start = end) {
    while (end < facts.length && facts[end]!.customerId === facts[start]!.customerId) end++;
    const customerId = facts[start]!.customerId;
    const messages = facts
      .slice(start, end)
      .filter((f) => f.kind === 'contact')
      .flatMap((f) => f.inbound)
      .sort((a, b) => a.at - b.at);
    let first = 0;
    messages.forEach((current, i) => {
      while (current.at - messages[first]!.at > windowMs) first++;
      const pairs = new Set<string>();
      for (let j = first; j < i; j++) {
        const earlier = messages[j]!.channel;
        if (earlier !== current.channel) pairs.add([earlier, current.channel].sort().join('+'));
      }
      rows.push([customerId, current.id, current.at, current.channel, [...pairs].sort()]);
    });
  }
  return rows;
}
