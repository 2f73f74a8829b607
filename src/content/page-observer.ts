/**
 * Re-reads the page when it changes, without slowing it: mutations are only counted, a read runs
 * at most every `debounceMs`, and the observer stops itself after `idleMs` without changes (a
 * navigation or focus starts it again).
 *
 * Two clocks matter. After a navigation the agent is waiting for the new customer, so for
 * `eagerMs` reads follow the page's changes closely (`eagerDebounceMs`, up to `eagerReads` reads:
 * single-page apps often render a moment after the URL changes). In between, on a page that never
 * stops changing, reads are spaced so that they take at most `readBudget` of the page's time: a
 * read that costs 30 ms waits at least 3 s at a 1 % budget, and never less than `maxWaitMs`.
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
  eagerMs?: number;
  eagerDebounceMs?: number;
  eagerReads?: number;
  /** Share of the page's time that steady-state reads may take. */
  readBudget?: number;
  /** False for a batch of changes that cannot change the reading (they schedule no read). */
  relevant?: (records: readonly MutationRecord[]) => boolean;
}

export interface PageObserver {
  /** Watches again after the observer stopped itself (focus, a settings change). */
  restart(): void;
  /** The URL changed: follow the page closely until the new view is read. */
  navigated(): void;
  /** Reads now; changes seen so far count as read (no second read for them). */
  readNow(): void;
  /** The new view is read (its customer found): later changes wait for the normal spacing. */
  viewRead(): void;
}

export function observePage(
  signal: AbortSignal,
  onSettled: () => void,
  {
    debounceMs = 400,
    maxWaitMs = 2_000,
    idleMs = 30_000,
    floodRecords = 10_000,
    floodPauseMs = 1_500,
    eagerMs = 1_500,
    eagerDebounceMs = 80,
    eagerReads = 2,
    readBudget = 0.01,
    relevant,
  }: ObserverOptions = {},
): PageObserver {
  let debounce: ReturnType<typeof setTimeout> | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let resume: ReturnType<typeof setTimeout> | undefined;
  let observing = false;
  let windowStart = 0;
  let records = 0;
  /** When the oldest change not read yet happened. */
  let pendingSince: number | undefined;
  let lastReadMs = 0;
  let lastReadAt = -Infinity;
  let eagerUntil = 0;
  let eagerLeft = 0;

  const settle = (eager = true) => {
    clearTimeout(debounce);
    pendingSince = undefined;
    const started = performance.now();
    if (eager && started < eagerUntil) eagerLeft--;
    onSettled();
    // The synchronous part of a read is the adapter walking the page: what the page pays.
    lastReadAt = performance.now();
    lastReadMs = lastReadAt - started;
  };

  /** How long to wait before reading, given when the first unread change happened. */
  function delay(now: number): number {
    if (now < eagerUntil && eagerLeft > 0) return eagerDebounceMs;
    const earliest = lastReadAt + lastReadMs / readBudget;
    const latest = Math.max(pendingSince! + maxWaitMs, earliest);
    return Math.max(0, Math.min(now + debounceMs, latest) - now, earliest - now);
  }

  const observer = new MutationObserver((batch) => {
    const now = performance.now();
    if (now - windowStart > 1_000) [windowStart, records] = [now, 0];
    records += batch.length;
    if (records > floodRecords) {
      clearTimeout(debounce);
      stop();
      cancelIdle();
      resume = setTimeout(() => {
        resume = undefined;
        records = 0;
        settle();
        start();
      }, floodPauseMs);
      return;
    }
    armIdle();
    if (relevant && !relevant(batch)) return;
    pendingSince ??= now;
    clearTimeout(debounce);
    // A trailing debounce alone would never fire on a page that changes every few hundred ms.
    debounce = setTimeout(settle, delay(now));
  });

  /**
   * Stops after `idleMs` without changes. One timer, moved on only when it fires: a live page
   * changes a few hundred times a second, and re-arming a timer each time costs it for nothing.
   */
  let changedAt = 0;
  function armIdle() {
    changedAt = performance.now();
    if (idle === undefined) idle = setTimeout(checkIdle, idleMs);
  }
  function checkIdle() {
    const quietFor = performance.now() - changedAt;
    idle = quietFor >= idleMs ? (stop(), undefined) : setTimeout(checkIdle, idleMs - quietFor);
  }
  function cancelIdle() {
    clearTimeout(idle);
    idle = undefined;
  }

  function stop() {
    observer.disconnect();
    observing = false;
  }

  function start() {
    if (signal.aborted || observing || resume !== undefined) return;
    observer.observe(document.body ?? document.documentElement, { childList: true, subtree: true, characterData: true, characterDataOldValue: Boolean(relevant) });
    observing = true;
    armIdle();
  }

  signal.addEventListener(
    'abort',
    () => {
      stop();
      clearTimeout(debounce);
      cancelIdle();
      clearTimeout(resume);
    },
    { once: true },
  );
  window.addEventListener('focus', start, { signal });
  start();
  return {
    restart: start,
    navigated() {
      eagerUntil = performance.now() + eagerMs;
      eagerLeft = eagerReads;
      start();
    },
    readNow() {
      settle(false);
    },
    viewRead() {
      eagerLeft = 0;
    },
  };
}
