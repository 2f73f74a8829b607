/**
 * The console's Team tab in real Chromium against a real hub: a lead sees members, creates an
 * invite (code shown once), switches an adapter off for the team; admin-only fields are disabled.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { seriousViolations } from './support/axe';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { pairBrowser, teamHub } from './support/hub';

const hub = teamHub();
let lead: ChromiumSession;

beforeAll(async () => {
  lead = await launchChromium();
});

afterAll(async () => {
  await lead?.close();
});

test('a lead manages invites and kill switches from the Team tab', async () => {
  const page = await pairBrowser(lead, hub, { role: 'lead', name: 'Camille' });
  await page.goto(`${lead.extensionOrigin}/src/console/index.html`);
  await page.getByRole('tab', { name: /^(Team|Équipe)$/ }).click();
  await expect.poll(() => page.getByTestId('team-members').textContent(), { timeout: 10_000 }).toContain('Camille');
  await expect.poll(() => page.getByTestId('team-audit').textContent(), { timeout: 10_000 }).toContain('member.pair');

  await page.getByTestId('team-invite').click();
  await expect.poll(() => page.getByTestId('team-invite-code').textContent(), { timeout: 10_000 }).toMatch(/\.\S{20,}/);
  expect((await hub.team.admin.get('/v1/invites')).body.invites.length).toBeGreaterThan(0);

  // Retention and the LLM provider are admin settings: disabled for a lead.
  expect(await page.getByTestId('team-settings').locator('input').first().isDisabled()).toBe(true);

  const row = page.getByTestId('team-kill-switches').locator('tr', { hasText: 'Zendesk' });
  await row.getByRole('textbox').fill('Nouvelle interface');
  await row.getByRole('button', { name: /^(Switch off|Désactiver)$/ }).click();
  await expect.poll(() => row.textContent(), { timeout: 10_000 }).toMatch(/(off for the team|désactivé)/);
  expect((await hub.changes('kill-switches')).find((c) => c.id === 'zendesk')?.data).toEqual({ disabled: true, reason: 'Nouvelle interface' });

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await seriousViolations(page), colorScheme).toEqual([]);
  }
});
