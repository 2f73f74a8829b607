/**
 * The identity graph: identifiers seen together on one screen belong to one customer.
 *
 * - Strong identifiers link on their own: a new customer, new identifiers on the one customer
 *   they point to, or an automatic (audited, reversible) merge when they point to several.
 * - Several customers that already hold different values in one exclusive slot (two e-mails,
 *   two Zendesk user ids) are never merged by a screen: that is a `conflict` for the agent.
 * - Weak identifiers (names, cities, handles of unknown networks) only suggest merges.
 * - The team's own and shared identifiers never link anything (settings lists, role mailboxes).
 */
import { byAnchorRank, normaliseIdentifier, type Identifier } from './identifier';
import { exclusionsFor, type ExclusionLists, type ExclusionReason } from './exclusions';
import { applyMerge, log, type DecisionWithId } from './operations';
import { addIdentifiers, indexIdentifiers, noChanges, StateDraft, type OperationResult } from './draft';
import { clashesBetween, membersOf, rootOf } from './queries';
import type { Clash, CustomerIdentifier, EventSubject, IdentityState } from './state';
import { suggestMerges, type SuggestedMerge } from './suggestions';

export { dismissSuggestion, merge, split, undoMerge, undoSplit, type Decision, type DecisionWithId, type MergeResult, type SplitResult, type UndoDecision } from './operations';
export * from './queries';
export * from './state';
export { buildIdentityState, noChanges, type IdentityChanges, type IdentityRecords, type OperationResult } from './draft';
export { suggestMerges, type SuggestedMerge, type SuggestionReason, type SuggestionReasonCode } from './suggestions';

export interface Sighting {
  /** Normalised identifiers read together from one screen. */
  identifiers: readonly Identifier[];
  displayName?: string;
  tool: string;
  channel?: string;
}

export interface SightingOptions extends ExclusionLists {
  now: number;
  newId: () => string;
  /** The agent whose screen it was (audit). */
  actor?: string;
}

export type SightingOutcome = 'created' | 'attached' | 'unchanged' | 'merged' | 'conflict' | 'unidentified';

export interface SightingConflict {
  /** The customers the screen points to, oldest first. */
  customerIds: string[];
  clashes: (Clash & { customerIds: [string, string] })[];
  /** Strong identifiers on screen that nobody holds yet: attach them once the agent has decided. */
  unattached: Identifier[];
}

export interface SightingResult extends OperationResult {
  outcome: SightingOutcome;
  /** The customer on screen (merge root); absent when unidentified or in conflict. */
  customerId?: string;
  /** What this screen's events should be recorded against (see `subjectOwner`). */
  subject?: EventSubject;
  /** Keys added to the customer by this sighting. */
  attached: string[];
  /** Automatic merges made by this sighting. */
  mergeIds: string[];
  conflict?: SightingConflict;
  suggestions: SuggestedMerge[];
  /** Identifiers that were set aside, with why. */
  ignored: { key: string; reason: ExclusionReason }[];
}

export function resolveSighting(state: IdentityState, sighting: Sighting, options: SightingOptions): SightingResult {
  const exclusions = exclusionsFor(options);
  const ignored: SightingResult['ignored'] = [];
  const kept: Identifier[] = [];
  const seen = new Set<string>();
  const name = sighting.displayName ? normaliseIdentifier(sighting.displayName, 'name') : null;
  for (const identifier of name ? [...sighting.identifiers, name] : sighting.identifiers) {
    if (seen.has(identifier.key)) continue;
    seen.add(identifier.key);
    const reason = exclusions.reasonFor(identifier);
    if (reason) ignored.push({ key: identifier.key, reason });
    else kept.push(identifier);
  }
  const strong = kept.filter((identifier) => identifier.strength === 'strong').sort(byAnchorRank);
  const base = { attached: [] as string[], mergeIds: [] as string[], ignored, changes: noChanges() };
  const suggest = (s: IdentityState, customerId: string | undefined) => suggestMerges(s, customerId, { evidence: kept });

  if (!strong.length) return { ...base, state, outcome: 'unidentified', suggestions: suggest(state, undefined) };

  const decision: DecisionWithId = {
    actor: options.actor ?? 'continuum',
    now: options.now,
    newId: options.newId,
    reason: `seen together on ${sighting.tool}${sighting.channel ? ` (${sighting.channel})` : ''}`,
  };
  const draft = new StateDraft(state);
  const roots = rootsInOrder(state, strong);

  if (!roots.length) {
    const customerId = options.newId();
    const identifiers = stamp(kept, sighting, options.now);
    const shownName = name && kept.some((i) => i.key === name.key) ? { displayName: name.value } : {};
    draft.set('customers', customerId, { id: customerId, createdAt: options.now, identifiers, ...shownName });
    indexIdentifiers(draft, customerId, identifiers);
    log(draft, decision, 'create', [customerId], identifiers.map((i) => i.key), undefined, true);
    const next = draft.finish();
    const subject = { customerId, identifierKey: strong[0]?.key };
    return { ...base, state: next, changes: draft.changes(), outcome: 'created', customerId, subject, attached: identifiers.map((i) => i.key), suggestions: suggest(next, customerId) };
  }

  if (roots.length > 1) {
    const conflict = conflictAmong(state, roots, strong);
    if (conflict) return { ...base, state, outcome: 'conflict', conflict, suggestions: [] };
    const [survivor, ...others] = roots;
    for (const other of others) base.mergeIds.push(applyMerge(draft, survivor ?? other, other, { ...decision, automatic: true }).id);
  }

  // New identifiers go on the member customer whose identifier best matched, so undoing an
  // earlier merge later takes them along with that member.
  const current = draft.state;
  const anchorKey = strong.find((identifier) => current.owners[identifier.key])?.key;
  const anchor = anchorKey ? current.owners[anchorKey] : undefined;
  const root = anchor ? rootOf(current, anchor) : undefined;
  if (!anchor || !root) throw new Error('unreachable: a matched identifier has no owner');
  const held = new Set(membersOf(current, root).flatMap((id) => current.customers[id]?.identifiers.map((i) => i.key) ?? []));
  const fresh = stamp(
    kept.filter((identifier) => !held.has(identifier.key)),
    sighting,
    options.now,
  );
  if (fresh.length) {
    addIdentifiers(draft, anchor, fresh);
    log(draft, decision, 'attach', [anchor], fresh.map((i) => i.key), undefined, true);
  }
  const next = draft.finish();
  return {
    ...base,
    state: next,
    changes: draft.changes(),
    outcome: base.mergeIds.length ? 'merged' : fresh.length ? 'attached' : 'unchanged',
    customerId: root,
    subject: { customerId: anchor, identifierKey: anchorKey },
    attached: fresh.map((i) => i.key),
    suggestions: suggest(next, root),
  };
}

/** Roots the strong identifiers point to, the oldest customer first (it survives merges). */
function rootsInOrder(state: IdentityState, strong: readonly Identifier[]): string[] {
  const roots = new Set<string>();
  for (const identifier of strong) {
    const owner = state.owners[identifier.key];
    const root = owner ? rootOf(state, owner) : undefined;
    if (root) roots.add(root);
  }
  const createdAt = (id: string) => state.customers[id]?.createdAt ?? 0;
  return [...roots].sort((a, b) => createdAt(a) - createdAt(b) || (a < b ? -1 : 1));
}

function conflictAmong(state: IdentityState, roots: readonly string[], strong: readonly Identifier[]): SightingConflict | null {
  const clashes: SightingConflict['clashes'] = [];
  for (let i = 0; i < roots.length; i++) {
    for (let j = i + 1; j < roots.length; j++) {
      const a = roots[i] ?? '';
      const b = roots[j] ?? '';
      for (const clash of clashesBetween(state, a, b)) clashes.push({ ...clash, customerIds: [a, b] });
    }
  }
  if (!clashes.length) return null;
  return { customerIds: [...roots], clashes, unattached: strong.filter((identifier) => !state.owners[identifier.key]) };
}

function stamp(identifiers: readonly Identifier[], sighting: Sighting, now: number): CustomerIdentifier[] {
  const source = sighting.channel ? { tool: sighting.tool, channel: sighting.channel } : { tool: sighting.tool };
  return identifiers.map((identifier) => ({ ...identifier, firstSeen: now, source })).sort((a, b) => (a.key < b.key ? -1 : 1));
}
