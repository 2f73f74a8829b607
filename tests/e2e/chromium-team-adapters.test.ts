/**
 * A custom adapter shared with the whole team, in real Chromium: one hub (embedded PGlite, random
 * port), a lead's browser and an agent's, each paired from its settings page. The lead imports an
 * adapter for a CRM Continuum does not know and shares it from the console's Team tab; the agent's
 * open page is read with it (the CRM's client number appears in the sidebar) without a reload.
 * The lead stops sharing: the agent's browser drops it, and the next client is no longer read by it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { seriousViolations } from './support/axe';
import { launchChromium, sidebarFrame, type ChromiumSession } from './support/chromium';
import { serveFixtures, type DemoServer } from './support/demo';
import { pairBrowser, teamHub } from './support/hub';

const FIXTURE = '/team-adapters/2026-11-23-comptoir-crm';
const ADAPTER_FILE = resolve(`tests/fixtures${FIXTURE}/adapter.json`);
const ADAPTER_ID = 'custom:comptoir-crm';

const hub = teamHub('Comptoir');
let server: DemoServer;
let lead: ChromiumSession;
let agent: ChromiumSession;

beforeAll(async () => {
  [server, lead, agent] = await Promise.all([serveFixtures(), launchChromium(), launchChromium()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([lead?.close(), agent?.close()]);
  await server?.close();
});

/** The team adapters the agent's background loads (re-validated from its store). */
const agentTeamAdapters = (options: Page) =>
  options.evaluate(async () => {
    const reply = await chrome.runtime.sendMessage({ name: 'custom-adapters/list', payload: {} });
    return (reply.value.team as { id: string }[]).map((a) => a.id);
  });

const identifiers = (frame: Frame) => frame.getByTestId('identifier').allTextContents();

/** The CRM's client page in the agent's browser: Jeanne Moreau, or `?client=5120` for Louis Carpentier. */
async function openClient(query = ''): Promise<{ page: Page; frame: Frame }> {
  const page = await agent.context.newPage();
  await page.goto(`${server.origin}${FIXTURE}/index.html${query}`);
  return { page, frame: await sidebarFrame(page, agent.extensionId) };
}

test('a lead shares a custom adapter: the agent reads the CRM with it, until the lead stops sharing', async () => {
  const [leadOptions, agentOptions] = await Promise.all([pairBrowser(lead, hub, { role: 'lead', name: 'Camille' }), pairBrowser(agent, hub, { role: 'agent', name: 'Jules' })]);

  // The agent looks at a client before anything is shared: only the generic adapter reads the page.
  const { frame } = await openClient();
  await expect.poll(() => identifiers(frame), { timeout: 10_000 }).toContain('jeanne.moreau@free.fr');
  expect((await identifiers(frame)).join(' ')).not.toContain('comptoir:client');

  // The lead imports the adapter in settings, then shares it from the console's Team tab.
  await leadOptions.getByTestId('import-file').setInputFiles(ADAPTER_FILE);
  await expect.poll(() => leadOptions.getByTestId('custom-adapters-status').textContent()).toMatch(/1 (added|ajouté)/);
  const consolePage = await lead.context.newPage();
  // Extension pages forbid eval: zod must not even probe for it (src/shared/zod-jitless.ts).
  await consolePage.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener('securitypolicyviolation', (event) => seen.push(event.violatedDirective));
  });
  const cspViolations = () => consolePage.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  await consolePage.goto(`${lead.extensionOrigin}/src/console/index.html`);
  await consolePage.getByRole('tab', { name: /^(Team|Équipe)$/ }).click();
  const row = consolePage.getByTestId('team-adapters').locator(`tr[data-adapter="${ADAPTER_ID}"]`);
  await expect.poll(() => row.getByTestId('team-adapter-state').textContent(), { timeout: 10_000 }).toMatch(/(not shared|non partagé)/);
  const sharedAt = performance.now();
  await row.getByRole('button', { name: /^(Share with the team|Partager avec l’équipe)$/ }).click();
  // The agent's open page is read again with the team's adapter: the CRM's client number shows.
  await expect.poll(() => identifiers(frame), { timeout: 10_000, interval: 100 }).toContain('comptoir:client:CL-4821');
  console.info(`shared → agent's open page read with it: ${(performance.now() - sharedAt).toFixed(0)} ms`);
  await expect.poll(() => row.getByTestId('team-adapter-state').textContent(), { timeout: 10_000 }).toMatch(/(shared by|partagé par) Camille/);
  // Zod parsed the team's answers on this page without a single eval attempt.
  expect(await cspViolations()).toEqual([]);
  // The watch works: an inline script, refused like eval by the same policy, is reported.
  await consolePage.evaluate(() => document.head.append(Object.assign(document.createElement('script'), { textContent: 'void 0' })));
  await expect.poll(cspViolations).toContainEqual(expect.stringMatching(/script-src/));
  for (const colorScheme of ['light', 'dark'] as const) {
    await consolePage.emulateMedia({ colorScheme });
    expect(await seriousViolations(consolePage), colorScheme).toEqual([]);
  }
  expect(await frame.getByTestId('customer-name').textContent()).toBe('Jeanne Moreau');
  // Settings show it to the agent, read-only (no rename or delete).
  await agentOptions.reload();
  const shared = agentOptions.getByTestId('team-custom-adapters').locator(`[data-adapter="${ADAPTER_ID}"]`);
  await expect.poll(() => shared.textContent(), { timeout: 10_000 }).toMatch(/Comptoir CRM.*(shared by|partagé par) Camille/s);
  expect(await shared.getByRole('button', { name: /^(Rename|Renommer|Delete|Supprimer)$/ }).count()).toBe(0);
  expect(await seriousViolations(agentOptions)).toEqual([]);

  // The agent imports an unrelated adapter that happens to have the same id (its own "Comptoir
  // CRM", for another site): it is kept, and the team's line says which one is used.
  const file = JSON.parse(readFileSync(ADAPTER_FILE, 'utf8'));
  const unrelated = { ...file.adapters[0], name: 'Mon Comptoir', createdAt: 1_790_000_000_000, spec: { ...file.adapters[0].spec, host: '/^comptoir\\.example$/' } };
  const buffer = Buffer.from(JSON.stringify({ ...file, adapters: [unrelated] }));
  await agentOptions.getByTestId('import-file').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer });
  await expect.poll(() => shared.getByTestId('custom-adapter-clash').textContent(), { timeout: 10_000 }).toMatch(/Mon Comptoir/);
  // Deleting it puts the team's back in use: the clash notice goes.
  const mine = agentOptions.getByTestId('custom-adapters').locator(`ul:not([data-testid]) > li[data-adapter="${ADAPTER_ID}"]`);
  await mine.getByRole('button', { name: /^(Delete|Supprimer)$/ }).click();
  await mine.getByRole('group').getByRole('button', { name: /^(Delete|Supprimer)$/ }).click();
  await expect.poll(() => shared.getByTestId('custom-adapter-clash').count(), { timeout: 10_000 }).toBe(0);

  // The lead stops sharing: a tombstone reaches the agent, whose next client is not read by it.
  await row.getByRole('button', { name: /^(Stop sharing|Arrêter le partage)$/ }).click();
  await expect.poll(() => row.getByTestId('team-adapter-state').textContent(), { timeout: 10_000 }).toMatch(/(not shared|non partagé)/);
  await expect.poll(() => agentTeamAdapters(agentOptions), { timeout: 10_000 }).toEqual([]);
  const next = await openClient('?client=5120');
  await expect.poll(() => identifiers(next.frame), { timeout: 10_000 }).toContain('louis.carpentier@orange.fr');
  expect((await identifiers(next.frame)).join(' ')).not.toContain('comptoir:client');
  expect((await hub.changes('adapters')).at(-1)).toMatchObject({ id: ADAPTER_ID, deleted: true });
});
