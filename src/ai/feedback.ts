/**
 * Feedback on suggestions, for the team's metrics: shown, inserted, edited after insert,
 * dismissed. Records carry ids, sources and sizes, never the reply text or customer data, so
 * they can be synced to the hub as they are.
 */
import { v7 as uuidv7 } from 'uuid';
import type { GuardVerdict } from '../core/guard/guard';
import type { Suggestion, SuggestionSource, SuggestionStyle } from './types';

export type FeedbackKind = 'shown' | 'inserted' | 'edited' | 'dismissed';

export interface FeedbackRecord {
  id: string;
  kind: FeedbackKind;
  at: number;
  /** The suggestion run (one call of `suggest`) and the suggestion in it. */
  runId: string;
  suggestionId: string;
  source: SuggestionSource;
  style?: SuggestionStyle;
  verdict: GuardVerdict;
  templateIds: string[];
  promotionIds: string[];
  conversationKey: string;
  customerId?: string;
  /** `edited`: how much of the inserted text the agent changed before sending (0..1). */
  editRatio?: number;
  /** `shown`: position in the list (0 first). */
  rank?: number;
}

export interface FeedbackScope {
  runId: string;
  conversationKey: string;
  customerId?: string;
  now?: number;
}

function record(kind: FeedbackKind, suggestion: Suggestion, scope: FeedbackScope): FeedbackRecord {
  const r: FeedbackRecord = {
    id: uuidv7(),
    kind,
    at: scope.now ?? Date.now(),
    runId: scope.runId,
    suggestionId: suggestion.id,
    source: suggestion.source,
    verdict: suggestion.verdict,
    templateIds: [...suggestion.templateIds],
    promotionIds: [...suggestion.promotionIds],
    conversationKey: scope.conversationKey,
  };
  if (suggestion.style) r.style = suggestion.style;
  if (scope.customerId) r.customerId = scope.customerId;
  return r;
}

export const shown = (suggestion: Suggestion, rank: number, scope: FeedbackScope): FeedbackRecord => ({ ...record('shown', suggestion, scope), rank });
export const inserted = (suggestion: Suggestion, scope: FeedbackScope): FeedbackRecord => record('inserted', suggestion, scope);
export const dismissed = (suggestion: Suggestion, scope: FeedbackScope): FeedbackRecord => record('dismissed', suggestion, scope);

/** Null when the text sent is the one inserted (nothing to record). */
export function edited(suggestion: Suggestion, insertedText: string, sentText: string, scope: FeedbackScope): FeedbackRecord | null {
  const ratio = editRatio(insertedText, sentText);
  return ratio === 0 ? null : { ...record('edited', suggestion, scope), editRatio: ratio };
}

/**
 * Share of the text changed: word-level edit distance over the longer length, rounded to two
 * decimals. Words, not characters, so a long reply costs a few thousand cells at most.
 */
export function editRatio(before: string, after: string): number {
  const a = before.trim().split(/\s+/).filter(Boolean);
  const b = after.trim().split(/\s+/).filter(Boolean);
  const longest = Math.max(a.length, b.length);
  if (!longest) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return Math.round((previous[b.length]! / longest) * 100) / 100;
}
