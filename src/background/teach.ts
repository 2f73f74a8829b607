/**
 * Teach mode, background side. The agent starts it from the popup (or the settings page) for one
 * tab: the overlay script (teach.js, its own bundle: it never loads with the content script) is
 * injected into that tab's top frame, and a teach session for the tab's origin is kept in
 * storage.session. The overlay's messages are accepted only from that tab and origin while the
 * session lasts; what it saves is assembled into a spec here and validated before it is stored.
 */
import { browser } from '../shared/platform';
import { ContinuumError, ErrorCode } from '../shared/errors';
import { resolveLocale, translator, type MessageKey } from '../shared/i18n';
import { loadSettings } from '../shared/settings';
import en from '../../public/_locales/en/messages.json';
import { assembleSpec, type TaughtPicks } from '../adapters/custom/teach-spec';
import type { CustomAdapter } from '../adapters/custom/schema';
import { saveTaught } from './custom-adapters';
import { enabledPatterns, isUrlEnabled } from './sites';
import type { SenderContext } from './router';

export const TEACH_SCRIPT_FILE = 'teach.js';
/** A teach session left open longer than this is over. */
const SESSION_MS = 60 * 60 * 1000;

interface TeachSessionRecord {
  origin: string;
  startedAt: number;
}

const sessionKey = (tabId: number) => `teach:${tabId}`;

/** Injects the overlay into the tab's top frame and opens its teach session. */
export async function startTeach(tabId: number): Promise<void> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  // The URL is hidden unless Continuum may access the tab (its site is enabled, or the popup was just opened on it).
  if (!tab?.url) throw new ContinuumError(ErrorCode.PermissionDenied, 'Continuum may not run on this page');
  if (!/^https?:/.test(tab.url)) throw new ContinuumError(ErrorCode.InvalidOrigin, 'Teach mode works on web pages only');
  const record: TeachSessionRecord = { origin: new URL(tab.url).origin, startedAt: Date.now() };
  await browser.storage.session.set({ [sessionKey(tabId)]: record });
  try {
    await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: [TEACH_SCRIPT_FILE] });
  } catch (error) {
    await endTeach(tabId);
    throw new ContinuumError(ErrorCode.PermissionDenied, `Continuum may not run on this page: ${(error as Error).message}`.slice(0, 300));
  }
}

export async function endTeach(tabId: number): Promise<void> {
  await browser.storage.session.remove(sessionKey(tabId));
}

/** The tab of an overlay the agent started on this very origin, or a refusal. */
export async function requireTeachSession(sender: SenderContext): Promise<number> {
  const tabId = sender.tabId;
  const record = tabId === undefined ? undefined : ((await browser.storage.session.get(sessionKey(tabId)))[sessionKey(tabId)] as TeachSessionRecord | undefined);
  if (tabId === undefined || !record || record.origin !== sender.pageOrigin || Date.now() - record.startedAt > SESSION_MS) {
    throw new ContinuumError(ErrorCode.TeachNotStarted, 'Teach mode was not started on this page');
  }
  return tabId;
}

/** The overlay's strings in the agent's language (it cannot bundle both catalogs cheaply). */
export async function teachStrings(): Promise<{ strings: Record<string, string>; region: string }> {
  const settings = await loadSettings();
  const t = translator(resolveLocale(settings.language));
  const keys = (Object.keys(en) as MessageKey[]).filter((key) => key.startsWith('teach'));
  return { strings: Object.fromEntries(keys.map((key) => [key, t(key)])), region: settings.defaultRegion };
}

/** Stores the taught adapter; `siteEnabled` says whether Continuum already runs on the page. */
export async function saveFromTeach(tabId: number, input: { url: string; name: string; picks: TaughtPicks }): Promise<{ adapter: CustomAdapter; siteEnabled: boolean }> {
  const url = new URL(input.url);
  const adapter = await saveTaught(input.name, (id) => assembleSpec(id, url, input.picks));
  await endTeach(tabId);
  return { adapter, siteEnabled: isUrlEnabled(input.url, await enabledPatterns()) };
}
