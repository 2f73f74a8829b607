import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { BACKENDS } from './support/backends.ts';
import { Client, type HubFixture, type TestTeam, createTestTeam, hubFixture, startTestHub } from './support/hub.ts';

type Change = { seq: number; table: string; id: string; data: any; deleted: boolean; by?: string; at: string };

/** Pulls everything after `cursor`, page by page, as a client would. */
async function pullAll(client: Client, cursor = 0, limit = 1000) {
  const changes: Change[] = [];
  for (;;) {
    const res = await client.get(`/v1/sync/pull?cursor=${cursor}&limit=${limit}`);
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    changes.push(...res.body.changes);
    cursor = res.body.cursor;
    if (!res.body.more) return { changes, cursor };
  }
}

const brandGuide = { version: 3, voice: 'Chaleureux', updatedAt: 1 };

describe.each(BACKENDS)('sync on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let hub: RunningHub;
  let team: TestTeam;

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Sync team');
    ({ db, hub, team } = fixture);
  });
  afterAll(() => fixture?.close());

  it('applies ops, and a replayed op is a duplicate that changes nothing', async () => {
    const ops = [
      { opId: uuidv7(), table: 'customers', id: 'c-1', data: { name: 'Jules' } },
      { opId: uuidv7(), table: 'notes', id: 'n-1', data: { text: 'Rappeler vendredi' } },
    ];
    const first = await team.agent.post('/v1/sync/push', { ops });
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual(ops.map((op) => ({ opId: op.opId, status: 'applied' })));
    const before = await pullAll(team.lead);
    // The answer was lost: the client sends the same batch again, and once more with the ops inside a bigger batch.
    const replay = await team.agent.post('/v1/sync/push', { ops });
    expect(replay.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
    const mixed = await team.agent.post('/v1/sync/push', { ops: [...ops, { ...ops[0], opId: uuidv7(), data: { name: 'Jules W.' } }] });
    expect(mixed.body.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate', 'applied']);
    const after = await pullAll(team.lead);
    expect(after.changes.filter((c) => c.id === 'n-1')).toEqual(before.changes.filter((c) => c.id === 'n-1'));
    expect(after.changes.find((c) => c.id === 'c-1')!.data).toEqual({ name: 'Jules W.' });
    const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM applied_ops WHERE team_id = $1', [team.id]);
    expect(count!.n).toBe(3);
  });

  it('a batch with the same op twice applies it once', async () => {
    const op = { opId: uuidv7(), table: 'customers', id: 'c-twice', data: { n: 1 } };
    const res = await team.agent.post('/v1/sync/push', { ops: [op, op] });
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'duplicate']);
  });

  it('within one batch the last write of a record wins and an event keeps its first write', async () => {
    const { cursor } = await pullAll(team.lead);
    const res = await team.agent.push([
      { table: 'customers', id: 'c-batch', data: { v: 1 } },
      { table: 'events', id: 'e-batch', data: { kind: 'first' } },
      { table: 'customers', id: 'c-batch', data: { v: 2 } },
      { table: 'events', id: 'e-batch', data: { kind: 'second' } },
      { table: 'customers', id: 'c-batch', deleted: true },
      { table: 'customers', id: 'c-batch', data: { v: 3 } },
    ]);
    expect(res.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied', 'applied', 'duplicate', 'applied', 'applied']);
    // Five writes took five sequence numbers; the pull shows each record once, at its last write.
    expect(res.body.cursor).toBe(cursor + 5);
    const { changes } = await pullAll(team.lead, cursor);
    expect(changes.map((c) => [c.id, c.seq, c.data])).toEqual([
      ['e-batch', cursor + 2, { kind: 'first' }],
      ['c-batch', cursor + 5, { v: 3 }],
    ]);
  });

  it('deletions are tombstones with null data that every puller receives', async () => {
    await team.agent.push([{ table: 'customers', id: 'c-gone', data: { name: 'Temp' } }]);
    const { cursor } = await pullAll(team.lead);
    const del = await team.agent.push([{ table: 'customers', id: 'c-gone', deleted: true, data: { ignored: true } }]);
    expect(del.body.results[0].status).toBe('applied');
    const { changes } = await pullAll(team.lead, cursor);
    expect(changes).toEqual([{ seq: cursor + 1, table: 'customers', id: 'c-gone', data: null, deleted: true, by: team.agentId, at: expect.any(String) }]);
  });

  it('events are append-only: the first write wins and deletes are rejected', async () => {
    const first = await team.agent.push([{ table: 'events', id: 'e-1', data: { kind: 'call', at: 1 } }]);
    expect(first.body.results[0].status).toBe('applied');
    const second = await team.lead.push([{ table: 'events', id: 'e-1', data: { kind: 'forged', at: 2 } }]);
    expect(second.body.results[0]).toMatchObject({ status: 'duplicate', code: 'E_APPEND_ONLY' });
    const del = await team.admin.push([{ table: 'events', id: 'e-1', deleted: true }]);
    expect(del.body.results[0]).toMatchObject({ status: 'rejected', code: 'E_APPEND_ONLY' });
    const event = (await pullAll(team.agent)).changes.filter((c) => c.id === 'e-1');
    expect(event).toHaveLength(1);
    expect(event[0]!.data).toEqual({ kind: 'call', at: 1 });
  });

  it('only leads and admins publish hub-owned tables, and what they publish must fit the shared model', async () => {
    const tables = ['brand-guide', 'templates', 'promotions', 'adapters', 'kill-switches'];
    const agent = await team.agent.push(tables.map((table) => ({ table, id: 'current', data: {} })));
    expect(agent.body.results.map((r: { code: string }) => r.code)).toEqual(tables.map(() => 'E_FORBIDDEN_TABLE'));

    const lead = await team.lead.push([
      { table: 'brand-guide', id: 'current', data: brandGuide },
      { table: 'brand-guide', id: 'other', data: brandGuide },
      { table: 'kill-switches', id: 'zendesk', data: { disabled: true, reason: 'New markup' } },
      { table: 'kill-switches', id: 'front', data: { disabled: 'yes' } },
      { table: 'templates', id: 't-1', data: { id: 't-2', title: 'x', variants: [{ language: 'fr', body: 'Bonjour' }], updatedAt: 1 } },
      { table: 'adapters', id: 'acme', data: { fields: {} } },
    ]);
    expect(lead.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'rejected', 'applied', 'rejected', 'rejected', 'rejected']);
    const stored = (await pullAll(team.agent)).changes;
    // Normalised by the shared model (defaults filled in), as every agent will read it.
    expect(stored.find((c) => c.table === 'brand-guide')!.data).toMatchObject({ ...brandGuide, formality: 'vous', bannedTerms: [] });
    expect(stored.find((c) => c.table === 'kill-switches')!.data).toEqual({ disabled: true, reason: 'New markup' });
    const audit = await team.admin.get('/v1/audit');
    expect(audit.body.entries).toContainEqual(expect.objectContaining({ action: 'publish', target: 'brand-guide/current', member: team.leadId }));
  });

  it('rejects a bad op with a code and applies the others in the batch', async () => {
    const res = await team.agent.push([
      { table: 'customers', id: 'ok-1', data: { a: 1 } },
      { table: 'unknown', id: 'x', data: {} },
      { table: 'customers', id: 'no-data' },
      { table: 'customers', id: 'nul', data: { text: 'a\u0000b' } },
      { table: 'customers', id: 'big', data: { text: 'x'.repeat(300_000) } },
      { table: 'customers', id: 'ok-2', data: { a: 2 } },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { status: string; code?: string }) => r.code ?? r.status)).toEqual([
      'applied',
      'E_UNKNOWN_TABLE',
      'E_VALIDATION',
      'E_VALIDATION',
      'E_TOO_LARGE',
      'applied',
    ]);
    const ids = (await pullAll(team.agent)).changes.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['ok-1', 'ok-2']));
    expect(ids).not.toEqual(expect.arrayContaining(['no-data']));
    expect(ids.filter((id) => ['x', 'no-data', 'nul', 'big'].includes(id))).toEqual([]);
  });

  it('pages a pull with a cursor, and refuses a cursor from the future', async () => {
    const all = await pullAll(team.agent, 0, 1000);
    const paged = await pullAll(team.agent, 0, 2);
    expect(paged.changes).toEqual(all.changes);
    expect(paged.cursor).toBe(all.cursor);
    const seqs = all.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    const ahead = await team.agent.get(`/v1/sync/pull?cursor=${all.cursor + 1000}`);
    expect(ahead.status).toBe(409);
    expect(ahead.body.error.code).toBe('E_CURSOR_AHEAD');
  });

  it('assigns a gapless per-team sequence under concurrent pushes from two hub instances', async () => {
    const other = await startTestHub(await fixture.backend.open());
    try {
      const fresh = await createTestTeam(db, hub.url, 'Concurrent team');
      const clients = [fresh.agent, fresh.lead, fresh.agent.asUrl(other.url), fresh.lead.asUrl(other.url)];
      const batches = 12;
      const perBatch = 25;
      const total = clients.length * batches * perBatch;
      // A reader pulls continuously while the writers run, and must end with every record.
      let reading = true;
      const seen = new Map<string, number>();
      const reader = (async () => {
        let cursor = 0;
        let deadline = Infinity;
        while (reading || seen.size < total) {
          if (!reading) deadline = Math.min(deadline, Date.now() + 5_000);
          if (Date.now() > deadline) throw new Error(`the reader saw ${seen.size} of ${total} records`);
          const res = await fresh.agent.asUrl(seen.size % 2 ? other.url : hub.url).get(`/v1/sync/pull?cursor=${cursor}&limit=37`);
          for (const change of res.body.changes as Change[]) {
            expect(change.seq).toBeGreaterThan(cursor);
            seen.set(change.id, change.seq);
            cursor = change.seq;
          }
          if (!res.body.changes.length) await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await Promise.all(
        clients.map(async (client, w) => {
          for (let b = 0; b < batches; b++) {
            const res = await client.push(Array.from({ length: perBatch }, (_, i) => ({ table: 'events', id: `w${w}-b${b}-${i}`, data: { w, b, i } })));
            expect(res.body.results.every((r: { status: string }) => r.status === 'applied')).toBe(true);
          }
        }),
      );
      reading = false;
      await reader;
      expect(seen.size).toBe(total);
      const final = await pullAll(fresh.admin);
      expect(final.changes.map((c) => c.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const [team] = await db.query<{ last_seq: number }>('SELECT last_seq FROM teams WHERE id = $1', [fresh.id]);
      expect(Number(team!.last_seq)).toBe(total);
    } finally {
      await other.close();
    }
  });
});
