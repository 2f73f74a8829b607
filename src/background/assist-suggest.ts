/**
 * Suggested replies in the sidebar. Without a model (the default) the suggestion engine's local
 * pipeline (src/ai/suggest.ts) runs here over the team's published templates and its own past
 * replies, guarded for the customer on screen; with one, the sidebar page runs it and gets its
 * inputs from here. What the agent does with them (shown, inserted,
 * dismissed) is recorded for the metrics, with ids only, never the text.
 */
import { v7 as uuidv7 } from 'uuid';
import * as feedback from '../ai/feedback';
import { pastRepliesFrom, type PastReply } from '../ai/local/past-replies';
import { LocalIndex } from '../ai/local/retrieval';
import { suggest } from '../ai/suggest';
import type { ConversationMessage, Suggestion } from '../ai/types';
import type { TimelineEvent } from '../core/timeline/event';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { ShownSuggestion, SuggestInputs, SuggestionsState } from '../shared/messages';
import type { SidebarView } from '../shared/schemas';
import { db, type ContinuumDb } from '../storage/db';
import { loadSlice } from '../storage/identity-store';
import { loadTimeline } from '../storage/timeline-store';
import { storeFeedback, splitName, type AssistContext, type Published } from './assist';

/** How many recent events past replies are drawn from: enough for a team's habits, quick to read. */
const PAST_EVENTS = 3000;

interface Run {
  runId: string;
  conversationKey: string;
  customerId?: string;
  suggestions: Suggestion[];
}
const runs = new Map<number, Run>();

/** The team's recent replies, and every identifier of the customers they were written to. */
export async function pastReplies(database: ContinuumDb): Promise<{ replies: PastReply[]; identifiers: Map<string, string[]> }> {
  const events = await database.events.orderBy('at').reverse().limit(PAST_EVENTS).toArray();
  const ids = [...new Set(events.map((e) => e.subject.customerId))];
  const identifiers = new Map<string, string[]>();
  const names = new Map<string, string | undefined>();
  for (const c of await database.customers.bulkGet(ids)) {
    if (!c) continue;
    identifiers.set(c.id, c.identifiers.filter((i) => i.kind !== 'name').map((i) => i.value));
    names.set(c.id, c.displayName);
  }
  const replies = pastRepliesFrom(events, (m) => {
    const id = m.subject.customerId;
    return identifiers.has(id) ? { ...splitName(names.get(id)), identifiers: identifiers.get(id) } : undefined;
  });
  return { replies, identifiers };
}

/** How many of the customer's latest messages elsewhere stand in for a page that showed none. */
const HISTORY_FALLBACK = 10;

/**
 * The conversation on screen; when the page showed no message (or they were first read in
 * another tool), the customer's latest messages on any channel, so suggestions still answer them.
 */
function messagesOf(view: SidebarView): ConversationMessage[] {
  if (view.messages.length) return view.messages.map(({ direction, text, author, time }) => ({ direction, text, ...(author ? { author } : {}), ...(time ? { time } : {}) }));
  return view.history
    .filter((e) => e.type === 'message')
    .slice(-HISTORY_FALLBACK)
    .map((e) => ({ direction: e.direction ?? 'unknown', text: e.text, ...(e.author ? { author: e.author } : {}) }));
}

/** How many of the customer's latest timeline events (any channel) the model's context may draw on. */
const TIMELINE_EVENTS = 60;

type Inputs = Omit<SuggestInputs, 'runId'>;

/** Everything `suggest()` needs for the conversation on screen, local or with a model. */
async function inputsFor(view: SidebarView, ctx: AssistContext, published: Published, database: ContinuumDb, withTimeline: boolean): Promise<Inputs | null> {
  if (!view.customer || !ctx.customer || !view.conversationKey) return null;
  const own = view.customer.identifiers.map((i) => i.value);
  const [{ replies, identifiers }, timeline] = await Promise.all([pastReplies(database), withTimeline ? timelineOf(database, view.customer.id) : []]);
  const mine = new Set(own);
  // Any other customer's address or number in a past reply is withheld by the guard.
  const others = [...identifiers.values()].flat().filter((v) => !mine.has(v));
  return {
    conversation: { key: view.conversationKey, channel: ctx.channel, messages: messagesOf(view) },
    customer: { ...ctx.customer, id: view.customer.id, identifiers: own },
    timeline,
    ...(published.guide ? { guide: published.guide } : {}),
    promotions: published.promotions,
    templates: published.templates,
    pastReplies: replies,
    others,
    // The team's own addresses are not known yet (settings hold domains only).
    team: [],
    agent: ctx.agent.name ? { name: ctx.agent.name } : {},
  };
}

async function timelineOf(database: ContinuumDb, customerId: string): Promise<TimelineEvent[]> {
  const slice = await loadSlice(database, [], [customerId]);
  return loadTimeline(database, slice, customerId, TIMELINE_EVENTS);
}

function startRun(tabId: number, conversationKey: string, customerId: string | undefined, suggestions: Suggestion[]): Run {
  const run: Run = { runId: uuidv7(), conversationKey, ...(customerId ? { customerId } : {}), suggestions };
  runs.set(tabId, run);
  return run;
}

/**
 * The retrieval index over the team's templates and past replies, kept while the worker lives and
 * brought up to date at each run: building it anew was most of a run's time (every conversation
 * opened re-indexed thousands of replies).
 */
let localIndex: LocalIndex | null = null;

function indexFor(inputs: Inputs): LocalIndex {
  localIndex ??= new LocalIndex();
  localIndex.sync(inputs.templates, inputs.pastReplies ?? []);
  return localIndex;
}

export async function suggestFor(tabId: number, view: SidebarView, ctx: AssistContext, published: Published, database = db()): Promise<SuggestionsState> {
  const inputs = await inputsFor(view, ctx, published, database, false);
  if (!inputs) return { runId: '', suggestions: [], withheld: 0 };
  const result = await suggest({ ...inputs, provider: null, index: indexFor(inputs) });
  const run = startRun(tabId, inputs.conversation.key, view.customer?.id, result.suggestions);
  await storeFeedback(result.suggestions.map((s, rank) => feedback.shown(s, rank, scope(run))));
  return { runId: run.runId, suggestions: result.suggestions, withheld: result.withheld.length };
}

/**
 * The inputs for a model run in the sidebar page (MV3: the worker may stop mid-stream). A run is
 * opened for the tab; what it showed arrives with `suggestionsShown`.
 */
export async function suggestInputsFor(tabId: number, view: SidebarView, ctx: AssistContext, published: Published, database = db()): Promise<SuggestInputs | null> {
  const inputs = await inputsFor(view, ctx, published, database, true);
  if (!inputs) return null;
  const run = startRun(tabId, inputs.conversation.key, view.customer?.id, []);
  return { runId: run.runId, ...inputs };
}

/** The sidebar's model run ended: what it showed is recorded, and can be inserted or dismissed. */
export async function suggestionsShown(tabId: number, runId: string, shown: readonly ShownSuggestion[]): Promise<void> {
  const run = runs.get(tabId);
  if (run?.runId !== runId) throw new ContinuumError(ErrorCode.InvalidPayload, 'This suggestion run is no longer on screen');
  // Feedback keeps ids and sources only: the text stays in the sidebar.
  run.suggestions = shown.map((s) => ({ ...s, language: 'fr', text: '', reasons: [], unfilled: [], canInsert: s.verdict !== 'withheld' }) as Suggestion);
  await storeFeedback(run.suggestions.filter((s) => s.verdict !== 'withheld').map((s, rank) => feedback.shown(s, rank, scope(run))));
}

const scope = (run: Run): feedback.FeedbackScope => ({ runId: run.runId, conversationKey: run.conversationKey, ...(run.customerId ? { customerId: run.customerId } : {}) });

/** The agent inserted, edited after inserting, or dismissed a suggestion of the last run shown in this tab. */
export async function suggestionFeedback(tabId: number, runId: string, suggestionId: string, kind: 'inserted' | 'dismissed' | 'edited', edit?: { inserted: string; sent: string }): Promise<void> {
  const run = runs.get(tabId);
  const suggestion = run?.runId === runId ? run.suggestions.find((s) => s.id === suggestionId) : undefined;
  if (!run || !suggestion) throw new ContinuumError(ErrorCode.InvalidPayload, 'This suggestion is no longer on screen');
  if (kind === 'edited') {
    if (!edit) throw new ContinuumError(ErrorCode.InvalidPayload, 'An edit needs the inserted and the sent text');
    const record = feedback.edited(suggestion, edit.inserted, edit.sent, scope(run));
    if (record) await storeFeedback([record]);
    return;
  }
  await storeFeedback([kind === 'inserted' ? feedback.inserted(suggestion, scope(run)) : feedback.dismissed(suggestion, scope(run))]);
}
