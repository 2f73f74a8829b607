/**
 * The agent's decisions on the graph: merge, undo a merge, split, undo a split, dismiss a
 * suggestion. Pure: each returns a new state and appends one audit entry; errors are thrown as
 * `IdentityError` with a stable code.
 *
 * Undo is exact because merges never touch customer records (see state.ts). What blocks an undo
 * is a split, still in force, that took identifiers the merge joined: undo that split first.
 */
import { IdentityError } from './errors';
import { ErrorCode } from '../../shared/errors';
import { addIdentifiers, linkMerge, removeIdentifiers, StateDraft, unlinkMerge, type OperationResult } from './draft';
import { clashesBetween, membersOf, rootOf, strongIdentifiers } from './queries';
import { pairId, type AuditAction, type IdentityState, type MergeRecord, type Reversal, type SplitRecord } from './state';

export interface Decision {
  actor: string;
  reason: string;
  now: number;
}

export interface DecisionWithId extends Decision {
  newId: () => string;
}

/** Undo entries can derive their audit id from the operation they undo (it is undone once). */
export type UndoDecision = Decision & { newId?: () => string };

export interface MergeResult extends OperationResult {
  merge: MergeRecord;
}

/** Merges `b`'s customer into `a`'s (their merge roots). Clashes are recorded, not refused: the agent decided. */
export function merge(state: IdentityState, a: string, b: string, decision: DecisionWithId): MergeResult {
  const draft = new StateDraft(state);
  const record = applyMerge(draft, requireRoot(state, a), requireRoot(state, b), { ...decision, automatic: false });
  return { state: draft.finish(), changes: draft.changes(), merge: record };
}

/** Records a merge of two roots on a draft (also used by automatic merges). */
export function applyMerge(draft: StateDraft, survivorId: string, absorbedId: string, decision: DecisionWithId & { automatic: boolean }): MergeRecord {
  if (survivorId === absorbedId) throw new IdentityError(ErrorCode.AlreadyMerged, `${absorbedId} is already part of ${survivorId}`);
  const state = draft.state;
  const keysOf = (id: string) => strongIdentifiers(state, id).map((identifier) => identifier.key);
  const record: MergeRecord = {
    id: decision.newId(),
    survivorId,
    absorbedId,
    at: decision.now,
    actor: decision.actor,
    reason: decision.reason,
    automatic: decision.automatic,
    survivorKeys: keysOf(survivorId),
    absorbedKeys: keysOf(absorbedId),
    clashes: clashesBetween(state, survivorId, absorbedId),
  };
  draft.set('merges', record.id, record);
  linkMerge(draft, record);
  log(draft, decision, 'merge', [survivorId, absorbedId], record.absorbedKeys, record.id, decision.automatic);
  return record;
}

/**
 * Takes the absorbed customer back out, with its own identifiers (and so its own events).
 * Merges can be undone in any order; refused while a split moves identifiers the merge joined.
 */
export function undoMerge(state: IdentityState, mergeId: string, decision: UndoDecision): OperationResult {
  const record = undoable(state.merges[mergeId], 'Merge', mergeId, ErrorCode.UnknownMerge);
  // Merges never touch customer records; only a split since can have taken identifiers off a side.
  const blockers = activeSplitsMoving(state, [...record.absorbedKeys, ...record.survivorKeys]);
  if (blockers.length) throw undoBlocked('Merge', mergeId, 'identifiers it joined were split off since', blockers);
  const draft = new StateDraft(state);
  unlinkMerge(draft, record);
  draft.set('merges', mergeId, { ...record, undone: reversal(decision) });
  log(draft, withAuditId(decision, `${mergeId}:undo`), 'undo-merge', [record.survivorId, record.absorbedId], record.absorbedKeys, mergeId);
  return { state: draft.finish(), changes: draft.changes() };
}

export interface SplitResult extends OperationResult {
  split: SplitRecord;
  /** The new customer holding the identifiers taken off. */
  customerId: string;
}

/**
 * Moves identifiers (by key, from anywhere in the customer's merge tree) to a new customer.
 * Events that came through those identifiers follow them (see `subjectOwner`).
 */
export function split(state: IdentityState, customerId: string, identifierKeys: readonly string[], decision: DecisionWithId & { displayName?: string }): SplitResult {
  const root = requireRoot(state, customerId);
  const keys = new Set(identifierKeys);
  if (!keys.size) throw new IdentityError(ErrorCode.EmptySplit, 'Nothing to split off');
  const holderOf = new Map<string, string>();
  for (const id of membersOf(state, root)) for (const identifier of state.customers[id]?.identifiers ?? []) if (keys.has(identifier.key)) holderOf.set(identifier.key, id);
  const missing = [...keys].filter((key) => !holderOf.has(key));
  if (missing.length) throw new IdentityError(ErrorCode.UnknownIdentifier, `${root} does not hold ${missing.join(', ')}`);

  const draft = new StateDraft(state);
  const newCustomerId = decision.newId();
  const byHolder = new Map<string, Set<string>>();
  for (const [key, from] of holderOf) byHolder.set(from, (byHolder.get(from) ?? new Set()).add(key));
  const moved = [...byHolder].flatMap(([from, own]) => removeIdentifiers(draft, from, own).map((identifier) => ({ identifier, from })));
  draft.set('customers', newCustomerId, { id: newCustomerId, createdAt: decision.now, identifiers: [], ...(decision.displayName ? { displayName: decision.displayName } : {}) });
  addIdentifiers(draft, newCustomerId, moved.map((m) => m.identifier));
  const record: SplitRecord = {
    id: decision.newId(),
    customerId: root,
    newCustomerId,
    moved: moved.map((m) => ({ key: m.identifier.key, from: m.from })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    at: decision.now,
    actor: decision.actor,
    reason: decision.reason,
  };
  draft.set('splits', record.id, record);
  log(draft, decision, 'split', [root, newCustomerId], record.moved.map((m) => m.key), record.id);
  return { state: draft.finish(), changes: draft.changes(), split: record, customerId: newCustomerId };
}

/**
 * Puts split identifiers back where they were and removes the customer the split created.
 * Refused when that customer has since been merged or gained identifiers: merge it instead.
 */
export function undoSplit(state: IdentityState, splitId: string, decision: UndoDecision): OperationResult {
  const record = undoable(state.splits[splitId], 'Split', splitId, ErrorCode.UnknownSplit);
  const created = state.customers[record.newCustomerId];
  // The split's customer must be as the split left it: not merged since, holding exactly the moved keys.
  const blockers = [state.mergedInto[record.newCustomerId], ...(state.absorbed[record.newCustomerId] ?? []).map((id) => state.mergedInto[id])].filter(
    (id): id is string => id !== undefined,
  );
  const held = new Set(created?.identifiers.map((identifier) => identifier.key));
  const unchanged = held.size === record.moved.length && record.moved.every((m) => held.has(m.key));
  if (!created || blockers.length || !unchanged) throw undoBlocked('Split', splitId, `${record.newCustomerId} changed since`, blockers);
  const missingHolder = record.moved.find((m) => !state.customers[m.from]);
  if (missingHolder) throw new IdentityError(ErrorCode.UnknownCustomer, `${missingHolder.from} no longer exists`);

  const draft = new StateDraft(state);
  const identifiers = removeIdentifiers(draft, created.id, new Set(record.moved.map((m) => m.key)));
  for (const from of new Set(record.moved.map((m) => m.from))) {
    const back = new Set(record.moved.filter((m) => m.from === from).map((m) => m.key));
    addIdentifiers(draft, from, identifiers.filter((identifier) => back.has(identifier.key)));
  }
  draft.delete('customers', created.id);
  draft.set('splits', splitId, { ...record, undone: reversal(decision) });
  log(draft, withAuditId(decision, `${splitId}:undo`), 'undo-split', [record.customerId, record.newCustomerId], record.moved.map((m) => m.key), splitId);
  return { state: draft.finish(), changes: draft.changes() };
}

/** Records that the agent judged two customers to be different people: no more suggestions. */
export function dismissSuggestion(state: IdentityState, a: string, b: string, decision: DecisionWithId): OperationResult {
  const left = requireRoot(state, a);
  const right = requireRoot(state, b);
  const draft = new StateDraft(state);
  const pair = pairId(left, right);
  draft.set('dismissed', pair, { pair, at: decision.now, actor: decision.actor, reason: decision.reason });
  log(draft, decision, 'dismiss-suggestion', [left, right], [], undefined);
  return { state: draft.finish(), changes: draft.changes() };
}

function requireRoot(state: IdentityState, customerId: string): string {
  const root = rootOf(state, customerId);
  if (!root) throw new IdentityError(ErrorCode.UnknownCustomer, `No customer ${customerId}`);
  return root;
}

function activeSplitsMoving(state: IdentityState, keys: readonly string[]): string[] {
  const wanted = new Set(keys);
  return Object.values(state.splits)
    .filter((s) => !s.undone && s.moved.some((m) => wanted.has(m.key)))
    .sort((a, b) => b.at - a.at)
    .map((s) => s.id);
}

/** The record, if it exists and is not undone yet. */
function undoable<T extends { undone?: Reversal }>(record: T | undefined, what: 'Merge' | 'Split', id: string, unknown: ErrorCode): T {
  if (!record) throw new IdentityError(unknown, `No ${what.toLowerCase()} ${id}`);
  if (record.undone) throw new IdentityError(ErrorCode.AlreadyUndone, `${what} ${id} was already undone`);
  return record;
}

function undoBlocked(what: 'Merge' | 'Split', id: string, why: string, blockers: readonly string[]): IdentityError {
  return new IdentityError(ErrorCode.UndoBlocked, `${what} ${id} cannot be undone exactly: ${why}${blockers.length ? `; undo ${blockers.join(', ')} first` : ''}`, blockers);
}

function reversal(decision: Decision): Reversal {
  return { at: decision.now, actor: decision.actor, reason: decision.reason };
}

function withAuditId(decision: UndoDecision, fallback: string): DecisionWithId {
  return { ...decision, newId: decision.newId ?? (() => fallback) };
}

export function log(
  draft: StateDraft,
  decision: DecisionWithId,
  action: AuditAction,
  customerIds: string[],
  identifierKeys: string[],
  operationId: string | undefined,
  automatic = false,
): void {
  draft.log({
    id: decision.newId(),
    at: decision.now,
    actor: decision.actor,
    automatic,
    action,
    reason: decision.reason,
    customerIds,
    identifierKeys,
    ...(operationId ? { operationId } : {}),
  });
}
