/**
 * The reply assist in real Chromium, with real editors: the lead's published brand guide,
 * templates and promotions are seeded into the extension's `published` store (as the hub sync
 * leaves them), then an agent opens a fixture conversation. Checked: the eligible promotion's
 * card (the expired one is gone), an expired code flagged in the draft, a banned term fixed in
 * the host editor's own model, shortcuts expanding in a textarea and in rich editors, and a
 * template with a fill-in field that cannot be inserted until the field is completed.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openConversation, seedPublished } from './support/assist-pages';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';
import { buildEditorFixtures, EDITORS, type EditorCase, type FixtureWindow } from './support/editors';

beforeAll(buildEditorFixtures);
const env = chromiumWithFixtures();

const DAY = 24 * 3600 * 1000;
const now = Date.now();
const guide = { version: 1, voice: '', formality: 'vous', useFirstName: true, channels: [], preferredTerms: [], bannedTerms: [{ term: 'cheap', replacement: 'affordable' }], disclaimers: [], updatedAt: now };
const template = (id: string, title: string, shortcut: string, body: string) => ({
  id,
  title,
  folder: '',
  shortcut,
  tags: [],
  links: [],
  variants: [{ language: 'en', channel: 'default', body }],
  updatedAt: now,
  deleted: false,
});
const promotion = (id: string, title: string, code: string, startsAt: number, endsAt: number) => ({ id, title, pitch: `${title} on every lamp`, code, startsAt, endsAt, updatedAt: now });
const RECORDS = [
  { table: 'brand-guide', id: 'guide', data: guide },
  { table: 'templates', id: 'refund', data: template('refund', 'Refund on its way', ';refund', 'Hi {{customer.firstName}}, your refund is on its way.') },
  { table: 'templates', id: 'order', data: template('order', 'Order status', ';order', 'Order [[fill: order number]] left our warehouse.') },
  { table: 'templates', id: 'parcel', data: { ...template('parcel', 'Parcel late', ';late', 'Hi {{customer.firstName}}, your parcel has not arrived yet: I am checking with the carrier today.'), tags: ['parcel', 'delivery'] } },
  { table: 'promotions', id: 'spring', data: promotion('spring', 'Spring sale', 'SPRING10', now - DAY, now + 7 * DAY) },
  { table: 'promotions', id: 'winter', data: promotion('winter', 'Winter sale', 'WINTER5', now - 30 * DAY, now - DAY) },
];

const editorText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__editorText());
const byPage = (name: string) => EDITORS.find((e) => e.page === name)!;

const open = (editor: EditorCase) => openConversation(env, editor);

describe('reply assist (Chromium)', () => {
  beforeAll(async () => {
    // The extension's database exists once a page was read; then the records go in.
    const { page } = await open(byPage('textarea'));
    await seedPublished(env.browser, RECORDS);
    await page.close();
  });

  test('promotion card for the eligible customer, acknowledged once; the expired one is not shown', async () => {
    const { page, frame } = await open(byPage('textarea'));
    await expect.poll(() => frame.getByTestId('promotion-code').allTextContents(), { timeout: 10_000 }).toEqual(['SPRING10']);
    expect(await frame.getByTestId('promotions').textContent()).not.toContain('WINTER5');
    await frame.getByTestId('promotion-ack').click();
    await expect.poll(() => frame.getByTestId('promotion-seen').count()).toBe(1);
    // Seen survives a reload of the page (it is recorded, not only shown).
    await page.reload();
    const again = await sidebarFrame(page, env.browser.extensionId);
    await expect.poll(() => again.getByTestId('promotion-seen').count(), { timeout: 10_000 }).toBe(1);
    await page.close();
  });

  test.each(['tiptap', 'lexical'])('%s: an expired code is flagged, the banned term fixed in the editor model', async (name) => {
    const editor = byPage(name);
    const { page, frame } = await open(editor);
    await page.click(editor.click);
    const draft = 'Hello Nora, our cheap lamps are back. Use WINTER5 today.';
    await page.keyboard.type(draft);
    // The check of the whole draft has arrived (not one of a moment ago, mid-typing).
    await expect.poll(() => frame.getByTestId('draft-check').getAttribute('data-checked'), { timeout: 5000 }).toBe(String(draft.length));
    await expect.poll(() => frame.getByTestId('draft-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), { timeout: 5000 }).toEqual([
      'banned-term',
      'expired-code',
    ]);
    await frame.locator('[data-code="banned-term"] [data-testid="draft-fix"]').click();
    await expect.poll(() => editorText(page)).toBe('Hello Nora, our affordable lamps are back. Use WINTER5 today.');
    // The editor's DOM and model agree, and the check runs again on the fixed draft.
    expect(await page.locator(editor.click).innerText()).toBe('Hello Nora, our affordable lamps are back. Use WINTER5 today.');
    await expect.poll(() => frame.getByTestId('draft-issue').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))), { timeout: 5000 }).toEqual([
      'expired-code',
    ]);
    // The editor still works: the next keystroke lands where the agent puts the caret.
    await page.click(editor.click);
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Thanks');
    await expect.poll(() => editorText(page)).toBe('Hello Nora, our affordable lamps are back. Use WINTER5 today. Thanks');
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__sent)).toEqual([]);
    await page.close();
  });

  test.each(['textarea', 'tiptap', 'lexical', 'quill'])('%s: ;refund expands in the reply box to the template rendered for the customer', async (name) => {
    const editor = byPage(name);
    const { page } = await open(editor);
    await page.click(editor.click);
    await page.keyboard.type('Thanks for waiting. ;refund ');
    await expect.poll(() => editorText(page), { timeout: 5000 }).toBe('Thanks for waiting. Hi Nora, your refund is on its way. ');
    // Typing goes on after the expansion, in the editor's own model.
    await page.keyboard.type('Bye');
    await expect.poll(() => editorText(page)).toBe('Thanks for waiting. Hi Nora, your refund is on its way. Bye');
    await page.close();
  });

  test('a shortcut with a fill-in field opens in the sidebar; Insert waits for the field', async () => {
    const editor = byPage('tiptap');
    const { page, frame } = await open(editor);
    await page.click(editor.click);
    await page.keyboard.type(';order');
    await expect.poll(() => frame.getByTestId('template-chosen').getAttribute('data-template'), { timeout: 5000 }).toBe('order');
    expect(await editorText(page)).toBe(';order');
    expect(await frame.getByTestId('template-insert').isDisabled()).toBe(true);
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await frame.getByTestId('template-field').fill('88213');
    await expect.poll(() => frame.getByTestId('template-insert').isDisabled()).toBe(false);
    expect(await frame.getByTestId('template-preview').textContent()).toBe('Order 88213 left our warehouse.');
    await frame.getByTestId('template-insert').click();
    await expect.poll(() => frame.getByTestId('template-outcome').textContent()).toMatch(/^Inserted/);
    await expect.poll(() => editorText(page)).toBe('Order 88213 left our warehouse.');
    await page.close();
  });

  test('a local suggestion for the conversation on screen, inserted into the reply box', async () => {
    const { page, frame } = await open(byPage('textarea'));
    const item = frame.getByTestId('suggestion-item').filter({ hasText: 'your parcel has not arrived yet' });
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toContain('Hi Nora,');
    await item.getByTestId('suggestion-insert').click();
    await expect.poll(() => editorText(page)).toBe('Hi Nora, your parcel has not arrived yet: I am checking with the carrier today.');
    await page.close();
  });

  test('templates are found by search in the sidebar', async () => {
    const { page, frame } = await open(byPage('textarea'));
    await frame.getByTestId('template-search').fill('warehouse');
    await expect.poll(() => frame.getByTestId('template-hit').allTextContents()).toEqual([expect.stringContaining('Order status')]);
    await page.close();
  });
});
