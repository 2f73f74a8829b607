/**
 * The extension's own pages in real Chromium: settings that take effect, the opt-in model of the
 * store build, and accessibility (axe-core: no serious or critical issue, light and dark).
 */
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { chromiumWithFixtures, evaluateInTarget, launchChromium, sidebarFrame } from './support/chromium';
import { seriousViolations } from './support/axe';

const env = chromiumWithFixtures();

/** The general settings form's Save (other sections, such as Suggestions, have their own). */
const settingsSave = (page: Page) => page.locator('form', { has: page.locator('#theme') }).getByRole('button', { name: /^(Save|Enregistrer)$/ });

async function openOptions(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.browser.extensionOrigin}/src/options/index.html`);
  await settingsSave(page).waitFor();
  return page;
}

async function chooseTheme(page: Page, theme: 'light' | 'dark' | 'auto', language: 'en' | 'fr' | 'auto' = 'auto') {
  await page.selectOption('#theme', theme);
  await page.selectOption('#language', language);
  await settingsSave(page).click();
  await expect.poll(() => page.getByTestId('save-state').textContent()).toMatch(/Saved|Enregistré/);
}

describe('options page', () => {
  test('lists the enabled sites and rejects a malformed address with a clear error', async () => {
    const page = await openOptions();
    expect(await page.getByTestId('sites').textContent()).toContain('http://localhost');
    await page.fill('#site', 'ftp://files.example.com');
    await page.getByRole('button', { name: /Enable site|Activer le site/ }).click();
    expect(await page.locator('#site-error').textContent()).toMatch(/http:\/\/ or https:\/\//);
    await page.close();
  });

  test('team domains and signatures persist and stop Continuum from taking them for the customer', async () => {
    const options = await openOptions();
    // Élodie's address becomes "ours": the sidebar must fall back to her phone number.
    await options.fill('#domains', 'laposte.net');
    await options.fill('#signatures', 'Camille Martin\ncamille.martin@maisonlumiere.fr');
    await settingsSave(options).click();
    await expect.poll(() => options.getByTestId('save-state').textContent()).toBe('Saved.');
    await options.reload();
    await expect.poll(() => options.inputValue('#domains')).toBe('laposte.net');

    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/helpdesk/#/tickets/1042`);
    const frame = await sidebarFrame(page, env.browser.extensionId);
    await expect.poll(() => frame.getByTestId('identifier').allTextContents(), { timeout: 10_000 }).toContain('+33612345678');
    expect(await frame.getByTestId('identifier').allTextContents()).not.toContain('elodie.rousseau@laposte.net');

    await options.fill('#domains', '');
    await settingsSave(options).click();
    await expect.poll(() => options.getByTestId('save-state').textContent()).toBe('Saved.');
    await Promise.all([page.close(), options.close()]);
  });

  test('switching to French changes the options page and an open sidebar at once', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}/demo/social/`);
    const frame = await sidebarFrame(page, env.browser.extensionId);
    await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe('Jules Whitfield');
    const options = await openOptions();
    await chooseTheme(options, 'auto', 'fr');
    await expect.poll(() => options.locator('h1').textContent()).toBe('Réglages Continuum');
    await expect.poll(() => frame.locator('label[for=draft]').textContent()).toBe('Réponse rapide');
    await chooseTheme(options, 'auto', 'en');
    await Promise.all([page.close(), options.close()]);
  });
});

describe('accessibility (axe-core)', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`options page and sidebar have no serious or critical issue (${theme})`, async () => {
      const options = await openOptions();
      await chooseTheme(options, theme);
      await expect.poll(() => options.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await seriousViolations(options)).toEqual([]);

      const page = await env.browser.context.newPage();
      await page.goto(`${env.server.origin}/demo/helpdesk/`);
      const frame = await sidebarFrame(page, env.browser.extensionId);
      await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe('Élodie Rousseau');
      await expect.poll(() => frame.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      expect(await seriousViolations(frame)).toEqual([]);
      await chooseTheme(options, 'auto');
      await Promise.all([page.close(), options.close()]);
    });
  }
});

describe('native side panel (Chrome)', () => {
  test('replaces the page frame when chosen, and follows the active tab', async () => {
    const options = await openOptions();
    await options.selectOption('#mode', 'panel');
    await settingsSave(options).click();
    await expect.poll(() => options.getByTestId('save-state').textContent()).toBe('Saved.');
    const page = await env.browser.context.newPage();
    try {
      await page.goto(`${env.server.origin}/demo/helpdesk/`);
      await page.waitForTimeout(1000);
      expect(page.frames().some((f) => f.url().includes('/src/sidebar/'))).toBe(false);

      // The popup's button is a real click (a user gesture), as the side panel API requires.
      const popup = await env.browser.context.newPage();
      await popup.goto(`${env.browser.extensionOrigin}/src/popup/index.html`);
      await popup.getByRole('button', { name: 'Open in side panel' }).click();
      const panelText = () => evaluateInTarget<string>(page, '/src/sidebar/index.html', 'document.body.innerText');
      await expect.poll(panelText, { timeout: 10_000 }).toContain('Open a page of an enabled site');
      await page.bringToFront();
      await expect.poll(panelText, { timeout: 10_000 }).toContain('Élodie Rousseau');
      await page.click('a[href="#/tickets/1043"]');
      await expect.poll(panelText, { timeout: 10_000 }).toContain('Karim Benali');
      await popup.close();
    } finally {
      await options.selectOption('#mode', 'frame');
      await settingsSave(options).click();
      await Promise.all([page.close(), options.close()]);
    }
  });
});

describe('store build', () => {
  test('runs on no site until the agent opts one in', async () => {
    const store = await launchChromium('dist/chrome');
    try {
      const page = await store.context.newPage();
      await page.goto(`${env.server.origin}/demo/helpdesk/`);
      await page.waitForTimeout(1500);
      expect(page.frames().map((f) => f.url()).filter((url) => url.includes('-extension://'))).toEqual([]);
      const options = await store.context.newPage();
      await options.goto(`${store.extensionOrigin}/src/options/index.html`);
      await expect.poll(() => options.getByTestId('no-sites').textContent()).toMatch(/No site enabled/);
    } finally {
      await store.close();
    }
  });
});
