// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { watchUrl } from '../../../src/content/navigation';

let controller = new AbortController();
const draw = () => (document.body.textContent = `view ${location.hash}`);
afterEach(() => {
  controller.abort();
  controller = new AbortController();
  window.removeEventListener('hashchange', draw);
});
const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
  step(n);
});
/** A few frames, then the task that follows them (the report comes right after a frame). */
const settled = async () => {
  await frames(3);
  await new Promise((resolve) => setTimeout(resolve, 20));
};
/** A page whose router draws on hashchange; what the watcher saw on the page at each report. */
function hashRoutedPage(): string[] {
  const seen: string[] = [];
  window.addEventListener('hashchange', draw);
  watchUrl(controller.signal, () => seen.push(document.body.textContent ?? ''), 60_000);
  return seen;
}

test('a hash navigation is reported once, after the page has drawn the new view', async () => {
  const seen = hashRoutedPage();
  history.replaceState(null, '', '#/ticket/7');
  // Chromium fires popstate first, here in the same task.
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  expect(seen).toEqual([]);
  await settled();
  expect(seen).toEqual(['view #/ticket/7']);
});

test('a history navigation the page makes without events is found by the poll', async () => {
  const seen: string[] = [];
  watchUrl(controller.signal, (url) => seen.push(new URL(url).pathname), 20);
  history.pushState(null, '', '/tickets/8');
  // Its fragment is gone too, with no hashchange: the second poll reports it.
  await new Promise((resolve) => setTimeout(resolve, 80));
  await settled();
  expect(seen).toEqual(['/tickets/8']);
});

test('a new fragment is read once its hashchange has drawn it, even when a frame comes in between', async () => {
  const seen = hashRoutedPage();
  history.replaceState(null, '', '#/ticket/9');
  window.dispatchEvent(new PopStateEvent('popstate'));
  // The browser queues hashchange as a task of its own: here it comes after a frame.
  await frames(2);
  expect(seen).toEqual([]);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  await settled();
  expect(seen).toEqual(['view #/ticket/9']);
});
