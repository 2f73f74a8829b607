/**
 * The Metrics tab grouped by agent, in real Chromium against a real hub: an agent's answers (signed
 * in the tool with their name in another case, or with a nickname) and the signals their browser
 * recorded are one row once the lead gives the nickname to the member; a merge of two customers
 * pushed by an agent joins their contacts.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { TimelineEvent } from '../../src/core/timeline/event';
import { seriousViolations } from './support/axe';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { pairBrowser, teamHub, type Client } from './support/hub';
import { openMetrics } from './support/metrics';

const MIN = 60_000;
const T0 = Date.UTC(2026, 1, 10, 9);
const DAY_MS = 86_400_000;
const hub = teamHub();
let lead: ChromiumSession;
let camille: Client;

const message = (id: string, customerId: string, minute: number, direction: 'inbound' | 'outbound', channel: string, author?: string) =>
  ({ id, type: 'message', direction, subject: { customerId }, at: T0 + minute * MIN, tool: channel === 'email' ? 'gmail' : 'whatsapp', channel, conversationKey: `${channel}:${customerId}`, text: `${id} text`, ...(author ? { author } : {}) }) as TimelineEvent;

beforeAll(async () => {
  camille = await hub.member('agent', 'Camille Lefèvre');
  const events = [
    message('a1', 'c1', 0, 'inbound', 'email'),
    message('a2', 'c1', 4, 'outbound', 'email', 'camille lefevre'),
    message('b1', 'c2', 10, 'inbound', 'whatsapp'),
    message('b2', 'c2', 18, 'outbound', 'whatsapp', 'Cam'),
    message('m1', 'mail-x', 30, 'inbound', 'email'),
    message('m2', 'wa-x', 40, 'inbound', 'whatsapp'),
    message('m3', 'wa-x', 50, 'outbound', 'whatsapp', 'Cam'),
  ];
  expect((await camille.push(events.map((e) => ({ table: 'events', id: e.id, data: e })))).status).toBe(200);
  const at = T0 + 5 * MIN;
  const feedback = [
    { id: uuidv7(), kind: 'shown', suggestionId: 's1', source: 'llm', at, channel: 'email', tool: 'gmail' },
    { id: uuidv7(), kind: 'inserted', suggestionId: 's1', source: 'llm', at: at + 1000, channel: 'email', tool: 'gmail' },
    { id: uuidv7(), signal: 'alert', kind: 'answered-elsewhere', at, channel: 'email', tool: 'gmail' },
  ];
  expect((await camille.push(feedback.map((f) => ({ table: 'feedback', id: f.id, data: f })))).status).toBe(200);
  lead = await launchChromium();
});

afterAll(async () => {
  await lead?.close();
});

test('a lead sees one row per agent once a nickname is given to its member, and merged customers as one', async () => {
  await pairBrowser(lead, hub, { role: 'lead', name: 'Léa' });
  const { page, cell } = await openMetrics(lead, { from: '2026-02-01', to: '2026-02-28', groupBy: 'agent' });
  // The tool's "camille lefevre" is the member Camille Lefèvre, with her browser's signals on the same row.
  await expect.poll(() => cell('Camille Lefèvre', 'contacts').textContent(), { timeout: 15_000 }).toBe('1');
  expect(await cell('Camille Lefèvre', 'suggestions').textContent()).toBe('1 / 1');
  expect(await cell('Camille Lefèvre', 'alerts').textContent()).toBe('1');
  expect(await cell('Cam', 'contacts').textContent()).toBe('2');
  expect(await seriousViolations(page)).toEqual([]);

  // "Cam" matches no member: the lead gives it to Camille, and the rows join.
  const names = page.getByTestId('metrics-agent-names');
  const unmatched = names.locator('li[data-name="Cam"]');
  await unmatched.getByRole('combobox').selectOption({ label: 'Camille Lefèvre' });
  await unmatched.getByRole('button').click();
  await expect.poll(() => cell('Camille Lefèvre', 'contacts').textContent(), { timeout: 15_000 }).toBe('3');
  expect(await cell('Camille Lefèvre', 'p90').textContent()).toBe('10 min');
  expect(await page.locator('[data-testid="metrics-table"] tr[data-key="Cam"]').count()).toBe(0);
  expect(await names.locator('li[data-member]').textContent()).toContain('Cam');

  // The e-mail and WhatsApp customers are one person: an agent's merge makes them one contact.
  const merge = { id: 'merge-1', survivorId: 'mail-x', absorbedId: 'wa-x', at: T0 + DAY_MS, actor: 'agent', reason: 'merged by the agent in the sidebar', automatic: false, survivorKeys: [], absorbedKeys: [], clashes: [] };
  expect((await camille.push([{ table: 'merges', id: merge.id, data: merge }])).status).toBe(200);
  await page.getByTestId('metrics-show').click();
  // The e-mail no longer waits unanswered: the WhatsApp reply answers it, 20 min after the e-mail.
  await expect.poll(() => page.locator('[data-testid="metrics-table"] tr[data-key="(unanswered)"]').count(), { timeout: 15_000 }).toBe(0);
  expect(await cell('Camille Lefèvre', 'contacts').textContent()).toBe('3');
  expect(await cell('Camille Lefèvre', 'median').textContent()).toBe('8 min');
  expect(await cell('Camille Lefèvre', 'p90').textContent()).toBe('20 min');
});
