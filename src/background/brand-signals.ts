/**
 * Brand issues caught and fixed, for the team's metrics. Each report of a tab's draft moves a small
 * state machine: an issue the check finds is `caught` once per draft; if it leaves the draft while
 * the agent is still writing (their own edit or a one-click fix) it is `fixed`, with the same
 * issueId. An issue the agent may still be typing (a word at the caret, a sign-off not written
 * yet) waits, `pending`, until they move on. A draft ends when its box empties (sent, or cleared by
 * hand: the page may empty its box with the same input events as the agent, so the two cannot be
 * told apart), when another conversation is on screen, or when its page or tab goes: its open
 * issues stay unfixed, and its pending ones are caught then (the check did show them; the draft
 * left with them). The state lives in `storage.session`, so a restarted service worker neither
 * forgets nor re-counts an issue. Records hold ids, codes and times only.
 */
import { v7 as uuidv7 } from 'uuid';
import type { DraftIssue } from '../core/brand/check-draft';
import { contentEnd } from '../core/brand/issues';
import { hash53 } from '../core/timeline/text';
import { isBlank } from '../shared/blank';
import { browser } from '../shared/platform';
import { db } from '../storage/db';
import type { AssistFeedback } from './assist';

export interface TrackedIssue {
  issueId: string;
  code: string;
}

/** One draft in one tab. Issues are keyed by `issueIdentity`. */
export interface DraftTrack {
  /** The conversation the draft belongs to ('' when none is known). */
  conversationKey: string;
  /** Caught and still in the draft. */
  open: Record<string, TrackedIssue>;
  /** Fixed in this draft: a one-click fix and the report after it count one fix. */
  fixed: Record<string, TrackedIssue>;
  /** In the last report but not caught yet, as the agent may still be typing it: identity → code. */
  pending?: Record<string, string>;
}

export interface DraftReport {
  conversationKey?: string;
  text: string;
  caret: number;
  issues: readonly DraftIssue[];
}

export interface Transition {
  track: DraftTrack;
  caught: TrackedIssue[];
  fixed: TrackedIssue[];
  /** The previous draft ended: its pending issues, caught now, under its own conversation. */
  ended?: { conversationKey: string; caught: TrackedIssue[] };
}

/**
 * One issue in one draft: its code, message and the words it names (the term, the promotion
 * code…), never its offset, which moves as the agent types. Counts (a draft's length, how many
 * emoji) are left out for the same reason. Two uses of one banned term are one issue.
 */
export function issueIdentity(issue: DraftIssue): string {
  const words = Object.entries(issue.message.params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  // Hashed: the state keeps no word of the draft (a customer's name, a term).
  return hash53([issue.code, issue.message.key, ...words].join('\u0000'));
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * False while the agent is still typing what the issue is about: a word being typed ("Bon" on its
 * way to "Bonjour", "che" on its way to anything), or a sign-off not written yet because the
 * caret is still at the end of the draft. Such an issue is not caught yet; it is if it stays.
 */
export function settled(issue: DraftIssue, text: string, caret: number): boolean {
  if (issue.code === 'missing-sign-off') return caret < contentEnd(text);
  const firstWord = /\S+/.exec(text);
  const span =
    issue.start !== undefined
      ? { start: issue.start, end: issue.end ?? issue.start }
      : issue.code === 'missing-greeting' && firstWord
        ? { start: firstWord.index, end: firstWord.index + firstWord[0].length }
        : undefined;
  if (!span) return true;
  const typing = WORD_CHAR.test(text[caret - 1] ?? '');
  return !(typing && caret >= span.start && caret <= span.end);
}

const emptyTrack = (conversationKey: string): DraftTrack => ({ conversationKey, open: {}, fixed: {} });

/** A draft that ends: nothing in it was fixed; what was pending is caught. */
function endOf(track: DraftTrack, newId: () => string): Transition['ended'] {
  const pending = Object.values(track.pending ?? {});
  return pending.length ? { conversationKey: track.conversationKey, caught: pending.map((code) => ({ issueId: newId(), code })) } : undefined;
}

/** The draft after one more report of it: the issues caught and fixed since the last report. */
export function advance(track: DraftTrack | undefined, report: DraftReport, newId: () => string = uuidv7): Transition {
  const key = report.conversationKey ?? '';
  // Sent, cleared, or another conversation: that draft is over.
  const ended = track && (isBlank(report.text) || track.conversationKey !== key) ? endOf(track, newId) : undefined;
  if (isBlank(report.text)) return { track: emptyTrack(key), caught: [], fixed: [], ...(ended ? { ended } : {}) };
  const current = track && track.conversationKey === key ? track : emptyTrack(key);
  const present = new Map<string, DraftIssue[]>();
  for (const issue of report.issues) {
    const id = issueIdentity(issue);
    present.set(id, [...(present.get(id) ?? []), issue]);
  }
  const pending: Record<string, string> = {};
  const next: DraftTrack = { conversationKey: key, open: {}, fixed: { ...current.fixed }, pending };
  const caught: TrackedIssue[] = [];
  const fixed: TrackedIssue[] = [];
  for (const [id, tracked] of Object.entries(current.open)) {
    if (present.has(id)) next.open[id] = tracked;
    else {
      fixed.push(tracked);
      next.fixed[id] = tracked;
    }
  }
  for (const [id, issues] of present) {
    if (next.open[id]) continue;
    if (!issues.some((issue) => settled(issue, report.text, report.caret))) {
      pending[id] = issues[0]!.code;
      continue;
    }
    // New, or back after a fix: a new issue of this draft.
    const tracked = { issueId: newId(), code: issues[0]!.code };
    next.open[id] = tracked;
    delete next.fixed[id];
    caught.push(tracked);
  }
  return { track: next, caught, fixed, ...(ended ? { ended } : {}) };
}

/**
 * A one-click fix of `issue`: fixed under the issueId it was caught with; caught and fixed at
 * once if it was not caught yet (a sign-off the agent added from the sidebar); nothing if the
 * report after the fix already counted it.
 */
export function fixOne(track: DraftTrack | undefined, conversationKey: string | undefined, issue: DraftIssue, newId: () => string = uuidv7): Transition {
  const key = conversationKey ?? '';
  const current = track && track.conversationKey === key ? track : emptyTrack(key);
  const id = issueIdentity(issue);
  if (current.fixed[id]) return { track: current, caught: [], fixed: [] };
  const open = current.open[id];
  const tracked = open ?? { issueId: newId(), code: issue.code };
  const { [id]: _done, ...rest } = current.open;
  const { [id]: _typed, ...pending } = current.pending ?? {};
  return { track: { conversationKey: key, open: rest, fixed: { ...current.fixed, [id]: tracked }, pending }, caught: open ? [] : [tracked], fixed: [tracked] };
}

// --- Kept per tab in storage.session, one change at a time per tab ---

const storageKey = (tabId: number) => `brand-draft:${tabId}`;
const queues = new Map<number, Promise<unknown>>();

function serial<T>(tabId: number, work: () => Promise<T>): Promise<T> {
  const run = (queues.get(tabId) ?? Promise.resolve()).then(work, work);
  queues.set(tabId, run.catch(() => undefined));
  return run;
}

export interface SignalScope {
  agent?: string;
  conversationKey?: string;
}

async function apply(tabId: number, step: (track: DraftTrack | undefined) => Transition, scope: SignalScope, database = db(), now = Date.now()): Promise<AssistFeedback[]> {
  return serial(tabId, async () => {
    const key = storageKey(tabId);
    const track = (await browser.storage.session.get(key))[key] as DraftTrack | undefined;
    const { track: next, caught, fixed, ended } = step(track);
    // Each record names the conversation of its own draft (an ended draft's is the one left).
    const record = (kind: 'caught' | 'fixed', conversationKey: string) => (t: TrackedIssue): AssistFeedback => ({
      id: uuidv7(),
      kind,
      signal: 'brand-issue',
      issueId: t.issueId,
      code: t.code,
      at: now,
      ...(scope.agent ? { agent: scope.agent } : {}),
      ...(conversationKey ? { conversationKey } : {}),
    });
    const records = [
      ...(ended?.caught.map(record('caught', ended.conversationKey)) ?? []),
      ...caught.map(record('caught', next.conversationKey)),
      ...fixed.map(record('fixed', next.conversationKey)),
    ];
    // Recorded before the state moves on: a failed write is tried again by the next report.
    if (records.length) await database.feedback.bulkAdd(records);
    await browser.storage.session.set({ [key]: next });
    return records;
  });
}

/** Records what a report of the tab's draft caught and fixed. */
export function trackDraft(tabId: number, report: DraftReport, scope: SignalScope, database = db(), now = Date.now()): Promise<AssistFeedback[]> {
  return apply(tabId, (track) => advance(track, report), scope, database, now);
}

/** Records a one-click fix of `issue` in the tab's draft. */
export function trackFix(tabId: number, issue: DraftIssue, scope: SignalScope, database = db(), now = Date.now()): Promise<AssistFeedback[]> {
  return apply(tabId, (track) => fixOne(track, scope.conversationKey, issue), scope, database, now);
}

/** A closed tab: its draft ends (what it still held is recorded) and its state goes. */
export async function forgetDraft(tabId: number, scope: SignalScope, database = db(), now = Date.now()): Promise<void> {
  try {
    await trackDraft(tabId, { text: '', caret: 0, issues: [] }, scope, database, now);
  } finally {
    const last = serial(tabId, () => browser.storage.session.remove(storageKey(tabId)));
    const tail = queues.get(tabId);
    await last.finally(() => queues.get(tabId) === tail && queues.delete(tabId));
  }
}
