import { afterEach, describe, expect, test } from 'vitest';
import { ContinuumDb } from '../../../src/storage/db';
import { isQuotaError, purgeOlderThan } from '../../../src/storage/retention';
import { appendEvents, messageEvents } from '../../../src/storage/timeline-store';

const opened: ContinuumDb[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

describe('retention', () => {
  test('purges events and conversations older than the period, keeps the rest', async () => {
    const db = new ContinuumDb(`continuum-retention-${Date.now()}`);
    opened.push(db);
    const now = Date.UTC(2026, 10, 22);
    const place = { tool: 'helpdesk', channel: 'email', conversationKey: 'k' };
    await appendEvents(
      db,
      await messageEvents({ customerId: 'c1' }, place, [
        { direction: 'inbound', text: 'il y a deux ans', time: '2024-11-01T10:00:00Z' },
        { direction: 'inbound', text: 'il y a huit mois', time: '2026-03-01T10:00:00Z' },
        { direction: 'inbound', text: 'hier', time: '2026-11-21T10:00:00Z' },
      ], now),
    );
    await db.conversations.bulkPut([
      { key: 'old', customerId: 'c1', site: 's', pageUrl: 'p', adapter: 'generic', confidence: 1, lastSeenAt: Date.UTC(2024, 10, 1) },
      { key: 'new', customerId: 'c1', site: 's', pageUrl: 'p', adapter: 'generic', confidence: 1, lastSeenAt: now },
    ]);
    expect(await purgeOlderThan(db, 0, now)).toEqual({ events: 0, conversations: 0 });
    expect(await purgeOlderThan(db, 12, now)).toEqual({ events: 1, conversations: 1 });
    expect((await db.events.toArray()).map((e) => (e.type === 'message' ? e.text : '')).sort()).toEqual(['hier', 'il y a huit mois']);
    expect(await purgeOlderThan(db, 6, now)).toEqual({ events: 1, conversations: 0 });
  });

  test('quota failures are recognised, directly or wrapped by Dexie', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
  });
});
