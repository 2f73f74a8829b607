/**
 * Follows single-page-app navigation. Content scripts live in an isolated world and cannot see
 * the page's own `history.pushState` calls, so we listen to what the browser exposes (the
 * Navigation API where present, popstate, hashchange) and re-check the URL cheaply on a timer
 * while the tab is visible.
 */
export function watchUrl(signal: AbortSignal, onChange: (url: string) => void, pollMs = 500): void {
  let current = location.href;
  const check = () => {
    if (location.href === current) return;
    current = location.href;
    onChange(current);
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
