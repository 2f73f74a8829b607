// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import { watchUrl } from '../../../src/content/navigation';

const controller = new AbortController();
afterEach(() => controller.abort());

test('a hash navigation is reported after the page has drawn the new view', async () => {
  const seen: string[] = [];
  // The page's router draws on hashchange; Chromium fires popstate first, in the same task.
  window.addEventListener('hashchange', () => (document.body.textContent = `view ${location.hash}`));
  watchUrl(controller.signal, () => seen.push(document.body.textContent ?? ''), 60_000);
  history.replaceState(null, '', '#/ticket/7');
  window.dispatchEvent(new PopStateEvent('popstate'));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  expect(seen).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(seen).toEqual(['view #/ticket/7']);
});
