/**
 * Custom adapters shared through the hub (`adapters` table): checked with the schema the extension
 * reads them with, published and withdrawn by leads and admins only, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import file from '../fixtures/team-adapters/2026-11-23-comptoir-crm/adapter.json';
import { BACKENDS } from './support/backends.ts';
import { type HubFixture, type TestTeam, hubFixture } from './support/hub.ts';

const adapter = file.adapters[0]!;
const ID = adapter.id;

async function adapterRows(db: Database, teamId: string) {
  return db.query<{ id: string; deleted: boolean }>(`SELECT id, deleted FROM records WHERE team_id = $1 AND table_name = 'adapters' ORDER BY id`, [teamId]);
}

describe.each(BACKENDS)('team custom adapters on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let team: TestTeam;

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Adapters team');
    ({ db, team } = fixture);
  });
  afterAll(() => fixture?.close());

  it('refuses a malformed adapter with a code and a reason naming the field, and stores nothing', async () => {
    const broken = [
      { id: ID, data: { ...adapter, spec: { ...adapter.spec, host: '/(a+)+$/' } }, field: 'spec.host' },
      // Shapes that used to pass: a fixed count on a repeating group, a chain of open-ended repeats.
      { id: ID, data: { ...adapter, spec: { ...adapter.spec, host: '/^(a+){20}$/' } }, field: 'spec.host: nested quantifiers' },
      { id: ID, data: { ...adapter, spec: { ...adapter.spec, path: '/^.*.*.*.*.*.*.*.*.*.*=$/' } }, field: 'spec.path: more than 2 open-ended repeats' },
      { id: ID, data: { ...adapter, spec: { ...adapter.spec, id: 'custom:other' } }, field: 'spec.id' },
      { id: ID, data: { ...adapter, version: 0 }, field: 'version' },
      { id: ID, data: { ...adapter, script: 'alert(1)' }, field: '' },
      { id: ID, data: { fields: {} }, field: '' },
      // The record id is the adapter's id: no publishing one adapter under another's name.
      { id: 'custom:elsewhere', data: adapter, field: 'data.id' },
      { id: 'zendesk', data: { ...adapter, id: 'zendesk', spec: { ...adapter.spec, id: 'zendesk' } }, field: 'id' },
    ];
    const res = await team.lead.push(broken.map(({ id, data }) => ({ table: 'adapters', id, data })));
    expect(res.status).toBe(200);
    res.body.results.forEach((result: { status: string; code: string; message: string }, i: number) => {
      expect(result, JSON.stringify(broken[i]!.data).slice(0, 80)).toMatchObject({ status: 'rejected', code: 'E_VALIDATION' });
      expect(result.message).toContain(broken[i]!.field);
    });
    expect(await adapterRows(db, team.id)).toEqual([]);
  });

  it('a lead shares an adapter and withdraws it with a tombstone; an agent may do neither', async () => {
    const refused = await team.agent.push([
      { table: 'adapters', id: ID, data: adapter },
      { table: 'adapters', id: ID, deleted: true },
    ]);
    expect(refused.body.results.map((r: { code: string }) => r.code)).toEqual(['E_FORBIDDEN_TABLE', 'E_FORBIDDEN_TABLE']);
    expect(await adapterRows(db, team.id)).toEqual([]);

    // "Shared by" is the pushing member, whatever name the record claims; a browser's copy note is dropped.
    const shared = await team.lead.push([{ table: 'adapters', id: ID, data: { ...adapter, author: 'The CEO', sharedFrom: { version: 1 } } }]);
    expect(shared.body.results[0].status).toBe('applied');
    const pulled = (await team.agent.get('/v1/sync/pull?cursor=0&limit=1000')).body.changes.filter((c: { table: string }) => c.table === 'adapters');
    expect(pulled).toEqual([expect.objectContaining({ id: ID, deleted: false, data: { ...adapter, author: 'Adapters team lead' } })]);

    const withdrawn = await team.admin.push([{ table: 'adapters', id: ID, deleted: true }]);
    expect(withdrawn.body.results[0].status).toBe('applied');
    const after = (await team.agent.get(`/v1/sync/pull?cursor=${pulled[0].seq}`)).body.changes;
    expect(after).toEqual([expect.objectContaining({ table: 'adapters', id: ID, deleted: true })]);
    expect(await adapterRows(db, team.id)).toEqual([{ id: ID, deleted: true }]);
  });
});
