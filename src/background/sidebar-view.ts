/**
 * What a sidebar shows for a tab: the customer on screen with every linked identity, the
 * conversation on screen, the rest of their history on every channel, the summary header,
 * alerts, acuity, and the merges the agent may accept or undo. Building a view records nothing:
 * its alerts count for the metrics once a sidebar the agent sees gets it (sidebar-hub.ts).
 */
import { customerView, rootOf, suggestMerges, type IdentityState } from '../core/identity/graph';
import { acuity } from '../core/timeline/acuity';
import { alerts, type TimelineAlert } from '../core/timeline/alerts';
import { eventText, type TimelineEvent } from '../core/timeline/event';
import { summarise } from '../core/timeline/summary';
import type { SidebarView } from '../shared/schemas';
import { db } from '../storage/db';
import { loadSlice } from '../storage/identity-store';
import { loadTimeline } from '../storage/timeline-store';
import { reuseWhileUnwritten } from '../storage/write-generation';
import type { AlertScope } from './alert-signals';
import { tabState, type TabState } from './session-store';

const HISTORY_LIMIT = 200;

function nameOf(state: IdentityState, customerId: string): string | undefined {
  return customerView(state, customerId)?.displayName;
}

function alertEntry(alert: TimelineAlert): SidebarView['alerts'][number] {
  switch (alert.type) {
    case 'answered-elsewhere':
      return { type: alert.type, at: alert.reply.at, tool: alert.thread.tool, channel: alert.thread.channel, text: eventText(alert.reply) };
    case 'waiting-elsewhere':
      return { type: alert.type, at: alert.waitingSince, tool: alert.thread.tool, channel: alert.thread.channel, text: alert.latest.text };
    case 'repeat-contact':
      return { type: alert.type, at: alert.lastAt, tool: alert.threads.at(-1)?.tool ?? '', channel: alert.channels.join(', '), text: alert.keywords.join(', ') };
  }
}

function historyEntry(event: TimelineEvent): SidebarView['history'][number] {
  return {
    id: event.id,
    type: event.type,
    at: event.at,
    text: eventText(event),
    tool: event.tool,
    channel: event.channel,
    ...(event.type === 'message' ? { direction: event.direction, ...(event.author ? { author: event.author } : {}) } : {}),
    ...(event.url ? { url: event.url } : {}),
  };
}

/** A view and the alerts in it, with where they were raised, for the metrics. */
export interface ViewWithAlerts {
  view: SidebarView | null;
  raised?: { alerts: TimelineAlert[]; scope: AlertScope };
}

export async function buildView(tabId: number, now = Date.now()): Promise<SidebarView | null> {
  return (await buildViewWithAlerts(tabId, now)).view;
}

/**
 * One page switch asks for the same view several times (the two pushes of a reading, the
 * assist, the suggestions): it is built once while nothing it reads was written. Its summary and
 * alerts depend on the clock, hence the short age limit. Callers never modify a view.
 */
const VIEW_MAX_AGE_MS = 2000;
const VIEW_TABLES = ['customers', 'merges', 'splits', 'dismissed', 'events', 'conversations'] as const;
const views = reuseWhileUnwritten<number, ViewWithAlerts>(VIEW_TABLES, VIEW_MAX_AGE_MS);

export async function buildViewWithAlerts(tabId: number, now = Date.now()): Promise<ViewWithAlerts> {
  const state = await tabState(tabId);
  if (!state) return { view: null };
  return views.get(db(), tabId, now, () => viewFor(tabId, state, now), JSON.stringify(state));
}

async function viewFor(tabId: number, state: TabState, now: number): Promise<ViewWithAlerts> {
  const empty: SidebarView = { tabId, site: state.site, status: state.status, ...(state.storageFull ? { storageFull: true } : {}), ...(state.reading ? { reading: true } : {}), ...(state.conversationKey ? { conversationKey: state.conversationKey } : {}), customer: null, messages: [], history: [], alerts: [], suggestions: [], merges: [], conflictWith: [] };
  const conversation = state.conversationKey ? await db().conversations.get(state.conversationKey) : undefined;
  const memberId = state.customerId ?? conversation?.customerId;
  const slice = await loadSlice(db(), [], [...(memberId ? [memberId] : []), ...(state.conflictWith ?? [])]);
  const conflictWith = (state.conflictWith ?? []).map((id) => ({ id, name: nameOf(slice, id) }));
  const rootId = memberId ? rootOf(slice, memberId) : undefined;
  const customer = rootId ? customerView(slice, rootId) : undefined;
  if (!rootId || !customer) return { view: { ...empty, conflictWith } };

  const events = await loadTimeline(db(), slice, rootId, HISTORY_LIMIT * 2);
  const onScreen = events.filter((e) => e.type === 'message' && e.conversationKey === state.conversationKey);
  const elsewhere = events.filter((e) => !onScreen.includes(e)).slice(-HISTORY_LIMIT);
  const summary = summarise(events, now);
  const risk = acuity(events, now);
  const suggestionSlice = await loadSlice(db(), customer.identifiers.map((i) => i.key), customer.members);
  const merges = Object.values(slice.merges).filter((m) => !m.undone && customer.members.includes(m.absorbedId));
  const raised = alerts(events, now, { currentTool: conversation?.adapter, currentConversation: state.conversationKey });
  const here = onScreen.at(-1);
  const scope: AlertScope = { customerId: rootId, ...(here ? { tool: here.tool, channel: here.channel } : conversation ? { tool: conversation.adapter } : {}) };

  const view: SidebarView = {
    ...empty,
    ...(conversation ? { adapter: conversation.adapter, confidence: conversation.confidence } : {}),
    customer: {
      id: rootId,
      name: customer.displayName,
      identifiers: customer.identifiers
        .filter((i) => i.kind !== 'name')
        .map((i) => ({ kind: i.kind, value: i.value, key: i.key, ...(i.network ? { network: i.network } : {}) })),
    },
    messages: onScreen.map((e) =>
      e.type === 'message'
        ? { id: e.id, direction: e.direction, text: e.text, time: new Date(e.at).toISOString(), ...(e.author ? { author: e.author } : {}) }
        : { id: e.id, direction: 'unknown' as const, text: eventText(e) },
    ),
    history: elsewhere.map(historyEntry),
    summary: {
      channels: summary.channels,
      ...(summary.lastContact ? { lastContact: { at: summary.lastContact.at, tool: summary.lastContact.tool, channel: summary.lastContact.channel } } : {}),
      openCommitments: summary.openCommitments.map((c) => ({ text: c.commitment.text, dueAt: c.commitment.dueAt, overdue: c.overdue })),
      stage: summary.stage.stage,
      stageExplanation: summary.stage.explanation,
      ...(summary.language ? { language: summary.language.language } : {}),
    },
    alerts: raised.map(alertEntry),
    acuity: { score: risk.score, level: risk.level, reasons: risk.reasons.map((r) => r.detail) },
    suggestions: suggestMerges(suggestionSlice, rootId).map((s) => ({
      otherId: s.otherId,
      name: nameOf(suggestionSlice, s.otherId),
      confidence: s.confidence,
      reasons: s.reasons.map((r) => `${r.code}: ${r.value}`),
    })),
    merges: merges.map((m) => ({ id: m.id, otherName: nameOf(slice, m.absorbedId), automatic: m.automatic, at: m.at })),
    conflictWith,
  };
  return { view, raised: { alerts: raised, scope } };
}
