import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  aggregate,
  brandIssues,
  commitmentFacts,
  commitmentOutcomes,
  conversationFacts,
  repeatContacts,
  suggestionUse,
  type GroupBy,
  type Measure,
} from '../../src/core/metrics/index.ts';
import type { TimelineEvent } from '../../src/core/timeline/event.ts';
import { catchUp } from '../../server/metrics/facts.ts';
import { knownWaitEvents, syntheticEvents } from '../../server/metrics/synthetic.ts';
import { BACKENDS } from './support/backends.ts';
import { type Client, type HubFixture, type TestTeam, createTestTeam, hubFixture } from './support/hub.ts';

const DAY = 86_400_000;
const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2026, 3, 1);
const MIN = 60_000;

/** Pushes events as records of table `events`, in batches like the extension does. */
async function pushEvents(client: Client, events: readonly TimelineEvent[], batch = 400) {
  for (let i = 0; i < events.length; i += batch) {
    const res = await client.push(events.slice(i, i + batch).map((e) => ({ table: 'events', id: e.id, data: e })));
    expect(res.status).toBe(200);
    expect(res.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
  }
}

const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

const handBuilt = () => knownWaitEvents(Date.UTC(2026, 1, 10, 23, 50));

describe.each(BACKENDS)('metrics on %s', (kind) => {
  let fixture: HubFixture;
  let team: TestTeam;
  let other: TestTeam;
  let events: TimelineEvent[];

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Metrics team');
    team = fixture.team;
    other = await createTestTeam(fixture.db, fixture.hub.url, 'Other team');
    events = syntheticEvents({ seed: 7, customers: 120, agents: 6, events: 1500, from: FROM - 20 * DAY, to: TO + 10 * DAY, prefix: 'm' });
    // Out of order and in several pushes: the facts must not depend on arrival.
    const shuffled = [...events].sort((a, b) => (a.id.length % 3) - (b.id.length % 3) || b.at - a.at);
    await pushEvents(team.agent, shuffled);
    await pushEvents(other.agent, syntheticEvents({ seed: 99, customers: 30, agents: 2, events: 300, from: FROM, to: TO, prefix: 'x' }));
  });
  afterAll(() => fixture?.close());

  it.each([
    ['channel', 'asa'],
    ['tool', 'asa'],
    ['agent', 'asa'],
    ['none', 'asa'],
    ['channel', 'frt'],
    ['agent', 'frt'],
  ] as Array<[GroupBy, Measure]>)('summary by %s (%s) equals the core aggregate of the same events', async (groupBy, measure) => {
    const res = await team.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy, measure })}`);
    expect(res.status).toBe(200);
    const expected = aggregate(conversationFacts(events), { from: FROM, to: TO, groupBy, measure });
    expect(expected.length).toBeGreaterThan(0);
    expect(res.body.groups.map((g: { key: string }) => g.key)).toEqual(expected.map((g) => g.key));
    for (const [i, group] of expected.entries()) {
      const got = res.body.groups[i];
      expect({ ...got, mean: null }).toEqual({ ...group, mean: null });
      if (group.mean === null) expect(got.mean).toBeNull();
      else expect(got.mean).toBeCloseTo(group.mean, 6);
    }
  });

  it('hand-built timelines give the hand-computed median and p90 per channel', async () => {
    const fresh = await createTestTeam(fixture.db, fixture.hub.url, 'Hand team');
    await pushEvents(fresh.agent, handBuilt());
    const res = await fresh.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy: 'channel' })}`);
    expect(res.body.groups).toEqual([
      { key: 'email', contacts: 3, count: 3, answeredShare: 1, mean: (70 / 3) * MIN, median: 20 * MIN, p90: 40 * MIN },
      { key: 'whatsapp', contacts: 3, count: 2, answeredShare: 2 / 3, mean: 2 * MIN, median: 1 * MIN, p90: 3 * MIN },
    ]);
    // A second browser pushing the same messages under new ids changes nothing.
    await pushEvents(fresh.lead, handBuilt().map((e) => ({ ...e, id: `again-${e.id}`, at: e.at + 2_000 })));
    const again = await fresh.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy: 'channel' })}`);
    expect(again.body.groups.map((g: { median: number }) => g.median)).toEqual([20 * MIN, 1 * MIN]);
    const byAgent = await fresh.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy: 'agent' })}`);
    expect(byAgent.body.groups.map((g: { key: string; contacts: number }) => [g.key, g.contacts])).toEqual([
      ['(unanswered)', 1],
      ['Alice', 2],
      ['Bob', 3],
    ]);
  });

  it('compare puts two periods side by side with the change', async () => {
    const mid = FROM + 45 * DAY;
    const res = await team.lead.get(`/v1/metrics/compare?${q({ aFrom: FROM, aTo: mid, bFrom: mid, bTo: TO, groupBy: 'channel' })}`);
    expect(res.status).toBe(200);
    const facts = conversationFacts(events);
    const before = aggregate(facts, { from: FROM, to: mid, groupBy: 'channel' });
    const after = aggregate(facts, { from: mid, to: TO, groupBy: 'channel' });
    const median = res.body.changes.find((c: { key: string; figure: string }) => c.key === 'email' && c.figure === 'median');
    const b = before.find((g) => g.key === 'email')!.median!;
    const a = after.find((g) => g.key === 'email')!.median!;
    expect(median).toEqual({ key: 'email', figure: 'median', before: b, after: a, change: a - b, relativeChange: (a - b) / b });
  });

  it('usage: suggestions, brand issues, commitments and repeat contacts equal the core', async () => {
    const t = FROM + 3 * DAY;
    const base = { channel: 'email', tool: 'gmail' };
    const feedback: Array<Record<string, any>> = [
      { id: uuidv7(), kind: 'shown', at: t, suggestionId: 's1', source: 'template', templateIds: ['tpl-1'], promotionIds: [], ...base },
      { id: uuidv7(), kind: 'inserted', at: t + 1000, suggestionId: 's1', source: 'template', templateIds: ['tpl-1'], promotionIds: [], ...base },
      { id: uuidv7(), kind: 'edited', at: t + 2000, suggestionId: 's1', source: 'template', templateIds: ['tpl-1'], promotionIds: [], ...base },
      { id: uuidv7(), kind: 'shown', at: t, suggestionId: 's2', source: 'llm', templateIds: [], promotionIds: [], ...base },
      { id: uuidv7(), kind: 'dismissed', at: t + 500, suggestionId: 's2', source: 'llm', templateIds: [], promotionIds: [], ...base },
      // Before the period: s3 belongs to the earlier period even though it was inserted inside.
      { id: uuidv7(), kind: 'shown', at: FROM - 1000, suggestionId: 's3', source: 'llm', templateIds: [], promotionIds: [], ...base },
      { id: uuidv7(), kind: 'inserted', at: FROM + 1000, suggestionId: 's3', source: 'llm', templateIds: [], promotionIds: [], ...base },
      { id: uuidv7(), signal: 'brand-issue', kind: 'caught', at: t, issueId: 'i1', code: 'banned-term', ...base },
      { id: uuidv7(), signal: 'brand-issue', kind: 'fixed', at: t + 10, issueId: 'i1', code: 'banned-term', ...base },
      { id: uuidv7(), signal: 'brand-issue', kind: 'caught', at: t, issueId: 'i2', code: 'banned-term', ...base },
      { id: uuidv7(), signal: 'template-use', at: t, templateId: 'tpl-1', ...base },
      { id: uuidv7(), signal: 'promotion-seen', at: t, promotionId: 'promo', ...base },
      { id: uuidv7(), signal: 'promotion-mention', at: t, promotionId: 'promo', replyId: 'r1', ...base },
      { id: uuidv7(), signal: 'alert', at: t, kind: 'answered-elsewhere', ...base },
    ];
    const pushed = await team.agent.push(feedback.map((f) => ({ table: 'feedback', id: f.id, data: f })));
    expect(pushed.status).toBe(200);
    // Pushed again (lost answer, new op ids): counted once.
    await team.agent.push(feedback.slice(0, 3).map((f) => ({ table: 'feedback', id: f.id, data: f })));
    const res = await team.lead.get(`/v1/metrics/usage?${q({ from: FROM, to: TO })}`);
    expect(res.status).toBe(200);
    const period = { from: FROM, to: TO };
    expect(res.body.suggestions).toMatchObject({ shown: 2, inserted: 1, edited: 1, dismissed: 1, insertRate: 0.5, editRate: 1, dismissRate: 0.5 });
    const suggestionRecords = feedback.filter((f) => !f.signal).map((f) => ({ ...f, agent: 'x' })) as never;
    expect(res.body.suggestions).toEqual(suggestionUse(suggestionRecords, period)[0]);
    expect(res.body.suggestionsBySource).toEqual(suggestionUse(suggestionRecords, period, 'source'));
    expect(res.body.brandIssues).toEqual(brandIssues(feedback.filter((f) => f.signal === 'brand-issue').map((f) => ({ ...f, agent: 'x' })) as never, period));
    expect(res.body.brandIssues).toEqual([{ key: 'banned-term', caught: 2, fixed: 1, fixedShare: 0.5 }]);
    expect(res.body.templates).toEqual([{ key: 'tpl-1', picked: 1, suggested: 1, uses: 2, agents: 1 }]);
    expect(res.body.promotions).toEqual([{ key: 'promo', agentsSeen: 1, agentsMentioned: 1, replies: 1, repliesByChannel: { email: 1 } }]);
    expect(res.body.alerts).toEqual([{ key: 'all', kind: 'answered-elsewhere', count: 1 }]);
    const facts = conversationFacts(events);
    const repeat = repeatContacts(facts, period);
    expect(repeat.repeatCustomers).toBeGreaterThan(0);
    expect(res.body.repeatContacts).toEqual(repeat);
    const expectedCommitments = commitmentOutcomes(commitmentFacts(events), { ...period, now: Date.now() })[0] ?? null;
    expect(expectedCommitments?.due).toBeGreaterThan(0);
    expect(res.body.commitments).toEqual(expectedCommitments);
  });

  it('exports the summary as CSV', async () => {
    const res = await team.lead.request('GET', `/v1/metrics/summary.csv?${q({ from: FROM, to: TO, groupBy: 'channel' })}`);
    expect(res.status).toBe(200);
    const lines = (res.body as string).trimEnd().split('\r\n');
    expect(lines[0]).toBe('key,contacts,count,answeredShare,mean,median,p90');
    const expected = aggregate(conversationFacts(events), { from: FROM, to: TO, groupBy: 'channel' });
    expect(lines.length).toBe(expected.length + 1);
    expect(lines[1]!.split(',').slice(0, 3)).toEqual([expected[0]!.key, String(expected[0]!.contacts), String(expected[0]!.count)]);
  });

  it('keeps teams apart, refuses agents and rejects bad queries', async () => {
    const mine = await team.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO })}`);
    const theirs = await other.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO })}`);
    const otherEvents = syntheticEvents({ seed: 99, customers: 30, agents: 2, events: 300, from: FROM, to: TO, prefix: 'x' });
    expect(theirs.body.groups[0].contacts).toBe(aggregate(conversationFacts(otherEvents), { from: FROM, to: TO })[0]!.contacts);
    expect(mine.body.groups[0].contacts).toBe(aggregate(conversationFacts(events), { from: FROM, to: TO })[0]!.contacts);
    const usage = await other.lead.get(`/v1/metrics/usage?${q({ from: FROM, to: TO })}`);
    expect(JSON.stringify(usage.body)).not.toContain('m-cust');
    expect(usage.body.suggestions).toBeNull();

    for (const path of ['summary', 'summary.csv', 'usage']) {
      const refused = await team.agent.get(`/v1/metrics/${path}?${q({ from: FROM, to: TO })}`);
      expect(refused.status).toBe(403);
    }
    expect((await team.admin.get(`/v1/metrics/summary?${q({ from: FROM, to: TO })}`)).status).toBe(200);
    expect((await team.lead.as(undefined).get(`/v1/metrics/summary?${q({ from: FROM, to: TO })}`)).status).toBe(401);
    for (const bad of [{ from: TO, to: FROM }, { from: 'yesterday', to: TO }, { from: FROM, to: TO, groupBy: 'customer' }, { from: FROM }]) {
      const res = await team.lead.get(`/v1/metrics/summary?${q(bad as Record<string, string | number>)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('E_VALIDATION');
    }
    const iso = await team.lead.get(`/v1/metrics/summary?${q({ from: new Date(FROM).toISOString(), to: '2026-04-01T02:00:00+02:00' })}`);
    expect(iso.body.groups).toEqual(mine.body.groups);
  });

  it('catching up twice changes nothing, and a malformed event is skipped without blocking the others', async () => {
    const before = await team.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy: 'tool' })}`);
    expect(await catchUp(fixture.db, team.id)).toBe(0);
    await team.agent.push([{ table: 'events', id: 'bad-1', data: { type: 'message', at: 'noon' } }]);
    const after = await team.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy: 'tool' })}`);
    expect(after.body.groups).toEqual(before.body.groups);
    const late = { id: 'late-1', type: 'message', direction: 'inbound', subject: { customerId: 'late-cust' }, at: FROM + DAY, tool: 'gmail', channel: 'email', text: 'late' } as TimelineEvent;
    await pushEvents(team.agent, [late]);
    const withLate = await team.lead.get(`/v1/metrics/summary?${q({ from: FROM, to: TO, groupBy: 'tool' })}`);
    const gmail = (r: typeof withLate) => r.body.groups.find((g: { key: string }) => g.key === 'gmail').contacts;
    expect(gmail(withLate)).toBe(gmail(before) + 1);
  });
});
