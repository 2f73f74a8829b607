/**
 * Brand issues caught and fixed, and alerts raised, as a team lead sees them: real Chromium with
 * the built extension, paired as an agent with a real hub (embedded PGlite). The lead publishes a
 * brand guide; the agent opens yesterday's ticket of a customer (answered by a colleague), then
 * today's ticket (tests/fixtures/signals): the sidebar raises "answered elsewhere", and the hub
 * holds one alert, still one after a reload. In the reply box a banned term is caught, then fixed
 * by typing; a second one is sent as is (the host empties the box): caught, not fixed. The hub's
 * usage figures say so, and so does the Metrics tab of a lead's console in another browser.
 * Then, in a help desk whose editor is framed (TinyMCE's iframe), typing is checked too, and a
 * draft sent with the caret right after a banned term counts it caught.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, sidebarFrame, type ChromiumSession } from './support/chromium';
import { serveFixtures, type DemoServer } from './support/demo';
import { pairBrowser, published, teamHub } from './support/hub';

const FIXTURES = '/signals/2026-11-23-answered-elsewhere';
const CUSTOMER = 'Nora Lindqvist';

const hub = teamHub();
let server: DemoServer;
let agent: ChromiumSession;
let lead: ChromiumSession;

beforeAll(async () => {
  [server, agent, lead] = await Promise.all([serveFixtures(), launchChromium(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([agent?.close(), lead?.close()]);
  await server?.close();
});

async function open(page: string): Promise<{ page: Page; frame: Frame }> {
  const tab = await agent.context.newPage();
  await tab.goto(`${server.origin}${FIXTURES}/${page}.html`);
  const frame = await sidebarFrame(tab, agent.extensionId);
  await frame.getByTestId('customer-name').filter({ hasText: CUSTOMER }).waitFor({ timeout: 10_000 });
  return { page: tab, frame };
}

/** The signals on the hub, as the lead pulls them. */
async function hubSignals(signal: string): Promise<Record<string, unknown>[]> {
  return (await hub.changes('feedback', hub.team.lead)).map((c) => c.data).filter((d) => d.signal === signal);
}
const kinds = async (signal: string) => (await hubSignals(signal)).map((d) => d.kind);

/** Types a draft with the keyboard, as an agent does, and waits until the sidebar checked it all. */
async function typeDraft(page: Page, frame: Frame, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: /Reply to/ });
  await box.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await expect.poll(() => frame.getByTestId('draft-check').getAttribute('data-checked'), { timeout: 5000 }).toBe(String(text.length));
}

test('caught and fixed brand issues and one answered-elsewhere alert reach the hub, and its figures', async () => {
  const settings = await pairBrowser(agent, hub, { role: 'agent', name: 'Camille' });
  const now = Date.now();
  const guide = { version: 1, voice: '', formality: 'vous', useFirstName: false, channels: [], preferredTerms: [], bannedTerms: [{ term: 'cheap', replacement: 'affordable' }], disclaimers: [], updatedAt: now };
  expect((await hub.team.lead.push([{ table: 'brand-guide', id: 'current', data: guide }])).body.results[0]).toMatchObject({ status: 'applied' });
  await expect.poll(async () => (await published(settings, 'brand-guide')).length, { timeout: 10_000 }).toBe(1);
  await settings.close();

  // Yesterday a colleague answered Nora on another ticket; today she writes again.
  const earlier = await open('earlier');
  await earlier.page.close();
  const { page, frame } = await open('today');
  await frame.getByTestId('alert').first().waitFor({ timeout: 10_000 });
  await expect.poll(() => kinds('alert'), { timeout: 10_000 }).toEqual(['answered-elsewhere']);
  const alert = (await hubSignals('alert'))[0]!;
  expect(alert).toMatchObject({ tool: 'generic' });
  expect(typeof alert.customerId).toBe('string');

  // A banned term, with the agent typing on past it: caught.
  await typeDraft(page, frame, 'Hello, here is a cheap copy of your invoice.');
  await expect.poll(() => frame.getByTestId('draft-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['banned-term']);
  await expect.poll(() => kinds('brand-issue'), { timeout: 10_000 }).toEqual(['caught']);
  // The agent rewrites it: fixed, the same issue.
  await typeDraft(page, frame, 'Hello, here is a copy of your invoice.');
  await expect.poll(() => kinds('brand-issue'), { timeout: 10_000 }).toEqual(['caught', 'fixed']);
  const [caught, fixed] = await hubSignals('brand-issue');
  expect(fixed!.issueId).toBe(caught!.issueId);
  expect(caught).toMatchObject({ code: 'banned-term' });
  // Ids, codes and times: nothing of the draft.
  expect(JSON.stringify(await hubSignals('brand-issue'))).not.toMatch(/cheap|invoice/);

  // Another draft with the term, sent as it is: the host empties the box. Caught, never fixed.
  await typeDraft(page, frame, 'Our cheap lamps are back in stock.');
  await expect.poll(() => kinds('brand-issue'), { timeout: 10_000 }).toEqual(['caught', 'fixed', 'caught']);
  await page.getByTestId('send').click();
  await expect.poll(() => frame.getByTestId('draft-check').count(), { timeout: 5000 }).toBe(0);
  await typeDraft(page, frame, 'Anything else I can do for you?');

  // A reload builds the view again: the alert is not raised a second time. The caught issue typed
  // after it is the proof the extension pushed everything it wrote since.
  await page.reload();
  const again = await sidebarFrame(page, agent.extensionId);
  await again.getByTestId('alert').first().waitFor({ timeout: 10_000 });
  await typeDraft(page, again, 'So cheap, so good.');
  await expect.poll(() => kinds('brand-issue'), { timeout: 10_000 }).toEqual(['caught', 'fixed', 'caught', 'caught']);
  expect(await kinds('alert')).toEqual(['answered-elsewhere']);

  // What the hub computes for the lead's Metrics tab…
  const usage = await hub.team.lead.get(`/v1/metrics/usage?from=${now - 3600_000}&to=${Date.now() + 3600_000}`);
  expect(usage.status).toBe(200);
  expect(usage.body.brandIssues).toEqual([{ key: 'banned-term', caught: 3, fixed: 1, fixedShare: 1 / 3 }]);
  expect(usage.body.alerts).toEqual([{ key: 'all', kind: 'answered-elsewhere', count: 1 }]);

  // …and the tab itself, in the lead's browser.
  await (await pairBrowser(lead, hub, { role: 'lead', name: 'Léa' })).close();
  const metrics = await lead.context.newPage();
  await metrics.goto(`${lead.extensionOrigin}/src/console/index.html`);
  await metrics.getByRole('tab', { name: /^(Metrics|Indicateurs)$/ }).click();
  const today = new Date().toISOString().slice(0, 10);
  await metrics.getByTestId('metrics-from').fill(today);
  await metrics.getByTestId('metrics-to').fill(today);
  await metrics.getByTestId('metrics-show').click();
  await expect.poll(() => metrics.getByTestId('metrics-usage').textContent(), { timeout: 15_000 }).toMatch(/Brand issues: 3 caught, 1 fixed|Écarts de marque : 3 détectés, 1 corrigés/);
  expect(await metrics.locator('[data-testid="metrics-alerts"] tr[data-key="answered-elsewhere"] td[data-figure="count"]').textContent()).toBe('1');
});

// Follows the test above (the browser is paired; the guide bans "cheap").
test('in an editor framed in the page, typing is checked; sent with the caret right after a banned term, it is caught', async () => {
  const before = await kinds('brand-issue');
  expect(before.length).toBeGreaterThan(0);
  const { page, frame } = await open('framed');
  await page.frameLocator('#reply_ifr').locator('body').click();
  const text = 'Your lamp leaves today, and it was cheap';
  await page.keyboard.type(text);
  await expect.poll(() => frame.getByTestId('draft-check').getAttribute('data-checked'), { timeout: 5000 }).toBe(String(text.length));
  await expect.poll(() => frame.getByTestId('draft-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['banned-term']);
  // Sent as it is, the caret still after "cheap": caught once, never fixed.
  await page.getByTestId('send').click();
  await expect.poll(() => frame.getByTestId('draft-check').count(), { timeout: 5000 }).toBe(0);
  await expect.poll(() => kinds('brand-issue'), { timeout: 10_000 }).toEqual([...before, 'caught']);
  const [sent] = (await hubSignals('brand-issue')).slice(-1);
  expect(sent).toMatchObject({ code: 'banned-term' });
});
