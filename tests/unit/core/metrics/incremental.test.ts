import { describe, expect, it } from 'vitest';
import { commitmentFacts, updateCommitmentFacts } from '../../../../src/core/metrics/commitments';
import { conversationFacts, updateFacts } from '../../../../src/core/metrics/contacts';
import type { CommitmentEvent, CommitmentUpdateEvent, MessageEvent, TimelineEvent } from '../../../../src/core/timeline/event';
import { mulberry32 } from '../../../corpora/random';
import { MINUTE } from '../support/timeline';

/** Small seeded generator (mulberry32), so a failing sequence can be replayed from its seed. */
function random(seed: number) {
  const next = mulberry32(seed);
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const j = int(i + 1);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
    }
    return copy;
  };
  return { next, int, pick, shuffle };
}

const T0 = Date.UTC(2025, 2, 10, 8, 0);

/** Random messages of a few customers, with second readings (same host id, or same text within 10 min). */
function messages(r: ReturnType<typeof random>): { events: MessageEvent[]; distinct: number } {
  const events: MessageEvent[] = [];
  const count = 3 + r.int(25);
  for (let i = 0; i < count; i++) {
    const customerId = r.pick(['a', 'b', 'c']);
    const tool = r.pick(['gmail', 'zendesk', 'whatsapp-web']);
    const message: MessageEvent = {
      id: `m${i}`,
      type: 'message',
      subject: { customerId },
      // Whole minutes over a few hours: ties between messages are common on purpose.
      at: T0 + r.int(240) * MINUTE,
      tool,
      channel: tool === 'whatsapp-web' ? 'whatsapp' : 'email',
      conversationKey: `${tool}-${customerId}-${r.int(2)}`,
      direction: r.next() < 0.55 ? 'inbound' : 'outbound',
      text: `message ${i} about order ${r.int(1000)}`,
      ...(r.next() < 0.5 ? { externalId: `x${i}` } : {}),
      ...(r.next() < 0.8 ? { author: r.pick(['Camille', 'Léa', 'Sam']) } : {}),
    };
    events.push(message);
    for (let copy = 0, copies = r.int(3); copy < copies; copy++) {
      const { author: _, ...reading } = message;
      const sameHostId = message.externalId !== undefined && r.next() < 0.5;
      events.push({
        ...reading,
        id: `m${i}-r${copy}`,
        at: message.at + (r.int(21) - 10) * MINUTE * (sameHostId ? 3 : 1) / 3,
        ...(sameHostId ? {} : { externalId: undefined }),
        ...(r.next() < 0.5 ? { author: r.pick(['Camille', 'Léa']) } : {}),
      } as MessageEvent);
    }
  }
  return { events, distinct: count };
}

function batches<T>(r: ReturnType<typeof random>, items: readonly T[]): T[][] {
  const shuffled = r.shuffle(items);
  const out: T[][] = [];
  while (shuffled.length) out.push(shuffled.splice(0, 1 + r.int(6)));
  // At-least-once delivery: some events come again.
  out.push(r.shuffle(items).slice(0, r.int(4)));
  return out;
}

describe('updateFacts equals recomputing, whatever the order (200 random sequences)', () => {
  it.each(Array.from({ length: 200 }, (_, seed) => seed))('seed %i', (seed) => {
    const r = random(seed + 1);
    const { events, distinct } = messages(r);
    const expected = conversationFacts(events);
    let facts = updateFacts([], []);
    for (const batch of batches(r, events)) facts = updateFacts(facts, batch);
    expect(facts).toEqual(expected);
    expect(conversationFacts([...events].reverse())).toEqual(expected);
    // Independent of the fold itself: every generated message is one point, readings never add one.
    expect(expected.reduce((n, f) => n + f.inbound.length + f.outbound.length, 0)).toBe(distinct);
  });
});

describe('updateCommitmentFacts equals recomputing (200 random sequences)', () => {
  it.each(Array.from({ length: 200 }, (_, seed) => seed))('seed %i', (seed) => {
    const r = random(seed + 1000);
    const events: TimelineEvent[] = [];
    const ids: string[] = [];
    for (let i = 0, n = 1 + r.int(6); i < n; i++) {
      const promise: CommitmentEvent = {
        id: `k${i}`,
        type: 'commitment',
        subject: { customerId: r.pick(['a', 'b']) },
        at: T0 + r.int(60) * MINUTE,
        tool: 'zendesk',
        channel: 'email',
        text: `refund ${i} by Friday`,
        kind: 'refund',
        dueAt: T0 + r.int(5) * 24 * 60 * MINUTE,
        status: 'open',
        ...(r.next() < 0.7 ? { author: r.pick(['Camille', 'Léa']) } : {}),
      };
      events.push(promise);
      ids.push(promise.id);
      // A second browser read the same promise: another id, same text and due date.
      if (r.next() < 0.4) {
        events.push({ ...promise, id: `k${i}-b`, at: promise.at + r.int(3) * MINUTE });
        ids.push(`k${i}-b`);
      }
    }
    for (let j = 0, n = r.int(8); j < n; j++) {
      const update: CommitmentUpdateEvent = { id: `u${j}`, type: 'commitment-update', subject: { customerId: 'a' }, at: T0 + r.int(6 * 24 * 60) * MINUTE, tool: 'zendesk', channel: 'email', commitmentId: r.pick([...ids, 'k-missing']), status: r.pick(['done', 'open', 'cancelled'] as const) };
      events.push(update);
    }
    const expected = commitmentFacts(events);
    let facts = commitmentFacts([]);
    for (const batch of batches(r, events)) facts = updateCommitmentFacts(facts, batch);
    expect(facts).toEqual(expected);
    expect(expected.filter((f) => f.commitment).length).toBe(events.filter((e) => e.type === 'commitment' && !e.id.endsWith('-b')).length);
  });
});
