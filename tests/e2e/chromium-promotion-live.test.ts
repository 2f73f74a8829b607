/**
 * A live promotion across a team, in real Chromium: one hub (embedded PGlite, random port), a lead
 * driving the hub's API and two agents, each in their own browser, paired from the settings page
 * and looking at the same fixture conversation. The lead publishes a promotion: both sidebars show
 * its card within a second. One agent inserts the code into the host reply box: the hub then holds
 * that agent's promotion mention for the team's metrics.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openConversation } from './support/assist-pages';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { serveFixtures, type DemoServer } from './support/demo';
import { buildEditorFixtures, EDITORS, type FixtureWindow } from './support/editors';
import { pairBrowser, teamHub } from './support/hub';

const DAY = 24 * 3600 * 1000;
const TEXTAREA = EDITORS.find((e) => e.page === 'textarea')!;

const hub = teamHub();
let server: DemoServer;
let agents: ChromiumSession[] = [];

beforeAll(async () => {
  buildEditorFixtures();
  [server, ...agents] = await Promise.all([serveFixtures(), launchChromium(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await server?.close();
});

/** Pairs the browser from its settings page with a fresh agent invite; the settings page is closed after. */
async function pair(browser: ChromiumSession, name: string): Promise<void> {
  const options = await pairBrowser(browser, hub, { role: 'agent', name });
  expect(await options.getByTestId('hub-member').textContent()).toMatch(new RegExp(`^${name} — `));
  await options.close();
}

/** Milliseconds from `started` until the promotion's card shows in the sidebar. */
async function cardLatency(frame: Frame, code: string, started: number): Promise<number> {
  await frame.getByTestId('promotion-code').filter({ hasText: code }).waitFor({ timeout: 10_000 });
  return performance.now() - started;
}

async function hubMentions(): Promise<Record<string, unknown>[]> {
  const feedback = await hub.changes('feedback', hub.team.lead);
  return feedback.filter((change) => change.data.signal === 'promotion-mention').map((change) => change.data);
}

test('a lead publishes a promotion: two agents see it within a second; an inserted code reaches the hub as a mention', async () => {
  await Promise.all(agents.map((browser, i) => pair(browser, `Agent ${i + 1}`)));
  const screens: { page: Page; frame: Frame }[] = await Promise.all(agents.map((browser) => openConversation({ browser, server }, TEXTAREA)));
  for (const { frame } of screens) expect(await frame.getByTestId('promotion-code').count()).toBe(0);

  const now = Date.now();
  const promotion = { id: 'lamp-week', title: 'Lamp week', pitch: '15 % off every lamp', code: 'LAMP15', startsAt: now - DAY, endsAt: now + 7 * DAY, updatedAt: now };
  const started = performance.now();
  const pushed = await hub.team.lead.push([{ table: 'promotions', id: promotion.id, data: promotion }]);
  expect(pushed.body.results[0]).toMatchObject({ status: 'applied' });
  const latencies = await Promise.all(screens.map(({ frame }) => cardLatency(frame, promotion.code, started)));
  console.info(`promotion published → card visible: ${latencies.map((l) => `${l.toFixed(0)} ms`).join(', ')}`);
  for (const latency of latencies) expect(latency).toBeLessThan(1000);

  // Agent 1 inserts the code; agent 2's reply box is untouched.
  const [one, two] = screens as [(typeof screens)[0], (typeof screens)[0]];
  await one.frame.getByTestId('promotion-insert').click();
  const editorText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__editorText());
  await expect.poll(() => editorText(one.page), { timeout: 5000 }).toContain('LAMP15');
  expect(await editorText(two.page)).not.toContain('LAMP15');

  // The extension pushes 1.5 s after a local write; the mention is the lead's to read on the hub.
  const pushedAt = performance.now();
  await expect.poll(hubMentions, { timeout: 10_000, interval: 200 }).toHaveLength(1);
  console.info(`code inserted → mention on the hub: ${(performance.now() - pushedAt).toFixed(0)} ms`);
  const mention = (await hubMentions())[0]!;
  expect(mention).toMatchObject({ kind: 'mentioned', signal: 'promotion-mention', promotionId: 'lamp-week' });
  expect(typeof mention.replyId).toBe('string');

  // A second insert in the same conversation is not a second mention.
  await one.frame.getByTestId('promotion-insert').click();
  await expect.poll(() => editorText(one.page), { timeout: 5000 }).toMatch(/LAMP15.*LAMP15/s);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  expect(await hubMentions()).toHaveLength(1);
  await Promise.all(screens.map(({ page }) => page.close()));
});
