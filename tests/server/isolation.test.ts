import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { BACKENDS, type Backend, createBackend } from './support/backends.ts';
import { Client, type Reply, type TestTeam, createTestTeam, startTestHub } from './support/hub.ts';
import { SseReader } from './support/sse.ts';
import adapterFile from '../fixtures/team-adapters/2026-11-23-comptoir-crm/adapter.json';

const MARK = 'SECRET-TEAM-A';

const adapter = { ...adapterFile.adapters[0]!, name: `${MARK} CRM` };

const promotion = (id: string) => ({
  id,
  title: `${MARK} spring`,
  pitch: `${MARK} pitch`,
  startsAt: 0,
  endsAt: 4_102_444_800_000,
  updatedAt: 1,
});

/**
 * A member of team B, with every role, against every route of the hub: nothing of team A is ever
 * read, written, revoked or revealed.
 */
describe.each(BACKENDS)('cross-team isolation on %s', (kind) => {
  let backend: Backend;
  let db: Database;
  let hub: RunningHub;
  let a: TestTeam;
  let b: TestTeam;
  let aInvite: { id: string; code: string };
  let aTokenId: string;
  let aKey: { id: string; key: string };
  const aOpId = uuidv7();
  const seenByB: Reply[] = [];
  const covered = new Set<string>();

  /** Records every reply to team B so the final check can scan them all for team A's data. */
  const asB = async (route: string, call: Promise<Reply>) => {
    covered.add(route);
    const reply = await call;
    seenByB.push(reply);
    return reply;
  };

  beforeAll(async () => {
    backend = await createBackend(kind);
    db = await backend.open();
    hub = await startTestHub(db);
    a = await createTestTeam(db, hub.url, `${MARK} team`);
    b = await createTestTeam(db, hub.url, 'Team B');
    await a.agent.post('/v1/sync/push', { ops: [{ opId: aOpId, table: 'customers', id: 'shared-id', data: { name: `${MARK} customer` } }] });
    await a.lead.push([{ table: 'promotions', id: 'promo', data: promotion('promo') }]);
    await a.lead.push([{ table: 'adapters', id: adapter.id, data: adapter }]);
    aInvite = (await a.admin.post('/v1/invites', { role: 'agent', name: `${MARK} invitee` })).body;
    aTokenId = (await a.agent.get('/v1/me')).body.token.id;
    aKey = (await a.admin.post('/v1/api-keys', { name: `${MARK} till` })).body;
    const customer = { id: 'cust-a', createdAt: 1, identifiers: [{ kind: 'email', value: 'a@a.fr', key: 'email:a@a.fr', strength: 'strong', firstSeen: 1, source: { tool: 'x' } }] };
    await a.agent.push([{ table: 'customers', id: 'cust-a', data: customer }]);
  });
  afterAll(async () => {
    await hub?.close();
    await backend?.dispose();
  });

  it('B reads nothing of A: me, pull, members, invites, audit', async () => {
    for (const client of [b.admin, b.lead, b.agent]) {
      const me = await asB('GET /v1/me', client.get('/v1/me'));
      expect(me.body.team.id).toBe(b.id);
      const pull = await asB('GET /v1/sync/pull', client.get('/v1/sync/pull?cursor=0'));
      expect(pull.status).toBe(200);
      expect(pull.body.changes).toEqual([]);
    }
    const members = await asB('GET /v1/members', b.admin.get('/v1/members'));
    expect(members.body.members.map((m: { id: string }) => m.id).sort()).toEqual([b.adminId, b.leadId, b.agentId].sort());
    await asB('GET /v1/invites', b.admin.get('/v1/invites'));
    const audit = await asB('GET /v1/audit', b.admin.get('/v1/audit?limit=1000'));
    expect(audit.body.entries.length).toBeGreaterThan(0);
    await asB('GET /health', b.admin.get('/health'));
  });

  it('B writes only to its own records, even with the same ids and op ids as A', async () => {
    const res = await asB('POST /v1/sync/push', b.agent.post('/v1/sync/push', { ops: [{ opId: aOpId, table: 'customers', id: 'shared-id', data: { name: 'B customer' } }] }));
    expect(res.body.results[0].status).toBe('applied');
    await asB('POST /v1/sync/push', b.lead.push([{ table: 'promotions', id: 'promo', deleted: true }]));
    await asB('POST /v1/sync/push', b.lead.push([{ table: 'adapters', id: adapter.id, deleted: true }]));
    const aPull = await a.agent.get('/v1/sync/pull?cursor=0');
    expect(aPull.body.changes).toHaveLength(4);
    expect(aPull.body.changes.find((c: { id: string }) => c.id === adapter.id)).toMatchObject({ deleted: false, data: adapter });
    expect(aPull.body.changes.find((c: { id: string }) => c.id === 'shared-id').data.name).toBe(`${MARK} customer`);
    expect(aPull.body.changes.find((c: { id: string }) => c.id === 'promo').deleted).toBe(false);
    const bPull = await asB('GET /v1/sync/pull', b.agent.get('/v1/sync/pull?cursor=0'));
    expect(bPull.body.changes.map((c: { id: string }) => c.id).sort()).toEqual([adapter.id, 'promo', 'shared-id']);
  });

  it("B cannot revoke, re-role or use A's members, tokens and invites", async () => {
    for (const client of [b.admin, b.lead]) {
      expect((await asB('POST /v1/members/:id/revoke', client.post(`/v1/members/${a.agentId}/revoke`))).status).toBe(404);
      expect((await asB('DELETE /v1/invites/:id', client.delete(`/v1/invites/${aInvite.id}`))).status).toBe(404);
    }
    expect((await asB('POST /v1/members/:id/role', b.admin.post(`/v1/members/${a.agentId}/role`, { role: 'admin' }))).status).toBe(404);
    expect((await asB('POST /v1/tokens/:id/revoke', b.admin.post(`/v1/tokens/${aTokenId}/revoke`))).status).toBe(404);
    expect((await a.agent.get('/v1/me')).body.member.role).toBe('agent');
    const invites = await a.admin.get('/v1/invites');
    expect(invites.body.invites.map((i: { id: string }) => i.id)).toContain(aInvite.id);
    // B's token with A's team id in front is just an unknown token.
    const forged = `${a.id}${b.agent.token!.slice(b.id.length)}`;
    expect((await new Client(hub.url, forged).get('/v1/me')).status).toBe(401);
  });

  it("B's invites and unpairing only ever concern team B", async () => {
    const invite = await asB('POST /v1/invites', b.admin.post('/v1/invites', { role: 'agent', maxUses: 2 }));
    // The same secret presented under A's team id is unknown.
    const tampered = `${a.id}${invite.body.code.slice(b.id.length)}`;
    const refused = await asB('POST /v1/pair', new Client(hub.url).post('/v1/pair', { inviteCode: tampered, deviceName: 'x' }));
    expect(refused.status).toBe(403);
    const paired = await asB('POST /v1/pair', new Client(hub.url).post('/v1/pair', { inviteCode: invite.body.code, deviceName: 'B device' }));
    expect(paired.body.team.id).toBe(b.id);
    const device = new Client(hub.url, paired.body.token);
    expect((await asB('DELETE /v1/me/token', device.delete('/v1/me/token'))).status).toBe(200);
    expect((await device.get('/v1/me')).status).toBe(401);
    expect((await a.agent.get('/v1/me')).status).toBe(200);
  });

  it("B's live channel never carries A's changes, by token or ticket", async () => {
    const ticket = await asB('POST /v1/live/ticket', b.agent.post('/v1/live/ticket'));
    const byTicket = await SseReader.open(`${hub.url}/v1/live?cursor=0&ticket=${encodeURIComponent(ticket.body.ticket)}`);
    const byHeader = await SseReader.open(`${hub.url}/v1/live?cursor=0`, { authorization: `Bearer ${b.admin.token}` });
    covered.add('GET /v1/live');
    const aLive = await SseReader.open(`${hub.url}/v1/live?cursor=0&token=${encodeURIComponent(a.agent.token!)}`);
    await a.agent.push([{ table: 'notes', id: 'n-a', data: { text: `${MARK} note` } }]);
    await b.agent.push([{ table: 'notes', id: 'n-b', data: { text: 'B note' } }]);
    for (const reader of [byTicket, byHeader]) {
      await reader.until((r) => r.changes().some((c) => c.id === 'n-b'));
      expect(reader.changes().map((c) => c.id).sort()).toEqual([adapter.id, 'n-b', 'promo', 'shared-id']);
      expect(JSON.stringify(reader.events)).not.toContain(MARK);
      reader.close();
    }
    await aLive.until((r) => r.changes().some((c) => c.id === 'n-a'));
    expect(aLive.changes().map((c) => c.data?.text ?? c.data?.name ?? c.id)).not.toContain('B note');
    aLive.close();
  });

  it("B's API keys and ingest only ever reach team B", async () => {
    const created = await asB('POST /v1/api-keys', b.admin.post('/v1/api-keys', { name: 'B till' }));
    const listed = await asB('GET /v1/api-keys', b.admin.get('/v1/api-keys'));
    expect(listed.body.keys.map((k: { name: string }) => k.name)).toEqual(['B till']);
    expect((await asB('DELETE /v1/api-keys/:id', b.admin.delete(`/v1/api-keys/${aKey.id}`))).status).toBe(404);
    const ingest = (key: string) =>
      asB(
        'POST /v1/ingest/events',
        new Client(hub.url).request('POST', '/v1/ingest/events', { events: [{ id: 'x1', type: 'call', at: 1, customer: { email: 'a@a.fr' }, source: 'pbx' }] }, { 'x-api-key': key }),
      );
    // A's customer's e-mail, through B's key: a new customer of B, nothing of A.
    const res = await ingest(created.body.key);
    expect(res.body.results[0].status).toBe('applied');
    expect(res.body.results[0].customerId).not.toBe('cust-a');
    expect((await ingest(`${a.id}${created.body.key.slice(b.id.length)}`)).status).toBe(401);
    const aEvents = (await a.agent.get('/v1/sync/pull?cursor=0')).body.changes.filter((c: { table: string }) => c.table === 'events');
    expect(aEvents).toEqual([]);
    // A's key still works for A.
    const own = await new Client(hub.url).request('POST', '/v1/ingest/events', { events: [{ type: 'call', at: 1, customer: { key: 'email:a@a.fr' }, source: 'pbx' }] }, { 'x-api-key': aKey.key });
    expect(own.body.results[0].customerId).toBe('cust-a');
  });

  // Whether the figures are right is tests/server/metrics*; here only that none of A's data shows.
  it("B's metrics show nothing of A", async () => {
    const period = `from=0&to=${Date.now() + 86_400_000}`;
    for (const path of ['/v1/metrics/summary', '/v1/metrics/summary.csv', '/v1/metrics/usage']) {
      await asB(`GET ${path}`, b.lead.get(`${path}?${period}&groupBy=agent`));
    }
    await asB('GET /v1/metrics/compare', b.lead.get(`/v1/metrics/compare?aFrom=0&aTo=1000&bFrom=1000&bTo=${Date.now()}&groupBy=agent`));
    const directory = await asB('GET /v1/metrics/agents', b.lead.get('/v1/metrics/agents'));
    expect(JSON.stringify(directory.body)).not.toContain(MARK);
    // A lead of B cannot name one of A's members, and A's member keeps no alias from B.
    const renamed = await asB('PUT /v1/metrics/agents/:memberId/aliases', b.lead.request('PUT', `/v1/metrics/agents/${a.agentId}/aliases`, { aliases: [`${MARK} alias`] }));
    expect(renamed.status).toBe(404);
    expect(JSON.stringify((await a.lead.get('/v1/metrics/agents')).body)).not.toContain(`${MARK} alias`);
  });

  // The proxy itself is tests/server/llm.test.ts; here only that A's provider stays A's.
  it("B neither uses nor sees A's LLM provider, key or usage", async () => {
    await a.admin.request('PUT', '/v1/llm/config', { baseURL: 'http://127.0.0.1:9/v1', model: `${MARK}-model`, apiKey: `${MARK}-key` });
    expect((await asB('GET /v1/llm/config', b.agent.get('/v1/llm/config'))).body).toEqual({ configured: false });
    const use = await asB('POST /v1/llm/chat/completions', b.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'x' }] }));
    expect(use.body.error.code).toBe('E_LLM_NOT_CONFIGURED');
    expect((await asB('GET /v1/llm/usage', b.lead.get('/v1/llm/usage'))).body.rows).toEqual([]);
    expect((await asB('PUT /v1/llm/config', b.admin.request('PUT', '/v1/llm/config', { baseURL: 'http://127.0.0.1:9/v1', model: 'b' }))).status).toBe(200);
    expect((await asB('DELETE /v1/llm/config', b.admin.delete('/v1/llm/config'))).status).toBe(200);
    expect((await a.agent.get('/v1/llm/config')).body).toMatchObject({ configured: true, model: `${MARK}-model` });
  });

  // Export, erase and retention are tests/server/privacy.test.ts; here only that they stay in B.
  it("B can neither export, erase nor purge A's customers, and A's retention is A's", async () => {
    const exported = await asB('GET /v1/customers/export', b.lead.get('/v1/customers/export?key=email:a@a.fr'));
    expect(JSON.stringify(exported.body)).not.toContain('cust-a');
    await asB('POST /v1/customers/erase', b.lead.post('/v1/customers/erase', { key: 'email:a@a.fr' }));
    await asB('GET /v1/team/retention', b.lead.get('/v1/team/retention'));
    expect((await asB('PUT /v1/team/retention', b.admin.request('PUT', '/v1/team/retention', { months: 1 }))).status).toBe(200);
    await asB('POST /v1/team/retention/purge', b.admin.post('/v1/team/retention/purge', {}));
    expect((await a.lead.get('/v1/team/retention')).body.months).not.toBe(1);
    const aCustomers = (await a.agent.get('/v1/sync/pull?cursor=0')).body.changes.filter((c: { id: string; deleted: boolean }) => c.id === 'cust-a' && !c.deleted);
    expect(aCustomers).toHaveLength(1);
  });

  it("B's CSV import with A's customer's address creates B's own customer", async () => {
    const csv = 'type,at,email,source,source_id,text\ncall,2026-11-20T10:00:00Z,a@a.fr,pbx,csv-1,Appel de B\n';
    const call = fetch(`${hub.url}/v1/ingest/csv`, { method: 'POST', headers: { authorization: `Bearer ${b.lead.token}`, 'content-type': 'text/csv' }, body: csv }).then(async (res) => ({ status: res.status, body: await res.text() }));
    const reply = await asB('POST /v1/ingest/csv', call);
    expect(reply.status).toBe(200);
    expect(reply.body).not.toContain('cust-a');
    expect(JSON.stringify((await a.agent.get('/v1/sync/pull?cursor=0')).body)).not.toContain('Appel de B');
  });

  it('no reply to B contains any of A: names, ids, data, invite codes', () => {
    const text = JSON.stringify(seenByB);
    for (const secret of [MARK, a.id, a.adminId, a.leadId, a.agentId, aInvite.id, aInvite.code, aTokenId, aKey.id, aKey.key, 'cust-a']) expect(text).not.toContain(secret);
  });

  it("metrics: team B's figures never count team A's events", async () => {
    const message = (id: string, direction: string, at: number) => ({ id, type: 'message', direction, subject: { customerId: `${MARK}-cust` }, at, tool: 'gmail', channel: 'email', text: MARK, author: `${MARK} agent` });
    await a.agent.push([{ table: 'events', id: 'm-in', data: message('m-in', 'inbound', 1000) }, { table: 'events', id: 'm-out', data: message('m-out', 'outbound', 61_000) }]);
    const period = 'from=0&to=100000';
    expect((await asB('GET /v1/metrics/summary', b.lead.get(`/v1/metrics/summary?${period}&groupBy=agent`))).body.groups).toEqual([]);
    expect((await asB('GET /v1/metrics/summary.csv', b.lead.get(`/v1/metrics/summary.csv?${period}`))).body).toBe('key,contacts,count,answeredShare,mean,median,p90\r\n');
    expect((await asB('GET /v1/metrics/compare', b.lead.get(`/v1/metrics/compare?aFrom=0&aTo=50000&bFrom=50000&bTo=100000`))).body.changes).toEqual([]);
    expect((await asB('GET /v1/metrics/usage', b.lead.get(`/v1/metrics/usage?${period}`))).body.repeatContacts.customers).toBe(0);
    expect((await a.lead.get(`/v1/metrics/summary?${period}&groupBy=agent`)).body.groups).toMatchObject([{ key: `${MARK} agent`, count: 1, median: 60_000 }]);
  });

  it('every route of the hub was tried by team B', () => {
    const routes = new Set(hub.hub.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`));
    expect([...routes].filter((r) => !covered.has(r))).toEqual([]);
  });
});
