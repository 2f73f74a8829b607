/**
 * One customer across channels, in real Chromium: Élodie writes to the helpdesk by e-mail, then
 * on Instagram under a handle with the same phone number. The two are linked automatically and
 * each tool's sidebar shows the combined history; the link can be undone from the sidebar.
 */
import { expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';

const env = chromiumWithFixtures();

async function open(path: string, name: string): Promise<{ page: Page; frame: Frame }> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}${path}`);
  const frame = await sidebarFrame(page, env.browser.extensionId);
  await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe(name);
  return { page, frame };
}

const historyText = async (frame: Frame) => ((await frame.locator('[data-testid=history]').count()) ? await frame.locator('[data-testid=history]').textContent() : '') ?? '';

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
  const frame = await sidebarFrame(helpdesk.page, env.browser.extensionId);
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
  await frame.selectOption('#history-channel', '');
  await frame.selectOption('#history-tool', 'generic');
  expect(await frame.locator('[data-testid=history] li').count()).toBeGreaterThanOrEqual(3);
  // Élodie writes in French: the summary says so.
  expect(await frame.getByTestId('language').textContent()).toMatch(/FR/);
  await page.close();
});

test('a promise made in the thread shows as a commitment in the summary header', async () => {
  const { page, frame } = await open('/demo/helpdesk/#/tickets/1043', 'Karim Benali');
  await expect.poll(() => frame.getByTestId('summary').textContent(), { timeout: 10_000 }).toContain('pièce de rechange d’ici vendredi');
  expect(await frame.getByTestId('summary').textContent()).toMatch(/(Promised|Overdue|Promis|En retard).*27\/11\/2026|(Promised|Overdue|Promis|En retard).*11\/27\/26/);
  await page.close();
});

test('a suggested merge (same name, different channels) is accepted, then undone, from the sidebar', async () => {
  const helpdesk = await open('/demo/helpdesk/#/tickets/1043', 'Karim Benali');
  await helpdesk.page.close();
  const { page, frame } = await open('/demo/social/t/karim', 'Karim Benali');
  // Different strong identifiers (an e-mail there, an X handle here): only a suggestion.
  await expect.poll(() => frame.getByTestId('suggestion').textContent(), { timeout: 10_000 }).toMatch(/Karim Benali/);
  expect(await historyText(frame)).not.toContain('suspension Nova');
  await frame.getByRole('button', { name: /^(Merge|Fusionner)$/ }).click();
  await expect.poll(() => historyText(frame), { timeout: 10_000 }).toContain('ma suspension Nova clignote');
  expect(await frame.getByTestId('identifier').allTextContents()).toEqual(expect.arrayContaining(['karim.benali@orange.fr', '@karim_benali']));
  // Undo gives each customer their own history back.
  await frame.getByRole('button', { name: /^(Undo|Annuler)$/ }).click();
  await expect.poll(() => historyText(frame), { timeout: 10_000 }).not.toContain('ma suspension Nova clignote');
  expect(await frame.getByTestId('identifier').allTextContents()).not.toContain('karim.benali@orange.fr');
  await page.close();
});

test('a note added in the sidebar joins the customer history in every tool', async () => {
  const { page, frame } = await open('/demo/social/t/elodie', 'Élodie Rousseau');
  await frame.fill('#note', 'Cliente prioritaire : cadeau de Noël');
  await frame.getByRole('button', { name: /^(Add|Ajouter)$/ }).click();
  await expect.poll(() => historyText(frame), { timeout: 10_000 }).toContain('Cliente prioritaire : cadeau de Noël');
  const helpdesk = await open('/demo/helpdesk/#/tickets/1042', 'Élodie Rousseau');
  await expect.poll(() => historyText(helpdesk.frame), { timeout: 10_000 }).toContain('Cliente prioritaire : cadeau de Noël');
  await Promise.all([page.close(), helpdesk.page.close()]);
});

// Last in the file: it changes Élodie's identities.
test('an identifier that belongs to someone else is split off from the sidebar', async () => {
  await open('/demo/social/t/elodie', 'Élodie Rousseau').then(({ page }) => page.close());
  const { page, frame } = await open('/demo/helpdesk/#/tickets/1042', 'Élodie Rousseau');
  await expect.poll(() => frame.getByTestId('identifier').allTextContents(), { timeout: 10_000 }).toContain('@elodie.lumiere');
  await frame.getByRole('button', { name: /@elodie\.lumiere (belongs to someone else|appartient)/ }).click();
  await expect.poll(() => frame.getByTestId('identifier').allTextContents(), { timeout: 10_000 }).not.toContain('@elodie.lumiere');
  expect(await frame.getByTestId('identifier').allTextContents()).toEqual(expect.arrayContaining(['elodie.rousseau@laposte.net', '+33612345678']));
  await page.close();
});
