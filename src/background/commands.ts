/** Keyboard commands (manifest `commands`): the agent's shortcut shows or hides the sidebar. */
import { browser, sidePanelApi } from '../shared/platform';
import type { ContentCommand } from '../shared/messages';
import { loadSettings } from '../shared/settings';
import type { Settings } from '../shared/schemas';
import { activeTabId } from './sidebar-hub';

export const TOGGLE_SIDEBAR = 'toggle-sidebar';

/**
 * The side panel may only be opened synchronously inside the shortcut's user gesture, so the
 * sidebar mode is kept at hand rather than read from storage after the key press.
 */
let knownMode: Settings['sidebarMode'] | undefined;

export function rememberSidebarMode(): void {
  void loadSettings().then((settings) => (knownMode = settings.sidebarMode));
}

export async function handleCommand(command: string, tab?: { id?: number }): Promise<void> {
  if (command !== TOGGLE_SIDEBAR) return;
  const panel = sidePanelApi();
  if (panel && knownMode === 'panel' && tab?.id !== undefined) {
    await panel.open({ tabId: tab.id });
    return;
  }
  const [tabId, settings] = await Promise.all([tab?.id ?? activeTabId(), loadSettings()]);
  if (tabId === undefined) return;
  if (settings.sidebarMode === 'panel' && panel) {
    await panel.open({ tabId });
    return;
  }
  // A tab where Continuum is not enabled has no content script to answer: nothing to toggle.
  await browser.tabs.sendMessage(tabId, { type: 'toggle' } satisfies ContentCommand, { frameId: 0 }).catch(() => undefined);
}
