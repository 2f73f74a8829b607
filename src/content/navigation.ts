/**
 * Follows single-page-app navigation. Content scripts live in an isolated world and cannot see
 * the page's own `history.pushState` calls, so we listen to what the browser exposes (the
 * Navigation API where present, popstate, hashchange) and re-check the URL cheaply on a timer
 * while the tab is visible.
 *
 * A change is reported right after the next frame: the page's router has drawn the new view by
 * then (`popstate` comes before a hash route's `hashchange` handler draws, see below) and the
 * browser has laid it out and painted it, so the read forces no layout of its own and the agent
 * sees the page first. The frame is asked for (animation frames are served ahead of a busy page's
 * queue of tasks) and the read follows it as a task, rather than waiting for a second frame.
 * Hidden tabs get no frames, so there a timer does it.
 */
export function watchUrl(signal: AbortSignal, onChange: (url: string) => void, pollMs = 500): void {
  let current = location.href;
  /** The fragment whose `hashchange` has been dispatched (the page's router has drawn it). */
  let drawnHash = location.hash;
  let pending = false;
  const report = () => {
    pending = false;
    if (signal.aborted || location.href === current) return;
    current = location.href;
    drawnHash = location.hash;
    onChange(current);
  };
  const check = () => {
    if (pending || location.href === current) return;
    pending = true;
    if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(report, 0));
    else setTimeout(report, 0);
  };
  // `popstate` and `navigatesuccess` come before `hashchange`, a task of its own that a frame may
  // precede: for a new fragment, wait for it (the poll still catches one that never comes).
  const unlessHashPending = () => location.hash === drawnHash && check();
  const options = { signal } as AddEventListenerOptions;
  window.addEventListener('hashchange', () => ((drawnHash = location.hash), check()), options);
  window.addEventListener('popstate', unlessHashPending, options);
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  navigation?.addEventListener('navigatesuccess', unlessHashPending, options);
  let polled = '';
  const timer = setInterval(() => {
    if (document.visibilityState !== 'visible') return;
    // A new fragment waits for its hashchange, unless none came since the last poll (pushState).
    if (location.hash === drawnHash || location.href === polled) check();
    polled = location.href;
  }, pollMs);
  signal.addEventListener('abort', () => clearInterval(timer), { once: true });
}
