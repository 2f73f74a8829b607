/**
 * Teach mode in real Firefox (firefox-esr over WebDriver BiDi): the overlay is injected with
 * scripting.executeScript({ files: ['teach.js'] }); pointing at the fields of a CRM no built-in
 * adapter knows teaches an adapter the sidebar then reads the page with, after a reload and for
 * the next customer too; settings export it to a file and import it back.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ElementHandle, Frame, Page } from 'puppeteer-core';
import { launchFirefox, openExtensionPage, sidebarFrame, testIdText, testIdTexts, texts, type FirefoxSession } from './support/firefox';
import { serveFixtures, type DemoServer } from './support/demo';

const PAGE = '/teach/2026-11-23-atelier-crm/#/clients/4821';

let server: DemoServer;
let firefox: FirefoxSession;
let downloads: string;

beforeAll(async () => {
  downloads = await mkdtemp(join(tmpdir(), 'continuum-teach-downloads-'));
  server = await serveFixtures();
  // Exports land in a known folder, without a dialog.
  firefox = await launchFirefox(undefined, {
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.helperApps.neverAsk.saveToDisk': 'application/json',
  });
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
  await rm(downloads, { recursive: true, force: true });
});

type Api = typeof chrome;
const api = () => (globalThis as unknown as { browser: Api }).browser;

/** The settings page, opened from an extension page (the sidebar). */
async function openOptions(from: Frame): Promise<Page> {
  const options = await openExtensionPage(firefox, from, '/src/options/index.html');
  await options.waitForSelector('[data-testid=custom-adapters]');
  return options;
}

/** A button by its visible text (English or French) inside `scope`. */
async function clickButton(page: Page, scope: string, name: RegExp): Promise<void> {
  const handle = await page.evaluateHandle(
    (css, source) => [...document.querySelectorAll(`${css} button`)].find((b) => new RegExp(source).test(b.textContent?.trim() ?? '')) ?? null,
    scope,
    name.source,
  );
  const button = handle.asElement() as ElementHandle<Element> | null;
  if (!button) throw new Error(`No button ${name} in ${scope}`);
  await button.click();
}

/** What the popup's "Teach this page" does, for the one /teach/ tab open. */
async function startTeach(page: Page, sidebar: Frame): Promise<void> {
  const options = await openOptions(sidebar);
  const reply = await options.evaluate(async () => {
    const [tab] = await (globalThis as unknown as { browser: Api }).browser.tabs.query({ url: 'http://127.0.0.1/teach/*' });
    return (globalThis as unknown as { browser: Api }).browser.runtime.sendMessage({ name: 'teach/start', payload: { tabId: tab!.id } });
  });
  expect(reply).toEqual({ ok: true, value: { ok: true } });
  await options.close();
  await page.bringToFront();
  await page.waitForSelector('[data-continuum="teach"]');
}

/** A trusted click on an element inside the same-origin frame `frameSelector` shows. */
async function clickInFrame(page: Page, frameSelector: string, selector: string): Promise<void> {
  const inner = await (await page.$(frameSelector))!.contentFrame();
  const targets = await inner!.$$(selector);
  await targets.at(-1)!.click();
}

const identifiers = (frame: Frame) => testIdTexts(frame, 'identifier').catch(() => [] as string[]);
const taughtMessages = async (frame: Frame) =>
  (await texts(frame, '[data-testid=messages] li')).filter((m) => /^(Jeanne Moreau|Paul Girard|Louis Carpentier) \S.*\d:\d\d/.test(m.replace(/\s+/g, ' ')));

describe('teach mode on a CRM Continuum does not know', () => {
  test('pointing at the fields teaches an adapter that the sidebar then reads the page with', async () => {
    const page = await firefox.newPage();
    await page.goto(`${server.origin}${PAGE}`);
    const frame = await sidebarFrame(page, firefox.extensionOrigin);
    await new Promise((r) => setTimeout(r, 500));
    expect((await identifiers(frame)).join(' ')).not.toContain('atelier-crm:customer');

    await startTeach(page, frame);

    for (const css of ['h1', 'a[href^="mailto:jeanne"]', 'a[href^="tel:"]', '.css-w2e3r4', 'article:nth-of-type(2) p', 'textarea']) await page.click(css);
    // The page did not act on the clicks: no navigation to mailto:, no focus in the reply box.
    expect(page.url()).toContain('/teach/2026-11-23-atelier-crm/');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TEXTAREA');
    await page.keyboard.press('Enter');

    await expect.poll(() => identifiers(frame), { timeout: 10_000 }).toContain('atelier-crm:customer:CL-4821');
    expect(await testIdText(frame, 'customer-name')).toBe('Jeanne Moreau');
    expect(await identifiers(frame)).toEqual(expect.arrayContaining(['jeanne.moreau@free.fr', '+33655443322']));
    await expect.poll(async () => (await taughtMessages(frame)).length).toBe(3);
    // The generic adapter read the same messages before (header glued to the text): shown once.
    const shown = await texts(frame, '[data-testid=messages] li');
    expect(shown.filter((m) => m.includes('Voici la photo, la référence est LM-220.'))).toHaveLength(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.$$eval('[data-continuum="teach"]', (hosts) => hosts.length)).toBe(0);

    await page.reload();
    const reloaded = await sidebarFrame(page, firefox.extensionOrigin);
    await expect.poll(() => identifiers(reloaded), { timeout: 10_000 }).toContain('atelier-crm:customer:CL-4821');
    await page.click('a[href="#/clients/5120"]');
    await expect.poll(() => testIdText(reloaded, 'customer-name'), { timeout: 10_000 }).toBe('Louis Carpentier');
    expect(await identifiers(reloaded)).toEqual(expect.arrayContaining(['louis.carpentier@orange.fr', '+33744556677', 'atelier-crm:customer:CL-5120']));
    await page.close();
  });

  // Uses the adapter the test above taught.
  test('settings export the adapter to a file and import it back; a bad file changes nothing', async () => {
    const page = await firefox.newPage();
    await page.goto(`${server.origin}${PAGE}`);
    const options = await openOptions(await sidebarFrame(page, firefox.extensionOrigin));
    const row = '[data-adapter="custom:atelier-crm"]';
    await options.waitForSelector(row);

    await clickButton(options, row, /^(Export|Exporter)$/);
    // The download is complete once its file holds the whole JSON.
    let exported = '';
    let file: { adapters: { spec: Record<string, unknown> }[] } | undefined;
    await expect
      .poll(async () => {
        const done = (await readdir(downloads)).filter((f) => f.endsWith('.json'));
        exported = done[0] ? join(downloads, done[0]) : '';
        file = exported ? await readFile(exported, 'utf8').then(JSON.parse).catch(() => undefined) : undefined;
        return Boolean(file);
      }, { timeout: 10_000 })
      .toBe(true);
    expect(file).toMatchObject({ format: 'continuum-custom-adapters', version: 1, adapters: [{ id: 'custom:atelier-crm' }] });

    await clickButton(options, row, /^(Delete|Supprimer)$/);
    await clickButton(options, `${row} [role=group]`, /^(Delete|Supprimer)$/);
    await options.waitForSelector('[data-testid=no-custom-adapters]');

    const broken = structuredClone(file)!;
    broken.adapters[0]!.spec.reply = [];
    const bad = join(downloads, 'broken.txt');
    await writeFile(bad, JSON.stringify(broken));
    const input = (await options.$('input[data-testid=import-file]')) as ElementHandle<HTMLInputElement> | null;
    await input!.uploadFile(bad);
    await expect.poll(() => options.$eval('[data-testid=custom-adapters-error]', (el) => el.textContent).catch(() => '')).toContain('adapters[0].spec.reply');
    expect(await options.$('[data-testid=no-custom-adapters]')).not.toBeNull();

    await input!.uploadFile(exported);
    await expect.poll(() => options.$eval('[data-testid=custom-adapters-status]', (el) => el.textContent).catch(() => '')).toMatch(/1 (added|ajouté)/);
    await options.waitForSelector(row);
    await options.close();

    await page.reload();
    const frame = await sidebarFrame(page, firefox.extensionOrigin);
    await expect.poll(() => identifiers(frame), { timeout: 10_000 }).toContain('atelier-crm:customer:CL-4821');
    await page.close();
  });

  test('a conversation in a frame and a TinyMCE reply box in its iframe are taught; Insert puts the text in TinyMCE', async () => {
    const page = await firefox.newPage();
    await page.goto(`${server.origin}/teach/2026-11-23-comptoir-desk/`);
    await page.waitForFunction(() => (window as unknown as { __editorReady?: boolean }).__editorReady === true);
    const frame = await sidebarFrame(page, firefox.extensionOrigin);
    await startTeach(page, frame);

    // A click on the cross-origin help widget (marked on the overlay) teaches nothing: the steps go on from the name.
    await page.click('.kb-widget');
    for (const css of ['.requester-name', 'a[href^="mailto:"]', 'a[href^="tel:"]']) await page.click(css);
    await page.keyboard.press('s');
    await clickInFrame(page, '#thread', '.msg-in .body p');
    await clickInFrame(page, '.tox-edit-area__iframe', 'body');
    await page.keyboard.press('Enter');

    const framed = async () =>
      (await texts(frame, '[data-testid=messages] li')).map((m) => m.replace(/\s+/g, ' ')).filter((m) => /^(Élodie Marchand|Marc Lefort) \S.*\d:\d\d/.test(m));
    await expect.poll(async () => (await framed()).length, { timeout: 10_000 }).toBe(3);
    expect((await framed())[2]).toMatch(/^Élodie Marchand .*8:30.* Voici la photo du carton, il était écrasé sur un coin\.$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.$$eval('[data-continuum="teach"]', (hosts) => hosts.length)).toBe(0);

    // Insert from the sidebar lands in TinyMCE's own model, through the taught frame path; nothing is sent.
    await frame.$eval('#draft', (el) => ((el as HTMLTextAreaElement).value = ''));
    await frame.type('#draft', 'Nous vous envoyons un nouvel abat-jour.\nBonne fin de semaine.');
    await frame.click('[data-testid=insert]');
    await expect.poll(() => testIdText(frame, 'insert-outcome')).toMatch(/^(Inserted|Inséré)/);
    const content = () => page.evaluate(() => (window as unknown as { __editorHtml(): string }).__editorHtml());
    await expect.poll(content).toBe('<p>Nous vous envoyons un nouvel abat-jour.<br>Bonne fin de semaine.</p>');
    expect(await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent)).toEqual([]);
    await page.close();
  });
});
