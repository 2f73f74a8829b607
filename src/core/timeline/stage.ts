/**
 * The customer's stage, derived from the timeline and explained: prospect (no order yet), new
 * (one or two orders), loyal (three or more, recently), at risk (a recent complaint, a broken
 * promise, or a regular who stopped ordering).
 */
import type { CommitmentState } from './commitments';
import { DAY, type TimelineEvent } from './event';
import { COMPLAINT_CATEGORIES, wordingSignals } from './wording';

export type Stage = 'prospect' | 'new' | 'loyal' | 'at-risk';

export interface StageFacts {
  orders: number;
  returns: number;
  firstOrderAt?: number;
  lastOrderAt?: number;
  /** Customer messages with complaint wording in the last 30 days. */
  complaints: number;
  lastComplaintAt?: number;
  complaintTerms: string[];
  overdueCommitments: number;
}

export interface StageInfo {
  stage: Stage;
  /** One English sentence; the UI may build its own from `facts`. */
  explanation: string;
  facts: StageFacts;
}

const COMPLAINT_WINDOW = 30 * DAY;
const LAPSED_AFTER = 365 * DAY;
const LOYAL_ORDERS = 3;

export function deriveStage(events: readonly TimelineEvent[], now: number, commitments: readonly CommitmentState[]): StageInfo {
  const facts: StageFacts = { orders: 0, returns: 0, complaints: 0, complaintTerms: [], overdueCommitments: commitments.filter((c) => c.overdue).length };
  const terms = new Set<string>();
  for (const event of events) {
    if (event.type === 'order') {
      facts.orders++;
      facts.firstOrderAt = Math.min(facts.firstOrderAt ?? Infinity, event.at);
      facts.lastOrderAt = Math.max(facts.lastOrderAt ?? -Infinity, event.at);
    } else if (event.type === 'return') facts.returns++;
    else if (event.type === 'message' && event.direction === 'inbound' && event.at >= now - COMPLAINT_WINDOW && event.at <= now) {
      const complaint = wordingSignals(event.text).filter((s) => COMPLAINT_CATEGORIES.has(s.category));
      if (!complaint.length) continue;
      facts.complaints++;
      facts.lastComplaintAt = Math.max(facts.lastComplaintAt ?? -Infinity, event.at);
      for (const signal of complaint) for (const term of signal.terms) terms.add(term);
    }
  }
  facts.complaintTerms = [...terms].slice(0, 5);

  const lapsed = facts.orders >= 2 && facts.lastOrderAt !== undefined && now - facts.lastOrderAt > LAPSED_AFTER;
  const risks: string[] = [];
  if (facts.lastComplaintAt !== undefined) risks.push(`a complaint ${ago(facts.lastComplaintAt, now)} (${facts.complaintTerms.map((t) => `"${t}"`).join(', ')})`);
  if (facts.overdueCommitments) risks.push(`${plural(facts.overdueCommitments, 'overdue commitment')}`);
  if (lapsed) risks.push(`no order for ${Math.floor((now - (facts.lastOrderAt ?? now)) / DAY)} days`);
  const history = orderHistory(facts, now);
  if (risks.length) return { stage: 'at-risk', explanation: `At risk: ${risks.join('; ')}. ${history}`, facts };
  if (!facts.orders) return { stage: 'prospect', explanation: `Prospect: ${history}`, facts };
  if (facts.orders >= LOYAL_ORDERS) return { stage: 'loyal', explanation: `Loyal: ${history}`, facts };
  return { stage: 'new', explanation: `New customer: ${history}`, facts };
}

function orderHistory(facts: StageFacts, now: number): string {
  if (!facts.orders || facts.lastOrderAt === undefined) return 'no order yet.';
  const returns = facts.returns ? `, ${plural(facts.returns, 'return')}` : '';
  return `${plural(facts.orders, 'order')}${returns}, the last ${ago(facts.lastOrderAt, now)}.`;
}

function ago(at: number, now: number): string {
  const days = Math.floor((now - at) / DAY);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
