import { describe, expect, it } from 'vitest';
import { brandIssues } from '../../../../src/core/metrics/brand-issues';
import { promotionReach } from '../../../../src/core/metrics/promotion-reach';
import { alertCounts, type AlertSignal, type BrandIssueSignal, type SuggestionSignal } from '../../../../src/core/metrics/signals';
import { suggestionUse, templateUse } from '../../../../src/core/metrics/suggestion-use';
import { DAY, HOUR } from '../support/timeline';

const T0 = Date.UTC(2025, 2, 10, 9, 0);
const PERIOD = { from: T0, to: T0 + DAY };
let seq = 0;
function suggestion(suggestionId: string, kinds: SuggestionSignal['kind'][], o: Partial<SuggestionSignal> = {}): SuggestionSignal[] {
  return kinds.map((kind, i) => ({ id: `s${++seq}`, kind, suggestionId, at: T0 + i * 60_000, agent: 'Camille', channel: 'email', tool: 'zendesk', source: 'llm', ...o }));
}

describe('suggestion use', () => {
  const records = [
    ...suggestion('s1', ['shown', 'inserted', 'edited']),
    ...suggestion('s2', ['shown', 'inserted']),
    ...suggestion('s3', ['shown', 'dismissed']),
    ...suggestion('s4', ['shown']),
    ...suggestion('s5', ['shown', 'inserted'], { source: 'template', templateIds: ['t-refund'] }),
    // Its `shown` record was lost: an insert still means it was shown.
    ...suggestion('s6', ['inserted'], { source: 'template', agent: 'Léa', templateIds: ['t-refund'] }),
    // Shown the day before the period: not counted, even though inserted in it.
    ...suggestion('s7', ['shown'], { at: T0 - HOUR }),
    ...suggestion('s7', ['inserted'], { at: T0 + HOUR }),
  ];

  it('counts shown → inserted → edited and dismissed, once per suggestion', () => {
    // llm: s1..s4 shown (4), inserted s1, s2 (2), edited s1 (1), dismissed s3 (1).
    // template: s5, s6 shown and inserted.
    const pushedTwice = [...records, ...records.slice(0, 3)];
    expect(suggestionUse(pushedTwice, PERIOD, 'source')).toEqual([
      { key: 'llm', shown: 4, inserted: 2, edited: 1, dismissed: 1, insertRate: 0.5, editRate: 0.5, dismissRate: 0.25 },
      { key: 'template', shown: 2, inserted: 2, edited: 0, dismissed: 0, insertRate: 1, editRate: 0, dismissRate: 0 },
    ]);
    expect(suggestionUse(records, PERIOD, 'agent').map((r) => [r.key, r.shown, r.inserted])).toEqual([
      ['Camille', 5, 3],
      ['Léa', 1, 1],
    ]);
  });

  it('counts template uses by hand and through inserted suggestions', () => {
    const uses = [
      { id: 'u1', at: T0, agent: 'Camille', templateId: 't-refund' },
      { id: 'u1', at: T0, agent: 'Camille', templateId: 't-refund' },
      { id: 'u2', at: T0 + HOUR, agent: 'Sam', templateId: 't-hello' },
      { id: 'u3', at: T0 + 2 * DAY, agent: 'Sam', templateId: 't-hello' },
    ];
    expect(templateUse(uses, records, PERIOD)).toEqual([
      { key: 't-hello', picked: 1, suggested: 0, uses: 1, agents: 1 },
      { key: 't-refund', picked: 1, suggested: 2, uses: 3, agents: 2 },
    ]);
  });
});

describe('promotion reach', () => {
  it('counts agents who saw it, replies that mentioned it (once per reply) per channel', () => {
    const seen = [
      { id: 'a1', at: T0, agent: 'Camille', promotionId: 'spring' },
      { id: 'a2', at: T0, agent: 'Léa', promotionId: 'spring' },
      { id: 'a3', at: T0 + HOUR, agent: 'Camille', promotionId: 'spring' },
    ];
    const mentions = [
      { id: 'p1', at: T0 + HOUR, agent: 'Camille', channel: 'email', promotionId: 'spring', replyId: 'r1' },
      // The same reply read again by another browser.
      { id: 'p2', at: T0 + HOUR + 60_000, agent: 'Camille', channel: 'email', promotionId: 'spring', replyId: 'r1' },
      { id: 'p3', at: T0 + 2 * HOUR, agent: 'Léa', channel: 'instagram', promotionId: 'spring', replyId: 'r2' },
      { id: 'p4', at: T0 + 3 * HOUR, agent: 'Camille', channel: 'instagram', promotionId: 'spring', replyId: 'r3' },
      { id: 'p5', at: T0 + 3 * HOUR, agent: 'Sam', channel: 'x', promotionId: 'vip', replyId: 'r4' },
    ];
    expect(promotionReach(seen, mentions, PERIOD)).toEqual([
      { key: 'spring', agentsSeen: 2, agentsMentioned: 2, replies: 3, repliesByChannel: { email: 1, instagram: 2 } },
      { key: 'vip', agentsSeen: 0, agentsMentioned: 1, replies: 1, repliesByChannel: { x: 1 } },
    ]);
  });
});

describe('brand issues and alerts', () => {
  const issue = (id: string, issueId: string, kind: BrandIssueSignal['kind'], code: string, agent = 'Camille'): BrandIssueSignal => ({ id, issueId, kind, code, at: T0 + seq++ * 1000, agent });

  it('counts issues caught and fixed per code', () => {
    const records = [
      issue('b1', 'd1:banned', 'caught', 'banned-term'),
      issue('b2', 'd1:banned', 'fixed', 'banned-term'),
      issue('b3', 'd2:banned', 'caught', 'banned-term'),
      issue('b4', 'd2:greeting', 'caught', 'missing-greeting', 'Léa'),
      issue('b4', 'd2:greeting', 'caught', 'missing-greeting', 'Léa'),
      issue('b5', 'd3:greeting', 'caught', 'missing-greeting', 'Léa'),
      issue('b6', 'd3:greeting', 'fixed', 'missing-greeting', 'Léa'),
      issue('b7', 'd4:greeting', 'caught', 'missing-greeting', 'Léa'),
    ];
    expect(brandIssues(records, PERIOD)).toEqual([
      { key: 'banned-term', caught: 2, fixed: 1, fixedShare: 0.5 },
      { key: 'missing-greeting', caught: 3, fixed: 1, fixedShare: 1 / 3 },
    ]);
    expect(brandIssues(records, PERIOD, 'agent').map((r) => [r.key, r.caught, r.fixed])).toEqual([
      ['Camille', 2, 1],
      ['Léa', 3, 1],
    ]);
  });

  it('counts answered-elsewhere alerts raised per agent', () => {
    const alerts: AlertSignal[] = [
      { id: 'x1', at: T0, agent: 'Camille', kind: 'answered-elsewhere', customerId: 'c1' },
      { id: 'x1', at: T0, agent: 'Camille', kind: 'answered-elsewhere', customerId: 'c1' },
      { id: 'x2', at: T0 + HOUR, agent: 'Camille', kind: 'answered-elsewhere' },
      { id: 'x3', at: T0 + HOUR, agent: 'Léa', kind: 'answered-elsewhere' },
      { id: 'x4', at: T0 + HOUR, agent: 'Léa', kind: 'waiting-elsewhere' },
      { id: 'x5', at: T0 - HOUR, agent: 'Léa', kind: 'answered-elsewhere' },
    ];
    expect(alertCounts(alerts, PERIOD, 'agent')).toEqual([
      { key: 'Camille', kind: 'answered-elsewhere', count: 2 },
      { key: 'Léa', kind: 'answered-elsewhere', count: 1 },
      { key: 'Léa', kind: 'waiting-elsewhere', count: 1 },
    ]);
  });
});
