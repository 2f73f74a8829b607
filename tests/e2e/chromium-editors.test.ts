/**
 * Insertion into real editors in real Chromium: each fixture page embeds the editor library from
 * npm (tests/fixtures/editors). The agent types, leaves the caret mid-text, moves to the sidebar
 * and inserts two lines; the editor's own model (what its Send button would send) must then hold
 * them at that caret, the next keystroke must land after them, and Ctrl+Z must take them out.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';
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

beforeAll(buildEditorFixtures);
const env = chromiumWithFixtures();

const editorText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__editorText());
// An agent looks at the sidebar before clicking; Chrome reports a button that has just moved
// or been re-laid out as not visible (and Insert refuses) for about its 100 ms delay.
const SETTLE_MS = 400;
const outcome = (frame: Frame) => frame.getByTestId('insert-outcome').textContent();

/** Opens the page, waits for the editor and the sidebar, types and leaves the caret before "world". */
async function openAndType(editor: EditorCase): Promise<{ page: Page; frame: Frame; typedAt: number }> {
  const page = await env.browser.context.newPage();
  await page.goto(pageUrl(env.server.origin, editor));
  await page.waitForFunction(() => (window as unknown as FixtureWindow).__editorReady === true);
  const frame = await sidebarFrame(page, env.browser.extensionId);
  await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe(CUSTOMER);
  await page.click(editor.click);
  await page.keyboard.type(TYPED);
  const typedAt = Date.now();
  for (let i = 0; i < CARET_LEFT; i++) await page.keyboard.press('ArrowLeft');
  expect(await editorText(page)).toBe(TYPED);
  return { page, frame, typedAt };
}

describe('insertion into real editors (Chromium)', () => {
  test.each(EDITORS)('$label: inserted at the caret, in the model, with the line break; next keystroke and undo behave', async (editor) => {
    const { page, frame, typedAt } = await openAndType(editor);
    await frame.locator('#draft').fill(INSERTED);
    const wait = (editor.undoGroupMs ?? 0) + 100 - (Date.now() - typedAt);
    if (wait > 0) await page.waitForTimeout(wait);
    await frame.getByTestId('insert').click();
    await expect.poll(() => outcome(frame)).toMatch(/^Inserted/);
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor));

    // The next keystroke lands right after the inserted text; nothing doubles or disappears.
    await page.keyboard.type('!');
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor, '!'));

    // Undo takes out the keystroke and the insertion (one step or two, as the editor groups them).
    let presses = 0;
    while (presses < 2 && (await editorText(page)) !== TYPED) {
      await page.keyboard.press('Control+z');
      presses++;
    }
    expect(await editorText(page)).toBe(TYPED);
    // Insert never sends.
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__sent)).toEqual([]);
    await page.close();
  });

  test('in a short window, an Insert button scrolled to the fold (a fraction of a pixel clipped) still inserts', async () => {
    const editor = EDITORS.find((e) => e.page === 'textarea')!;
    const { page, frame } = await openAndType(editor);
    await page.setViewportSize({ width: 1400, height: 480 });
    await frame.locator('#draft').fill(INSERTED);
    await page.waitForTimeout(SETTLE_MS);
    // The agent scrolls the sidebar until the button's bottom edge meets the fold, reads, clicks.
    await frame.evaluate(() => {
      const insert = document.querySelector('[data-testid="insert"]')!;
      // One pixel short of showing it whole: between 0 and 1 px stays below the fold.
      scrollTo(0, Math.ceil(scrollY + insert.getBoundingClientRect().bottom - innerHeight) - 1);
    });
    await page.waitForTimeout(SETTLE_MS);
    const { clipped, x, y } = await frame.evaluate(() => {
      const box = document.querySelector('[data-testid="insert"]')!.getBoundingClientRect();
      return { clipped: box.bottom - innerHeight, x: box.left + box.width / 2, y: box.top + box.height / 2 };
    });
    expect(clipped).toBeGreaterThan(0);
    expect(clipped).toBeLessThanOrEqual(1);
    // A click where the agent sees the button (the locator's click would scroll it first).
    const origin = (await (await frame.frameElement()).boundingBox())!;
    await page.mouse.click(origin.x + x, origin.y + y);
    await expect.poll(() => outcome(frame)).toMatch(/^Inserted/);
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor));
    await page.close();
  });

  test('switching conversation after the sidebar showed one makes Insert refuse, and leaves the editor alone', async () => {
    const editor = EDITORS.find((e) => e.page === 'tiptap')!;
    const { page, frame } = await openAndType(editor);
    await frame.locator('#draft').fill(INSERTED);
    await page.click('a[href="#/conversations/102"]');
    await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe(OTHER_CUSTOMER);
    await page.waitForTimeout(SETTLE_MS);
    await frame.getByTestId('insert').click();
    await expect.poll(() => outcome(frame)).toMatch(/another conversation/);
    await page.waitForTimeout(300);
    expect(await editorText(page)).toBe(TYPED);
    expect(await frame.locator('#draft').inputValue()).toBe(INSERTED);

    // Told why, the agent can insert into the conversation now on screen.
    await frame.getByTestId('insert').click();
    await expect.poll(() => outcome(frame)).toMatch(/^Inserted/);
    await expect.poll(() => editorText(page)).toBe(expectedAfterInsert(editor));
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__sent)).toEqual([]);
    await page.close();
  });
});
