/**
 * The identity graph's state: persisted records (customers, merges, splits, dismissed
 * suggestions, the audit log) and the indexes rebuilt from them.
 *
 * A merge never rewrites a customer: the absorbed customer keeps its own identifiers and is
 * reached through `mergedInto` (absorbed id → active merge id), so undoing a merge only drops
 * that pointer and both records are exactly what they were. `owners`, `holders`, `mergedInto`
 * and `absorbed` are indexes, rebuilt from the records by `buildIdentityState`.
 *
 * Every function works on a slice: the service worker loads the customers that own the keys
 * on screen plus their merge trees, not the whole store.
 */
import type { Identifier } from './identifier';

export interface IdentifierSource {
  /** Host app or adapter that showed it (`zendesk`, `generic`, `hub`). */
  tool: string;
  channel?: string;
}

export interface CustomerIdentifier extends Identifier {
  firstSeen: number;
  source: IdentifierSource;
}

export interface Customer {
  id: string;
  createdAt: number;
  displayName?: string;
  /** Canonical order (first seen, then key), so moving identifiers back restores the same array. */
  identifiers: readonly CustomerIdentifier[];
}

/** Two customers holding different values in one exclusive slot (`email`, `app:zendesk:user`). */
export interface Clash {
  slot: string;
  a: string[];
  b: string[];
}

export interface Reversal {
  at: number;
  actor: string;
  reason: string;
}

export interface MergeRecord {
  id: string;
  survivorId: string;
  absorbedId: string;
  at: number;
  actor: string;
  reason: string;
  /** True when the graph merged on its own (strong identifiers seen together). */
  automatic: boolean;
  /** Strong keys each side held when merged: a split moving any of them blocks the undo. */
  survivorKeys: string[];
  absorbedKeys: string[];
  clashes: Clash[];
  undone?: Reversal;
}

export interface SplitRecord {
  id: string;
  /** The customer (merge root) the identifiers were taken from. */
  customerId: string;
  newCustomerId: string;
  /** Each moved identifier and the member customer that held it. */
  moved: { key: string; from: string }[];
  at: number;
  actor: string;
  reason: string;
  undone?: Reversal;
}

export interface DismissedSuggestion {
  pair: string;
  at: number;
  actor: string;
  reason: string;
}

export type AuditAction = 'create' | 'attach' | 'merge' | 'undo-merge' | 'split' | 'undo-split' | 'dismiss-suggestion';

export interface AuditEntry {
  id: string;
  at: number;
  /** The agent, or the agent on whose screen an automatic link happened. */
  actor: string;
  automatic: boolean;
  action: AuditAction;
  reason: string;
  customerIds: string[];
  identifierKeys: string[];
  /** Merge or split id. */
  operationId?: string;
}

export interface IdentityState {
  customers: Readonly<Record<string, Customer>>;
  merges: Readonly<Record<string, MergeRecord>>;
  splits: Readonly<Record<string, SplitRecord>>;
  dismissed: Readonly<Record<string, DismissedSuggestion>>;
  audit: readonly AuditEntry[];
  /** Index: strong key → the customer holding it (one owner per strong key, always). */
  owners: Readonly<Record<string, string>>;
  /** Index: evidence key (names, cities, bare handles) → customers holding it, sorted. */
  holders: Readonly<Record<string, readonly string[]>>;
  /** Index: absorbed customer → the active merge that absorbed it. */
  mergedInto: Readonly<Record<string, string>>;
  /** Index: survivor → customers it absorbed directly, sorted. */
  absorbed: Readonly<Record<string, readonly string[]>>;
}

/** What a timeline event is attached to; see `subjectOwner`. */
export interface EventSubject {
  /** The member customer the event was recorded for (never rewritten by merges). */
  customerId: string;
  /** The strong identifier it came through, when there was one: splits move events with it. */
  identifierKey?: string;
}

export function emptyIdentityState(): IdentityState {
  return { customers: {}, merges: {}, splits: {}, dismissed: {}, audit: [], owners: {}, holders: {}, mergedInto: {}, absorbed: {} };
}

export function canonicalOrder(a: CustomerIdentifier, b: CustomerIdentifier): number {
  return a.firstSeen - b.firstSeen || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function pairId(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
