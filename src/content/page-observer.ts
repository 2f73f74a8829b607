/**
 * Re-reads the page when it changes, without slowing it: mutations are only counted, a read runs
 * at most every `debounceMs`, and the observer stops itself after `idleMs` without changes (a
 * navigation or focus starts it again).
 */
export interface ObserverOptions {
  debounceMs?: number;
  idleMs?: number;
}

export function observePage(signal: AbortSignal, onSettled: () => void, { debounceMs = 400, idleMs = 30_000 }: ObserverOptions = {}) {
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let observing = false;

  const observer = new MutationObserver(() => {
    clearTimeout(debounce);
    debounce = setTimeout(onSettled, debounceMs);
    armIdle();
  });

  function armIdle() {
    clearTimeout(idle);
    idle = setTimeout(stop, idleMs);
  }

  function stop() {
    observer.disconnect();
    observing = false;
  }

  function start() {
    if (signal.aborted || observing) return;
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true });
    observing = true;
    armIdle();
  }

  signal.addEventListener(
    'abort',
    () => {
      stop();
      clearTimeout(debounce);
      clearTimeout(idle);
    },
    { once: true },
  );
  window.addEventListener('focus', start, { signal });
  start();
  return { restart: start };
}
