/**
 * Speed figures over contact facts, per group, for any period.
 *
 * - **ASA** (average speed of answer) is measured on every contact: the wait from the customer's
 *   first unanswered message to the team's next reply on any tool.
 * - **FRT** (first response time) is the same wait on the contacts that open a conversation
 *   (`opensConversation`): how long a new request waits for its first reply.
 *
 * A contact belongs to the period of its first inbound message (`from <= openedAt < to`), even
 * when the answer came after the period. Unanswered contacts have no wait: they are left out of
 * count, mean, median and p90 and counted in `answeredShare` (answered / contacts). Waits are
 * calendar time in epoch milliseconds: business hours are NOT applied, so a message at 23:50
 * answered at 08:10 waited 8 h 20 min. Per channel and per tool is where the contact opened; per
 * agent is who answered (unanswered contacts are under `UNANSWERED`).
 */
import type { ContactFact } from './contacts';
import { byKey, distribution, share, type Distribution } from './stats';

export type GroupBy = 'channel' | 'tool' | 'agent' | 'none';
export type Measure = 'asa' | 'frt';

export interface AggregateOptions {
  /** Inclusive start, epoch ms. */
  from: number;
  /** Exclusive end, epoch ms. */
  to: number;
  groupBy?: GroupBy;
  measure?: Measure;
}

export interface WaitFigures extends Distribution {
  /** The channel, tool or agent; `ALL` when not grouped. */
  key: string;
  /** Contacts opened in the period (answered or not). `count` is how many were answered. */
  contacts: number;
  /** Answered contacts / contacts; null without contacts. */
  answeredShare: number | null;
}

export const ALL = 'all';
export const UNANSWERED = '(unanswered)';
export const UNKNOWN_AGENT = '(unknown)';

/** Wait figures per group, sorted by key. Waits are in milliseconds. */
export function aggregate(facts: readonly ContactFact[], options: AggregateOptions): WaitFigures[] {
  const { from, to, groupBy = 'none', measure = 'asa' } = options;
  const groups = new Map<string, { contacts: number; waits: number[] }>();
  for (const fact of facts) {
    if (fact.kind !== 'contact' || fact.openedAt < from || fact.openedAt >= to) continue;
    if (measure === 'frt' && !fact.opensConversation) continue;
    const key = groupOf(fact, groupBy);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { contacts: 0, waits: [] }));
    group.contacts++;
    if (fact.waitMs !== null) group.waits.push(fact.waitMs);
  }
  return [...groups]
    .map(([key, { contacts, waits }]) => ({ key, contacts, answeredShare: share(waits.length, contacts), ...distribution(waits) }))
    .sort(byKey);
}

function groupOf(fact: ContactFact, groupBy: GroupBy): string {
  switch (groupBy) {
    case 'channel':
      return fact.channel;
    case 'tool':
      return fact.tool;
    case 'agent':
      return fact.answeredAt === null ? UNANSWERED : (fact.answeredBy ?? UNKNOWN_AGENT);
    default:
      return ALL;
  }
}
