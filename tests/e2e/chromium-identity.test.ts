/**
 * One customer across channels, in real Chromium: Élodie writes to the helpdesk by e-mail, then
 * on Instagram under a handle with the same phone number. The two are linked automatically and
 * each tool's sidebar shows the combined history; the link can be undone from the sidebar.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { launchChromium, sidebarFrame, type ChromiumSession } from './support/chromium';
import { serveFixtures, type DemoServer } from './support/demo';

let browser: ChromiumSession;
let server: DemoServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveFixtures()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, name: string): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}${path}`);
  const frame = await sidebarFrame(page, browser.extensionId);
  await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe(name);
  return { page, frame };
}

const historyText = (frame: Frame) => frame.locator('[data-testid=history]').textContent().catch(() => '');

test('the same customer on e-mail and Instagram is linked through her phone, with one history in both tools', async () => {
  const helpdesk = await open('/demo/helpdesk/#/tickets/1042', 'Élodie Rousseau');
  const social = await open('/demo/social/t/elodie', 'Élodie Rousseau');
  // On Instagram the sidebar knows her e-mail and shows what she wrote to the helpdesk.
  const identifiers = await social.frame.getByTestId('identifier').allTextContents();
  expect(identifiers).toEqual(expect.arrayContaining(['elodie.rousseau@laposte.net', '+33612345678', '@elodie.lumiere']));
  await expect.poll(() => historyText(social.frame), { timeout: 10_000 }).toContain('la lampe Aurore reçue hier est arrivée avec le pied cassé');
  expect(await social.frame.getByTestId('channels').textContent()).toMatch(/instagram.*email|email.*instagram/);

  // Back on the helpdesk, the Instagram message is in the history.
  await helpdesk.page.reload();
  const frame = await sidebarFrame(helpdesk.page, browser.extensionId);
  await expect.poll(() => historyText(frame), { timeout: 10_000 }).toContain('toujours rien reçu pour remplacer ma lampe cassée');
  await Promise.all([helpdesk.page.close(), social.page.close()]);
});

test('history search and channel filter narrow the list', async () => {
  const { page, frame } = await open('/demo/social/t/elodie', 'Élodie Rousseau');
  await expect.poll(() => frame.locator('[data-testid=history] li').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
  await frame.fill('#history-search', 'photo');
  await expect.poll(() => frame.locator('[data-testid=history] li').count()).toBe(2);
  await frame.fill('#history-search', '');
  await frame.selectOption('#history-channel', 'email');
  const channels = await frame.locator('[data-testid=history] li .meta span').allTextContents();
  expect(channels.length).toBeGreaterThan(0);
  for (const text of channels) expect(text).toMatch(/^email/);
  await page.close();
});

test('a promise made in the thread shows as a commitment in the summary header', async () => {
  const { page, frame } = await open('/demo/helpdesk/#/tickets/1043', 'Karim Benali');
  await expect.poll(() => frame.getByTestId('summary').textContent(), { timeout: 10_000 }).toContain('pièce de rechange d’ici vendredi');
  expect(await frame.getByTestId('summary').textContent()).toMatch(/(Promised|Overdue|Promis|En retard).*27\/11\/2026|(Promised|Overdue|Promis|En retard).*11\/27\/26/);
  await page.close();
});
