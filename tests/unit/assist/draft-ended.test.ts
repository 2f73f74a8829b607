// @vitest-environment happy-dom
/**
 * When the content script tells the background a draft ended: the page emptied the reply box
 * (sent), even if its editor leaves an invisible filler behind, or took the box away; not when an
 * editor mounts its box again with the draft in it. What the background is sent is what it sees.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest';

const sent = vi.hoisted(() => [] as Array<{ text: string }>);
vi.mock('../../../src/shared/messaging', () => ({
  send: async (_type: string, payload: { text: string }) => (sent.push(payload), {}),
}));
const { watchDraft } = await import('../../../src/content/draft-watch');

let controller: AbortController;
let box: HTMLElement | null;

function mount(html: string): HTMLElement {
  document.body.innerHTML = `<div contenteditable="true" aria-label="Reply">${html}</div>`;
  return document.body.firstElementChild as HTMLElement;
}

/** The agent's draft, reported once (as after a pause in typing). */
async function typed(): Promise<void> {
  box = mount('<p>Hi Nora, our cheap lamps</p>');
  watchDraft(controller.signal, () => box)(box);
  await vi.advanceTimersByTimeAsync(400);
  expect(sent.map((s) => s.text)).toEqual(['Hi Nora, our cheap lamps']);
}

beforeEach(() => {
  vi.useFakeTimers();
  controller = new AbortController();
  sent.length = 0;
});

afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

test('a box the page empties down to a zero-width filler ends the draft', async () => {
  await typed();
  box!.innerHTML = '<p>\u200b<br></p>';
  await vi.advanceTimersByTimeAsync(600);
  expect(sent.map((s) => s.text)).toEqual(['Hi Nora, our cheap lamps', '']);
});

test('an editor mounting its box again with the draft in it does not end the draft; the box taken away does', async () => {
  await typed();
  box = mount('<p>Hi Nora, our cheap lamps</p>');
  await vi.advanceTimersByTimeAsync(1200);
  expect(sent).toHaveLength(1);
  document.body.innerHTML = '';
  box = null;
  await vi.advanceTimersByTimeAsync(600);
  expect(sent.map((s) => s.text)).toEqual(['Hi Nora, our cheap lamps', '']);
});
