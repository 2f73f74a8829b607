import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { BACKENDS } from './support/backends.ts';
import { type HubFixture, type TestTeam, hubFixture } from './support/hub.ts';
import { SseReader } from './support/sse.ts';

type Change = { seq: number; table: string; id: string; data: any; deleted: boolean; by?: string };

describe.each(BACKENDS)('ingest API on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let hub: RunningHub;
  let team: TestTeam;
  let apiKey: string;

  const ingest = (events: unknown[], key = apiKey, extra: Record<string, unknown> = {}) =>
    fetch(`${hub.url}/v1/ingest/events`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({ events, ...extra }),
    }).then(async (res) => ({ status: res.status, body: (await res.json()) as any }));
  const pulled = async () => (await team.agent.get('/v1/sync/pull?cursor=0&limit=1000')).body.changes as Change[];

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Ingest team');
    ({ db, hub, team } = fixture);
    apiKey = (await team.admin.post('/v1/api-keys', { name: 'Standard téléphonique' })).body.key;
  });
  afterAll(() => fixture?.close());

  it('only admins manage API keys; keys are stored hashed and revocable', async () => {
    expect((await team.lead.post('/v1/api-keys', { name: 'x' })).status).toBe(403);
    expect((await team.agent.get('/v1/api-keys')).status).toBe(403);
    const created = await team.admin.post('/v1/api-keys', { name: 'Caisse Paris 11' });
    expect(created.status).toBe(201);
    const listed = await team.admin.get('/v1/api-keys');
    expect(listed.body.keys.map((k: { name: string }) => k.name)).toEqual(['Standard téléphonique', 'Caisse Paris 11']);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
    const hashes = await db.query<{ hash: string }>('SELECT hash FROM api_keys WHERE team_id = $1', [team.id]);
    expect(hashes.every((h) => /^[0-9a-f]{64}$/.test(h.hash))).toBe(true);
    expect((await ingest([{ type: 'call', at: 1, customer: { email: 'a@b.fr' }, source: 'pbx' }], created.body.key)).status).toBe(200);
    expect((await team.admin.delete(`/v1/api-keys/${created.body.id}`)).status).toBe(200);
    const refused = await ingest([{ type: 'call', at: 1, customer: { email: 'a@b.fr' }, source: 'pbx' }], created.body.key);
    expect(refused.status).toBe(401);
    // A member token is not an API key.
    expect((await ingest([{ type: 'call', at: 1, customer: { email: 'a@b.fr' }, source: 'pbx' }], team.admin.token!)).status).toBe(401);
  });

  it("attaches an event to the customer agents already know, by e-mail or by phone in any format", async () => {
    const customer = {
      id: 'cust-marie',
      createdAt: 1,
      identifiers: [
        { kind: 'email', value: 'marie@orange.fr', key: 'email:marie@orange.fr', strength: 'strong', firstSeen: 1, source: { tool: 'zendesk' } },
        { kind: 'phone', value: '+33612345678', key: 'phone:+33612345678', strength: 'strong', firstSeen: 1, source: { tool: 'zendesk' } },
      ],
    };
    await team.agent.push([{ table: 'customers', id: 'cust-marie', data: customer }]);
    const res = await ingest([
      { id: 'call-1', type: 'call', at: '2026-11-20T09:30:00+01:00', customer: { phone: '06 12 34 56 78' }, source: 'aircall', direction: 'inbound', summary: 'Colis non reçu' },
      { id: 'order-9', type: 'order', at: 1_763_600_000_000, customer: { email: 'Marie@Orange.fr' }, source: 'shopify', reference: '#88213', amount: { value: 59.9, currency: 'EUR' } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string; customerId: string }) => [r.status, r.customerId])).toEqual([
      ['applied', 'cust-marie'],
      ['applied', 'cust-marie'],
    ]);
    const events = (await pulled()).filter((c) => c.table === 'events');
    const call = events.find((e) => e.id === 'hub:aircall:call-1')!;
    expect(call.data).toEqual({
      id: 'hub:aircall:call-1',
      type: 'call',
      subject: { customerId: 'cust-marie', identifierKey: 'phone:+33612345678' },
      at: Date.parse('2026-11-20T08:30:00Z'),
      tool: 'hub',
      channel: 'phone',
      source: 'aircall',
      direction: 'inbound',
      summary: 'Colis non reçu',
    });
    expect(call.by).toMatch(/^key:/);
    expect(events.find((e) => e.id === 'hub:shopify:order-9')!.data).toMatchObject({ channel: 'web', reference: '#88213', amount: { value: 59.9, currency: 'EUR' } });
  });

  it('creates one customer for a new identifier, even when several rows name it', async () => {
    const res = await ingest([
      { id: 'v1', type: 'visit', at: 5, customer: { email: 'new.person@gmail.com' }, source: 'pos:paris-11' },
      { id: 'v2', type: 'return', at: 6, customer: { email: 'newperson@gmail.com' }, source: 'pos:paris-11' },
    ]);
    const [first, second] = res.body.results;
    expect(first.customerId).toBe(second.customerId);
    const customers = (await pulled()).filter((c) => c.table === 'customers' && c.id === first.customerId);
    expect(customers).toHaveLength(1);
    expect(customers[0]!.data).toMatchObject({ id: first.customerId, identifiers: [expect.objectContaining({ kind: 'email', key: expect.stringMatching(/^email:/) })] });
    // The next ingest finds that customer through the identifier index.
    const again = await ingest([{ id: 'v3', type: 'visit', at: 7, customer: { email: 'new.person@gmail.com' }, source: 'pos:paris-11' }]);
    expect(again.body.results[0].customerId).toBe(first.customerId);
  });

  it('is idempotent by the source id, and reports bad rows by index while the others go in', async () => {
    const replay = await ingest([{ id: 'call-1', type: 'call', at: 1, customer: { phone: '+33612345678' }, source: 'aircall' }]);
    expect(replay.body.results[0]).toMatchObject({ status: 'duplicate', id: 'hub:aircall:call-1' });
    const before = (await pulled()).length;
    const res = await ingest([
      { type: 'call', at: 1, customer: { email: 'not-an-email' }, source: 'aircall' },
      { type: 'fax', at: 1, customer: { email: 'a@b.fr' }, source: 'aircall' },
      { type: 'call', at: -5, customer: { email: 'a@b.fr' }, source: 'aircall' },
      { type: 'call', at: 1, customer: {}, source: 'aircall' },
      { type: 'call', at: 1, customer: { key: 'email:nobody@nowhere.fr' }, source: 'aircall' },
      { type: 'order', at: 1, customer: { email: 'ok@b.fr' }, source: 'shop', amount: { value: 1, currency: 'euro' } },
      { id: 'ok-row', type: 'call', at: 1, customer: { email: 'ok@b.fr' }, source: 'aircall' },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { index: number; status: string }) => `${r.index}:${r.status}`)).toEqual([
      '0:rejected', '1:rejected', '2:rejected', '3:rejected', '4:rejected', '5:rejected', '6:applied',
    ]);
    expect(res.body).toMatchObject({ applied: 1, rejected: 6, duplicates: 0 });
    expect(res.body.results[1].message).toMatch(/^type/);
    // The good row: one new customer and one event.
    expect((await pulled()).length).toBe(before + 2);
  });

  it('refuses a malformed envelope as a whole', async () => {
    for (const body of [{}, { events: [] }, { events: 'x' }, { events: Array(1001).fill({}) }, { events: [{}], defaultRegion: 'france' }]) {
      const res = await fetch(`${hub.url}/v1/ingest/events`, { method: 'POST', headers: { 'x-api-key': apiKey }, body: JSON.stringify(body) });
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe('E_VALIDATION');
    }
  });

  it('reaches live clients at once', async () => {
    const reader = await SseReader.open(`${hub.url}/v1/live?token=${encodeURIComponent(team.agent.token!)}&cursor=0`);
    try {
      await reader.until((r) => r.events.some((e) => e.event === 'ping'));
      await ingest([{ id: 'live-1', type: 'call', at: 1, customer: { email: 'marie@orange.fr' }, source: 'aircall' }]);
      await reader.until((r) => r.changes().some((c) => c.id === 'hub:aircall:live-1'), 1_000);
    } finally {
      reader.close();
    }
  });
});
