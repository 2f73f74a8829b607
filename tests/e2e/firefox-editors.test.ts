/**
 * Insertion into real editors in real Firefox (firefox-esr over WebDriver BiDi): the same pages
 * and checks as chromium-editors.test.ts. Firefox is where script-made paste events lose their
 * data and where editors take other code paths (no beforeinput from execCommand in Chromium,
 * Gecko's own contenteditable editing), so every editor is checked here too.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'puppeteer-core';
import { launchFirefox, sidebarFrame, testIdText, type FirefoxSession } from './support/firefox';
import { serveFixtures, type DemoServer } from './support/demo';
import {
  buildEditorFixtures,
  CARET_LEFT,
  CUSTOMER,
  EDITORS,
  expectedAfterInsert,
  INSERTED,
  OTHER_CUSTOMER,
  pageUrl,
  TYPED,
  type EditorCase,
  type FixtureWindow,
} from './support/editors';

let firefox: FirefoxSession;
let server: DemoServer;

beforeAll(async () => {
  buildEditorFixtures();
  [firefox, server] = await Promise.all([launchFirefox(), serveFixtures()]);
});
afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const editorText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__editorText());
const customerName = (frame: Frame) => testIdText(frame, 'customer-name');
const outcome = (frame: Frame) => testIdText(frame, 'insert-outcome');

async function undo(page: Page): Promise<void> {
  await page.keyboard.down('Control');
  await page.keyboard.press('z');
  await page.keyboard.up('Control');
}

/** Types the quick reply in the sidebar (a real focus move away from the page). */
async function typeDraft(frame: Frame, text: string): Promise<void> {
  await frame.$eval('#draft', (el) => ((el as HTMLTextAreaElement).value = ''));
  await frame.type('#draft', text);
}

async function openAndType(editor: EditorCase): Promise<{ page: Page; frame: Frame; typedAt: number }> {
  const page = await firefox.newPage();
  await page.goto(pageUrl(server.origin, editor));
  await page.waitForFunction(() => (window as unknown as FixtureWindow).__editorReady === true);
  const frame = await sidebarFrame(page, firefox.extensionOrigin);
  await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe(CUSTOMER);
  await page.click(editor.click);
  await page.keyboard.type(TYPED);
  const typedAt = Date.now();
  for (let i = 0; i < CARET_LEFT; i++) await page.keyboard.press('ArrowLeft');
  expect(await editorText(page)).toBe(TYPED);
  return { page, frame, typedAt };
}

describe('insertion into real editors (Firefox)', () => {
  test.each(EDITORS)('$label: inserted at the caret, in the model, with the line break; next keystroke and undo behave', async (editor) => {
    const { page, frame, typedAt } = await openAndType(editor);
    await typeDraft(frame, INSERTED);
    const wait = (editor.undoGroupMs ?? 0) + 100 - (Date.now() - typedAt);
    if (wait > 0) await sleep(wait);
    await frame.click('[data-testid=insert]');
    await expect.poll(() => outcome(frame)).toMatch(/^Inserted/);
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor));

    await page.keyboard.type('!');
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor, '!'));

    let presses = 0;
    while (presses < 2 && (await editorText(page)) !== TYPED) {
      await undo(page);
      presses++;
    }
    expect(await editorText(page)).toBe(TYPED);
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__sent)).toEqual([]);
    await page.close();
  });

  test('switching conversation after the sidebar showed one makes Insert refuse, and leaves the editor alone', async () => {
    const editor = EDITORS.find((e) => e.page === 'lexical')!;
    const { page, frame } = await openAndType(editor);
    await typeDraft(frame, INSERTED);
    await page.click('a[href="#/conversations/102"]');
    await expect.poll(() => customerName(frame), { timeout: 10_000 }).toBe(OTHER_CUSTOMER);
    await frame.click('[data-testid=insert]');
    await expect.poll(() => outcome(frame)).toMatch(/another conversation/);
    await sleep(300);
    expect(await editorText(page)).toBe(TYPED);
    expect(await frame.$eval('#draft', (el) => (el as HTMLTextAreaElement).value)).toBe(INSERTED);

    await frame.click('[data-testid=insert]');
    await expect.poll(() => outcome(frame)).toMatch(/^Inserted/);
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor));
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__sent)).toEqual([]);
    await page.close();
  });
});
