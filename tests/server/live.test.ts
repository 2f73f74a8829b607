import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { BACKENDS, type Backend, createBackend } from './support/backends.ts';
import { type TestTeam, createTestTeam, startTestHub } from './support/hub.ts';
import { SseReader } from './support/sse.ts';

const killSwitch = (reason: string) => ({ disabled: true, reason });

describe.each(BACKENDS)('live channel on %s', (kind) => {
  let backend: Backend;
  let db: Database;
  let one: RunningHub;
  let two: RunningHub;
  let team: TestTeam;
  const readers: SseReader[] = [];
  const open = async (url: string, headers?: Record<string, string>) => {
    const reader = await SseReader.open(url, headers);
    readers.push(reader);
    return reader;
  };
  const live = (hub: RunningHub, token: string, query = '') => open(`${hub.url}/v1/live?token=${encodeURIComponent(token)}${query}`);

  beforeAll(async () => {
    backend = await createBackend(kind);
    db = await backend.open();
    // Two instances on one database (PostgreSQL: two pools, fan-out through LISTEN/NOTIFY). A short
    // ping interval lets the revocation test see the re-check; the safety poll is set long so only
    // NOTIFY can deliver within the test's second.
    one = await startTestHub(db, { pingMs: 300, pollMs: 60_000 });
    two = await startTestHub(await backend.open(), { pingMs: 300, pollMs: 60_000 });
    team = await createTestTeam(db, one.url, 'Live team');
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await one?.close();
    await two?.close();
    await backend?.dispose();
  });

  it('delivers a promotion published on instance 1 to a client of instance 2 within a second', async () => {
    const reader = await live(two, team.agent.token!, '&cursor=0');
    await reader.until((r) => r.events.some((e) => e.event === 'ping'));
    const started = performance.now();
    const res = await team.lead.push([{ table: 'kill-switches', id: 'zendesk', data: killSwitch('broken') }]);
    expect(res.body.results[0].status).toBe('applied');
    await reader.until((r) => r.changes().some((c) => c.id === 'zendesk'), 1_000);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1_000);
    const [change] = reader.changes();
    expect(change).toMatchObject({ table: 'kill-switches', id: 'zendesk', data: killSwitch('broken'), deleted: false, seq: res.body.cursor });
    expect(reader.events.find((e) => e.event === 'change')!.id).toBe(String(res.body.cursor));
  });

  it('resumes from a cursor or Last-Event-ID with nothing missed and nothing repeated', async () => {
    const first = await live(one, team.agent.token!, '&cursor=0');
    for (let i = 0; i < 5; i++) await team.agent.push([{ table: 'notes', id: `n-${i}`, data: { i } }]);
    await first.until((r) => r.changes().some((c) => c.id === 'n-4'));
    const seqs = first.changes().filter((c) => c.table === 'notes').map((c) => c.seq);
    const cut = seqs[2]!;
    first.close();
    // Written while the client was away.
    await team.agent.push([{ table: 'notes', id: 'n-away', data: {} }]);
    for (const reader of [
      await live(two, team.agent.token!, `&cursor=${cut}`),
      await open(`${one.url}/v1/live`, { authorization: `Bearer ${team.agent.token}`, 'last-event-id': String(cut) }),
    ]) {
      await reader.until((r) => r.changes().some((c) => c.id === 'n-away'));
      const got = reader.changes();
      expect(got[0]!.seq).toBe(seqs[3]);
      expect(got.map((c) => c.id)).toEqual(['n-3', 'n-4', 'n-away']);
      reader.close();
    }
  });

  it('keeps order and completeness while changes arrive during the catch-up', async () => {
    const writes = Array.from({ length: 40 }, (_, i) => team.agent.push([{ table: 'customers', id: `burst-${i}`, data: { i } }]));
    const reader = await live(two, team.agent.token!, '&cursor=0');
    await Promise.all(writes);
    const [head] = await db.query<{ last_seq: number }>('SELECT last_seq FROM teams WHERE id = $1', [team.id]);
    await reader.until((r) => r.changes().at(-1)?.seq === Number(head!.last_seq));
    const seqs = reader.changes().map((c) => c.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(reader.changes().filter((c) => c.id.startsWith('burst-'))).toHaveLength(40);
  });

  it('accepts a short-lived ticket instead of the token, and not once it has expired', async () => {
    const ticket = (await team.agent.post('/v1/live/ticket')).body;
    const reader = await open(`${one.url}/v1/live?cursor=0&ticket=${encodeURIComponent(ticket.ticket)}`);
    expect(reader.status).toBe(200);
    await reader.until((r) => r.changes().length > 0);
    reader.close();
    await db.query("UPDATE live_tickets SET expires_at = now() - interval '1 second' WHERE team_id = $1", [team.id]);
    const late = await open(`${one.url}/v1/live?cursor=0&ticket=${encodeURIComponent(ticket.ticket)}`);
    expect(late.status).toBe(401);
    expect((late.error as { error: { code: string } }).error.code).toBe('E_UNAUTHORIZED');
  });

  it('sends pings and cuts off a revoked member', async () => {
    const invite = (await team.lead.post('/v1/invites', { role: 'agent' })).body;
    const paired = (await team.agent.as(undefined).post('/v1/pair', { inviteCode: invite.code, deviceName: 'Leaving' })).body;
    const reader = await live(two, paired.token, '&cursor=0');
    await reader.until((r) => r.events.filter((e) => e.event === 'ping').length >= 2);
    await team.lead.post(`/v1/members/${paired.member.id}/revoke`);
    await reader.until((r) => r.ended, 3_000);
    expect(reader.events.at(-1)).toMatchObject({ event: 'error' });
    expect(JSON.parse(reader.events.at(-1)!.data).error.code).toBe('E_UNAUTHORIZED');
  });

  it('refuses a live request without a token, and a cursor from the future', async () => {
    expect((await open(`${one.url}/v1/live?cursor=0`)).status).toBe(401);
    const ahead = await live(one, team.agent.token!, '&cursor=999999');
    expect(ahead.status).toBe(409);
  });

  it('lets go of the connections of clients that left', async () => {
    for (const reader of readers) reader.close();
    const open = () => one.hub.fanout.connections + two.hub.fanout.connections;
    const deadline = Date.now() + 2_000;
    while (open() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(open()).toBe(0);
  });

  it('tells tombstones to live clients', async () => {
    const reader = await live(one, team.agent.token!, '');
    await team.agent.push([{ table: 'customers', id: 'to-erase', data: { name: 'x' } }]);
    await team.agent.push([{ table: 'customers', id: 'to-erase', deleted: true }]);
    await reader.until((r) => r.changes().some((c) => c.id === 'to-erase' && c.deleted));
    expect(reader.changes().find((c) => c.id === 'to-erase' && c.deleted)!.data).toBeNull();
  });
});
