// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { watchUrl } from '../../../src/content/navigation';

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
});
const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left ? requestAnimationFrame(() => step(left - 1)) : resolve());
  step(n);
});

test('a hash navigation is reported once, after the page has drawn the new view', async () => {
  const seen: string[] = [];
  // The page's router draws on hashchange; Chromium fires popstate first, in the same task.
  const draw = () => (document.body.textContent = `view ${location.hash}`);
  window.addEventListener('hashchange', draw);
  watchUrl(controller.signal, () => seen.push(document.body.textContent ?? ''), 60_000);
  history.replaceState(null, '', '#/ticket/7');
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  expect(seen).toEqual([]);
  await frames(3);
  expect(seen).toEqual(['view #/ticket/7']);
  window.removeEventListener('hashchange', draw);
});

test('a history navigation the page makes without events is found by the poll', async () => {
  const seen: string[] = [];
  watchUrl(controller.signal, (url) => seen.push(new URL(url).pathname), 20);
  history.pushState(null, '', '/tickets/8');
  await new Promise((resolve) => setTimeout(resolve, 40));
  await frames(3);
  expect(seen).toEqual(['/tickets/8']);
});
