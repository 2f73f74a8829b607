/**
 * The one door to the browser's extension APIs. Everything goes through webextension-polyfill so
 * Chrome and Firefox share code; Chrome-only features (the native side panel) are feature-tested.
 * content.js gets only the calls src/content/extension-api.ts implements (scripts/build.mjs aliases
 * the polyfill to it): a new extension call in the content script must be added there.
 */
import browser from 'webextension-polyfill';

export { browser };
export type { Runtime, Tabs } from 'webextension-polyfill';

export const BUILD_TARGET: string = typeof __BUILD_TARGET__ === 'string' ? __BUILD_TARGET__ : 'test';
export const IS_FIREFOX = BUILD_TARGET.startsWith('firefox');

/** Path of the content script inside the build (emitted by scripts/build.mjs). */
export const CONTENT_SCRIPT_FILE = 'content.js';
/** Its stylesheet (public/content.css), injected with it: see HOST_MARKER in content/sidebar-host.ts. */
export const CONTENT_STYLE_FILE = 'content.css';
/** Path of the sidebar page, the only web-accessible resource. */
export const SIDEBAR_PAGE = 'src/sidebar/index.html';

/** Chrome's native side panel API, when this browser has it. */
export function sidePanelApi(): typeof chrome.sidePanel | undefined {
  const g = globalThis as { chrome?: { sidePanel?: typeof chrome.sidePanel } };
  return IS_FIREFOX ? undefined : g.chrome?.sidePanel;
}
/** Name of the port a handshaken sidebar listens on. */
export const SIDEBAR_PORT = 'continuum-sidebar';
