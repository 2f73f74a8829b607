/**
 * Suggested merges from weak evidence: a shared name, city or handle proposes, never links. The
 * agent accepts (a merge) or dismisses; both are audited.
 */
import { evidenceKeys, type Identifier } from './identifier';
import { clashesBetween, membersOf, rootOf } from './queries';
import { pairId, type Clash, type IdentityState } from './state';

export type SuggestionReasonCode = 'same-name' | 'same-first-name' | 'same-city' | 'same-handle';

export interface SuggestionReason {
  code: SuggestionReasonCode;
  /** The shared value as the agent reads it: `Marie Dupont`, `Lyon`, `@jules_w`. */
  value: string;
  /** This reason's share of the confidence (0..1), after discounting common values. */
  weight: number;
}

export interface SuggestedMerge {
  customerId: string;
  otherId: string;
  /** 0..1. */
  confidence: number;
  reasons: SuggestionReason[];
  /** Exclusive slots where the two hold different values: the merge needs a closer look. */
  clashes: Clash[];
}

export interface SuggestOptions {
  /** Evidence to compare; defaults to the customer's own weak identifiers and handles. */
  evidence?: readonly Pick<Identifier, 'kind' | 'key' | 'value'>[];
  /** Below this, nothing is suggested. Default 0.3: a city or a first name alone never is. */
  minConfidence?: number;
  limit?: number;
}

// Base weights, before rarity: a value held by many customers says little about any of them.
const WEIGHTS: Record<SuggestionReasonCode, { base: number; commonAt: number }> = {
  'same-name': { base: 0.45, commonAt: 3 },
  'same-first-name': { base: 0.1, commonAt: 3 },
  'same-city': { base: 0.15, commonAt: 10 },
  'same-handle': { base: 0.5, commonAt: 2 },
};
const CLASH_DISCOUNT = 0.6;
// Beyond this many holders a value is noise (a city of millions, "Marie").
const MAX_HOLDERS = 200;

/**
 * Customers that `customerId` may be, best first. With `customerId` undefined (a screen showing
 * only weak identifiers), candidates for `options.evidence` alone, with an empty `customerId`.
 */
export function suggestMerges(state: IdentityState, customerId: string | undefined, options: SuggestOptions = {}): SuggestedMerge[] {
  const root = customerId === undefined ? undefined : rootOf(state, customerId);
  if (customerId !== undefined && !root) return [];
  const evidence = options.evidence ?? (root ? membersOf(state, root) : []).flatMap((id) => state.customers[id]?.identifiers ?? []);
  const found = new Map<string, Map<SuggestionReasonCode, SuggestionReason>>();
  for (const identifier of evidence) {
    const code = reasonCode(identifier);
    if (!code) continue;
    for (const key of evidenceKeys(identifier)) {
      const holders = state.holders[key] ?? [];
      if (holders.length > MAX_HOLDERS) continue;
      const others = new Set<string>();
      for (const holder of holders) {
        const other = rootOf(state, holder);
        if (other && other !== root) others.add(other);
      }
      const { base, commonAt } = WEIGHTS[code];
      const weight = base * Math.min(1, commonAt / Math.max(1, others.size));
      for (const other of others) {
        const reasons = found.get(other) ?? new Map<SuggestionReasonCode, SuggestionReason>();
        found.set(other, reasons);
        if ((reasons.get(code)?.weight ?? 0) < weight) reasons.set(code, { code, value: identifier.value, weight: round(weight) });
      }
    }
  }
  const suggestions: SuggestedMerge[] = [];
  for (const [other, reasons] of found) {
    if (root && state.dismissed[pairId(root, other)]) continue;
    const clashes = root ? clashesBetween(state, root, other) : [];
    const list = [...reasons.values()].sort((a, b) => b.weight - a.weight);
    const combined = 1 - list.reduce((p, reason) => p * (1 - reason.weight), 1);
    const confidence = round(clashes.length ? combined * CLASH_DISCOUNT : combined);
    if (confidence >= (options.minConfidence ?? 0.3)) suggestions.push({ customerId: root ?? '', otherId: other, confidence, reasons: list, clashes });
  }
  suggestions.sort((a, b) => b.confidence - a.confidence || (a.otherId < b.otherId ? -1 : 1));
  return suggestions.slice(0, options.limit ?? 5);
}

function reasonCode(identifier: Pick<Identifier, 'kind' | 'key'>): SuggestionReasonCode | null {
  switch (identifier.kind) {
    case 'name':
      return identifier.key.includes(' ') ? 'same-name' : 'same-first-name';
    case 'city':
      return 'same-city';
    case 'handle':
      // Short handles (`@jo`) are shared by too many people on different networks.
      return identifier.key.length - identifier.key.lastIndexOf('@') > 4 ? 'same-handle' : null;
    default:
      return null;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
