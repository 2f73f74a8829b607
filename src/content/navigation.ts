/**
 * Follows single-page-app navigation. Content scripts live in an isolated world and cannot see
 * the page's own `history.pushState` calls, so we listen to what the browser exposes (the
 * Navigation API where present, popstate, hashchange) and re-check the URL cheaply on a timer
 * while the tab is visible.
 *
 * The callback runs one task after the URL changes: a hash change fires `popstate` before the
 * page's own `hashchange` handler has drawn the new view, and reading then would read the old one.
 */
export function watchUrl(signal: AbortSignal, onChange: (url: string) => void, pollMs = 500): void {
  let current = location.href;
  const check = () => {
    if (location.href === current) return;
    current = location.href;
    const url = current;
    setTimeout(() => signal.aborted || onChange(url), 0);
  };
  const options = { signal } as AddEventListenerOptions;
  window.addEventListener('popstate', check, options);
  window.addEventListener('hashchange', check, options);
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', check, options);
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') check();
  }, pollMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
