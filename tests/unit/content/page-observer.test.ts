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
