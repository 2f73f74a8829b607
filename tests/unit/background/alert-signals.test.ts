/**
 * Alerts raised, for the team's metrics: the sidebar view of a customer a colleague already
 * answered in another tool records one `alert` record, however often the view is built, and
 * not again after the service worker restarts. Real (fake-indexeddb) database, real reading
 * pipeline, real view.
 */
import { beforeEach, expect, test, vi } from 'vitest';
import type { Detection } from '../../../src/adapters/types';
import { alertKey } from '../../../src/background/alert-signals';
import { recordReading } from '../../../src/background/page-reading';
import { buildView } from '../../../src/background/sidebar-view';
import type { TimelineAlert } from '../../../src/core/timeline/alerts';
import { DEFAULT_SETTINGS } from '../../../src/shared/schemas';
import { db } from '../../../src/storage/db';

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

let tab = 900;
const alertRecords = async () => (await db().feedback.toArray()).filter((r) => (r as { signal?: string }).signal === 'alert') as unknown as Array<Record<string, unknown>>;

async function read(detection: Detection, tabId: number) {
  const url = detection.conversation.key;
  await recordReading(detection, { tabId, origin: new URL(url).origin, url, pageUrl: url, settings: DEFAULT_SETTINGS, now: NOW });
}

beforeEach(async () => {
  await Promise.all(db().tables.map((t) => t.clear()));
  tab += 2;
  await read(MAIL, tab);
  await read(DESK, tab + 1);
});

test('an answered-elsewhere alert shown in the view is one record, with the customer, tool and channel; re-renders add none', async () => {
  const view = await buildView(tab + 1, NOW);
  expect(view?.alerts.map((a) => a.type)).toContain('answered-elsewhere');
  for (let i = 0; i < 3; i++) await buildView(tab + 1, NOW + i);
  const records = await alertRecords();
  expect(records.filter((r) => r.kind === 'answered-elsewhere')).toHaveLength(1);
  expect(records[0]).toMatchObject({ signal: 'alert', customerId: view?.customer?.id, tool: 'zendesk', channel: 'email' });
  expect(records[0]!.alertKey).toMatch(/^[0-9a-f]{64}$/);
  // Ids and kinds only: no message text, address or URL goes to the hub.
  expect(JSON.stringify(records)).not.toMatch(/refund|laposte|example/);
});

test('after a service worker restart (memory gone, store kept) the same alert is not recorded again', async () => {
  await buildView(tab + 1, NOW);
  const before = (await alertRecords()).length;
  expect(before).toBeGreaterThan(0);
  vi.resetModules();
  const fresh = await import('../../../src/background/sidebar-view');
  await fresh.buildView(tab + 1, NOW + 1000);
  expect(await alertRecords()).toHaveLength(before);
});

test('another reply elsewhere is a new alert; the same reply for the same customer is the same key', () => {
  const reply = (id: string) => ({ type: 'answered-elsewhere', reply: { id }, thread: { tool: 'gmail', channel: 'email' } }) as unknown as TimelineAlert;
  expect(alertKey(reply('m1'), 'c1')).toBe(alertKey(reply('m1'), 'c1'));
  expect(alertKey(reply('m2'), 'c1')).not.toBe(alertKey(reply('m1'), 'c1'));
  expect(alertKey(reply('m1'), 'c2')).not.toBe(alertKey(reply('m1'), 'c1'));
});
