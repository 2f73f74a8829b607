import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { BACKENDS } from './support/backends.ts';
import { type HubFixture, type TestTeam, hubFixture } from './support/hub.ts';
import { type Rng, bad, badAuth, corrupt, junkBody, pick, rng } from './support/malformed.ts';
import adapterFile from '../fixtures/team-adapters/2026-11-23-comptoir-crm/adapter.json';

/** Malformed requests generated per route (raise it for a longer soak: MALFORMED_PER_ROUTE=10000). */
const PER_ROUTE = Number(process.env.MALFORMED_PER_ROUTE ?? 60);

interface Attempt {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** A well-formed push whose every op is malformed: 200, each op rejected. */
  opLevel?: boolean;
}

const TABLES = ['teams', 'members', 'tokens', 'invites', 'records', 'applied_ops', 'audit', 'live_tickets', 'api_keys', 'identifier_owners'];

async function counts(db: Database) {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
  return out;
}

const badTable = (r: Rng) => pick(r, [null, 1, [], {}, '', 'Customers', 'customer', 'records', 'x'.repeat(65), 'a\u0000', 'teams', '../customers']);
const badId = (r: Rng) => pick(r, [null, 7, [], {}, '', 'x'.repeat(257), 'tab\tid', 'nul\u0000', '\ud800x']);
const badData = (r: Rng) => {
  let deep: unknown = { leaf: true };
  for (let i = 0; i < 70; i++) deep = { next: deep };
  return pick(r, [null, 1, 'data', true, [], [1, 2], { text: 'a\u0000b' }, { ['k\u0000']: 1 }, { s: '\udc00' }, deep, { big: 'x'.repeat(262_200) }]);
};
const badDeleted = (r: Rng) => pick(r, [null, 'true', 1, 0, 'yes', [], {}]);
const badEventType = (r: Rng) => pick(r, [null, 1, '', 'Call', 'fax', 'message', 'note', [], {}]);
const badInstant = (r: Rng) => pick(r, [null, -1, 1.5, 9e15, 'yesterday', '2026-11-20', '2026-11-20T10:00:00', '', [], {}]);
const badCustomer = (r: Rng) => pick(r, [null, 'x@y.fr', [], {}, { email: 'nope' }, { phone: '12' }, { key: 'nokey' }, { email: 5 }, { key: 'email:nobody@nowhere.fr' }]);
const teamAdapter = adapterFile.adapters[0]!;
/** Every value here breaks the custom adapter schema (src/adapters/custom/schema.ts). */
const badAdapter = {
  id: (r: Rng) => pick(r, [null, 5, '', 'acme', 'custom:', 'custom:Acme CRM', 'zendesk']),
  name: (r: Rng) => pick(r, [null, 5, '', '   ', 'x'.repeat(81)]),
  version: (r: Rng) => pick(r, [null, 0, -1, 1.5, '2']),
  createdAt: (r: Rng) => pick(r, [null, -1, 1.5, 'yesterday']),
  author: (r: Rng) => pick(r, [5, '', 'x'.repeat(121)]),
  script: (r: Rng) => pick(r, ['alert(1)', { code: 'x' }]),
};
const badSpec = {
  id: (r: Rng) => pick(r, [null, 'custom:other', 'Not An Id']),
  host: (r: Rng) => pick(r, [null, 5, '', 'crm.acme.fr', '/(a+)+$/', '/(a|b)*c/', '/a/g', '/[/', `/${'a'.repeat(301)}/`]),
  path: (r: Rng) => pick(r, ['/(x*)*/', 'path', 7]),
  marker: (r: Rng) => pick(r, [null, [], '', [''], ['x'.repeat(501)], Array(17).fill('a')]),
  ids: (r: Rng) => pick(r, [null, 'email', [{ kind: 'fax', pick: ['a'] }], [{ kind: 'email' }], [{ kind: 'app-id', pick: ['a'] }]]),
  reply: (r: Rng) => pick(r, [null, [], [5]]),
  channel: (r: Rng) => pick(r, ['Bad Channel', { byUrl: [] }, 5]),
  onload: (r: Rng) => pick(r, ['fetch("//evil")', 1]),
};
const badAmount = (r: Rng) => pick(r, [null, 5, 'EUR', {}, { value: '1', currency: 'EUR' }, { value: 1, currency: 'eur' }, { value: 1 }]);

describe.each(BACKENDS)('malformed requests on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let hub: RunningHub;
  let team: TestTeam;

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Malformed team');
    ({ db, hub, team } = fixture);
    await team.agent.push([{ table: 'customers', id: 'before', data: { kept: true } }]);
  });
  afterAll(() => fixture?.close());

  it(`answers ${PER_ROUTE} malformed requests per route with a clear 4xx, stores nothing and stays healthy`, async () => {
    const admin = { authorization: `Bearer ${team.admin.token}` };
    const agent = { authorization: `Bearer ${team.agent.token}` };
    const lead = { authorization: `Bearer ${team.lead.token}` };
    const json = (value: unknown) => JSON.stringify(value);
    const bodyOrJunk = (r: Rng, valid: () => unknown) => (r() < 0.3 ? junkBody(r) : json(valid()));
    const validOp = () => ({ opId: uuidv7(), table: 'customers', id: `m-${uuidv7()}`, data: { a: 1 } });

    const apiKey = (await team.admin.post('/v1/api-keys', { name: 'Malformed till' })).body.key as string;
    const keyHeader = { 'x-api-key': apiKey };
    const routes: Record<string, (r: Rng) => Attempt> = {
      apiKeys: (r) => ({ method: 'POST', path: '/v1/api-keys', headers: admin, body: bodyOrJunk(r, () => corrupt(r, { name: 'Till' }, { name: bad.name }, ['name'])) }),
      ingestEnvelope: (r) => ({
        method: 'POST',
        path: '/v1/ingest/events',
        headers: r() < 0.2 ? badAuth(r, team.id) : keyHeader,
        body: bodyOrJunk(r, () => pick(r, [{}, { events: [] }, { events: pick(r, [null, 'x', {}, 1]) }, { events: Array(1001).fill({}) }, { events: [{}], defaultRegion: pick(r, ['fr', 'FRA', 1, null]) }])),
      }),
      ingestRows: (r) => ({
        method: 'POST',
        path: '/v1/ingest/events',
        headers: keyHeader,
        opLevel: true,
        body: json({
          events: Array.from({ length: 1 + Math.floor(r() * 4) }, () =>
            r() < 0.1
              ? pick(r, [null, 1, 'event', []])
              : corrupt(
                  r,
                  { type: 'call', at: 1, customer: { email: 'x@y.fr' }, source: 'pbx', amount: { value: 1, currency: 'EUR' } },
                  { type: badEventType, at: badInstant, customer: badCustomer, source: bad.name, amount: badAmount, direction: badDeleted, id: bad.name },
                  ['type', 'at', 'customer', 'source'],
                ),
          ),
        }),
      }),
      pair: (r) => ({
        method: 'POST',
        path: '/v1/pair',
        body: bodyOrJunk(r, () =>
          corrupt(r, { inviteCode: `${team.id}.${'A'.repeat(43)}`, deviceName: 'Laptop', name: 'Sam' }, { inviteCode: bad.code, deviceName: bad.name, name: bad.name }, ['inviteCode', 'deviceName']),
        ),
      }),
      invites: (r) => ({
        method: 'POST',
        path: '/v1/invites',
        headers: admin,
        body: bodyOrJunk(r, () =>
          corrupt(r, { role: 'agent', name: 'Sam', maxUses: 2, expiresInHours: 24 }, { role: bad.role, name: bad.name, maxUses: bad.positiveCount, expiresInHours: bad.hours }, ['role']),
        ),
      }),
      role: (r) => ({
        method: 'POST',
        path: `/v1/members/${team.agentId}/role`,
        headers: admin,
        body: bodyOrJunk(r, () => corrupt(r, { role: 'lead' }, { role: bad.role }, ['role'])),
      }),
      pushEnvelope: (r) => ({
        method: 'POST',
        path: '/v1/sync/push',
        headers: agent,
        body: bodyOrJunk(r, () =>
          pick(r, [
            {},
            { ops: pick(r, [null, 0, 'x', true, {}, '[]', { 0: validOp() }]) },
            { ops: [{ ...validOp(), opId: bad.uuid(r) }] },
            { ops: [validOp(), bad.notAnObject(r)] },
            { ops: Array.from({ length: 501 }, validOp) },
            { op: [validOp()] },
          ]),
        ),
      }),
      pushOps: (r) => ({
        method: 'POST',
        path: '/v1/sync/push',
        headers: agent,
        opLevel: true,
        body: json({
          ops: Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({
            opId: uuidv7(),
            ...corrupt(r, { table: 'customers', id: `m-${uuidv7()}`, data: { a: 1 } }, { table: badTable, id: badId, data: badData, deleted: badDeleted }, ['table', 'id', 'data']),
          })),
        }),
      }),
      // A lead publishing a custom adapter the extension could not read (docs/api.md, `adapters`).
      pushAdapters: (r) => ({
        method: 'POST',
        path: '/v1/sync/push',
        headers: lead,
        opLevel: true,
        body: json({
          ops: Array.from({ length: 1 + Math.floor(r() * 3) }, () => {
            const data = corrupt(
              r,
              { ...teamAdapter, spec: r() < 0.6 ? corrupt(r, teamAdapter.spec, badSpec, ['id', 'host', 'marker', 'ids', 'reply']) : teamAdapter.spec },
              badAdapter,
              ['id', 'name', 'version', 'spec', 'createdAt', 'updatedAt'],
            );
            return { opId: uuidv7(), table: 'adapters', id: r() < 0.2 ? 'custom:somebody-else' : teamAdapter.id, data };
          }),
        }),
      }),
      pull: (r) => ({
        method: 'GET',
        path: `/v1/sync/pull?${pick(r, ['cursor', 'limit'])}=${encodeURIComponent(bad.queryInt(r))}${r() < 0.3 ? '&limit=1001' : ''}`,
        headers: agent,
      }),
      live: (r) => ({ method: 'GET', path: `/v1/live?token=${encodeURIComponent(team.agent.token!)}&cursor=${encodeURIComponent(bad.queryInt(r))}` }),
      liveAuth: (r) => ({ method: 'GET', path: `/v1/live?${pick(r, ['token', 'ticket'])}=${encodeURIComponent(pick(r, ['', 'x', `${team.id}.abc`, 'x'.repeat(301)]))}` }),
      audit: (r) => ({
        method: 'GET',
        path: `/v1/audit?${r() < 0.5 ? `limit=${encodeURIComponent(bad.queryInt(r))}` : `before=${encodeURIComponent(pick(r, ['yesterday', '2026-13-01T00:00:00Z', '1', '', 'now()']))}`}`,
        headers: admin,
      }),
      unknownIds: (r) => {
        const id = encodeURIComponent(pick(r, [uuidv7(), 'x', '%00', 'a'.repeat(300), team.id, "' OR 1=1 --"]));
        return pick(r, [
          { method: 'DELETE', path: `/v1/invites/${id}`, headers: admin },
          { method: 'POST', path: `/v1/members/${id}/revoke`, headers: admin },
          { method: 'POST', path: `/v1/members/${id}/role`, headers: admin, body: json({ role: 'agent' }) },
          { method: 'POST', path: `/v1/tokens/${id}/revoke`, headers: admin },
        ]);
      },
      badTokens: (r) => {
        const route = pick(r, hub.hub.app.routes.filter((x) => x.method !== 'ALL' && !['/health', '/v1/pair', '/v1/live'].includes(x.path)));
        return { method: route.method, path: route.path.replace(':id', uuidv7()), headers: badAuth(r, team.id), body: route.method === 'GET' ? undefined : '{}' };
      },
      privacy: (r) =>
        pick(r, [
          { method: 'GET', path: `/v1/customers/export?${pick(r, ['', 'key=', `key=${'x'.repeat(2000)}`, 'kei=email%3Aa%40b.fr', 'key=nokind'])}`, headers: admin },
          { method: 'POST', path: '/v1/customers/erase', headers: admin, body: bodyOrJunk(r, () => ({ key: pick(r, [null, 5, '', [], {}, 'nokind', 'x'.repeat(2000)]) })) },
          { method: 'PUT', path: '/v1/team/retention', headers: admin, body: bodyOrJunk(r, () => ({ months: pick(r, [-1, 1.5, 'twelve', 10_000, [], {}, undefined]) })) },
        ]),
      metrics: (r) => ({
        method: 'GET',
        path: `/v1/metrics/${pick(r, ['summary', 'summary.csv', 'usage', 'compare'])}?${pick(r, ['from=yesterday', 'to=-5', 'groupBy=planet', 'measure=speed', 'from=10&to=5', `aFrom=${'9'.repeat(30)}`])}`,
        headers: admin,
      }),
      llm: (r) =>
        pick(r, [
          { method: 'PUT', path: '/v1/llm/config', headers: admin, body: bodyOrJunk(r, () => ({ baseURL: pick(r, [null, 'ftp://x', 'not a url', 5]), model: pick(r, ['', null, 'x'.repeat(500)]) })) },
          { method: 'POST', path: '/v1/llm/chat/completions', headers: agent, body: bodyOrJunk(r, () => pick(r, [{}, { messages: 'hi' }, { model: 'team', messages: [{ role: 'wizard', content: 'x' }] }, { model: 'team', messages: [] }])) },
        ]),
      tooLarge: (r) => ({
        method: 'POST',
        path: pick(r, ['/v1/sync/push', '/v1/pair', '/v1/invites']),
        headers: agent,
        body: json({ ops: [], pad: 'x'.repeat(2 * 1024 * 1024 + Math.floor(r() * 1000)) }),
      }),
    };

    const before = await counts(db);
    const failures: string[] = [];
    let sent = 0;
    for (const [name, make] of Object.entries(routes)) {
      const r = rng(name.length * 7919 + 17);
      const attempts = Array.from({ length: name === 'tooLarge' ? 10 : PER_ROUTE }, () => make(r));
      // A few at a time: a client hammering the hub, not a load test.
      for (let i = 0; i < attempts.length; i += 16) {
        await Promise.all(
          attempts.slice(i, i + 16).map(async (a) => {
            const res = await fetch(hub.url + a.path, { method: a.method, headers: { 'content-type': 'application/json', ...a.headers }, body: a.body as BodyInit | undefined });
            const text = await res.text();
            sent++;
            const show = `${name} ${a.method} ${a.path.slice(0, 80)} ${typeof a.body === 'string' ? a.body.slice(0, 120) : '<bytes>'} → ${res.status} ${text.slice(0, 200)}`;
            let body: any;
            try {
              body = JSON.parse(text);
            } catch {
              return void failures.push(`not JSON: ${show}`);
            }
            if (a.opLevel) {
              const ok = res.status === 200 && body.results.every((x: { status: string; code: string }) => x.status === 'rejected' && /^E_[A-Z_]+$/.test(x.code));
              if (!ok) failures.push(show);
            } else if (!(res.status >= 400 && res.status < 500 && /^E_[A-Z_]+$/.test(body?.error?.code) && typeof body.error.message === 'string')) {
              failures.push(show);
            }
          }),
        );
      }
    }
    expect(failures.slice(0, 10)).toEqual([]);
    expect(sent).toBeGreaterThan(PER_ROUTE * 10);
    // Nothing stored: no member, invite, token, record, op id, audit line or ticket appeared.
    expect(await counts(db)).toEqual(before);
    expect((await team.agent.get('/health')).status).toBe(200);
    const after = await team.agent.push([{ table: 'customers', id: 'after', data: { ok: true } }]);
    expect(after.body.results[0].status).toBe('applied');
    expect((await team.agent.get('/v1/me')).body.member.role).toBe('agent');
  });

  it('stops reading a chunked body without a length at the limit', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sentChunks = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 64 MB if nobody stopped reading.
        if (sentChunks++ < 1024) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(`${hub.url}/v1/sync/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${team.agent.token}`, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('E_TOO_LARGE');
    expect(sentChunks).toBeLessThan(1024);
  });
});
