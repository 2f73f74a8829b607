/**
 * The lead console's metrics in real Chromium against a real team hub (embedded PGlite): events
 * with known waits are pushed through the hub's API, a lead pairs, opens the console's Metrics
 * tab, and the median and p90 speed of answer shown per channel are the hand-computed ones.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { knownWaitEvents } from '../../server/metrics/synthetic';
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
