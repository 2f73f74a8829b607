import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import { keyDigest } from '../../server/privacy/customer-records.ts';
import { purgeAll } from '../../server/privacy/retention.ts';
import { BACKENDS } from './support/backends.ts';
import { type Client, type HubFixture, type TestTeam, createTestTeam, hubFixture } from './support/hub.ts';
import { catchUp } from '../../server/metrics/facts.ts';

type Change = { seq: number; table: string; id: string; data: any; deleted: boolean };

const DAY = 86_400_000;
const strong = (kind: string, value: string) => ({ kind, value, key: `${kind}:${value}`, strength: 'strong', firstSeen: 1, source: { tool: 'zendesk' } });
const customer = (id: string, ...identifiers: object[]) => ({ table: 'customers', id, data: { id, createdAt: 1, identifiers } });
const event = (id: string, customerId: string, at: number, summary = 'Colis non reçu', identifierKey?: string) => ({
  table: 'events',
  id,
  data: { id, type: 'message', at, tool: 'zendesk', channel: 'email', subject: { customerId, ...(identifierKey ? { identifierKey } : {}) }, summary },
});

async function pullAll(client: Client): Promise<Change[]> {
  const changes: Change[] = [];
  for (let cursor = 0; ; ) {
    const page = (await client.get(`/v1/sync/pull?cursor=${cursor}&limit=1000`)).body;
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.more) return changes;
  }
}

/** The last state of each record, as an agent replaying every pull would hold it. */
function replay(changes: Change[]) {
  const state = new Map<string, Change>();
  for (const c of changes) state.set(`${c.table}/${c.id}`, c);
  return state;
}

describe.each(BACKENDS)('personal data on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let team: TestTeam;
  let other: TestTeam;

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Privacy team');
    ({ db, team } = fixture);
    other = await createTestTeam(db, fixture.hub.url, 'Other team');
    const now = Date.now();
    // Marie (two customers merged into one person), Paul (someone else), and a look-alike Marie in another team.
    const pushed = await team.agent.push([
      customer('marie-1', strong('email', 'marie@orange.fr')),
      customer('marie-2', strong('phone', '+33612345678')),
      customer('paul', strong('email', 'paul@free.fr')),
      { table: 'merges', id: 'm1', data: { id: 'm1', survivorId: 'marie-1', absorbedId: 'marie-2', at: 2, actor: 'a', reason: 'same person', automatic: false, survivorKeys: [], absorbedKeys: [], clashes: [] } },
      { table: 'splits', id: 's1', data: { id: 's1', customerId: 'marie-1', newCustomerId: 'split-x', moved: [{ key: 'email:old@x.fr', from: 'marie-1' }], at: 3, actor: 'a', reason: 'r' } },
      { table: 'dismissed', id: 'marie-1|paul', data: { pair: 'marie-1|paul', at: 4, actor: 'a', reason: 'different' } },
      event('e-marie-1', 'marie-1', now - DAY),
      event('e-marie-2', 'marie-2', now - 2 * DAY, 'Rappel demandé', 'phone:+33612345678'),
      event('e-paul', 'paul', now - DAY, 'Facture'),
      { table: 'notes', id: 'n1', data: { id: 'n1', customerId: 'marie-2', text: 'Préfère être appelée le matin' } },
      { table: 'conversations', id: 'zendesk:1', data: { key: 'zendesk:1', customerId: 'marie-1', pageUrl: 'https://x.zendesk.com/1', lastSeenAt: 5 } },
      { table: 'feedback', id: 'f1', data: { id: 'f1', kind: 'suggestion-inserted', at: 6, customerId: 'marie-1' } },
      { table: 'feedback', id: 'f2', data: { id: 'f2', kind: 'suggestion-inserted', at: 6, customerId: 'paul' } },
    ]);
    expect(pushed.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
    await other.agent.push([customer('marie-other', strong('email', 'marie@orange.fr')), event('e-other', 'marie-other', now - DAY)]);
  });
  afterAll(() => fixture?.close());

  it('exports everything about one person, by any of their keys, and only from the caller\'s team', async () => {
    expect((await team.agent.get('/v1/customers/export?key=email:marie@orange.fr')).status).toBe(403);
    const res = await team.lead.get('/v1/customers/export?key=' + encodeURIComponent('email:Marie@Orange.fr'));
    expect(res.status).toBe(200);
    const ids = (table: string) => res.body.records[table].map((r: { id: string }) => r.id).sort();
    expect(res.body.customerIds.sort()).toEqual(['marie-1', 'marie-2']);
    expect(ids('customers')).toEqual(['marie-1', 'marie-2']);
    expect(ids('events')).toEqual(['e-marie-1', 'e-marie-2']);
    expect(ids('merges')).toEqual(['m1']);
    expect(ids('splits')).toEqual(['s1']);
    expect(ids('dismissed')).toEqual(['marie-1|paul']);
    expect(ids('notes')).toEqual(['n1']);
    expect(ids('conversations')).toEqual(['zendesk:1']);
    expect(ids('feedback')).toEqual(['f1']);
    expect(res.body.records.events[1].data.summary).toBe('Rappel demandé');
    expect(JSON.stringify(res.body)).not.toContain('marie-other');
    // The phone key finds the same person.
    const byPhone = await team.lead.get('/v1/customers/export?key=' + encodeURIComponent('phone:+33612345678'));
    expect(byPhone.body.customerIds.sort()).toEqual(['marie-1', 'marie-2']);
    // Another team's lead sees only their own Marie.
    const theirs = await other.admin.get('/v1/customers/export?key=email:marie@orange.fr');
    expect(theirs.body.customerIds).toEqual(['marie-other']);
    expect(theirs.body.records.events.map((e: { id: string }) => e.id)).toEqual(['e-other']);
    expect((await team.lead.get('/v1/customers/export?key=email:nobody@x.fr')).status).toBe(404);
    expect((await team.lead.get('/v1/customers/export?key=not-a-key')).status).toBe(400);
  });

  it('cannot erase another team\'s customer', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM records WHERE team_id = $1 AND NOT deleted', [team.id]);
    const res = await other.admin.post('/v1/customers/erase', { key: 'email:paul@free.fr' });
    expect(res.status).toBe(404);
    expect(await db.query('SELECT count(*)::int AS n FROM records WHERE team_id = $1 AND NOT deleted', [team.id])).toEqual(before);
    expect((await team.agent.post('/v1/customers/erase', { key: 'email:paul@free.fr' })).status).toBe(403);
  });

  it('erases one person: no data left on the hub, tombstones that a pull returns, an audit entry without the data', async () => {
    const agentBefore = await pullAll(team.agent);
    const cursor = agentBefore.at(-1)!.seq;
    // The metric facts have folded Marie's merge in: their identity map names her.
    await catchUp(db, team.id);
    const aliases = () => db.query<{ alias: string; customer_id: string }>('SELECT alias, customer_id FROM metric_aliases WHERE team_id = $1', [team.id]);
    expect(JSON.stringify(await aliases())).toContain('marie-2');
    const res = await team.lead.post('/v1/customers/erase', { key: 'email:marie@orange.fr' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'email:marie@orange.fr', customers: 2, records: 10 });

    const erased = ['customers/marie-1', 'customers/marie-2', 'merges/m1', 'splits/s1', 'dismissed/marie-1|paul', 'events/e-marie-1', 'events/e-marie-2', 'notes/n1', 'conversations/zendesk:1', 'feedback/f1'];
    const after = (await team.agent.get(`/v1/sync/pull?cursor=${cursor}&limit=1000`)).body.changes as Change[];
    expect(after.map((c) => `${c.table}/${c.id}`).sort()).toEqual([...erased].sort());
    expect(after.every((c) => c.deleted && c.data === null)).toBe(true);

    // An agent replaying from scratch ends with Paul only.
    const state = replay(await pullAll(team.agent));
    const live = [...state.values()].filter((c) => !c.deleted).map((c) => `${c.table}/${c.id}`).sort();
    expect(live).toEqual(['customers/paul', 'events/e-paul', 'feedback/f2']);

    // Nothing about Marie remains in the hub's rows of this team.
    const rows = await db.query<{ data: unknown }>('SELECT data FROM records WHERE team_id = $1', [team.id]);
    const dump = JSON.stringify(rows);
    for (const trace of ['marie@orange.fr', '+33612345678', 'Rappel demandé', 'Préfère', 'marie-2']) expect(dump).not.toContain(trace);
    expect(await db.query('SELECT key FROM identifier_owners WHERE team_id = $1 ORDER BY key', [team.id])).toEqual([{ key: 'email:paul@free.fr' }]);
    for (const trace of ['marie-1', 'marie-2', 'marie@orange.fr', '+33612345678']) expect(JSON.stringify(await aliases())).not.toContain(trace);

    // The audit log names the key by its digest only (it outlives the erasure); export and erase alike.
    const [entry] = await db.query<{ member_id: string; target: string; detail: any }>("SELECT member_id, target, detail FROM audit WHERE team_id = $1 AND action = 'customer.erase'", [team.id]);
    expect(entry).toMatchObject({ member_id: team.leadId, target: keyDigest(team.id, 'email:marie@orange.fr'), detail: { records: 10 } });
    expect(entry!.target).toMatch(/^sha256:[0-9a-f]{64}$/);
    const auditDump = JSON.stringify(await db.query('SELECT * FROM audit WHERE team_id = $1', [team.id]));
    for (const trace of ['marie@orange.fr', '+33612345678', 'Rappel demandé']) expect(auditDump).not.toContain(trace);
    // What the hub remembers of the erasure: the two customer ids, nothing else about them.
    const remembered = await db.query<{ customer_id: string; erasure_id: string }>('SELECT customer_id, erasure_id FROM erased_customers WHERE team_id = $1 ORDER BY customer_id', [team.id]);
    expect(remembered).toEqual([
      { customer_id: 'marie-1', erasure_id: entry!.detail.erasure },
      { customer_id: 'marie-2', erasure_id: entry!.detail.erasure },
    ]);

    // The other team's Marie is untouched; a second erase finds nobody.
    expect((await other.admin.get('/v1/customers/export?key=email:marie@orange.fr')).body.customerIds).toEqual(['marie-other']);
    expect((await team.lead.post('/v1/customers/erase', { key: 'email:marie@orange.fr' })).status).toBe(404);
  });

  it('refuses, op by op, what an agent offline during the erasure pushes about that person; other customers still sync', async () => {
    const cursor = (await pullAll(team.agent)).at(-1)!.seq;
    const now = Date.now();
    const aboutMarie = [
      customer('marie-1', strong('email', 'marie@orange.fr'), strong('phone', '+33699999999')),
      { table: 'notes', id: 'n2', data: { id: 'n2', customerId: 'marie-2', text: 'Rappeler lundi' } },
      { table: 'conversations', id: 'zendesk:2', data: { key: 'zendesk:2', customerId: 'marie-1', pageUrl: 'https://x.zendesk.com/2', lastSeenAt: 7 } },
      event('e-marie-3', 'marie-2', now, 'Nouvelle réclamation'),
      // The erased event itself, replayed.
      event('e-marie-1', 'marie-1', now - DAY),
      { table: 'merges', id: 'm2', data: { id: 'm2', survivorId: 'paul', absorbedId: 'marie-1', at: 8, actor: 'a', reason: 'same person', automatic: false, survivorKeys: [], absorbedKeys: [], clashes: [] } },
      { table: 'dismissed', id: 'paul|marie-2', data: { pair: 'paul|marie-2', at: 8, actor: 'a', reason: 'different' } },
      { table: 'feedback', id: 'f3', data: { id: 'f3', kind: 'suggestion-inserted', at: 8, customerId: 'marie-1' } },
    ];
    const res = await team.agent.push([
      ...aboutMarie,
      customer('zoe', strong('email', 'zoe@free.fr')),
      event('e-zoe', 'zoe', now, 'Bonjour'),
      // A tombstone of an erased record brings nothing back: it passes.
      { table: 'notes', id: 'n1', deleted: true },
    ]);
    expect(res.status).toBe(200);
    const results = res.body.results as Array<{ status: string; code?: string; customerIds?: string[]; message?: string }>;
    for (const result of results.slice(0, aboutMarie.length)) {
      // Every customer of the erasure, so the browser drops the whole person (merged customers too).
      expect(result).toMatchObject({ status: 'rejected', code: 'E_ERASED', customerIds: ['marie-1', 'marie-2'] });
    }
    expect(results.slice(aboutMarie.length).map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);

    // Nothing of it stored: agents pull only Zoé, her event and the tombstone.
    const after = (await team.agent.get(`/v1/sync/pull?cursor=${cursor}&limit=1000`)).body.changes as Change[];
    expect(after.map((c) => `${c.table}/${c.id}`)).toEqual(['customers/zoe', 'events/e-zoe', 'notes/n1']);
    const dump = JSON.stringify(await db.query('SELECT * FROM records WHERE team_id = $1', [team.id]));
    for (const trace of ['marie@orange.fr', '+33699999999', 'Rappeler lundi', 'Nouvelle réclamation', 'e-marie-3', '"m2"', 'paul|marie-2']) expect(dump).not.toContain(trace);
    expect((await team.lead.get('/v1/customers/export?key=email:marie@orange.fr')).status).toBe(404);
    expect((await team.lead.get('/v1/customers/export?key=' + encodeURIComponent('phone:+33699999999'))).status).toBe(404);
    expect((await team.lead.get('/v1/customers/export?key=email:zoe@free.fr')).body.customerIds).toEqual(['zoe']);
    // A refused op id is not recorded: sent again, it is refused again.
    const again = await team.agent.request('POST', '/v1/sync/push', { ops: [{ opId: res.body.results[0].opId, ...aboutMarie[0] }] });
    expect(again.body.results[0]).toMatchObject({ status: 'rejected', code: 'E_ERASED' });

    // The erasure is this team's: another team may hold a customer with the same id.
    expect((await other.agent.push([customer('marie-1', strong('email', 'm@other.fr'))])).body.results[0].status).toBe('applied');

    // Marie writing to the team again later is a new customer (a new id): the erasure is not a ban list.
    const back = await team.agent.push([customer('marie-again', strong('email', 'marie@orange.fr'))]);
    expect(back.body.results[0].status).toBe('applied');
    expect((await team.lead.get('/v1/customers/export?key=email:marie@orange.fr')).body.customerIds).toEqual(['marie-again']);
  });

  it('retention purges only events older than the team\'s period, and audits the count', async () => {
    expect((await team.lead.request('PUT', '/v1/team/retention', { months: 12 })).status).toBe(403);
    expect((await team.admin.request('PUT', '/v1/team/retention', { months: 0 })).status).toBe(400);
    const now = Date.now();
    await team.agent.push([
      customer('old-timer', strong('email', 'old@free.fr')),
      event('e-old', 'old-timer', now - 400 * DAY),
      event('e-older', 'old-timer', now - 900 * DAY),
      event('e-recent', 'old-timer', now - 300 * DAY),
    ]);
    await other.agent.push([event('e-other-old', 'marie-other', now - 900 * DAY)]);
    // No period set: nothing is purged.
    expect((await team.admin.post('/v1/team/retention/purge')).body.events).toBe(0);

    expect((await team.admin.request('PUT', '/v1/team/retention', { months: 12 })).status).toBe(200);
    expect((await team.lead.get('/v1/team/retention')).body).toEqual({ months: 12 });
    const cursor = (await pullAll(team.agent)).at(-1)!.seq;
    // The scheduled job (all teams): only this team has a period.
    const results = await purgeAll(db, 'continuum_hub');
    expect(results.map((r) => [r.teamId, r.events])).toEqual([[team.id, 2]]);

    const after = (await team.agent.get(`/v1/sync/pull?cursor=${cursor}&limit=1000`)).body.changes as Change[];
    expect(after.map((c) => [c.id, c.deleted]).sort()).toEqual([['e-old', true], ['e-older', true]]);
    const events = await db.query<{ id: string; deleted: boolean }>("SELECT id, deleted FROM records WHERE team_id = $1 AND table_name = 'events' AND NOT deleted ORDER BY id", [team.id]);
    expect(events.map((e) => e.id)).toEqual(['e-paul', 'e-recent', 'e-zoe']);
    expect(await db.query("SELECT id FROM records WHERE team_id = $1 AND id = 'e-other-old' AND NOT deleted", [other.id])).toHaveLength(1);
    const [audit] = await db.query<{ detail: any }>("SELECT detail FROM audit WHERE team_id = $1 AND action = 'retention.purge' ORDER BY at DESC, id DESC LIMIT 1", [team.id]);
    expect(audit!.detail).toMatchObject({ months: 12, events: 2 });
    // Running it again finds nothing more.
    expect((await team.admin.post('/v1/team/retention/purge')).body.events).toBe(0);
  });
});
