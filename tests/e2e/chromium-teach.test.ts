/**
 * Teach mode in real Chromium: on a CRM no built-in adapter knows (tests/fixtures/teach/), the
 * agent points at the customer's fields, a message and the reply box; the saved adapter then
 * drives the sidebar (customer, their CRM number, the conversation), after a reload and for the
 * next customer too; settings export it to a file and import it back; a bad file changes nothing.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';
import { seriousViolations } from './support/axe';

const env = chromiumWithFixtures();
const PAGE = '/teach/2026-11-23-atelier-crm/#/clients/4821';
const DESK = '/teach/2026-11-23-comptoir-desk/';

async function openOptions(): Promise<Page> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.browser.extensionOrigin}/src/options/index.html`);
  await page.getByTestId('custom-adapters').waitFor();
  return page;
}

/** What the popup's "Teach this page" does, for the tab showing `url`. */
async function startTeach(url: string): Promise<void> {
  const options = await openOptions();
  const reply = await options.evaluate(async (target) => {
    const [tab] = await chrome.tabs.query({ url: target.replace(/:\d+\//, '/').replace(/#.*$/, '') + '*' });
    return chrome.runtime.sendMessage({ name: 'teach/start', payload: { tabId: tab!.id } });
  }, url);
  expect(reply).toEqual({ ok: true, value: { ok: true } });
  await options.close();
}

interface DomNode {
  nodeType: number;
  nodeValue: string;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * The overlay's text as the agent sees it. It lives in a closed shadow root, out of reach of the
 * page (and of Playwright's locators): DevTools' DOM domain still walks into it.
 */
async function overlayText(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  await cdp.detach();
  const text = (node: DomNode): string =>
    node.nodeType === 3 ? node.nodeValue : [...(node.shadowRoots ?? []), ...(node.children ?? [])].map(text).join(node.nodeType === 1 ? ' ' : '');
  const find = (node: DomNode): DomNode | undefined =>
    node.attributes?.join(' ').includes('data-continuum teach') ? node : [...(node.children ?? [])].map(find).find(Boolean);
  const host = find(root);
  return host ? text(host).replace(/\s+/g, ' ') : '';
}

const identifiers = (frame: Frame) => frame.getByTestId('identifier').allTextContents();
/** Messages shown as "<author> <time> <text>": read with the taught author and time fields. */
const taughtMessages = async (frame: Frame) =>
  (await frame.locator('[data-testid=messages] li').allTextContents()).filter((m) => /^(Jeanne Moreau|Paul Girard|Louis Carpentier) \S.*\d:\d\d/.test(m));
const customerName = (frame: Frame) => frame.getByTestId('customer-name').textContent();
/** How many messages of the customer's history in the sidebar hold `text`. */
const shownTimes = async (frame: Frame, text: string) => (await frame.locator('[data-testid=messages] li').allTextContents()).filter((m) => m.includes(text)).length;

describe('teach mode on a CRM Continuum does not know', () => {
  test('pointing at the fields teaches an adapter that the sidebar then reads the page with', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${PAGE}`);
    const frame = await sidebarFrame(page, env.browser.extensionId);
    // Before teaching, nothing reads the CRM's own customer number.
    await page.waitForTimeout(500);
    expect((await identifiers(frame)).join(' ')).not.toContain('atelier-crm:customer');

    await startTeach(page.url());
    await page.locator('[data-continuum="teach"]').waitFor({ state: 'attached' });
    await page.click('h1');
    await page.click('a[href^="mailto:jeanne"]');
    await page.click('a[href^="tel:"]');
    await page.click('.css-w2e3r4');
    await page.click('article:nth-of-type(2) p');
    await page.click('textarea');
    // The live preview shows what each field reads on the page now.
    const preview = await overlayText(page);
    expect(preview).toContain('Jeanne Moreau');
    expect(preview).toContain('jeanne.moreau@free.fr');
    expect(preview).toContain('+33655443322');
    expect(preview).toContain('CL-4821');
    expect(preview).toMatch(/3 messages (read|lus)/);
    expect(preview).toMatch(/Jeanne Moreau: Voici la photo/);
    // The page did not act on the clicks: the mailto: link did not navigate, the reply box took no focus.
    expect(page.url()).toContain('/teach/2026-11-23-atelier-crm/');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('TEXTAREA');
    await page.keyboard.press('Enter');
    // Saved: the overlay says so and the content script reads the page with the new adapter.
    await expect.poll(() => identifiers(frame), { timeout: 10_000 }).toContain('atelier-crm:customer:CL-4821');
    expect(await customerName(frame)).toBe('Jeanne Moreau');
    expect(await identifiers(frame)).toEqual(expect.arrayContaining(['jeanne.moreau@free.fr', '+33655443322']));
    expect((await identifiers(frame)).join(' ')).not.toContain('paul.girard');
    // The three messages, each with its author and time read apart from its text. The generic
    // adapter read them before, with the header glued to the text: the history shows each once.
    await expect.poll(async () => (await taughtMessages(frame)).length).toBe(3);
    expect((await taughtMessages(frame))[2]).toMatch(/^Jeanne Moreau .*8:05.* Voici la photo, la référence est LM-220\.$/);
    await expect.poll(() => shownTimes(frame, 'Voici la photo, la référence est LM-220.')).toBe(1);
    expect(await shownTimes(frame, 'pouvez-vous nous envoyer une photo')).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-continuum="teach"]').count()).toBe(0);

    // A reload reads the page again with it, and so does the next client the CRM shows.
    await page.reload();
    const reloaded = await sidebarFrame(page, env.browser.extensionId);
    await expect.poll(() => identifiers(reloaded), { timeout: 10_000 }).toContain('atelier-crm:customer:CL-4821');
    await page.click('a[href="#/clients/5120"]');
    await expect.poll(() => customerName(reloaded), { timeout: 10_000 }).toBe('Louis Carpentier');
    expect(await identifiers(reloaded)).toEqual(expect.arrayContaining(['louis.carpentier@orange.fr', '+33744556677', 'atelier-crm:customer:CL-5120']));
    await expect.poll(async () => (await taughtMessages(reloaded)).length).toBe(2);
    await page.close();
  });

  // Uses the adapter the test above taught.
  test('settings list the adapter, export it to a file and import it back; a bad file changes nothing', async () => {
    const options = await openOptions();
    const row = options.locator('[data-adapter="custom:atelier-crm"]');
    await expect.poll(() => row.getByTestId('custom-adapter-name').textContent()).toBe('Atelier CRM');

    const [download] = await Promise.all([options.waitForEvent('download'), row.getByRole('button', { name: /^(Export|Exporter)$/ }).click()]);
    const exported = join(tmpdir(), `continuum-teach-${process.pid}.json`);
    await download.saveAs(exported);
    const file = JSON.parse(await readFile(exported, 'utf8'));
    expect(file).toMatchObject({ format: 'continuum-custom-adapters', version: 1, adapters: [{ id: 'custom:atelier-crm', name: 'Atelier CRM' }] });

    await row.getByRole('button', { name: /^(Delete|Supprimer)$/ }).click();
    await row.getByRole('group').getByRole('button', { name: /^(Delete|Supprimer)$/ }).click();
    await options.getByTestId('no-custom-adapters').waitFor();

    // A file with a broken pattern is refused whole, with the field that is wrong.
    const broken = structuredClone(file);
    broken.adapters[0].spec.host = '/^(a+)+$/';
    const bad = join(tmpdir(), `continuum-teach-bad-${process.pid}.json`);
    await writeFile(bad, JSON.stringify(broken));
    await options.getByTestId('import-file').setInputFiles(bad);
    await expect.poll(() => options.getByTestId('custom-adapters-error').textContent()).toContain('adapters[0].spec.host');
    expect(await options.getByTestId('no-custom-adapters').count()).toBe(1);

    await options.getByTestId('import-file').setInputFiles(exported);
    await expect.poll(() => options.getByTestId('custom-adapters-status').textContent()).toMatch(/1 (added|ajouté)/);
    await expect.poll(() => row.getByTestId('custom-adapter-name').textContent()).toBe('Atelier CRM');
    // Rename, in place; the section stays usable with assistive technology.
    await row.getByRole('button', { name: /^(Rename|Renommer)$/ }).click();
    await row.getByRole('textbox').fill('Atelier CRM (fiches)');
    await row.getByRole('button', { name: /^(Save name|Enregistrer le nom)$/ }).click();
    await expect.poll(() => row.getByTestId('custom-adapter-name').textContent()).toBe('Atelier CRM (fiches)');
    expect(await seriousViolations(options)).toEqual([]);
    await options.close();

    // The imported adapter reads the page again.
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${PAGE}`);
    const frame = await sidebarFrame(page, env.browser.extensionId);
    await expect.poll(() => identifiers(frame), { timeout: 10_000 }).toContain('atelier-crm:customer:CL-4821');
    await page.close();
    await Promise.all([rm(exported), rm(bad)]);
  });

  test('a conversation in a frame and a TinyMCE reply box in its iframe are taught; Insert puts the text in TinyMCE; a cross-origin frame is marked', async () => {
    const page = await env.browser.context.newPage();
    await page.goto(`${env.server.origin}${DESK}`);
    await page.waitForFunction(() => (window as unknown as { __editorReady?: boolean }).__editorReady === true);
    const frame = await sidebarFrame(page, env.browser.extensionId);

    await startTeach(page.url());
    await page.locator('[data-continuum="teach"]').waitFor({ state: 'attached' });
    // The help widget is another origin's frame: marked as such, and a click on it says why.
    await expect.poll(() => overlayText(page)).toMatch(/Another site’s frame: cannot be taught|Cadre d’un autre site : impossible à apprendre/);
    const widget = (await page.locator('.kb-widget').boundingBox())!;
    await page.mouse.click(widget.x + widget.width / 2, widget.y + widget.height / 2);
    await expect.poll(() => overlayText(page)).toMatch(/cross-origin frame|cadre d’une autre origine/);

    await page.click('.requester-name');
    await page.click('a[href^="mailto:"]');
    await page.click('a[href^="tel:"]');
    await page.keyboard.press('s');
    // Inside the frames: a message of the conversation, then TinyMCE's editable body.
    await page.frameLocator('#thread').locator('.msg-in .body p').last().click();
    await page.frameLocator('.tox-edit-area__iframe').locator('body').click();
    const preview = await overlayText(page);
    expect(preview).toMatch(/3 messages (read|lus)/);
    expect(preview).toContain('Élodie Marchand: Voici la photo du carton');
    expect(preview).toMatch(/Reply box.*(found|trouvée)|Zone de réponse.*trouvée/i);
    await page.keyboard.press('Enter');
    // The sidebar reads the framed conversation with the taught adapter.
    const framed = async () =>
      (await frame.locator('[data-testid=messages] li').allTextContents()).filter((m) => /^(Élodie Marchand|Marc Lefort) \S.*\d:\d\d/.test(m));
    await expect.poll(async () => (await framed()).length, { timeout: 10_000 }).toBe(3);
    expect((await framed())[2]).toMatch(/^Élodie Marchand .*8:30.* Voici la photo du carton, il était écrasé sur un coin\.$/);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-continuum="teach"]').count()).toBe(0);

    // Insert from the sidebar lands in TinyMCE's own model, through the taught frame path; nothing is sent.
    await frame.locator('#draft').fill('Nous vous envoyons un nouvel abat-jour.\nBonne fin de semaine.');
    await frame.getByTestId('insert').click();
    await expect.poll(() => frame.getByTestId('insert-outcome').textContent()).toMatch(/^(Inserted|Inséré)/);
    const content = () => page.evaluate(() => (window as unknown as { __editorHtml(): string }).__editorHtml());
    await expect.poll(content).toBe('<p>Nous vous envoyons un nouvel abat-jour.<br>Bonne fin de semaine.</p>');
    expect(await page.evaluate(() => (window as unknown as { __sent: string[] }).__sent)).toEqual([]);
    await page.close();
  });
});
