/**
 * The background: a service worker on Chrome, an event page on Firefox. It may be stopped at any
 * moment, so every listener is registered here at top level, synchronously, and all state lives
 * in Dexie or `storage.session`.
 */
import { browser, SIDEBAR_PORT, sidePanelApi, type Runtime } from '../shared/platform';
import type { ContentCommand } from '../shared/messages';
import { handlers } from './handlers';
import { createRouter } from './router';
import { forgetTab } from './session-store';
import { loadSettings } from '../shared/settings';
import { acceptSidebarPort, activeTabId, publishToPanels } from './sidebar-hub';
import { injectIntoOpenTabs, syncContentScripts } from './sites';

const route = createRouter(handlers, browser.runtime.id);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => route(message, sender));

browser.runtime.onConnect.addListener((port) => {
  if (port.name === SIDEBAR_PORT) acceptSidebarPort(port);
  else port.disconnect();
});

async function syncAndInject(): Promise<void> {
  await injectIntoOpenTabs(await syncContentScripts());
}

browser.runtime.onInstalled.addListener(() => void syncAndInject());
browser.runtime.onStartup.addListener(() => void syncContentScripts());
browser.permissions.onAdded.addListener(({ origins = [] }) => {
  void syncContentScripts().then(() => injectIntoOpenTabs(origins));
});
browser.permissions.onRemoved.addListener(() => void syncContentScripts());

browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
browser.tabs.onActivated.addListener(() => void publishToPanels());

browser.commands.onCommand.addListener(async (command) => {
  if (command !== 'toggle-sidebar') return;
  const settings = await loadSettings();
  const tabId = await activeTabId();
  if (tabId === undefined) return;
  const panel = sidePanelApi();
  if (settings.sidebarMode === 'panel' && panel) {
    await panel.open({ tabId });
    return;
  }
  await browser.tabs.sendMessage(tabId, { type: 'toggle' } satisfies ContentCommand, { frameId: 0 }).catch(() => undefined);
});
