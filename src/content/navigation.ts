/**
 * Follows single-page-app navigation. Content scripts live in an isolated world and cannot see
 * the page's own `history.pushState` calls, so we listen to what the browser exposes (the
 * Navigation API where present, popstate, hashchange) and re-check the URL cheaply on a timer
 * while the tab is visible.
 *
 * A change is reported at the start of the second frame after it: by then the page's router has
 * drawn the new view (`popstate` comes before a hash route's `hashchange` handler draws) and the
 * browser has laid it out, so reading it forces no layout of its own. Animation frames are served
 * ahead of the queue of a busy page's tasks, where a timer would wait its turn. Hidden tabs get
 * no frames, so there a timer does it.
 */
export function watchUrl(signal: AbortSignal, onChange: (url: string) => void, pollMs = 500): void {
  let current = location.href;
  let pending = false;
  const report = () => {
    pending = false;
    if (signal.aborted || location.href === current) return;
    current = location.href;
    onChange(current);
  };
  const check = () => {
    if (pending || location.href === current) return;
    pending = true;
    if (document.visibilityState === 'visible') requestAnimationFrame(() => requestAnimationFrame(report));
    else setTimeout(report, 0);
  };
  const options = { signal } as AddEventListenerOptions;
  window.addEventListener('hashchange', check, options);
  window.addEventListener('popstate', check, options);
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', check, options);
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') check();
  }, pollMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
