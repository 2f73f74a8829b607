/**
 * The lead console's metrics in real Chromium against a real team hub (embedded PGlite): events
 * with known waits are pushed through the hub's API, a lead pairs, opens the console's Metrics
 * tab, and the median and p90 speed of answer shown per channel are the hand-computed ones.
 */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { knownWaitEvents } from '../../server/metrics/synthetic';
import { promotion } from '../unit/core/brand/support';
import { seriousViolations } from './support/axe';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { pairBrowser, teamHub } from './support/hub';
import { openMetrics } from './support/metrics';

const AT = Date.UTC(2026, 1, 10, 23, 50);

const hub = teamHub();
let lead: ChromiumSession;

beforeAll(async () => {
  const pushed = await hub.team.agent.push(knownWaitEvents(AT).map((e) => ({ table: 'events', id: e.id, data: e })));
  expect(pushed.status).toBe(200);
  // Usage signals from two members: both saw the promotion, one reply on each of two channels
  // mentioned it (one reply read twice), one template picked by hand, two alerts of one kind.
  const at = AT + 3_600_000;
  const signal = (data: Record<string, unknown>) => ({ id: uuidv7(), at, ...data });
  const byAgent = [
    signal({ signal: 'promotion-seen', promotionId: 'lamp-week', channel: 'email' }),
    signal({ signal: 'promotion-mention', promotionId: 'lamp-week', replyId: 'r1', channel: 'email' }),
    signal({ signal: 'template-use', templateId: 'tpl-shipping' }),
    signal({ signal: 'alert', kind: 'answered-elsewhere', channel: 'whatsapp' }),
    signal({ signal: 'alert', kind: 'answered-elsewhere', channel: 'email' }),
  ];
  const byLead = [
    signal({ signal: 'promotion-seen', promotionId: 'lamp-week', channel: 'whatsapp' }),
    signal({ signal: 'promotion-mention', promotionId: 'lamp-week', replyId: 'r2', channel: 'whatsapp' }),
    signal({ signal: 'promotion-mention', promotionId: 'lamp-week', replyId: 'r2', channel: 'whatsapp' }),
  ];
  const asFeedback = (records: Record<string, unknown>[]) => records.map((data) => ({ table: 'feedback', id: data.id as string, data }));
  expect((await hub.team.agent.push(asFeedback(byAgent))).status).toBe(200);
  expect((await hub.team.lead.push(asFeedback(byLead))).status).toBe(200);
  const lamp = promotion({ id: 'lamp-week', title: 'Semaine de la lampe', code: 'LAMP15', startsAt: AT, endsAt: AT + 7 * 86_400_000 });
  expect((await hub.team.lead.push([{ table: 'promotions', id: lamp.id, data: lamp }])).status).toBe(200);
  lead = await launchChromium();
});

afterAll(async () => {
  await lead?.close();
});

test('a lead sees the hand-computed median and p90 speed of answer per channel, and the before/after change', async () => {
  await pairBrowser(lead, hub, { role: 'lead', name: 'Léa' });

  const { page, cell } = await openMetrics(lead, { from: '2026-02-01', to: '2026-02-28', groupBy: 'channel' });
  await expect.poll(() => cell('email', 'median').textContent(), { timeout: 15_000 }).toBe('20 min');
  expect(await cell('email', 'p90').textContent()).toBe('40 min');
  expect(await cell('email', 'contacts').textContent()).toBe('3');
  expect(await cell('whatsapp', 'median').textContent()).toBe('1 min');
  expect(await cell('whatsapp', 'p90').textContent()).toBe('3 min');
  expect(await cell('whatsapp', 'answeredShare').textContent()).toMatch(/66[.,]7\s?%/);
  await expect.poll(() => page.locator('[data-testid="metrics-chart"] canvas').count()).toBe(1);
  // Usage in detail: the promotion by its title, its reach per channel; the template; the alerts.
  const usageCell = (table: string, key: string, figure: string) => page.locator(`[data-testid="metrics-${table}"] tr[data-key="${key}"] td[data-figure="${figure}"]`);
  await expect.poll(() => usageCell('promotions', 'lamp-week', 'replies').textContent(), { timeout: 15_000 }).toBe('2');
  expect(await page.locator('[data-testid="metrics-promotions"] tr[data-key="lamp-week"] th').textContent()).toBe('Semaine de la lampe');
  expect(await usageCell('promotions', 'lamp-week', 'agentsSeen').textContent()).toBe('2');
  expect(await usageCell('promotions', 'lamp-week', 'agentsMentioned').textContent()).toBe('2');
  expect(await usageCell('promotions', 'lamp-week', 'byChannel').textContent()).toBe('email 1, whatsapp 1');
  expect(await usageCell('templates', 'tpl-shipping', 'picked').textContent()).toBe('1');
  expect(await usageCell('alerts', 'answered-elsewhere', 'count').textContent()).toBe('2');
  expect(await page.locator('[data-testid="metrics-alerts"] tr[data-key="answered-elsewhere"] th').textContent()).toMatch(/^(Already answered on another channel|Déjà répondu sur un autre canal)$/);

  // Readable in light and dark: no serious contrast or structure issue, and the chart is redrawn.
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect.poll(() => page.locator('[data-testid="metrics-chart"] canvas').count()).toBe(1);
    expect(await seriousViolations(page), colorScheme).toEqual([]);
    if (process.env.METRICS_SCREENSHOTS) await page.screenshot({ path: `${process.env.METRICS_SCREENSHOTS}/metrics-${colorScheme}.png`, fullPage: true });
  }

  // Before: January (nothing), after: February. Email contacts go from 0 to 3.
  await page.getByTestId('metrics-before-from').fill('2026-01-01');
  await page.getByTestId('metrics-before-to').fill('2026-01-31');
  await page.getByTestId('metrics-compare').click();
  const change = page.locator('[data-testid="metrics-changes"] tr[data-key="email"][data-figure="contacts"] td.change');
  await expect.poll(() => change.textContent(), { timeout: 15_000 }).toBe('+3');
});
