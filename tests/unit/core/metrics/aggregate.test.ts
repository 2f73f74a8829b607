import { describe, expect, it } from 'vitest';
import { aggregate, UNANSWERED } from '../../../../src/core/metrics/aggregate';
import { compare } from '../../../../src/core/metrics/compare';
import { conversationFacts } from '../../../../src/core/metrics/contacts';
import { distribution, nearestRank } from '../../../../src/core/metrics/stats';
import { DAY, inbound, MINUTE, outbound } from '../support/timeline';

const T0 = Date.UTC(2025, 2, 10, 9, 0);
/** A contact from customer `c` waiting `wait` minutes (null: unanswered), opened `day` days after T0. */
function contact(c: string, wait: number | null, o: { day?: number; channel?: string; tool?: string; agent?: string } = {}) {
  const opened = T0 + (o.day ?? 0) * DAY;
  const place = { customerId: c, channel: o.channel ?? 'email', tool: o.tool ?? 'zendesk', conversationKey: `${c}-${o.day ?? 0}` };
  const events = [inbound(opened, `question from ${c}`, place)];
  if (wait !== null) events.push(outbound(opened + wait * MINUTE, `answer to ${c}`, { ...place, author: o.agent ?? 'Camille' }));
  return events;
}

describe('nearest-rank percentiles', () => {
  it.each([
    [[], null, null],
    [[7], 7, 7],
    [[1, 2], 1, 2],
    [[4, 1, 3, 2], 2, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 6, 10],
  ])('%j → median %s, p90 %s', (values, median, p90) => {
    expect(distribution(values)).toMatchObject({ count: values.length, median, p90 });
  });

  it('takes rank ⌈p·n/100⌉ without floating-point drift', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => i + 1);
    // 0.9 × 30 is 27.000000000000004 in floating point; the 90th percentile is still the 27th value.
    expect(nearestRank(thirty, 90)).toBe(27);
    expect(nearestRank(thirty, 100)).toBe(30);
    expect(nearestRank(thirty, 1)).toBe(1);
  });

  it('selects the same median and p90 as sorting, with ties and any order (500 random arrays)', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let run = 0; run < 500; run++) {
      const values = Array.from({ length: 1 + Math.floor(next() * 60) }, () => Math.floor(next() * (run % 2 ? 5 : 1000)));
      const sorted = [...values].sort((a, b) => a - b);
      const copy = [...values];
      expect(distribution(values)).toEqual({ count: values.length, mean: values.reduce((a, b) => a + b, 0) / values.length, median: nearestRank(sorted, 50), p90: nearestRank(sorted, 90) });
      expect(values).toEqual(copy);
    }
  });

  it('gives the mean of the values', () => {
    expect(distribution([10, 20, 60]).mean).toBe(30);
  });
});

describe('aggregate', () => {
  const facts = conversationFacts([
    ...contact('a', 10, { channel: 'email', tool: 'gmail', agent: 'Camille' }),
    ...contact('b', 30, { channel: 'email', tool: 'zendesk', agent: 'Léa' }),
    ...contact('c', 5, { channel: 'whatsapp', tool: 'whatsapp-web', agent: 'Camille' }),
    ...contact('d', null, { channel: 'whatsapp', tool: 'whatsapp-web' }),
    ...contact('e', 120, { channel: 'email', tool: 'zendesk', agent: 'Léa', day: 1 }),
  ]);
  const day0 = { from: T0 - 9 * 60 * MINUTE, to: T0 - 9 * 60 * MINUTE + DAY };

  it('groups by channel (where the contact opened) for one day', () => {
    expect(aggregate(facts, { ...day0, groupBy: 'channel' })).toEqual([
      { key: 'email', contacts: 2, count: 2, answeredShare: 1, mean: 20 * MINUTE, median: 10 * MINUTE, p90: 30 * MINUTE },
      { key: 'whatsapp', contacts: 2, count: 1, answeredShare: 0.5, mean: 5 * MINUTE, median: 5 * MINUTE, p90: 5 * MINUTE },
    ]);
  });

  it('groups by tool and by the agent who answered', () => {
    expect(aggregate(facts, { ...day0, groupBy: 'tool' }).map((g) => [g.key, g.contacts, g.mean])).toEqual([
      ['gmail', 1, 10 * MINUTE],
      ['whatsapp-web', 2, 5 * MINUTE],
      ['zendesk', 1, 30 * MINUTE],
    ]);
    expect(aggregate(facts, { from: 0, to: T0 + 2 * DAY, groupBy: 'agent' }).map((g) => [g.key, g.count, g.mean, g.median])).toEqual([
      [UNANSWERED, 0, null, null],
      ['Camille', 2, 7.5 * MINUTE, 5 * MINUTE],
      ['Léa', 2, 75 * MINUTE, 30 * MINUTE],
    ]);
  });

  it('takes a contact into the period of its first message, even answered after it', () => {
    const lateAnswer = conversationFacts(contact('late', 3 * 24 * 60, { day: 0 }));
    expect(aggregate(lateAnswer, day0)[0]).toMatchObject({ contacts: 1, count: 1, mean: 3 * DAY });
    expect(aggregate(lateAnswer, { from: day0.to, to: day0.to + 5 * DAY })).toEqual([]);
  });
});

describe('compare (before / after)', () => {
  it('gives each figure side by side with absolute and relative change', () => {
    const before = aggregate(conversationFacts([...contact('a', 10), ...contact('b', 20), ...contact('c', 30), ...contact('d', null)]), { from: 0, to: T0 + DAY });
    const after = aggregate(conversationFacts([...contact('e', 5, { day: 30 }), ...contact('f', 10, { day: 30 })]), { from: T0 + DAY, to: T0 + 60 * DAY });
    // Before: 4 contacts, 3 answered, waits 10/20/30 → mean 20, median 20, p90 30; after: 5/10 → mean 7.5, median 5, p90 10.
    const rows = Object.fromEntries(compare(before, after).map((r) => [r.figure, [r.before, r.after, r.change, r.relativeChange]]));
    expect(rows).toEqual({
      contacts: [4, 2, -2, -0.5],
      count: [3, 2, -1, -1 / 3],
      answeredShare: [0.75, 1, 0.25, 0.25 / 0.75],
      mean: [20 * MINUTE, 7.5 * MINUTE, -12.5 * MINUTE, -0.625],
      median: [20 * MINUTE, 5 * MINUTE, -15 * MINUTE, -0.75],
      p90: [30 * MINUTE, 10 * MINUTE, -20 * MINUTE, -2 / 3],
    });
  });

  it('shows a group seen in one period only with 0 contacts and no wait in the other', () => {
    const before = aggregate(conversationFacts(contact('a', 10, { channel: 'email' })), { from: 0, to: T0 + DAY, groupBy: 'channel' });
    const after = aggregate(conversationFacts(contact('b', 4, { channel: 'x', day: 3 })), { from: T0 + DAY, to: T0 + 9 * DAY, groupBy: 'channel' });
    const rows = compare(before, after).filter((r) => r.figure === 'contacts' || r.figure === 'mean');
    expect(rows).toEqual([
      { key: 'email', figure: 'contacts', before: 1, after: 0, change: -1, relativeChange: -1 },
      { key: 'email', figure: 'mean', before: 10 * MINUTE, after: null, change: null, relativeChange: null },
      { key: 'x', figure: 'contacts', before: 0, after: 1, change: 1, relativeChange: null },
      { key: 'x', figure: 'mean', before: null, after: 4 * MINUTE, change: null, relativeChange: null },
    ]);
  });
});
