/**
 * Which sites Continuum runs on. A site is enabled exactly when the agent granted its host
 * permission (from the popup or the options page); the content script is then registered for it
 * and injected into its open tabs. Revoking the permission, here or in the browser's own UI,
 * unregisters it.
 */
import { browser, CONTENT_SCRIPT_FILE, CONTENT_STYLE_FILE } from '../shared/platform';
import { ContinuumError, ErrorCode } from '../shared/errors';

const SCRIPT_ID = 'continuum-content';

/** `https://desk.example.com/*` for a page URL or origin; only http(s) sites can be enabled. */
export function originPattern(urlOrOrigin: string): string {
  if (!URL.canParse(urlOrOrigin)) throw new ContinuumError(ErrorCode.InvalidOrigin, `Not a URL: ${urlOrOrigin.slice(0, 100)}`);
  const url = new URL(urlOrOrigin);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ContinuumError(ErrorCode.InvalidOrigin, `Only http and https sites can be enabled (${url.protocol})`);
  }
  // Match patterns carry no port: the permission covers every port of that host.
  return `${url.protocol}//${url.hostname}/*`;
}

export async function enabledPatterns(): Promise<string[]> {
  const { origins = [] } = await browser.permissions.getAll();
  return origins.filter((origin) => /^https?:\/\/[^*/]+\/\*$/.test(origin)).sort();
}

export function isUrlEnabled(url: string, patterns: string[]): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return patterns.includes(`${protocol}//${hostname}/*`);
}

/** Makes the registered content script match exactly the enabled sites. */
export async function syncContentScripts(): Promise<string[]> {
  const patterns = await enabledPatterns();
  const registered = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (registered.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (patterns.length) {
    await browser.scripting.registerContentScripts([
      {
        id: SCRIPT_ID,
        matches: patterns,
        js: [CONTENT_SCRIPT_FILE],
        css: [CONTENT_STYLE_FILE],
        runAt: 'document_idle',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  }
  return patterns;
}

/** Runs the content script in tabs already open on newly enabled sites (it guards against running twice). */
export async function injectIntoOpenTabs(patterns: string[]): Promise<void> {
  if (!patterns.length) return;
  const tabs = await browser.tabs.query({ url: patterns });
  await Promise.allSettled(
    tabs
      .filter((tab) => tab.id !== undefined)
      .map(async (tab) => {
        const target = { tabId: tab.id!, frameIds: [0] };
        // The sheet first: on Firefox the sidebar stays hidden without it (see content/sidebar-host.ts).
        await browser.scripting.insertCSS({ target, files: [CONTENT_STYLE_FILE] }).catch(() => undefined);
        await browser.scripting.executeScript({ target, files: [CONTENT_SCRIPT_FILE] });
      }),
  );
}

export async function disableSite(pattern: string): Promise<string[]> {
  await browser.permissions.remove({ origins: [pattern] });
  return syncContentScripts();
}
