/**
 * Suggested replies in the sidebar without a model (the default): the suggestion engine's local
 * pipeline (src/ai/suggest.ts) over the team's published templates and its own past replies,
 * guarded for the customer on screen. What the agent does with them (shown, inserted,
 * dismissed) is recorded for the metrics, with ids only, never the text.
 */
import { v7 as uuidv7 } from 'uuid';
import * as feedback from '../ai/feedback';
import { pastRepliesFrom, type PastReply } from '../ai/local/past-replies';
import { suggest } from '../ai/suggest';
import type { Conversation, ConversationMessage, SuggestCustomer, Suggestion } from '../ai/types';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { SuggestionsState } from '../shared/messages';
import type { SidebarView } from '../shared/schemas';
import { db, type ContinuumDb } from '../storage/db';
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

export async function suggestFor(tabId: number, view: SidebarView, ctx: AssistContext, published: Published, database = db()): Promise<SuggestionsState> {
  if (!view.customer || !ctx.customer || !view.conversationKey) return { runId: '', suggestions: [], withheld: 0 };
  const own = view.customer.identifiers.map((i) => i.value);
  const { replies, identifiers } = await pastReplies(database);
  const mine = new Set(own);
  // Any other customer's address or number in a past reply is withheld by the guard.
  const others = [...identifiers.values()].flat().filter((v) => !mine.has(v));
  const conversation: Conversation = { key: view.conversationKey, channel: ctx.channel, messages: messagesOf(view) };
  const customer: SuggestCustomer = { ...ctx.customer, id: view.customer.id, identifiers: own };
  const result = await suggest({
    conversation,
    customer,
    timeline: [],
    ...(published.guide ? { guide: published.guide } : {}),
    promotions: published.promotions,
    templates: published.templates,
    pastReplies: replies,
    provider: null,
    others,
    agent: ctx.agent,
  });
  const run: Run = { runId: uuidv7(), conversationKey: view.conversationKey, customerId: view.customer.id, suggestions: result.suggestions };
  runs.set(tabId, run);
  await storeFeedback(result.suggestions.map((s, rank) => feedback.shown(s, rank, scope(run))));
  return { runId: run.runId, suggestions: result.suggestions, withheld: result.withheld.length };
}

const scope = (run: Run): feedback.FeedbackScope => ({ runId: run.runId, conversationKey: run.conversationKey, ...(run.customerId ? { customerId: run.customerId } : {}) });

/** The agent inserted or dismissed a suggestion of the last run shown in this tab. */
export async function suggestionFeedback(tabId: number, runId: string, suggestionId: string, kind: 'inserted' | 'dismissed'): Promise<void> {
  const run = runs.get(tabId);
  const suggestion = run?.runId === runId ? run.suggestions.find((s) => s.id === suggestionId) : undefined;
  if (!run || !suggestion) throw new ContinuumError(ErrorCode.InvalidPayload, 'This suggestion is no longer on screen');
  await storeFeedback([kind === 'inserted' ? feedback.inserted(suggestion, scope(run)) : feedback.dismissed(suggestion, scope(run))]);
}
