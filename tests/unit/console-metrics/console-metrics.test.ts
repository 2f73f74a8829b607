import { describe, expect, it } from 'vitest';
import { createConsoleMetricsHandlers } from '../../../src/background/console-metrics';
import { pairWithHub } from '../../../src/background/sync/pairing';
import { ErrorCode } from '../../../src/shared/errors';
import { ContinuumDb } from '../../../src/storage/db';
import { hubForFile, pairedBrowser } from '../sync/support/hub-harness';

const MIN = 60_000;
const AT = Date.UTC(2026, 1, 10, 9, 0);
const period = { from: String(Date.UTC(2026, 1, 1)), to: String(Date.UTC(2026, 2, 1)) };
const message = (id: string, customerId: string, direction: 'inbound' | 'outbound', at: number) => ({
  id,
  type: 'message',
  direction,
  subject: { customerId },
  at,
  tool: 'gmail',
  channel: 'email',
  text: `${id} text`,
});

describe('console metrics (background) against a real hub', () => {
  const env = hubForFile();

  async function leadBrowser() {
    const db = new ContinuumDb(`continuum-metrics-${Math.random()}`);
    const invite = await env.hub.team.admin.post('/v1/invites', { role: 'lead' });
    await pairWithHub(db, { hubUrl: env.hub.url, inviteCode: invite.body.code, deviceName: 'lead laptop' });
    return db;
  }

  it('fetches the figures and the CSV as the paired lead', async () => {
    await env.hub.team.agent.push([
      { table: 'events', id: 'a1', data: message('a1', 'c1', 'inbound', AT) },
      { table: 'events', id: 'a2', data: message('a2', 'c1', 'outbound', AT + 7 * MIN) },
    ]);
    const db = await leadBrowser();
    const handlers = createConsoleMetricsHandlers({ db: () => db });
    const summary = (await handlers['console/metrics']({ route: 'summary', query: { ...period, groupBy: 'channel' } })) as { groups: unknown[] };
    expect(summary.groups).toEqual([{ key: 'email', contacts: 1, count: 1, answeredShare: 1, mean: 7 * MIN, median: 7 * MIN, p90: 7 * MIN }]);
    const csv = (await handlers['console/metrics']({ route: 'summary.csv', query: { ...period, groupBy: 'channel' } })) as { csv: string };
    expect(csv.csv).toBe(`key,contacts,count,answeredShare,mean,median,p90\r\nemail,1,1,1,${7 * MIN},${7 * MIN},${7 * MIN}\r\n`);
  });

  it('lists the names seen in the tools and lets the lead add one to a member: that agent is then one row', async () => {
    await env.hub.team.agent.push([
      { table: 'events', id: 'n1', data: message('n1', 'c9', 'inbound', AT) },
      { table: 'events', id: 'n2', data: { ...message('n2', 'c9', 'outbound', AT + 3 * MIN), author: 'L. Lead' } },
    ]);
    const db = await leadBrowser();
    const handlers = createConsoleMetricsHandlers({ db: () => db });
    const names = (await handlers['console/agent-names']({ action: 'list' })) as { members: Array<{ id: string; name: string }>; unmatched: string[] };
    expect(names.unmatched).toContain('L. Lead');
    const member = names.members.find((m) => m.id === env.hub.team.leadId)!;
    expect(await handlers['console/agent-names']({ action: 'set-aliases', memberId: member.id, aliases: ['L. Lead'] })).toEqual({ memberId: member.id, aliases: ['L. Lead'] });
    const summary = (await handlers['console/metrics']({ route: 'summary', query: { ...period, groupBy: 'agent' } })) as { groups: Array<{ key: string }> };
    expect(summary.groups.map((g) => g.key)).toContain(member.name);
    expect(summary.groups.map((g) => g.key)).not.toContain('L. Lead');
    await expect(handlers['console/agent-names']({ action: 'set-aliases', memberId: 'nobody', aliases: [] })).rejects.toMatchObject({ code: ErrorCode.HubRefused });
  });

  it('says why when the hub refuses (an agent), the query is bad, or nothing is paired', async () => {
    const agent = await pairedBrowser(env.hub);
    const asAgent = createConsoleMetricsHandlers({ db: () => agent });
    await expect(asAgent['console/metrics']({ route: 'usage', query: period })).rejects.toMatchObject({ code: ErrorCode.HubRefused, message: expect.stringMatching(/lead/) });
    const lead = await leadBrowser();
    const asLead = createConsoleMetricsHandlers({ db: () => lead });
    await expect(asLead['console/metrics']({ route: 'summary', query: { from: period.to, to: period.from } })).rejects.toMatchObject({ code: ErrorCode.HubRefused, message: expect.stringMatching(/end after/) });
    const alone = new ContinuumDb(`continuum-metrics-alone-${Math.random()}`);
    await expect(createConsoleMetricsHandlers({ db: () => alone })['console/metrics']({ route: 'usage', query: period })).rejects.toMatchObject({ code: ErrorCode.HubNotPaired });
  });
});
