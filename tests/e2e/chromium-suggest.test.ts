/**
 * Model suggestions in real Chromium: the provider is configured as from the options page, a
 * real OpenAI-compatible server (tests/support/openai-server.ts) streams the answer, and the
 * sidebar page runs the request itself. Checked: variants appear while the answer streams, no
 * raw card number or e-mail leaves the browser, the agent sees what was masked, Insert writes a
 * variant into the host reply box (textarea and a rich editor), an adversarial model's offer is
 * withheld with its reason, Stop keeps what was written, and a failing model falls back to the
 * team's own suggestions with a clear message.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { startOpenAiServer, variantsJson, type OpenAiTestServer } from '../support/openai-server';
import { openConversation, seedPublished } from './support/assist-pages';
import { chromiumWithFixtures } from './support/chromium';
import { buildEditorFixtures, EDITORS, type FixtureWindow } from './support/editors';

beforeAll(buildEditorFixtures);
const env = chromiumWithFixtures();

const CARD = '4111 1111 1111 1111';
const EMAIL = 'nora.backup@example.com';
/** A follow-up from the customer, added to the fixture thread before the extension reads it. */
const FOLLOW_UP = `Also, I paid with my card ${CARD} and you can reach me at ${EMAIL} if needed.`;

const now = Date.now();
const parcel = {
  id: 'parcel',
  title: 'Parcel late',
  folder: '',
  shortcut: ';late',
  tags: ['parcel', 'delivery'],
  links: [],
  variants: [{ language: 'en', channel: 'default', body: 'Hi {{customer.firstName}}, your parcel has not arrived yet: I am checking with the carrier today.' }],
  updatedAt: now,
  deleted: false,
};
const RECORDS = [{ table: 'templates', id: 'parcel', data: parcel }];

const VARIANTS = [
  'Hi Nora, I am checking with the carrier today.',
  'Hi Nora, I am so sorry your parcel is late. I am checking with the carrier today and will come back to you before Friday.',
  'Hi Nora, thank you for your patience. Parcel 44817 was due on Monday; I have opened an inquiry with the carrier today and will update you before Friday.',
];
const honest = () => variantsJson(VARIANTS);
const adversarial = () =>
  variantsJson([
    'Hi Nora, as your manager approved, here is a 50% refund with the code FREE50.',
    'Hi Nora, I am checking with the carrier today.',
  ]);

let model: OpenAiTestServer;

async function inExtension<T>(fn: (arg: unknown) => Promise<T>, arg: unknown): Promise<T> {
  const page = await env.browser.context.newPage();
  await page.goto(`${env.browser.extensionOrigin}/src/options/index.html`);
  try {
    return await page.evaluate(fn, arg);
  } finally {
    await page.close();
  }
}

const feedbackKinds = () =>
  inExtension(
    () =>
      new Promise<Array<{ kind: string; source?: string; style?: string; editRatio?: number }>>((resolve, reject) => {
        const open = indexedDB.open('continuum');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('feedback').objectStore('feedback').getAll();
          all.onsuccess = () => (open.result.close(), resolve(all.result as Array<{ kind: string; source?: string }>));
        };
      }),
    null,
  );

const editorText = (page: Page) => page.evaluate(() => (window as unknown as FixtureWindow).__editorText());

/** Opens the fixture conversation, with Nora's follow-up added to the thread before the extension reads it. */
function open(editorPage: string, followUp = true): Promise<{ page: Page; frame: Frame }> {
  const editor = EDITORS.find((e) => e.page === editorPage)!;
  return openConversation(env, editor, async (page) => {
    if (followUp) await page.addInitScript(addFollowUp, FOLLOW_UP);
  });
}

function addFollowUp(text: string): void {
  new MutationObserver((_, observer) => {
    const thread = document.querySelector('.thread');
    if (!thread) return;
    observer.disconnect();
    const article = document.createElement('article');
    article.className = 'message message--customer';
    article.innerHTML = '<span class="author">Nora Lindqvist</span> <time datetime="2026-11-20T11:00:00Z">2026-11-20</time> <p></p>';
    article.querySelector('p')!.textContent = text;
    thread.append(article);
  }).observe(document, { childList: true, subtree: true });
}

describe('model suggestions streamed in the sidebar (Chromium)', () => {
  beforeAll(async () => {
    model = await startOpenAiServer({ model: honest, chunkSize: 8, chunkDelayMs: 25 });
    // The extension's database exists once a page was read; then the records and settings go in.
    const { page } = await open('textarea', false);
    await seedPublished(env.browser, RECORDS);
    const saved = await inExtension(
      (baseURL) => chrome.runtime.sendMessage({ name: 'ai/save-settings', payload: { mode: 'openai', openai: { baseURL, model: 'test-model', apiKey: 'sk-test-key' } } }),
      model.baseURL,
    );
    expect(saved).toMatchObject({ ok: true, value: { mode: 'openai', openai: { hasApiKey: true } } });
    await page.close();
  });
  afterAll(() => model?.close());

  test('textarea: variants stream in, nothing raw leaves, what was masked is shown, Insert fills the box', async () => {
    model.options.model = honest;
    const before = model.requests.length;
    const { page, frame } = await open('textarea');
    // Seen while the answer is still streaming: a variant partly written, and Stop offered.
    const writing = () =>
      frame.evaluate(() => {
        const section = document.querySelector<HTMLElement>('[data-testid="suggestions"]');
        const first = section?.querySelector('[data-testid="suggestion-item"] pre')?.textContent ?? '';
        return section?.dataset.streaming === 'true' && first.startsWith('Hi Nora') && !!section.querySelector('[data-testid="suggestions-stop"]');
      });
    await expect.poll(writing, { timeout: 10_000, interval: 50 }).toBe(true);
    await expect.poll(() => frame.getByTestId('suggestion-insert').count(), { timeout: 15_000 }).toBe(3);
    expect(await frame.getByTestId('suggestions').getAttribute('data-source')).toBe('llm');
    expect(await frame.getByTestId('suggestion-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-style')))).toEqual(['concise', 'warm', 'detailed']);

    const request = model.requests.at(-1)!;
    expect(model.requests.length).toBe(before + 1);
    expect(request.authorization).toBe('Bearer sk-test-key');
    expect(request.body.stream).toBe(true);
    const digits = request.raw.replace(/\D/g, '');
    expect(digits).not.toContain('4111111111111111');
    expect(request.raw).not.toContain(EMAIL);
    expect(request.raw).toContain('[CARD_1]');
    expect(request.raw).toContain('[EMAIL_');
    // The follow-up was part of the context (masked), so the model saw it.
    expect(request.raw).toContain('I paid with my card [CARD_1]');
    await expect.poll(() => frame.getByTestId('suggestions-masked').textContent()).toMatch(/1 card number/);
    expect(await frame.getByTestId('suggestions-masked').textContent()).toMatch(/e-mail address.* masked before sending/);

    await frame.getByTestId('suggestion-insert').nth(1).click();
    await expect.poll(() => editorText(page)).toBe(VARIANTS[1]);
    expect(await page.evaluate(() => (window as unknown as FixtureWindow).__sent)).toEqual([]);
    await expect.poll(async () => (await feedbackKinds()).filter((f) => f.source === 'llm').map((f) => f.kind).sort()).toEqual(['inserted', 'shown', 'shown', 'shown']);

    // The agent edits the inserted reply, then sends it (the box empties): an edit is recorded.
    await page.click('.reply-area textarea');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Best, Sam');
    const edited = `${VARIANTS[1]} Best, Sam`;
    await expect.poll(() => frame.getByTestId('draft-check').getAttribute('data-checked'), { timeout: 5000 }).toBe(String(edited.length));
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await expect.poll(async () => (await feedbackKinds()).filter((f) => f.kind === 'edited'), { timeout: 5000 }).toEqual([expect.objectContaining({ source: 'llm', style: 'warm' })]);
    // Two words added to a long reply: a small edit, measured in words.
    const [record] = (await feedbackKinds()).filter((f) => f.kind === 'edited');
    expect(record!.editRatio).toBe(Math.round((2 / (VARIANTS[1]!.split(/\s+/).length + 2)) * 100) / 100);
    await page.close();
  });

  test('tiptap: a streamed variant is inserted into the rich editor', async () => {
    model.options.model = honest;
    const { page, frame } = await open('tiptap');
    await expect.poll(() => frame.getByTestId('suggestion-insert').count(), { timeout: 15_000 }).toBe(3);
    await frame.getByTestId('suggestion-insert').first().click();
    await expect.poll(() => editorText(page)).toBe(VARIANTS[0]);
    expect(await page.locator('.ProseMirror').innerText()).toBe(VARIANTS[0]);
    await page.close();
  });

  test('an adversarial model: its unapproved offer is withheld and the agent sees why', async () => {
    model.options.model = adversarial;
    const { page, frame } = await open('textarea');
    await frame.getByTestId('suggestion-withheld').waitFor({ timeout: 15_000 });
    await expect.poll(() => frame.getByTestId('suggestions').getAttribute('data-streaming')).toBe('false');
    expect(await frame.getByTestId('suggestion-withheld').count()).toBe(1);
    const reasons = await frame.getByTestId('suggestion-withheld-reason').allTextContents();
    expect(reasons.join(' ')).toMatch(/which no active promotion for this customer allows/);
    const offered = await frame.getByTestId('suggestion-item').allTextContents();
    expect(offered.join(' ')).not.toMatch(/FREE50|50%/);
    expect(offered).toEqual([expect.stringContaining('I am checking with the carrier today.')]);
    await page.close();
  });

  test('Stop ends the stream and keeps what was written; Regenerate asks again', async () => {
    model.options.model = honest;
    model.options.chunkDelayMs = 120;
    try {
      const { page, frame } = await open('textarea');
      await frame.getByTestId('suggestions-stop').waitFor({ timeout: 10_000 });
      await frame.getByTestId('suggestion-item').first().waitFor();
      await frame.getByTestId('suggestions-stop').click();
      await frame.getByTestId('suggestions-stopped').waitFor({ timeout: 5000 });
      await expect.poll(() => model.requests.at(-1)!.aborted).toBe(true);
      expect(await frame.getByTestId('suggestion-item').first().textContent()).toContain('Hi Nora');
      const count = model.requests.length;
      model.options.chunkDelayMs = 0;
      await frame.getByTestId('suggestions-regenerate').click();
      await expect.poll(() => frame.getByTestId('suggestion-insert').count(), { timeout: 15_000 }).toBe(3);
      expect(model.requests.length).toBe(count + 1);
      await page.close();
    } finally {
      model.options.chunkDelayMs = 25;
    }
  });

  test('a failing model: a clear message, and the team’s own suggestions instead', async () => {
    model.options.failWith = 500;
    try {
      const { page, frame } = await open('textarea');
      await frame.getByTestId('suggestions-model-error').waitFor({ timeout: 15_000 });
      expect(await frame.getByTestId('suggestions-model-error').textContent()).toMatch(/The model could not answer/);
      const item = frame.getByTestId('suggestion-item').filter({ hasText: 'your parcel has not arrived yet' });
      await item.waitFor({ timeout: 5000 });
      expect(await item.getAttribute('data-source')).toBe('template');
      await page.close();
    } finally {
      delete model.options.failWith;
    }
  });
});
