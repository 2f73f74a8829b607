/**
 * The extension in real Firefox (firefox-esr, over WebDriver BiDi): the sidebar finds the
 * customer on the demo pages, follows single-page-app navigation, inserts into the reply box,
 * remembers being collapsed, leaves the page when the extension is updated or removed, and keeps
 * working when Firefox suspends the background event page.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { findSidebarFrame, launchFirefox, openExtensionPage, sidebarFrame, testIdText, testIdTexts, texts, VIEWPORT, type FirefoxSession } from './support/firefox';
import { serveFixtures, type DemoServer } from './support/demo';

let server: DemoServer;

beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(async () => {
  await server?.close();
});

async function openSidebar(firefox: FirefoxSession, path: string): Promise<{ page: Page; frame: Frame }> {
  const page = await firefox.newPage();
  await page.goto(`${server.origin}${path}`);
  const frame = await sidebarFrame(page, firefox.extensionOrigin);
  return { page, frame };
}

const customerName = (frame: Frame) => testIdText(frame, 'customer-name');

/** The sidebar's collapse button, found by its (English or French) accessible name. */
async function collapseButton(frame: Frame): Promise<ElementHandle<HTMLButtonElement>> {
  const handle = await frame.evaluateHandle(
    () => [...document.querySelectorAll('button')].find((b) => /Collapse|Replier/.test(b.getAttribute('aria-label') ?? '')) ?? null,
  );
  const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!button) throw new Error('No collapse button in the sidebar');
  return button;
}

describe('sidebar on the demo pages', () => {
  let firefox: FirefoxSession;
  beforeAll(async () => {
    firefox = await launchFirefox();
  });
  afterAll(async () => {
    await firefox?.close();
  });

  test('shows the requester on the French helpdesk, not the signed-in agent, with the conversation', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/helpdesk/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Élodie Rousseau');
    const identifiers = await testIdTexts(frame, 'identifier');
    expect(identifiers).toContain('elodie.rousseau@laposte.net');
    expect(identifiers).toContain('+33612345678');
    expect(identifiers.join(' ')).not.toContain('camille.martin@maisonlumiere.fr');
    await expect.poll(async () => (await texts(frame, '[data-testid=messages] li')).length).toBe(3);
    await page.close();
  });

  test('follows a hash-route switch to another ticket', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/helpdesk/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Élodie Rousseau');
    await page.click('a[href="#/tickets/1043"]');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Karim Benali');
    expect(await testIdTexts(frame, 'identifier')).toContain('+33761223344');
    await page.close();
  });

  test('inserts the quick reply at the reply box, and sends nothing', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/helpdesk/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Élodie Rousseau');
    const text = 'Bonjour Élodie, nous vous renvoyons une lampe aujourd’hui.';
    await frame.$eval('#draft', (el) => ((el as HTMLTextAreaElement).value = ''));
    await frame.type('#draft', text);
    await frame.click('[data-testid=insert]');
    await expect.poll(() => testIdText(frame, 'insert-outcome')).toMatch(/Inser|Insér/);
    expect(await page.$eval('#reply', (el) => (el as HTMLTextAreaElement).value)).toBe(text);
    await page.close();
  });

  test('shows the handle on the social inbox and follows a history-API switch', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/social/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Jules Whitfield');
    expect(await testIdTexts(frame, 'identifier')).toContain('@jules_w');
    await page.click('[data-thread=amara]');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Amara Okafor');
    expect(await testIdTexts(frame, 'identifier')).toContain('+447911123456');
    await page.close();
  });

  test('collapsing is remembered for the site, and the tab reopens it', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/social/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Jules Whitfield');
    const frameElement = await frame.frameElement();
    expect(await frameElement?.boundingBox()).toMatchObject({ height: VIEWPORT.height });
    await (await collapseButton(frame)).click();
    await expect.poll(() => frameElement!.boundingBox()).toBeNull();

    await page.reload();
    // The content script mounts its (empty, hidden) frame once it knows the layout.
    await expect.poll(() => page.frames().length, { timeout: 10_000 }).toBeGreaterThan(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(await findSidebarFrame(page, firefox.extensionOrigin)).toBeNull();
    for (const child of page.frames().slice(1)) expect(await (await child.frameElement())?.boundingBox()).toBeFalsy();

    // The collapsed tab sits at the right edge; a real click opens the sidebar again.
    await page.mouse.click(VIEWPORT.width - 8, VIEWPORT.height * 0.4 + 40);
    const reopened = await sidebarFrame(page, firefox.extensionOrigin);
    await expect.poll(() => customerName(reopened), { timeout: 10_000 }).toBe('Jules Whitfield');
    await page.close();
  });

  test('re-registering the content script (as when another site is enabled) keeps open sidebars shown', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/social/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Jules Whitfield');
    // The options page speaks for the agent; WebDriver BiDi may not navigate to it, but the
    // sidebar (an extension page) may open it.
    const options = await openExtensionPage(firefox, frame, '/src/options/index.html');
    const reply = await options.evaluate(() =>
      (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage({ name: 'sites/sync', payload: {} }),
    );
    expect(reply).toMatchObject({ ok: true, value: { origins: expect.arrayContaining(['http://127.0.0.1/*']) } });
    await options.close();
    // Firefox leaves the old registration's stylesheet in the page, so the sidebar stays visible.
    await new Promise((r) => setTimeout(r, 500));
    expect(await page.evaluate(() => [...document.documentElement.children].filter((el) => el.tagName === 'DIV').map((el) => getComputedStyle(el).display))).toEqual(['block']);
    expect(await customerName(frame)).toBe('Jules Whitfield');
    await page.close();
  });

  // Last in this browser: the extension is removed at the end. Firefox does not let an old
  // content script clean up (it discards its sandbox), so the product relies on other means.
  test('when the extension is updated or removed, the old sidebar leaves the page', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/social/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Jules Whitfield');
    const hosts = () =>
      page.evaluate(() =>
        [...document.documentElement.children]
          .filter((el) => el.tagName === 'DIV')
          .map((el) => ({ old: el.hasAttribute('data-test-old'), shown: getComputedStyle(el).display !== 'none' })),
      );
    expect(await hosts()).toEqual([{ old: false, shown: true }]);
    await page.evaluate(() => document.documentElement.querySelector(':scope > div')!.setAttribute('data-test-old', ''));

    // An update in place: the new version is injected into the open tab and replaces the old sidebar.
    await firefox.browser.installExtension(firefox.extensionPath);
    await expect.poll(hosts, { timeout: 10_000 }).toEqual([{ old: false, shown: true }]);
    const updated = await sidebarFrame(page, firefox.extensionOrigin);
    await expect.poll(() => customerName(updated), { timeout: 10_000 }).toBe('Jules Whitfield');

    // Removal: nothing of the sidebar stays visible, and the page itself still works.
    await firefox.browser.uninstallExtension(firefox.extensionId);
    await expect.poll(async () => (await hosts()).filter((h) => h.shown), { timeout: 10_000 }).toEqual([]);
    await page.click('[data-thread=amara]');
    expect(await page.$eval('h1', (el) => el.textContent)).toBe('Amara Okafor');
    await page.close();
  });
});

describe('when Firefox suspends the background event page', () => {
  const IDLE_MS = 1000;
  let firefox: FirefoxSession;
  beforeAll(async () => {
    // Firefox stops an idle MV3 event page (30 s by default) even while sidebar ports are open.
    firefox = await launchFirefox(undefined, { 'extensions.background.idle.timeout': IDLE_MS });
  });
  afterAll(async () => {
    await firefox?.close();
  });

  test('the sidebar reconnects and keeps following the page', async () => {
    const { page, frame } = await openSidebar(firefox, '/demo/helpdesk/');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Élodie Rousseau');
    // Prove the background really went away: a port from the sidebar page (which the background
    // leaves open until it is told a session) is cut when the event page is suspended.
    const cut = await frame.evaluate(
      (name, waitMs) =>
        new Promise<boolean>((resolve) => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser;
          api.runtime.connect({ name }).onDisconnect.addListener(() => resolve(true));
          setTimeout(() => resolve(false), waitMs);
        }),
      'continuum-sidebar',
      IDLE_MS * 5,
    );
    expect(cut).toBe(true);
    await page.click('a[href="#/tickets/1043"]');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe('Karim Benali');
    expect(await testIdTexts(frame, 'identifier')).toContain('+33761223344');
    await page.close();
  });
});
