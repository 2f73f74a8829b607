/**
 * What the agent decides or adds about the customer on screen, from the sidebar: merge with a
 * suggested (or conflicting) customer, undo a merge, dismiss a suggestion (each audited), or
 * add a note to the timeline.
 */
import { v7 as uuidv7 } from 'uuid';
import { dismissSuggestion, merge, rootOf, split, undoMerge } from '../core/identity/graph';
import { ContinuumError, ErrorCode } from '../shared/errors';
import { db } from '../storage/db';
import { loadSlice, saveChanges } from '../storage/identity-store';
import { appendEvents } from '../storage/timeline-store';
import { setTabState, tabState } from './session-store';

export type MergeDecision =
  | { kind: 'merge'; otherId: string }
  | { kind: 'undo'; mergeId: string }
  | { kind: 'dismiss'; otherId: string }
  | { kind: 'split'; identifierKey: string };

const ACTOR = 'agent';

export async function decideMerge(tabId: number, decision: MergeDecision, now = Date.now()): Promise<void> {
  const state = await tabState(tabId);
  const memberId = state?.customerId ?? state?.conflictWith?.[0];
  if (!state || !memberId) throw new ContinuumError(ErrorCode.UnknownCustomer, 'No customer on this page');
  const others = decision.kind === 'merge' || decision.kind === 'dismiss' ? [decision.otherId] : [];
  const slice = await loadSlice(db(), [], [memberId, ...others, ...(state.conflictWith ?? [])]);
  const rootId = rootOf(slice, memberId);
  if (!rootId) throw new ContinuumError(ErrorCode.UnknownCustomer, 'Unknown customer');
  const common = { actor: ACTOR, now, newId: uuidv7 };
  const result =
    decision.kind === 'merge'
      ? merge(slice, rootId, decision.otherId, { ...common, reason: 'merged by the agent in the sidebar' })
      : decision.kind === 'undo'
        ? undoMerge(slice, decision.mergeId, { ...common, reason: 'merge undone by the agent in the sidebar' })
        : decision.kind === 'split'
          ? split(slice, rootId, [decision.identifierKey], { ...common, reason: 'identifier split off by the agent in the sidebar' })
          : dismissSuggestion(slice, rootId, decision.otherId, { ...common, reason: 'not the same person (agent)' });
  await saveChanges(db(), result.changes, now);
  if (decision.kind === 'merge' && state.status === 'conflict') {
    await setTabState(tabId, { ...state, status: 'detected', customerId: rootId, conflictWith: [] });
  }
}

export async function addNote(tabId: number, text: string, now = Date.now()): Promise<void> {
  const state = await tabState(tabId);
  if (!state?.customerId) throw new ContinuumError(ErrorCode.UnknownCustomer, 'No customer on this page');
  await appendEvents(db(), [
    { id: uuidv7(), type: 'note', subject: { customerId: state.customerId }, at: now, tool: 'continuum', channel: 'note', author: ACTOR, text },
  ]);
}
