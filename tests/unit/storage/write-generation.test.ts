import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ContinuumDb } from '../../../src/storage/db';
import { reuseWhileUnwritten, writeGeneration } from '../../../src/storage/write-generation';

let database: ContinuumDb;
let counter = 0;
beforeEach(async () => {
  database = new ContinuumDb(`write-generation-${++counter}`);
  await database.open();
});
afterEach(async () => {
  await database.delete();
});

const conversation = (key: string) => ({ key, customerId: 'c1', site: 'https://a.example', pageUrl: 'https://a.example/t', adapter: 'generic', confidence: 0.9, lastSeenAt: 1 });

describe('write generation', () => {
  test('changes with each write to a watched table, not with writes elsewhere or empty ones', async () => {
    const watched = ['conversations', 'events'];
    const start = writeGeneration(database, watched);
    await database.conversations.put(conversation('a'));
    const afterPut = writeGeneration(database, watched);
    expect(afterPut).not.toBe(start);
    await database.feedback.add({ id: 'f1', kind: 'x', at: 1 });
    await database.events.bulkPut([]);
    expect(writeGeneration(database, watched)).toBe(afterPut);
    await database.conversations.delete('a');
    expect(writeGeneration(database, watched)).not.toBe(afterPut);
    // Each database has its own counters.
    const other = new ContinuumDb(`write-generation-other-${counter}`);
    expect(writeGeneration(other, watched)).toBe('0.0');
  });
});

describe('reuseWhileUnwritten', () => {
  test('computes once while the tables are unwritten and the result is young, again after a write or with age', async () => {
    const kept = reuseWhileUnwritten<number, number>(['conversations'], 1000);
    let computed = 0;
    const compute = async () => {
      const rows = await database.conversations.count();
      computed++;
      return rows;
    };
    // Concurrent callers share one computation.
    const [first, second] = await Promise.all([kept.get(database, 1, 0, compute), kept.get(database, 1, 10, compute)]);
    expect([first, second, computed]).toEqual([0, 0, 1]);
    expect(await kept.get(database, 1, 999, compute)).toBe(0);
    expect(computed).toBe(1);
    // Another key, another result.
    await kept.get(database, 2, 0, compute);
    expect(computed).toBe(2);

    await database.conversations.put(conversation('a'));
    expect(await kept.get(database, 1, 999, compute)).toBe(1);
    expect(computed).toBe(3);
    // Too old (the result depends on the clock): computed again.
    expect(await kept.get(database, 1, 999 + 1000, compute)).toBe(1);
    expect(computed).toBe(4);
    // A different extra key (the state it was computed for) is a different result.
    await kept.get(database, 1, 1999, compute, 'other state');
    expect(computed).toBe(5);
  });

  test('a failed computation is not kept', async () => {
    const kept = reuseWhileUnwritten<number, string>(['events'], Infinity);
    await expect(kept.get(database, 1, 0, async () => Promise.reject(new Error('IndexedDB closed')))).rejects.toThrow('IndexedDB closed');
    expect(await kept.get(database, 1, 0, async () => 'read again')).toBe('read again');
  });
});
