/**
 * Alerts raised, for the team's metrics: a sidebar showing a customer a colleague already
 * answered in another tool records one `alert` record, however often the view is pushed, not
 * again after the service worker restarts nor after the customer is merged with another, and
 * none while the tab is out of sight. Real (fake-indexeddb) database, real reading pipeline, real
 * view and sidebar hub; the sidebars are ports as a frame or the side panel opens them.
 */
import { Dexie } from 'dexie';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import type { Detection } from '../../../src/adapters/types';
import { alertKey } from '../../../src/background/alert-signals';
import { decideMerge } from '../../../src/background/merge-decisions';
import { recordReading } from '../../../src/background/page-reading';
import { openSidebarSession } from '../../../src/background/session-store';
import { acceptSidebarPort, publishTab, publishToPanels } from '../../../src/background/sidebar-hub';
import type { TimelineAlert } from '../../../src/core/timeline/alerts';
import type { SidebarPush } from '../../../src/shared/messages';
import { DEFAULT_SETTINGS, type SidebarView } from '../../../src/shared/schemas';
import { ContinuumDb, db } from '../../../src/storage/db';
import { fake } from '../setup';

const NOW = Date.now();
const email = { kind: 'email' as const, raw: 'nora.lindqvist@laposte.net', value: 'nora.lindqvist@laposte.net', score: 0.95 };
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

// Yesterday's e-mail thread, answered by a colleague an hour ago.
const MAIL: Detection = {
  adapter: 'gmail',
  confidence: 0.9,
  customer: { name: 'Nora Lindqvist', identifiers: [email] },
  conversation: {
    key: 'https://mail.example/#inbox/thread-1',
    messages: [
      { direction: 'inbound', text: 'Where is my refund for order 88213?', time: iso(3 * 3600_000) },
      { direction: 'outbound', text: 'Your refund left today.', time: iso(3600_000) },
    ],
  },
};
// Now she writes on the help desk.
const DESK: Detection = {
  adapter: 'zendesk',
  confidence: 0.9,
  customer: { name: 'Nora Lindqvist', identifiers: [email] },
  conversation: { key: 'https://desk.example/agent/tickets/7', messages: [{ direction: 'inbound', text: 'Any news about my money?', time: iso(60_000) }] },
};
// The same person on the shop's chat, under another address: the agent merges her by hand.
const CHAT: Detection = {
  adapter: 'intercom',
  confidence: 0.9,
  customer: { name: 'N. Lindqvist', identifiers: [{ kind: 'email', raw: 'nl@work.example', value: 'nl@work.example', score: 0.95 }] },
  conversation: { key: 'https://chat.example/inbox/42', messages: [{ direction: 'inbound', text: 'Hello there', time: iso(120_000) }] },
};

let tab = 900;
const alertRecords = async () => (await db().feedback.toArray()).filter((r) => (r as { signal?: string }).signal === 'alert') as unknown as Array<Record<string, unknown>>;

/** Reads a page; each test's conversations are its own (the recorder remembers keys it wrote). */
async function read(detection: Detection, tabId: number) {
  const url = `${detection.conversation.key}-${tab}`;
  const conversation = { ...detection.conversation, key: url };
  await recordReading({ ...detection, conversation }, { tabId, origin: new URL(url).origin, url, pageUrl: url, settings: DEFAULT_SETTINGS, now: NOW });
}

/** Tabs in front in their window; the side panel's active tab is the last one put in front. */
let front = new Set<number>();
let active: number | undefined;
function bringToFront(tabId: number) {
  front.add(tabId);
  active = tabId;
}
Object.assign(fake.tabs, { get: async (id: number) => ({ id, active: front.has(id) }) });
fake.tabs.query = async () => (active === undefined ? [] : [{ id: active }]);

const open: Array<() => void> = [];
/** A sidebar as the frame in tab `tabId` (or the side panel, for null) opens it: the views it got. */
async function openSidebar(tabId: number | null, accept = acceptSidebarPort) {
  const session = await openSidebarSession({ tabId, frameId: tabId === null ? null : 1 });
  const views: Array<SidebarView | null> = [];
  let onMessage: (message: unknown) => unknown = () => undefined;
  let onDisconnect = () => undefined as unknown;
  const port = {
    sender: tabId === null ? {} : { tab: { id: tabId }, frameId: 1 },
    postMessage: (push: SidebarPush) => push.type === 'view' && views.push(push.view),
    onMessage: { addListener: (l: typeof onMessage) => (onMessage = l) },
    onDisconnect: { addListener: (l: typeof onDisconnect) => (onDisconnect = l) },
    disconnect: () => undefined,
  };
  accept(port as never);
  await onMessage({ session });
  open.push(() => onDisconnect());
  return views;
}

beforeEach(async () => {
  await Promise.all(db().tables.map((t) => t.clear()));
  tab += 3;
  front = new Set();
  active = undefined;
  await read(MAIL, tab);
  await read(DESK, tab + 1);
});

afterEach(() => {
  open.splice(0).forEach((close) => close());
});

test('an answered-elsewhere alert shown in the sidebar is one record, with the customer, tool and channel; views pushed again add none', async () => {
  bringToFront(tab + 1);
  const views = await openSidebar(tab + 1);
  expect(views[0]?.alerts.map((a) => a.type)).toContain('answered-elsewhere');
  for (let i = 0; i < 3; i++) await publishTab(tab + 1);
  expect(views).toHaveLength(4);
  const records = await alertRecords();
  expect(records.filter((r) => r.kind === 'answered-elsewhere')).toHaveLength(1);
  expect(records[0]).toMatchObject({ signal: 'alert', customerId: views[0]?.customer?.id, tool: 'zendesk', channel: 'email' });
  expect(records[0]!.alertKey).toMatch(/^[0-9a-f]{64}$/);
  // Ids and kinds only: no message text, address or URL goes to the hub.
  expect(JSON.stringify(records)).not.toMatch(/refund|laposte|example/);
});

test('a tab out of sight records no alert, whatever its sidebars get; it does once it comes to the front', async () => {
  bringToFront(tab);
  const frame = await openSidebar(tab + 1);
  const panel = await openSidebar(null);
  await publishTab(tab + 1);
  // The framed sidebar of the tab behind got the view with its alert; the side panel shows another tab.
  expect(frame.at(-1)?.alerts.map((a) => a.type)).toContain('answered-elsewhere');
  expect(panel.some((v) => v?.alerts.some((a) => a.type === 'answered-elsewhere'))).toBe(false);
  // (The panel shows the mail tab, where the help desk ticket waits: that one is seen.)
  expect((await alertRecords()).map((r) => r.kind)).toEqual(['waiting-elsewhere']);
  // The agent switches to that tab.
  bringToFront(tab + 1);
  await publishToPanels();
  expect((await alertRecords()).map((r) => r.kind)).toEqual(['waiting-elsewhere', 'answered-elsewhere']);
  expect(panel.at(-1)?.alerts.map((a) => a.type)).toContain('answered-elsewhere');
});

test('after a service worker restart (memory gone, store kept) the same alert is not recorded again', async () => {
  bringToFront(tab + 1);
  await openSidebar(tab + 1);
  const before = (await alertRecords()).length;
  expect(before).toBeGreaterThan(0);
  vi.resetModules();
  const fresh = await import('../../../src/background/sidebar-hub');
  await openSidebar(tab + 1, fresh.acceptSidebarPort);
  await fresh.publishTab(tab + 1);
  expect(await alertRecords()).toHaveLength(before);
});

test('the customer merged into another one (a new root id): the alert shown again is not recorded again', async () => {
  bringToFront(tab + 1);
  const views = await openSidebar(tab + 1);
  const nora = views[0]!.customer!.id;
  expect(await alertRecords()).toHaveLength(1);
  // On the chat tab the agent merges Nora into the chat's customer, which survives.
  await read(CHAT, tab + 2);
  await decideMerge(tab + 2, { kind: 'merge', otherId: nora });
  await publishTab(tab + 1);
  expect(views.at(-1)?.customer?.id).not.toBe(nora);
  expect(views.at(-1)?.alerts.map((a) => a.type)).toContain('answered-elsewhere');
  // Her chat, unanswered, is a new alert; the reply given by mail is the same one.
  expect((await alertRecords()).map((r) => r.kind).sort()).toEqual(['answered-elsewhere', 'waiting-elsewhere']);
});

test('what raised an alert keys it, not the customer id (a merge changes it) but for a thread no conversation names', () => {
  const reply = (id: string) => ({ type: 'answered-elsewhere', reply: { id }, thread: { tool: 'gmail', channel: 'email' } }) as unknown as TimelineAlert;
  expect(alertKey(reply('m2'), 'c1')).not.toBe(alertKey(reply('m1'), 'c1'));
  expect(alertKey(reply('m1'), 'c2')).toBe(alertKey(reply('m1'), 'c1'));
  const repeat = (latest: object) => ({ type: 'repeat-contact', threads: [{ tool: 'gmail', channel: 'email', conversationKey: 't0' }, latest] }) as unknown as TimelineAlert;
  const ticket = repeat({ tool: 'zendesk', channel: 'email', conversationKey: 't9' });
  expect(alertKey(ticket, 'c2')).toBe(alertKey(ticket, 'c1'));
  expect(alertKey(repeat({ tool: 'zendesk', channel: 'email', conversationKey: 't10' }), 'c1')).not.toBe(alertKey(ticket, 'c1'));
  // Two customers' calls on one phone line are not one alert.
  const call = repeat({ tool: 'aircall', channel: 'phone' });
  expect(alertKey(call, 'c2')).not.toBe(alertKey(call, 'c1'));
});

test('alerts recorded before the alertKey index (database version 4) are found by it after the upgrade', async () => {
  const name = `continuum-alert-keys-${NOW}`;
  const v4 = new Dexie(name);
  v4.version(4).stores({ feedback: 'id, at, kind' });
  await v4.table('feedback').bulkAdd([
    { id: 'a1', kind: 'answered-elsewhere', signal: 'alert', alertKey: 'k1', at: NOW },
    { id: 'f1', kind: 'template-used', at: NOW },
  ]);
  v4.close();
  const upgraded = new ContinuumDb(name);
  expect((await upgraded.feedback.where('alertKey').equals('k1').toArray()).map((r) => r.id)).toEqual(['a1']);
  upgraded.close();
  await Dexie.delete(name);
});
