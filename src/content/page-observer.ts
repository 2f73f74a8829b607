/**
 * Re-reads the page when it changes, without slowing it: mutations are only counted, a read runs
 * at most every `debounceMs`, and the observer stops itself after `idleMs` without changes (a
 * navigation or focus starts it again).
 *
 * A page that rewrites itself non-stop (thousands of changes a second, by accident or to wear us
 * down) would make us pay for every mutation record and, with a trailing debounce, never read at
 * all. Past `floodRecords` records in a second the observer steps back for `floodPauseMs`, reads
 * once, and watches again: a flood costs the page little, and still gets read every few seconds.
 */
export interface ObserverOptions {
  debounceMs?: number;
  /** A page that never stops changing (a live inbox) is still read this often. */
  maxWaitMs?: number;
  idleMs?: number;
  floodRecords?: number;
  floodPauseMs?: number;
}

export function observePage(
  signal: AbortSignal,
  onSettled: () => void,
  { debounceMs = 400, maxWaitMs = 2_000, idleMs = 30_000, floodRecords = 10_000, floodPauseMs = 1_500 }: ObserverOptions = {},
) {
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let resume: ReturnType<typeof setTimeout> | undefined;
  let observing = false;
  let windowStart = 0;
  let records = 0;
  /** When the oldest change not read yet happened. */
  let pendingSince: number | undefined;

  const settle = () => {
    pendingSince = undefined;
    onSettled();
  };

  const observer = new MutationObserver((batch) => {
    const now = performance.now();
    if (now - windowStart > 1_000) [windowStart, records] = [now, 0];
    records += batch.length;
    clearTimeout(debounce);
    if (records > floodRecords) {
      stop();
      clearTimeout(idle);
      resume = setTimeout(() => {
        resume = undefined;
        records = 0;
        settle();
        start();
      }, floodPauseMs);
      return;
    }
    pendingSince ??= now;
    // A trailing debounce alone would never fire on a page that changes every few hundred ms.
    debounce = setTimeout(settle, now - pendingSince >= maxWaitMs ? 0 : debounceMs);
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
    if (signal.aborted || observing || resume !== undefined) return;
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
      clearTimeout(resume);
    },
    { once: true },
  );
  window.addEventListener('focus', start, { signal });
  start();
  return { restart: start };
}
