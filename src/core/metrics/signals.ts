/**
 * Signals the extensions record besides timeline events, as plain records the hub stores as they
 * come. The hub fills `agent` from the member who pushed the record. Records are pushed at least
 * once, so every figure counts a record id once.
 */
import { pushTo } from '../timeline/multimap';
import { byKey, byTimeThenId, compareStrings } from './stats';

/** Who, where, when. */
export interface SignalBase {
  /** Client-generated (UUIDv7); the same record pushed twice is counted once. */
  id: string;
  at: number;
  agent: string;
  channel?: string;
  tool?: string;
}

export interface Period {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

/** A suggestion shown, inserted, edited after insert (before sending) or dismissed. Matches `ai/feedback`'s records plus the agent. */
export interface SuggestionSignal extends SignalBase {
  kind: 'shown' | 'inserted' | 'edited' | 'dismissed';
  suggestionId: string;
  /** `template` and `past-reply` are local; `llm` came from the model. */
  source: string;
  templateIds?: string[];
  promotionIds?: string[];
}

/** A template put into a reply by hand (from the template picker or a shortcut). */
export interface TemplateUseSignal extends SignalBase {
  templateId: string;
}

/** The agent acknowledged a promotion pushed by the team lead. */
export interface PromotionSeenSignal extends SignalBase {
  promotionId: string;
}

/** A reply the agent sent mentioned a promotion (by code or title, see `mentionedPromotions`). */
export interface PromotionMentionSignal extends SignalBase {
  promotionId: string;
  /** The reply (message) id: two readings of one reply are one mention. */
  replyId: string;
}

/** A brand issue the draft check caught, then (maybe) the agent fixed before sending. */
export interface BrandIssueSignal extends SignalBase {
  kind: 'caught' | 'fixed';
  /** One issue in one draft, the same in its `caught` and `fixed` records. */
  issueId: string;
  /** The draft check's code (`banned-term`, `missing-greeting`…). */
  code: string;
}

/** An alert the sidebar raised (`answered-elsewhere`, `waiting-elsewhere`, `repeat-contact`). */
export interface AlertSignal extends SignalBase {
  kind: string;
  customerId?: string;
}

export type SignalGroupBy = 'agent' | 'channel' | 'tool' | 'none';

export const inPeriod = (at: number, period: Period): boolean => at >= period.from && at < period.to;

/** The group a record falls in; records without the field are under `(unknown)`. */
export function signalGroup(record: SignalBase, groupBy: SignalGroupBy): string {
  if (groupBy === 'none') return 'all';
  return record[groupBy] || '(unknown)';
}

/** Records once per id. */
export function uniqueById<T extends SignalBase>(records: readonly T[]): T[] {
  const seen = new Map<string, T>();
  for (const record of records) if (!seen.has(record.id)) seen.set(record.id, record);
  return [...seen.values()];
}

/** Records per entity (suggestion, issue…), each list oldest first (ties by id). */
export function byEntity<T extends SignalBase>(records: readonly T[], entityOf: (record: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const record of uniqueById(records)) pushTo(groups, entityOf(record), record);
  for (const list of groups.values()) list.sort(byTimeThenId);
  return groups;
}

/** Alerts raised in the period, per kind and group: `[{ key, kind, count }]` sorted. */
export function alertCounts(alerts: readonly AlertSignal[], period: Period, groupBy: SignalGroupBy = 'none'): { key: string; kind: string; count: number }[] {
  const counts = new Map<string, { key: string; kind: string; count: number }>();
  for (const alert of uniqueById(alerts)) {
    if (!inPeriod(alert.at, period)) continue;
    const key = signalGroup(alert, groupBy);
    const id = `${key}\u0000${alert.kind}`;
    const row = counts.get(id);
    if (row) row.count++;
    else counts.set(id, { key, kind: alert.kind, count: 1 });
  }
  return [...counts.values()].sort((a, b) => byKey(a, b) || compareStrings(a.kind, b.kind));
}
