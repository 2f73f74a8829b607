/**
 * Adapters delivered as data and the kill switch, in real Chromium: the generic adapter reads a
 * French CRM record (labelled fields, "Client n°"), and switching an adapter off in settings
 * changes what an open tab reads at once, without reloading it.
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';

const env = chromiumWithFixtures();

async function openOptions(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.browser.extensionOrigin}/src/options/index.html`);
  await page.getByTestId('adapter-switches').locator('li').first().waitFor();
  return page;
}

const genericSwitch = (options: Page) => options.locator('li[data-adapter="generic"] input[role="switch"]');

describe('adapters and kill switch', () => {
  test('the settings page lists every built-in adapter and the generic one, all on', async () => {
    const options = await openOptions();
    const ids = await options.locator('[data-testid="adapter-switches"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-adapter')));
    expect(ids).toEqual(expect.arrayContaining(['zendesk', 'gmail', 'whatsapp', 'meta', 'x', 'generic']));
    expect(ids).toHaveLength(14);
    expect(await options.locator('[data-testid="adapter-switches"] input:checked').count()).toBe(14);
    await options.close();
  });

  test('the generic adapter reads a French CRM record; switched off, the open tab stops reading; back on, it reads again', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/generic/2026-11-23-fr-crm-fiche/page.html`);
    const frame = await sidebarFrame(page, env.browser.extensionId);
    const identifiers = () => frame.getByTestId('identifier').allTextContents();
    await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe('Léa Fontaine');
    await expect.poll(identifiers).toEqual(expect.arrayContaining(['lea.fontaine@free.fr', '+33698765432']));
    // The customer number, scoped to the site, went through the identity graph.
    expect((await identifiers()).some((v) => /customer:C-55012$/i.test(v))).toBe(true);

    const options = await openOptions();
    await genericSwitch(options).uncheck();
    await expect.poll(() => frame.getByTestId('status').textContent(), { timeout: 10_000 }).toMatch(/no customer|aucun client/i);

    await genericSwitch(options).check();
    await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe('Léa Fontaine');
    await options.reload();
    await expect.poll(() => genericSwitch(options).isChecked()).toBe(true);
    await Promise.all([page.close(), options.close()]);
  });
});
