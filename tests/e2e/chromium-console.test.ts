/**
 * The lead console in real Chromium against a real team hub (embedded PGlite, random port): a lead
 * pairs, opens the console from settings, is told the end of a promotion comes before its start
 * (nothing published), fixes it, publishes, and the hub has it; an agent's browser, paired to the
 * same team, has it in its `published` store within a second and sees the console read-only.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { pairBrowser, published, teamHub } from './support/hub';

const hub = teamHub();
let lead: ChromiumSession;
let agent: ChromiumSession;

beforeAll(async () => {
  [lead, agent] = await Promise.all([launchChromium(), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([lead?.close(), agent?.close()]);
});

/** No serious or critical axe-core issue, in light and in dark. */
async function expectAccessible(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const local = (d: Date) => new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);

test('a lead publishes a promotion from the console after fixing a field error; an agent has it within a second', async () => {
  const agentOptions = await pairBrowser(agent, hub, { role: 'agent', name: 'Jules' });
  // An agent gets no console link, and the console is read-only for them.
  expect(await agentOptions.getByTestId('open-console').count()).toBe(0);
  await agentOptions.goto(`${agent.extensionOrigin}/src/console/index.html`);
  await expect.poll(() => agentOptions.getByTestId('console-read-only').isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await agentOptions.getByRole('button', { name: /^(New promotion|Nouvelle promotion)$/ }).count()).toBe(0);

  const leadOptions = await pairBrowser(lead, hub, { role: 'lead', name: 'Camille' });
  const [consolePage] = await Promise.all([lead.context.waitForEvent('page'), leadOptions.getByTestId('open-console').click()]);
  await consolePage.waitForLoadState();
  await expect.poll(() => consolePage.getByTestId('console-member').textContent(), { timeout: 10_000 }).toMatch(/Camille \(lead\)/);

  await consolePage.getByRole('button', { name: /^(New promotion|Nouvelle promotion)$/ }).click();
  const now = new Date();
  await consolePage.fill('#p-title', 'Soldes d’hiver');
  await consolePage.fill('#p-pitch', '-20 % sur toutes les lampes Aurore.');
  await consolePage.fill('#p-code', 'HIVER20');
  await consolePage.fill('#p-start', local(new Date(now.getTime() - 3_600_000)));
  await consolePage.fill('#p-end', local(new Date(now.getTime() - 2 * 86_400_000)));
  await consolePage.getByRole('button', { name: /^(Publish|Publier)$/ }).click();

  // The error is next to the end date, and nothing reached the hub or the store.
  const endError = consolePage.getByTestId('error-endsAt');
  await expect.poll(() => endError.textContent(), { timeout: 5000 }).toMatch(/(The end must come after the start|La fin doit)/);
  expect(await consolePage.locator('#p-end').getAttribute('aria-describedby')).toBe('error-endsAt');
  expect(await consolePage.getByTestId('error-title').textContent()).toBe('');
  expect(await hub.changes('promotions')).toEqual([]);
  expect(await published(consolePage, 'promotions')).toEqual([]);
  // The form kept what the lead typed.
  expect(await consolePage.inputValue('#p-title')).toBe('Soldes d’hiver');
  // The preview shows the promotion as agents will say it, once the fields are right.
  await consolePage.fill('#p-end', local(new Date(now.getTime() + 30 * 86_400_000)));
  await expect.poll(() => consolePage.getByTestId('preview-text').textContent(), { timeout: 5000 }).toMatch(/HIVER20/);
  await expectAccessible(consolePage);

  const started = performance.now();
  await consolePage.getByRole('button', { name: /^(Publish|Publier)$/ }).click();
  await expect.poll(() => consolePage.getByTestId('promotion-notice').textContent(), { timeout: 5000 }).toMatch(/(Published|Publié)/);
  const [onTheHub] = await hub.changes('promotions');
  expect(onTheHub?.data).toMatchObject({ title: 'Soldes d’hiver', code: 'HIVER20', pitch: '-20 % sur toutes les lampes Aurore.' });
  expect(await consolePage.getByTestId('promotion-status').textContent()).toMatch(/^(active|en cours)$/);
  expect(await published(consolePage, 'promotions')).toMatchObject([{ id: onTheHub!.id, data: { code: 'HIVER20' } }]);

  // The agent's extension receives it over the live channel.
  let received = (await published(agentOptions, 'promotions'))[0];
  while (!received && performance.now() - started < 5000) received = (await published(agentOptions, 'promotions'))[0];
  const latency = performance.now() - started;
  console.info(`console publish click → in the agent's store: ${latency.toFixed(0)} ms`);
  expect(received).toMatchObject({ id: onTheHub!.id, data: { title: 'Soldes d’hiver', code: 'HIVER20' } });
  expect(latency).toBeLessThan(1000);

  for (const tab of [/^(Templates|Modèles)$/, /^(Brand guide|Charte éditoriale)$/]) {
    await consolePage.getByRole('tab', { name: tab }).click();
    await expectAccessible(consolePage);
  }
  await consolePage.getByRole('tab', { name: /^Promotions$/ }).click();
});

test('the hub down: the console says so, nothing changes locally, and the form keeps the lead’s input', async () => {
  const consolePage = lead.context.pages().find((page) => page.url().includes('/src/console/'))!;
  await consolePage.getByRole('button', { name: /^(Edit|Modifier)$/ }).click();
  await consolePage.fill('#p-title', 'Soldes d’hiver prolongées');
  await hub.stop();
  await consolePage.getByRole('button', { name: /^(Publish|Publier)$/ }).click();
  await expect.poll(() => consolePage.getByTestId('promotion-notice').textContent(), { timeout: 10_000 }).toMatch(/(cannot be reached|injoignable)/);
  expect(await consolePage.inputValue('#p-title')).toBe('Soldes d’hiver prolongées');
  expect((await published(consolePage, 'promotions')).map((row) => row.data.title)).toEqual(['Soldes d’hiver']);
});
