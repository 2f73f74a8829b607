/**
 * The console's Team tab in real Chromium against a real hub: a lead sees members, creates an
 * invite (code shown once), switches an adapter off for the team; admin-only fields are disabled.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPglite } from '../../server/db/pglite';
import type { Database } from '../../server/db/types';
import { startHub, type RunningHub } from '../../server/start';
import { createTestTeam, type TestTeam } from '../server/support/hub';
import { seriousViolations } from './support/axe';
import { launchChromium, type ChromiumSession } from './support/chromium';

let dataDir: string;
let database: Database;
let hub: RunningHub;
let team: TestTeam;
let lead: ChromiumSession;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'continuum-team-hub-'));
  database = await openPglite(dataDir);
  hub = await startHub({ db: database, port: 0 });
  team = await createTestTeam(database, hub.url, 'Maison Lumière');
  lead = await launchChromium();
}, 90_000);

afterAll(async () => {
  await lead?.close();
  await hub?.close().catch(() => undefined);
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('a lead manages invites and kill switches from the Team tab', async () => {
  const page = await lead.context.newPage();
  await page.goto(`${lead.extensionOrigin}/src/options/index.html`);
  const invite = await team.admin.post('/v1/invites', { role: 'lead', name: 'Camille' });
  await page.fill('#hub-url', hub.url);
  await page.fill('#hub-invite', invite.body.code);
  await page.getByRole('button', { name: /^(Pair|Associer)$/ }).click();
  await expect.poll(() => page.getByTestId('hub-member').textContent(), { timeout: 10_000 }).toContain('Camille');
  await page.goto(`${lead.extensionOrigin}/src/console/index.html`);
  await page.getByRole('tab', { name: /^(Team|Équipe)$/ }).click();
  await expect.poll(() => page.getByTestId('team-members').textContent(), { timeout: 10_000 }).toContain('Camille');
  await expect.poll(() => page.getByTestId('team-audit').textContent(), { timeout: 10_000 }).toContain('member.pair');

  await page.getByTestId('team-invite').click();
  await expect.poll(() => page.getByTestId('team-invite-code').textContent(), { timeout: 10_000 }).toMatch(/\.\S{20,}/);
  expect((await team.admin.get('/v1/invites')).body.invites.length).toBeGreaterThan(0);

  // Retention and the LLM provider are admin settings: disabled for a lead.
  expect(await page.getByTestId('team-settings').locator('input').first().isDisabled()).toBe(true);

  const row = page.getByTestId('team-kill-switches').locator('tr', { hasText: 'Zendesk' });
  await row.getByRole('textbox').fill('Nouvelle interface');
  await row.getByRole('button', { name: /^(Switch off|Désactiver)$/ }).click();
  await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/(off for the team|désactivé)/);
  const { body } = await team.admin.get('/v1/sync/pull?cursor=0&limit=1000');
  expect(body.changes.find((c: { table: string; id: string }) => c.table === 'kill-switches' && c.id === 'zendesk')?.data).toEqual({ disabled: true, reason: 'Nouvelle interface' });

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
});
