/**
 * One agent, one row: response times (by the author name the tool shows) and signals (by the
 * member who pushed them) are grouped under the member's name in the hub.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { TimelineEvent } from '../../src/core/timeline/event.ts';
import { BACKENDS } from './support/backends.ts';
import { Client, type HubFixture, hubFixture } from './support/hub.ts';

const MIN = 60_000;
const T0 = Date.UTC(2026, 2, 3, 9);
const PERIOD = { from: String(T0 - 86_400_000), to: String(T0 + 86_400_000) };

const exchange = (n: number, author: string, waitMin: number): TimelineEvent[] => [
  { id: `in-${n}`, type: 'message', direction: 'inbound', subject: { customerId: `cust-${n}` }, at: T0 + n * MIN, tool: 'zendesk', channel: 'email', conversationKey: `t${n}`, text: `question ${n}` } as TimelineEvent,
  { id: `out-${n}`, type: 'message', direction: 'outbound', subject: { customerId: `cust-${n}` }, at: T0 + (n + waitMin) * MIN, tool: 'zendesk', channel: 'email', conversationKey: `t${n}`, text: `answer ${n}`, author } as TimelineEvent,
];

describe.each(BACKENDS)('per-agent rows on %s', (kind) => {
  let fixture: HubFixture;
  let elodie: { client: Client; id: string };

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Agents team');
    const invite = await fixture.team.admin.post('/v1/invites', { role: 'agent' });
    const paired = await new Client(fixture.hub.url).post('/v1/pair', { inviteCode: invite.body.code, deviceName: 'laptop', name: 'Élodie Dupont' });
    elodie = { client: new Client(fixture.hub.url, paired.body.token), id: paired.body.member.id };
    const events = [...exchange(1, 'elodie  DUPONT', 4), ...exchange(2, 'Élodie Dupont', 6), ...exchange(3, 'E. Dupont', 10), ...exchange(4, 'Sam (Zendesk bot)', 1)];
    const pushed = await fixture.team.agent.push(events.map((e) => ({ table: 'events', id: e.id, data: e })));
    expect(pushed.status).toBe(200);
    const base = { at: T0 + 2 * MIN, channel: 'email', tool: 'zendesk' };
    const signals = [
      { id: uuidv7(), kind: 'shown', suggestionId: 's1', source: 'llm', ...base },
      { id: uuidv7(), kind: 'inserted', suggestionId: 's1', source: 'llm', ...base, at: base.at + 1000 },
      { id: uuidv7(), kind: 'shown', suggestionId: 's2', source: 'template', ...base },
      { id: uuidv7(), signal: 'brand-issue', kind: 'caught', issueId: 'i1', code: 'banned-term', ...base },
      { id: uuidv7(), signal: 'brand-issue', kind: 'fixed', issueId: 'i1', code: 'banned-term', ...base, at: base.at + 500 },
      { id: uuidv7(), signal: 'template-use', templateId: 'tpl-1', ...base },
      { id: uuidv7(), signal: 'promotion-mention', promotionId: 'p1', replyId: 'r1', ...base },
      { id: uuidv7(), signal: 'promotion-mention', promotionId: 'p2', replyId: 'r1', ...base },
      { id: uuidv7(), signal: 'alert', kind: 'answered-elsewhere', ...base },
    ];
    expect((await elodie.client.push(signals.map((f) => ({ table: 'feedback', id: f.id, data: f })))).status).toBe(200);
  });
  afterAll(() => fixture?.close());

  const byAgent = async () => {
    const res = await fixture.team.lead.get(`/v1/metrics/summary?${new URLSearchParams({ ...PERIOD, groupBy: 'agent' })}`);
    expect(res.status).toBe(200);
    return res.body.groups.map((g: { key: string; contacts: number; median: number }) => [g.key, g.contacts, g.median]);
  };

  it('answers signed with the member name in any case or accents, and the member’s signals, share one row', async () => {
    expect(await byAgent()).toEqual([
      ['E. Dupont', 1, 10 * MIN],
      ['Sam (Zendesk bot)', 1, 1 * MIN],
      ['Élodie Dupont', 2, 4 * MIN],
    ]);
    const usage = await fixture.team.lead.get(`/v1/metrics/usage?${new URLSearchParams({ ...PERIOD, groupBy: 'agent' })}`);
    expect(usage.status).toBe(200);
    expect(usage.body.agents).toEqual([
      { key: 'Élodie Dupont', suggestionsShown: 2, suggestionsInserted: 1, templateUses: 1, promotionReplies: 1, brandIssuesCaught: 1, brandIssuesFixed: 1, alerts: 1 },
    ]);
    // Without groupBy the answer is as before.
    expect((await fixture.team.lead.get(`/v1/metrics/usage?${new URLSearchParams(PERIOD)}`)).body.agents).toBeUndefined();
  });

  it('a lead adds the names a member appears as in the tools; unmatched names are listed', async () => {
    const before = await fixture.team.lead.get('/v1/metrics/agents');
    expect(before.status).toBe(200);
    expect(before.body.unmatched).toEqual(['E. Dupont', 'Sam (Zendesk bot)']);
    expect(before.body.members.find((m: { id: string }) => m.id === elodie.id)).toEqual({ id: elodie.id, name: 'Élodie Dupont', aliases: [] });

    const set = await fixture.team.lead.request('PUT', `/v1/metrics/agents/${elodie.id}/aliases`, { aliases: ['  e. dupont ', 'Elo'] });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ memberId: elodie.id, aliases: ['Elo', 'e. dupont'] });
    expect(await byAgent()).toEqual([
      ['Sam (Zendesk bot)', 1, 1 * MIN],
      ['Élodie Dupont', 3, 6 * MIN],
    ]);
    expect((await fixture.team.lead.get('/v1/metrics/agents')).body.unmatched).toEqual(['Sam (Zendesk bot)']);
    const audit = await fixture.team.lead.get('/v1/audit?limit=5');
    expect(audit.body.entries[0]).toMatchObject({ action: 'member.aliases', target: elodie.id });
  });

  it('refuses agents, unknown members and bad aliases', async () => {
    expect((await fixture.team.agent.request('PUT', `/v1/metrics/agents/${elodie.id}/aliases`, { aliases: ['x'] })).status).toBe(403);
    expect((await fixture.team.agent.get('/v1/metrics/agents')).status).toBe(403);
    const unknown = await fixture.team.lead.request('PUT', '/v1/metrics/agents/nobody/aliases', { aliases: ['x'] });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'E_NOT_FOUND']);
    for (const body of [{ aliases: 'x' }, { aliases: [''] }, { aliases: Array.from({ length: 21 }, (_, i) => `n${i}`) }]) {
      const bad = await fixture.team.lead.request('PUT', `/v1/metrics/agents/${elodie.id}/aliases`, body);
      expect([bad.status, bad.body.error.code]).toEqual([400, 'E_VALIDATION']);
    }
  });
});
