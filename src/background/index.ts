/**
 * The background: a service worker on Chrome, an event page on Firefox. It may be stopped at any
 * moment, so every listener is registered here at top level, synchronously, and all state lives
 * in Dexie or `storage.session`.
 */
// First: zod's no-eval setting must precede every schema (see zod-jitless.ts).
import '../shared/zod-jitless';
import { browser, SIDEBAR_PORT, type Runtime } from '../shared/platform';
import { handleCommand, rememberSidebarMode } from './commands';
import { db } from '../storage/db';
import { purgeOlderThan } from '../storage/retention';
import { loadSettings } from '../shared/settings';
import { handlers } from './handlers';
import { createRouter } from './router';
import { forgetTab } from './session-store';
import { acceptSidebarPort, publishToPanels } from './sidebar-hub';
import { injectIntoOpenTabs, syncContentScripts } from './sites';
import { startSync } from './sync';
import { watchAdapterConfig } from './adapter-config';
import { forgetAssistTab, watchPublished } from './assist';

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

// Retention: purge once a day (alarms do not survive a browser restart: re-created at startup).
const RETENTION_ALARM = 'continuum-retention';
void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
browser.alarms.onAlarm.addListener(async (alarm) => {
  if (alarm.name !== RETENTION_ALARM) return;
  await purgeOlderThan(db(), (await loadSettings()).retentionMonths);
});

browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
browser.tabs.onRemoved.addListener((tabId) => void forgetAssistTab(tabId));
browser.tabs.onActivated.addListener(() => void publishToPanels());

rememberSidebarMode();
browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) rememberSidebarMode();
});
watchAdapterConfig();
browser.commands.onCommand.addListener((command: string, tab?: { id?: number }) => void handleCommand(command, tab));

// Sync with the team hub (alarm, live channel, pushes after local writes): see sync/index.ts.
startSync();
watchPublished();
