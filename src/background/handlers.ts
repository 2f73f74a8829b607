/** What the background does for each message of the contract (see shared/messages.ts). */
import { browser } from '../shared/platform';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { ContentCommand } from '../shared/messages';
import { db } from '../storage/db';
import { lastConversationAt } from '../storage/conversations';
import { recordReading } from './page-reading';
import { addNote, decideMerge } from './merge-decisions';
import type { Handlers, SenderContext } from './router';
import { loadSettings, saveSiteLayout, siteLayout, updateSettings } from '../shared/settings';
import { disableSite, enabledPatterns, injectIntoOpenTabs, isUrlEnabled, syncContentScripts } from './sites';
import {
  consumeFrameTokens,
  issueFrameToken,
  openSidebarSession,
  setTabState,
  sidebarSession,
  tabState,
} from './session-store';
import { publishTab, pushToTab, sessionTabId } from './sidebar-hub';
import { createAssistHandlers, recordMentions } from './assist';
import { createConsoleHandlers } from './console';
import { createConsoleMetricsHandlers } from './console-metrics';
import { createConsoleTeamHandlers } from './console-team';
import { buildView } from './sidebar-view';
import { syncHandlers } from './sync/handlers';
import { createAiProviderHandlers } from './ai-provider';
import { listAdapters, loadCustomAdapters, loadTeamAdapters, pageConfig, setAdapterDisabled } from './adapter-config';
import { deleteCustomAdapter, importCustomAdapters, renameCustomAdapter } from './custom-adapters';
import { endTeach, requireTeachSession, saveFromTeach, startTeach, teachStrings } from './teach';

function pageUrlOf(url: string): string {
  const { origin, pathname } = new URL(url);
  return origin + pathname;
}

function requireTab(sender: SenderContext): number {
  if (sender.tabId === undefined) throw new ContinuumError(ErrorCode.ForbiddenSender, 'No tab');
  return sender.tabId;
}

async function requireEnabled(sender: SenderContext): Promise<{ tabId: number; origin: string }> {
  const tabId = requireTab(sender);
  const origin = sender.pageOrigin ?? '';
  if (!isUrlEnabled(origin, await enabledPatterns())) throw new ContinuumError(ErrorCode.SiteNotEnabled, 'Continuum is not enabled on this site');
  return { tabId, origin };
}

/** The tab a handshaken sidebar speaks for; rejects a session used from another frame. */
async function sessionTab(sessionId: string, sender: SenderContext): Promise<number> {
  const session = await sidebarSession(sessionId);
  const fromSameFrame =
    session && (session.tabId === null ? sender.tabId === undefined : session.tabId === sender.tabId && session.frameId === sender.frameId);
  if (!session || !fromSameFrame) throw new ContinuumError(ErrorCode.HandshakeFailed, 'Unknown sidebar session');
  const tabId = await sessionTabId(session);
  if (tabId === undefined) throw new ContinuumError(ErrorCode.TabUnreachable, 'No active tab');
  return tabId;
}

async function tellTab(tabId: number, command: ContentCommand): Promise<unknown> {
  try {
    return await browser.tabs.sendMessage(tabId, command, { frameId: 0 });
  } catch {
    throw new ContinuumError(ErrorCode.TabUnreachable, 'The page is not reachable (reloaded or closed)');
  }
}

export const handlers = {
  async 'content/hello'({ url }, sender) {
    const tabId = requireTab(sender);
    const origin = sender.pageOrigin ?? '';
    const settings = await loadSettings();
    const enabled = new URL(url).origin === origin && isUrlEnabled(url, await enabledPatterns());
    if (enabled) {
      // Repaint a reopened page from what was stored, before it is read again.
      const previous = await lastConversationAt(db(), pageUrlOf(url));
      await setTabState(tabId, { site: origin, pageUrl: pageUrlOf(url), status: 'waiting', conversationKey: previous?.key });
      await publishTab(tabId);
    }
    return {
      enabled,
      own: { domains: settings.teamDomains, signatures: settings.signatures },
      defaultRegion: settings.defaultRegion,
      layout: await siteLayout(origin),
      mode: settings.sidebarMode,
      ...(enabled ? await pageConfig(url) : { specs: [], disabledAdapters: [] }),
    };
  },

  async 'content/frame-token'(_payload, sender) {
    const { tabId } = await requireEnabled(sender);
    return { token: await issueFrameToken(tabId) };
  },

  async 'content/detected'({ url, detection }, sender) {
    const { tabId, origin } = await requireEnabled(sender);
    if (new URL(url).origin !== origin) throw new ContinuumError(ErrorCode.PageChanged, 'URL does not belong to the sending page');
    // A new customer is shown as soon as they are known; the view is pushed again with the
    // messages, or with what is left if storing them failed (never a view left half-read).
    try {
      await recordReading(detection, { tabId, origin, url, pageUrl: pageUrlOf(url), settings: await loadSettings(), onIdentified: () => publishTab(tabId) });
    } finally {
      await publishTab(tabId);
    }
    return { ok: true as const };
  },

  async 'content/layout'(patch, sender) {
    const { origin } = await requireEnabled(sender);
    await saveSiteLayout(origin, patch);
    return { ok: true as const };
  },

  async 'sidebar/handshake'({ mode, token, tokens = [] }, sender) {
    if (mode === 'panel') {
      // The native side panel is never inside a tab; a framed copy always is.
      if (sender.tabId !== undefined) throw new ContinuumError(ErrorCode.HandshakeFailed, 'Panel mode from inside a tab');
      const session = await openSidebarSession({ tabId: null, frameId: null });
      const tabId = await sessionTabId({ tabId: null, frameId: null });
      return { session, view: tabId === undefined ? null : await buildView(tabId) };
    }
    const tabId = requireTab(sender);
    const presented = token ? [token, ...tokens] : tokens;
    const valid = sender.frameId ? await consumeFrameTokens(presented, tabId) : null;
    if (!sender.frameId || !valid) {
      throw new ContinuumError(ErrorCode.HandshakeFailed, 'The sidebar was not opened by Continuum on this page');
    }
    const session = await openSidebarSession({ tabId, frameId: sender.frameId });
    // The content script reloads a frame that never confirms (the page may have swapped its document).
    void tellTab(tabId, { type: 'frame-ready', token: valid }).catch(() => undefined);
    return { session, view: await buildView(tabId) };
  },

  async 'sidebar/collapse'({ session }, sender) {
    const tabId = await sessionTab(session, sender);
    const state = await tabState(tabId);
    if (state) await saveSiteLayout(state.site, { open: false });
    await tellTab(tabId, { type: 'layout', open: false });
    return { ok: true as const };
  },

  async 'sidebar/insert'({ session, text, conversationKey }, sender) {
    const tabId = await sessionTab(session, sender);
    const result = (await tellTab(tabId, { type: 'insert', text, conversationKey })) as { inserted?: boolean; code?: string } | undefined;
    if (!result?.inserted) {
      const code = Object.values(ErrorCode).find((c) => c === result?.code) ?? ErrorCode.NoReplyBox;
      throw new ContinuumError(code, 'Nothing was inserted');
    }
    // A promotion code or a suggestion naming a promotion counts as a mention for the metrics.
    await recordMentions(tabId, text);
    return { inserted: true };
  },

  async 'sidebar/merge'({ session, otherId }, sender) {
    const tabId = await sessionTab(session, sender);
    await decideMerge(tabId, { kind: 'merge', otherId });
    await publishTab(tabId);
    return { ok: true as const };
  },

  async 'sidebar/undo-merge'({ session, mergeId }, sender) {
    const tabId = await sessionTab(session, sender);
    await decideMerge(tabId, { kind: 'undo', mergeId });
    await publishTab(tabId);
    return { ok: true as const };
  },

  async 'sidebar/dismiss-suggestion'({ session, otherId }, sender) {
    const tabId = await sessionTab(session, sender);
    await decideMerge(tabId, { kind: 'dismiss', otherId });
    await publishTab(tabId);
    return { ok: true as const };
  },

  async 'sidebar/split'({ session, identifierKey }, sender) {
    const tabId = await sessionTab(session, sender);
    await decideMerge(tabId, { kind: 'split', identifierKey });
    await publishTab(tabId);
    return { ok: true as const };
  },

  async 'sidebar/add-note'({ session, text }, sender) {
    const tabId = await sessionTab(session, sender);
    await addNote(tabId, text);
    await publishTab(tabId);
    return { ok: true as const };
  },

  async 'settings/get'() {
    return loadSettings();
  },

  async 'settings/update'(patch) {
    return updateSettings(patch);
  },

  async 'sites/list'() {
    return { origins: await enabledPatterns() };
  },

  async 'sites/sync'() {
    const origins = await syncContentScripts();
    await injectIntoOpenTabs(origins);
    return { origins };
  },

  async 'sites/disable'({ pattern }) {
    const tabs = await browser.tabs.query({ url: [pattern] }).catch(() => []);
    const origins = await disableSite(pattern);
    await Promise.allSettled(tabs.map((tab) => tellTab(tab.id!, { type: 'disable' })));
    return { origins };
  },
  async 'adapters/list'() {
    return { adapters: await listAdapters() };
  },
  async 'adapters/set-disabled'({ id, disabled }) {
    // Open tabs hear of it through storage.onChanged (watchAdapterConfig).
    await setAdapterDisabled(id, disabled);
    return { adapters: await listAdapters() };
  },

  ...syncHandlers,

  ...createConsoleHandlers({ db }),
  ...createConsoleMetricsHandlers({ db }),
  ...createConsoleTeamHandlers({ db }),

  ...createAssistHandlers({ sessionTab, requireEnabled, tellTab, pushToTab }),

  ...createAiProviderHandlers({ db, sessionTab }),

  async 'teach/start'({ tabId }) {
    await startTeach(tabId);
    return { ok: true as const };
  },

  async 'teach/hello'(_payload, sender) {
    await requireTeachSession(sender);
    return teachStrings();
  },

  async 'teach/save'({ url, name, picks }, sender) {
    const tabId = await requireTeachSession(sender);
    if (new URL(url).origin !== sender.pageOrigin) throw new ContinuumError(ErrorCode.PageChanged, 'URL does not belong to the sending page');
    const { adapter, siteEnabled } = await saveFromTeach(tabId, { url, name, picks });
    return { id: adapter.id, name: adapter.name, version: adapter.version, siteEnabled };
  },

  async 'teach/cancel'(_payload, sender) {
    await endTeach(await requireTeachSession(sender));
    return { ok: true as const };
  },

  async 'custom-adapters/list'() {
    const [adapters, team] = await Promise.all([loadCustomAdapters(), loadTeamAdapters()]);
    return { adapters, team };
  },

  async 'custom-adapters/rename'({ id, name }) {
    return { adapters: await renameCustomAdapter(id, name) };
  },

  async 'custom-adapters/delete'({ id }) {
    return { adapters: await deleteCustomAdapter(id) };
  },

  async 'custom-adapters/import'({ adapters }) {
    return importCustomAdapters(adapters);
  },
} satisfies Handlers;
