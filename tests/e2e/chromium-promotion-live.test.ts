/**
 * A live promotion across a team, in real Chromium: one hub (embedded PGlite, random port), a lead
 * driving the hub's API and two agents, each in their own browser, paired from the settings page
 * and looking at the same fixture conversation. The lead publishes a promotion: both sidebars show
 * its card within a second. One agent inserts the code into the host reply box: the hub then holds
 * that agent's promotion mention for the team's metrics.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { openPglite } from '../../server/db/pglite';
import type { Database } from '../../server/db/types';
import { startHub, type RunningHub } from '../../server/start';
import { createTestTeam, type TestTeam } from '../server/support/hub';
import { openConversation } from './support/assist-pages';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { serveFixtures, type DemoServer } from './support/demo';
import { buildEditorFixtures, EDITORS, type FixtureWindow } from './support/editors';

const DAY = 24 * 3600 * 1000;
const TEXTAREA = EDITORS.find((e) => e.page === 'textarea')!;

let dataDir: string;
let database: Database;
let hub: RunningHub;
let team: TestTeam;
let server: DemoServer;
let agents: ChromiumSession[] = [];

beforeAll(async () => {
  buildEditorFixtures();
  dataDir = await mkdtemp(join(tmpdir(), 'continuum-hub-'));
  database = await openPglite(dataDir);
  hub = await startHub({ db: database, port: 0 });
  team = await createTestTeam(database, hub.url, 'Maison Lumière');
  [server, ...agents] = await Promise.all([serveFixtures(), launchChromium(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.close()));
  await server?.close();
  await hub?.close();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Pairs the browser from its settings page with a fresh agent invite; waits for the live channel. */
async function pair(browser: ChromiumSession, name: string): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`${browser.extensionOrigin}/src/options/index.html`);
  const invite = await team.admin.post('/v1/invites', { role: 'agent', name });
  await options.fill('#hub-url', hub.url);
  await options.fill('#hub-invite', invite.body.code);
  await options.getByRole('button', { name: /^(Pair|Associer)$/ }).click();
  await expect.poll(() => options.getByTestId('hub-member').textContent(), { timeout: 10_000 }).toMatch(new RegExp(`^${name} — `));
  await expect.poll(() => options.getByTestId('hub-reachable').textContent(), { timeout: 10_000 }).toMatch(/(live|en direct)/);
  await options.close();
}

/** Milliseconds from `started` until the promotion's card shows in the sidebar. */
async function cardLatency(frame: Frame, code: string, started: number): Promise<number> {
  await frame.getByTestId('promotion-code').filter({ hasText: code }).waitFor({ timeout: 10_000 });
  return performance.now() - started;
}

async function hubMentions(): Promise<Record<string, unknown>[]> {
  const { body } = await team.lead.get('/v1/sync/pull?cursor=0&limit=1000');
  return body.changes
    .filter((change: { table: string; data: { signal?: string } }) => change.table === 'feedback' && change.data.signal === 'promotion-mention')
    .map((change: { data: Record<string, unknown> }) => change.data);
}

test('a lead publishes a promotion: two agents see it within a second; an inserted code reaches the hub as a mention', async () => {
  await Promise.all(agents.map((browser, i) => pair(browser, `Agent ${i + 1}`)));
  const screens: { page: Page; frame: Frame }[] = await Promise.all(agents.map((browser) => openConversation({ browser, server }, TEXTAREA)));
  for (const { frame } of screens) expect(await frame.getByTestId('promotion-code').count()).toBe(0);

  const now = Date.now();
  const promotion = { id: 'lamp-week', title: 'Lamp week', pitch: '15 % off every lamp', code: 'LAMP15', startsAt: now - DAY, endsAt: now + 7 * DAY, updatedAt: now };
  const started = performance.now();
  const pushed = await team.lead.push([{ table: 'promotions', id: promotion.id, data: promotion }]);
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
