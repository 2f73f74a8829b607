/**
 * The generic adapter's labelled fields and the kill switch in real Firefox: the French CRM
 * record is read (name, labelled e-mail and phone, "Client n°"), and switching the generic
 * adapter off in settings empties the open tab's sidebar without a reload.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'puppeteer-core';
import { launchFirefox, openExtensionPage, sidebarFrame, testIdText, testIdTexts, type FirefoxSession } from './support/firefox';
import { serveFixtures, type DemoServer } from './support/demo';

let server: DemoServer;
let firefox: FirefoxSession;

beforeAll(async () => {
  [server, firefox] = await Promise.all([serveFixtures(), launchFirefox()]);
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Clicks the generic adapter's switch on the settings page and waits until it shows `on`. */
async function setGeneric(options: Page, on: boolean): Promise<void> {
  const selector = 'li[data-adapter="generic"] input[role="switch"]';
  await options.waitForSelector(selector);
  if ((await options.$eval(selector, (el) => (el as HTMLInputElement).checked)) !== on) await options.click(selector);
  await expect.poll(() => options.$eval(selector, (el) => (el as HTMLInputElement).checked)).toBe(on);
}

describe('adapters and kill switch in Firefox', () => {
  test('reads a French CRM record, then follows the kill switch both ways', async () => {
    const page = await firefox.newPage();
    await page.goto(`${server.origin}/generic/2026-11-23-fr-crm-fiche/page.html`);
    const frame = await sidebarFrame(page, firefox.extensionOrigin);
    await expect.poll(() => testIdText(frame, 'customer-name'), { timeout: 10_000 }).toBe('Léa Fontaine');
    const identifiers = await testIdTexts(frame, 'identifier');
    expect(identifiers).toEqual(expect.arrayContaining(['lea.fontaine@free.fr', '+33698765432']));
    expect(identifiers.some((v) => /customer:C-55012$/i.test(v))).toBe(true);

    const options = await openExtensionPage(firefox, frame, '/src/options/index.html');
    await setGeneric(options, false);
    await expect.poll(() => testIdText(frame, 'status'), { timeout: 10_000 }).toMatch(/no customer|aucun client/i);
    await setGeneric(options, true);
    await expect.poll(() => testIdText(frame, 'customer-name'), { timeout: 10_000 }).toBe('Léa Fontaine');
    await Promise.all([options.close(), page.close()]);
  });
});
