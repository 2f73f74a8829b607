// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { watchUrl } from '../../../src/content/navigation';

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
});
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 10));

test('a hash navigation is reported once, in the same task, after the page has drawn the new view', async () => {
  const seen: string[] = [];
  // The page's router draws on hashchange; Chromium fires popstate first, in the same task.
  const draw = () => (document.body.textContent = `view ${location.hash}`);
  window.addEventListener('hashchange', draw);
  watchUrl(controller.signal, () => seen.push(document.body.textContent ?? ''), 60_000);
  history.replaceState(null, '', '#/ticket/7');
  window.dispatchEvent(new PopStateEvent('popstate'));
  expect(seen).toEqual([]);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  expect(seen).toEqual(['view #/ticket/7']);
  await nextTask();
  expect(seen).toEqual(['view #/ticket/7']);
  window.removeEventListener('hashchange', draw);
});

test('a history navigation without hashchange is reported one task later', async () => {
  const seen: string[] = [];
  watchUrl(controller.signal, (url) => seen.push(new URL(url).pathname), 60_000);
  history.pushState(null, '', '/tickets/8');
  window.dispatchEvent(new PopStateEvent('popstate'));
  expect(seen).toEqual([]);
  await nextTask();
  expect(seen).toEqual(['/tickets/8']);
});
