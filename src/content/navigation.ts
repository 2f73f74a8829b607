/**
 * Follows single-page-app navigation. Content scripts live in an isolated world and cannot see
 * the page's own `history.pushState` calls, so we listen to what the browser exposes (the
 * Navigation API where present, popstate, hashchange) and re-check the URL cheaply on a timer
 * while the tab is visible.
 *
 * A hash change is reported from our `hashchange` listener, which runs right after the page's own
 * (registered before ours): the page has drawn the new view, and reading it in the same task beats
 * waiting behind everything a busy page has queued. `popstate` comes first, before that drawing,
 * so it reports a hash-only change only if no `hashchange` followed, and other changes one task
 * later, when the page's router has had its turn.
 */
export function watchUrl(signal: AbortSignal, onChange: (url: string) => void, pollMs = 500): void {
  let current = location.href;
  const report = () => {
    if (signal.aborted || location.href === current) return;
    current = location.href;
    onChange(current);
  };
  const later = () => {
    if (location.href !== current) setTimeout(report, 0);
  };
  const options = { signal } as AddEventListenerOptions;
  window.addEventListener('hashchange', report, options);
  window.addEventListener('popstate', later, options);
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', later, options);
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible') report();
  }, pollMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
