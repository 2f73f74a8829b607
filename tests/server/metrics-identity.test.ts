/**
 * Metric facts follow the identity graph: merges and splits pushed by agents' browsers, in any
 * order with the events, give the facts a from-scratch recomputation gives with the final identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  commitmentFacts,
  compareStrings,
  conversationFacts,
  customerIdentity,
  ownerOf,
  type CommitmentFact,
  type ContactFact,
  type MergeLink,
  type SplitMove,
} from '../../src/core/metrics/index.ts';
import type { TimelineEvent } from '../../src/core/timeline/event.ts';
import { catchUp } from '../../server/metrics/facts.ts';
import { restoreNul } from '../../server/metrics/nul-escape.ts';
import { random } from '../../server/metrics/synthetic.ts';
import { BACKENDS } from './support/backends.ts';
import { type Client, type HubFixture, type TestTeam, createTestTeam, hubFixture } from './support/hub.ts';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 1, 2, 9);
const q = (params: Record<string, string | number>) => new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();
const PERIOD = { from: T0 - DAY, to: T0 + 30 * DAY };

async function push(client: Client, ops: Array<Record<string, unknown>>) {
  const res = await client.push(ops);
  expect(res.status).toBe(200);
  expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(ops.map(() => 'applied'));
}

const message = (id: string, customerId: string, at: number, direction: 'inbound' | 'outbound', channel: string, text: string, extra: Record<string, unknown> = {}) =>
  ({ id, type: 'message', direction, subject: { customerId }, at, tool: channel === 'email' ? 'gmail' : channel, channel, conversationKey: `${channel}:${customerId}`, text, ...extra }) as TimelineEvent;

const mergeRecord = (id: string, survivorId: string, absorbedId: string, at: number, undone?: number) => ({
  id,
  survivorId,
  absorbedId,
  at,
  actor: 'agent',
  reason: 'merged by the agent in the sidebar',
  automatic: false,
  survivorKeys: [],
  absorbedKeys: [],
  clashes: [],
  ...(undone === undefined ? {} : { undone: { at: undone, actor: 'agent', reason: 'merge undone' } }),
});

const splitRecord = (id: string, customerId: string, newCustomerId: string, keys: string[], at: number, undone?: number) => ({
  id,
  customerId,
  newCustomerId,
  moved: keys.map((key) => ({ key, from: customerId })),
  at,
  actor: 'agent',
  reason: 'identifier split off by the agent in the sidebar',
  ...(undone === undefined ? {} : { undone: { at: undone, actor: 'agent', reason: 'split undone' } }),
});

type IdentityOp = { table: 'merges' | 'splits'; id: string; data?: Record<string, any>; deleted?: boolean };

/** What a recomputation from every event gives with the identity of the final records. */
function fromScratch(events: readonly TimelineEvent[], finalRecords: Map<string, IdentityOp>) {
  const merges: MergeLink[] = [];
  const splits: SplitMove[] = [];
  for (const op of finalRecords.values()) {
    if (op.deleted || op.data!.undone) continue;
    if (op.table === 'merges') merges.push(op.data as MergeLink);
    else splits.push({ id: op.id, newCustomerId: op.data!.newCustomerId, keys: op.data!.moved.map((m: { key: string }) => m.key), at: op.data!.at });
  }
  const customerOf = ownerOf(customerIdentity(merges, splits));
  const contacts = conversationFacts(events, { customerOf });
  const owners = new Map<string, TimelineEvent[]>();
  for (const e of events) if (e.type === 'commitment' || e.type === 'commitment-update') owners.set(customerOf(e), [...(owners.get(customerOf(e)) ?? []), e]);
  const commitments = [...owners].flatMap(([customerId, own]) => commitmentFacts(own, { customerOf }).map((fact) => ({ customerId, fact })));
  return { contacts, commitments };
}

const json = <T,>(value: T): T => JSON.parse(JSON.stringify(value));
const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);

describe.each(BACKENDS)('metric facts follow merges and splits on %s', (kind) => {
  let fixture: HubFixture;

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Identity team');
  });
  afterAll(() => fixture?.close());

  /** The team's facts as stored, in the shapes the core returns. */
  async function storedFacts(teamId: string) {
    await catchUp(fixture.db, teamId);
    const contacts = await fixture.db.query<{ customer_id: string; fact: ContactFact }>('SELECT customer_id, fact FROM metric_contacts WHERE team_id = $1', [teamId]);
    const inbound = await fixture.db.query<{ n: number }>('SELECT count(*)::int AS n FROM metric_inbound WHERE team_id = $1', [teamId]);
    const commitments = await fixture.db.query<{ customer_id: string; fact: CommitmentFact }>('SELECT customer_id, fact FROM metric_commitments WHERE team_id = $1', [teamId]);
    for (const row of contacts) expect(restoreNul(row.customer_id)).toBe(restoreNul(row.fact).customerId);
    return {
      contacts: contacts.map((r) => restoreNul(r.fact)).sort(byId),
      inbound: inbound[0]!.n,
      commitments: commitments.map((r) => ({ customerId: restoreNul(r.customer_id), fact: restoreNul(r.fact) })).sort((a, b) => compareStrings(a.customerId + a.fact.key, b.customerId + b.fact.key)),
    };
  }

  function expectSame(got: Awaited<ReturnType<typeof storedFacts>>, expected: ReturnType<typeof fromScratch>) {
    expect(got.contacts).toEqual(json([...expected.contacts].sort(byId)));
    expect(got.inbound).toBe(expected.contacts.filter((f) => f.kind === 'contact').reduce((n, f) => n + f.inbound.length, 0));
    expect(got.commitments).toEqual(json([...expected.commitments].sort((a, b) => compareStrings(a.customerId + a.fact.key, b.customerId + b.fact.key))));
  }

  it('an e-mail and a WhatsApp message of one person, merged by an agent: one contact answered on WhatsApp, a repeat contact; undoing the merge gives two back', async () => {
    const team = await createTestTeam(fixture.db, fixture.hub.url, 'Merge team');
    const summary = async () => (await team.lead.get(`/v1/metrics/summary?${q({ ...PERIOD, groupBy: 'channel' })}`)).body.groups;
    const usage = async () => (await team.lead.get(`/v1/metrics/usage?${q(PERIOD)}`)).body.repeatContacts;
    await push(team.agent, [
      message('e1', 'mail-cust', T0, 'inbound', 'email', 'Where is my order 1234?'),
      message('w1', 'wa-cust', T0 + 10 * MIN, 'inbound', 'whatsapp', 'Hello, I wrote by e-mail about order 1234'),
      message('w2', 'wa-cust', T0 + 25 * MIN, 'outbound', 'whatsapp', 'It ships today', { author: 'Alice' }),
    ].map((e) => ({ table: 'events', id: e.id, data: e })));
    expect(await summary()).toEqual([
      { key: 'email', contacts: 1, count: 0, answeredShare: 0, mean: null, median: null, p90: null },
      { key: 'whatsapp', contacts: 1, count: 1, answeredShare: 1, mean: 15 * MIN, median: 15 * MIN, p90: 15 * MIN },
    ]);
    expect(await usage()).toMatchObject({ customers: 2, repeatCustomers: 0 });

    const merge = mergeRecord('m1', 'mail-cust', 'wa-cust', T0 + DAY);
    await push(team.agent, [{ table: 'merges', id: 'm1', data: merge }]);
    expect(await summary()).toEqual([{ key: 'email', contacts: 1, count: 1, answeredShare: 1, mean: 25 * MIN, median: 25 * MIN, p90: 25 * MIN }]);
    expect(await usage()).toMatchObject({ customers: 1, repeatCustomers: 1, byChannels: { 'email+whatsapp': 1 }, customerIds: ['mail-cust'] });

    // A later message read under the merged-away id counts for the survivor.
    await push(team.agent, [{ table: 'events', id: 'w3', data: message('w3', 'wa-cust', T0 + 2 * DAY, 'inbound', 'whatsapp', 'Thanks, received') }]);
    expect((await summary()).map((g: { key: string; contacts: number }) => [g.key, g.contacts])).toEqual([['email', 1], ['whatsapp', 1]]);
    expect(await usage()).toMatchObject({ customers: 1, customerIds: ['mail-cust'] });

    await push(team.agent, [{ table: 'merges', id: 'm1', data: { ...merge, undone: { at: T0 + 3 * DAY, actor: 'agent', reason: 'not the same person' } } }]);
    expect((await summary()).map((g: { key: string; contacts: number; count: number }) => [g.key, g.contacts, g.count])).toEqual([['email', 1, 0], ['whatsapp', 2, 1]]);
    expect(await usage()).toMatchObject({ customers: 2, repeatCustomers: 0 });
  });

  it('a split moves the events that came through the split identifier to the new customer, and back when undone', async () => {
    const team = await createTestTeam(fixture.db, fixture.hub.url, 'Split team');
    const viaPhone = { subject: { customerId: 'c1', identifierKey: 'phone:+33611111111' } };
    const events = [
      message('a1', 'c1', T0, 'inbound', 'email', 'Question about my invoice', { subject: { customerId: 'c1', identifierKey: 'email:c1@example.com' } }),
      { ...message('a2', 'c1', T0 + 5 * MIN, 'inbound', 'whatsapp', 'Bonjour, un autre sujet'), ...viaPhone } as TimelineEvent,
      { ...message('a3', 'c1', T0 + 30 * MIN, 'outbound', 'whatsapp', 'Voici la réponse', { author: 'Bob' }), ...viaPhone } as TimelineEvent,
    ];
    await push(team.agent, events.map((e) => ({ table: 'events', id: e.id, data: e })));
    const contacts = async () => (await team.lead.get(`/v1/metrics/summary?${q({ ...PERIOD, groupBy: 'channel' })}`)).body.groups.map((g: { key: string; contacts: number; count: number; median: number | null }) => [g.key, g.contacts, g.count, g.median]);
    // One customer: the WhatsApp reply answers the e-mail contact opened first.
    expect(await contacts()).toEqual([['email', 1, 1, 30 * MIN]]);
    const split = splitRecord('s1', 'c1', 'c2', ['phone:+33611111111'], T0 + DAY);
    await push(team.agent, [{ table: 'splits', id: 's1', data: split }]);
    expect(await contacts()).toEqual([['email', 1, 0, null], ['whatsapp', 1, 1, 25 * MIN]]);
    await push(team.agent, [{ table: 'splits', id: 's1', data: { ...split, undone: { at: T0 + 2 * DAY, actor: 'agent', reason: 'undo' } } }]);
    expect(await contacts()).toEqual([['email', 1, 1, 30 * MIN]]);
  });

  it('after the upgrade, merges a hub already held are applied on the next catch-up', async () => {
    const team = await createTestTeam(fixture.db, fixture.hub.url, 'Upgrade team');
    const events = [message('u1', 'old-a', T0, 'inbound', 'email', 'Hello'), message('u2', 'old-b', T0 + 5 * MIN, 'inbound', 'whatsapp', 'Hello again')];
    await push(team.agent, events.map((e) => ({ table: 'events', id: e.id, data: e })));
    await catchUp(fixture.db, team.id);
    // A merge stored before migration 91, already behind the facts cursor.
    await fixture.db.transaction(async (tx) => {
      const [row] = await tx.query<{ seq: string }>('UPDATE teams SET last_seq = last_seq + 1 WHERE id = $1 RETURNING last_seq AS seq', [team.id]);
      await tx.query(`INSERT INTO records (team_id, table_name, id, data, seq) VALUES ($1, 'merges', 'old-m', $2::jsonb, $3)`, [team.id, JSON.stringify(mergeRecord('old-m', 'old-a', 'old-b', T0 + DAY)), Number(row!.seq)]);
      await tx.query('UPDATE metric_cursors SET seq = $2, identity_stale = true WHERE team_id = $1', [team.id, Number(row!.seq)]);
    });
    const finalRecords = new Map<string, IdentityOp>([['old-m', { table: 'merges', id: 'old-m', data: mergeRecord('old-m', 'old-a', 'old-b', T0 + DAY) }]]);
    const got = await storedFacts(team.id);
    expect(got.contacts.map((f) => [f.customerId, f.inboundCount])).toEqual([['old-a', 2]]);
    expectSame(got, fromScratch(events, finalRecords));
  });

  it('random orders of events, merges (chains too), splits, undos and deletions give the facts of a recomputation with the final identity', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const team = await createTestTeam(fixture.db, fixture.hub.url, `Random team ${seed}`);
      const { events, identity } = scenario(seed);
      const finalRecords = new Map<string, IdentityOp>();
      for (const op of identity) finalRecords.set(op.id, op);
      // Each record's versions in order; everything else shuffled, with catch-ups in between.
      const rnd = random(seed * 31);
      const units: Array<Array<Record<string, unknown>>> = [];
      for (let i = 0; i < events.length; i += 4) units.push(events.slice(i, i + 4).map((e) => ({ table: 'events', id: e.id, data: e })));
      for (let i = units.length - 1; i > 0; i--) {
        const j = Math.floor(rnd() * (i + 1));
        [units[i], units[j]] = [units[j]!, units[i]!];
      }
      for (const op of identity) {
        const versions = units.map((u, i) => [u, i] as const).filter(([u]) => u[0]!.id === op.id);
        const after = versions.length ? versions[versions.length - 1]![1] + 1 : 0;
        units.splice(after + Math.floor(rnd() * (units.length - after + 1)), 0, [{ ...op }]);
      }
      for (const unit of units) {
        await push(team.agent, unit);
        if (rnd() < 0.35) await catchUp(fixture.db, team.id);
      }
      expectSame(await storedFacts(team.id), fromScratch(events, finalRecords));
    }
  });

  it('the summary per channel after merges equals the core aggregate with the final identity', async () => {
    const team = await createTestTeam(fixture.db, fixture.hub.url, 'Summary team');
    const { events, identity } = scenario(99);
    await push(team.agent, identity.map((op) => ({ ...op })).slice(0, 5));
    await push(team.agent, events.map((e) => ({ table: 'events', id: e.id, data: e })));
    await push(team.agent, identity.map((op) => ({ ...op })).slice(5));
    const finalRecords = new Map(identity.map((op) => [op.id, op] as const));
    const expected = fromScratch(events, finalRecords);
    expectSame(await storedFacts(team.id), expected);
    const { aggregate, repeatContacts } = await import('../../src/core/metrics/index.ts');
    const res = await team.lead.get(`/v1/metrics/summary?${q({ ...PERIOD, groupBy: 'channel', measure: 'frt' })}`);
    const want = aggregate(expected.contacts, { ...PERIOD, groupBy: 'channel', measure: 'frt' });
    expect(res.body.groups.map((g: { key: string; contacts: number; median: number | null }) => [g.key, g.contacts, g.median])).toEqual(want.map((g) => [g.key, g.contacts, g.median]));
    const usage = await team.lead.get(`/v1/metrics/usage?${q(PERIOD)}`);
    expect(usage.body.repeatContacts).toEqual(repeatContacts(expected.contacts, PERIOD));
  });
});

/**
 * Six customers writing on two channels through two identifiers each, some commitments, and a
 * history of identity records: merges (chains, and conflicting directions), splits of one
 * identifier (of merged customers too, and merges of split-off customers), undos and deletions.
 */
function scenario(seed: number): { events: TimelineEvent[]; identity: IdentityOp[] } {
  const rnd = random(seed);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const customers = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5'];
  const keysOf = (c: string) => [`email:${c}@example.com`, `phone:${c}`];
  const texts = ['Where is my order?', 'Any news?', 'Thanks!', 'Can I change the address?', 'Hello'];
  const events: TimelineEvent[] = [];
  for (let i = 0; i < 48; i++) {
    const customerId = pick(customers);
    const channel = pick(['email', 'whatsapp']);
    const key = rnd() < 0.8 ? keysOf(customerId)[channel === 'email' ? 0 : 1] : undefined;
    const subject = key ? { customerId, identifierKey: key } : { customerId };
    const at = T0 + Math.floor(rnd() * 6 * DAY);
    if (rnd() < 0.1) {
      events.push({ id: `p${seed}-${i}`, type: 'commitment', subject, at, tool: 'gmail', channel, text: `Call back about ${pick(texts)}`, dueAt: at + DAY, status: 'open' } as TimelineEvent);
      continue;
    }
    const direction = rnd() < 0.55 ? 'inbound' : 'outbound';
    events.push({
      id: `e${seed}-${i}`,
      type: 'message',
      direction,
      subject,
      at,
      tool: channel === 'email' ? 'gmail' : 'whatsapp',
      channel,
      conversationKey: `${channel}:${customerId}:${Math.floor(rnd() * 2)}`,
      text: pick(texts),
      ...(direction === 'outbound' ? { author: pick(['Alice', 'Bob']) } : {}),
    } as TimelineEvent);
    // Another browser's reading of the same message a minute later.
    if (rnd() < 0.15) events.push({ ...events[events.length - 1]!, id: `r${seed}-${i}`, at: at + MIN } as TimelineEvent);
  }
  for (const commitment of events.filter((e) => e.type === 'commitment')) {
    if (rnd() < 0.5) events.push({ id: `u-${commitment.id}`, type: 'commitment-update', subject: commitment.subject, at: commitment.at + 3_600_000, tool: 'gmail', channel: commitment.channel, commitmentId: commitment.id, status: 'done' } as TimelineEvent);
  }
  const identity: IdentityOp[] = [];
  const everyone = [...customers, 'n0', 'n1', 'n2'];
  for (let i = 0; i < 7; i++) {
    const at = T0 + DAY + i * 3_600_000 + Math.floor(rnd() * 3_600_000);
    const [survivorId, absorbedId] = [pick(everyone), pick(everyone)];
    if (survivorId === absorbedId) continue;
    const id = `m${seed}-${i}`;
    identity.push({ table: 'merges', id, data: mergeRecord(id, survivorId, absorbedId, at) });
    const fate = rnd();
    if (fate < 0.2) identity.push({ table: 'merges', id, data: mergeRecord(id, survivorId, absorbedId, at, at + DAY) });
    else if (fate < 0.3) identity.push({ table: 'merges', id, deleted: true });
  }
  for (let i = 0; i < 3; i++) {
    const from = pick(customers);
    const id = `s${seed}-${i}`;
    const at = T0 + DAY + Math.floor(rnd() * 8 * 3_600_000);
    const data = splitRecord(id, from, `n${i}`, [keysOf(from)[Math.floor(rnd() * 2)]!], at);
    identity.push({ table: 'splits', id, data });
    if (rnd() < 0.25) identity.push({ table: 'splits', id, data: splitRecord(id, from, `n${i}`, data.moved.map((m) => m.key), at, at + DAY) });
  }
  return { events, identity };
}
