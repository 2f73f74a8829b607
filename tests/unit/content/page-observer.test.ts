// @vitest-environment happy-dom
import { afterEach, describe, expect, test } from 'vitest';
import { observePage } from '../../../src/content/page-observer';

const controllers: AbortController[] = [];
afterEach(() => controllers.splice(0).forEach((c) => c.abort()));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('page observer', () => {
  test('reads once after the page settles', async () => {
    const controller = new AbortController();
    controllers.push(controller);
    let reads = 0;
    observePage(controller.signal, () => reads++, { debounceMs: 40, maxWaitMs: 1_000 });
    for (let i = 0; i < 5; i++) document.body.append(document.createElement('p'));
    await sleep(120);
    expect(reads).toBe(1);
  });

  test('a page that never stops changing is still read regularly', async () => {
    const controller = new AbortController();
    controllers.push(controller);
    let reads = 0;
    observePage(controller.signal, () => reads++, { debounceMs: 60, maxWaitMs: 150 });
    // A change every 20 ms for 600 ms: the debounce alone would never fire.
    for (let i = 0; i < 30; i++) {
      document.body.append(document.createElement('p'));
      await sleep(20);
    }
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(6);
  });
});

describe('page observer idling', () => {
  test('stops after a quiet spell, not while the page keeps changing, and watches again on restart', async () => {
    const controller = new AbortController();
    controllers.push(controller);
    let reads = 0;
    const observer = observePage(controller.signal, () => reads++, { debounceMs: 10, maxWaitMs: 50, idleMs: 120, readBudget: 1 });
    // Changes every 40 ms for 300 ms: longer than the idle delay, but never quiet for it.
    for (let i = 0; i < 8; i++) {
      document.body.append(document.createElement('p'));
      await sleep(40);
    }
    await sleep(30);
    const whileBusy = reads;
    expect(whileBusy).toBeGreaterThanOrEqual(2);
    document.body.append(document.createElement('p'));
    await sleep(60);
    expect(reads).toBe(whileBusy + 1);
    // Quiet for longer than idleMs: the observer stopped, a change goes unseen...
    await sleep(200);
    document.body.append(document.createElement('p'));
    await sleep(60);
    expect(reads).toBe(whileBusy + 1);
    // ...until it is started again (focus, settings).
    observer.restart();
    document.body.append(document.createElement('p'));
    await sleep(60);
    expect(reads).toBe(whileBusy + 2);
  });
});

describe('page observer timing', () => {
  const watch = (onRead: () => void, options: Parameters<typeof observePage>[2]) => {
    const controller = new AbortController();
    controllers.push(controller);
    return observePage(controller.signal, onRead, options);
  };

  test('after a navigation, the new view is read as soon as the page has drawn it', async () => {
    let reads = 0;
    const observer = watch(() => reads++, { debounceMs: 400, maxWaitMs: 2_000, eagerMs: 1_000, eagerDebounceMs: 20 });
    observer.navigated();
    document.body.append(document.createElement('section'));
    await sleep(80);
    expect(reads).toBe(1);
  });

  test('eager reads stop after their count, then the normal debounce applies', async () => {
    let reads = 0;
    const observer = watch(() => reads++, { debounceMs: 300, maxWaitMs: 2_000, eagerMs: 2_000, eagerDebounceMs: 10, eagerReads: 2 });
    observer.navigated();
    for (let i = 0; i < 4; i++) {
      document.body.append(document.createElement('p'));
      await sleep(40);
    }
    expect(reads).toBe(2);
  });

  test('a costly read is spaced out so reads stay within the budget', async () => {
    let reads = 0;
    const busy = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    // Each read costs 20 ms; at a 10 % budget the next read waits at least 200 ms.
    watch(() => (reads++, busy(20)), { debounceMs: 10, maxWaitMs: 10, readBudget: 0.1 });
    for (let i = 0; i < 25; i++) {
      document.body.append(document.createElement('p'));
      await sleep(20);
    }
    expect(reads).toBeGreaterThanOrEqual(2);
    expect(reads).toBeLessThanOrEqual(4);
  });

  test('changes the reading cannot see schedule no read, and do not delay one that is due', async () => {
    let reads = 0;
    const ticker = document.createElement('aside');
    const content = document.createElement('main');
    document.body.append(ticker, content);
    watch(() => reads++, { debounceMs: 30, maxWaitMs: 1_000, relevant: (records) => records.some((r) => content.contains(r.target)) });
    for (let i = 0; i < 6; i++) {
      ticker.textContent = `il y a ${i} s`;
      await sleep(15);
    }
    expect(reads).toBe(0);
    content.append(document.createElement('p'));
    // The ticker keeps changing while the read is due: it still happens once.
    for (let i = 0; i < 4; i++) {
      await sleep(15);
      ticker.textContent = `il y a ${i} s`;
    }
    await sleep(60);
    expect(reads).toBe(1);
  });

  test('a read on request takes the place of the one the changes before it scheduled', async () => {
    let reads = 0;
    const observer = watch(() => reads++, { debounceMs: 40, maxWaitMs: 1_000 });
    document.body.append(document.createElement('section'));
    await sleep(0);
    observer.readNow();
    expect(reads).toBe(1);
    await sleep(100);
    expect(reads).toBe(1);
  });

  test('once the new view is read, later changes wait for the normal spacing', async () => {
    let reads = 0;
    const observer = watch(() => reads++, { debounceMs: 200, maxWaitMs: 2_000, eagerMs: 2_000, eagerDebounceMs: 10, eagerReads: 3 });
    observer.navigated();
    observer.readNow();
    observer.viewRead();
    document.body.append(document.createElement('p'));
    await sleep(60);
    expect(reads).toBe(1);
    await sleep(250);
    expect(reads).toBe(2);
  });
});
