import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../server/db/migrations.ts';
import { openDatabase } from '../../server/db/open.ts';
import { createTeamWithAdmin } from '../../server/teams.ts';
import { BACKENDS, type Backend, createBackend } from './support/backends.ts';
import { Client, startTestHub } from './support/hub.ts';

describe.each(BACKENDS)('database layer on %s', (kind) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createBackend(kind);
  });
  afterAll(() => backend?.dispose());

  it('applies the numbered migrations once, even when two instances start together', async () => {
    const [one, two] = await Promise.all([backend.open(), backend.open()]);
    const applied = await Promise.all([migrate(one), migrate(two)]);
    // One instance applied everything, the other found it done.
    expect(applied.map((a) => a.length).sort()).toEqual([0, MIGRATIONS.length]);
    expect(await migrate(one)).toEqual([]);
    const rows = await one.query<{ version: number }>('SELECT version FROM hub_migrations ORDER BY version');
    const versions = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);
    expect(new Set(versions).size).toBe(versions.length);
    expect(rows.map((r) => r.version)).toEqual(versions);
  });

  it('leads every primary key and index of team data with team_id (Citus distribution column)', async () => {
    const db = await backend.open();
    const indexes = await db.query<{ table: string; name: string; first: string }>(
      `SELECT t.relname AS table, i.relname AS name, a.attname AS first
         FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_class t ON t.oid = x.indrelid
         JOIN pg_namespace n ON n.oid = t.relnamespace
         JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
        WHERE n.nspname = 'public' AND t.relname NOT IN ('teams', 'hub_migrations')`,
    );
    expect(indexes.length).toBeGreaterThan(8);
    expect(indexes.filter((i) => i.first !== 'team_id')).toEqual([]);
  });
});

describe('embedded PGlite in HUB_DATA', () => {
  const dir = mkdtempSync(join(tmpdir(), 'continuum-hub-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps teams, tokens and records across a restart', async () => {
    const first = await openDatabase({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    const hub = await startTestHub(first);
    const created = await createTeamWithAdmin(first, { team: 'Persistent', name: 'Ada' });
    const admin = new Client(hub.url, created.token);
    expect((await admin.push([{ table: 'notes', id: 'kept', data: { text: 'still here' } }])).body.results[0].status).toBe('applied');
    await hub.close();
    await first.close();

    const second = await openDatabase({ dataDir: dir });
    const again = await startTestHub(second);
    try {
      const pulled = await admin.asUrl(again.url).get('/v1/sync/pull?cursor=0');
      expect(pulled.status).toBe(200);
      expect(pulled.body.changes).toEqual([expect.objectContaining({ seq: 1, id: 'kept', data: { text: 'still here' } })]);
    } finally {
      await again.close();
      await second.close();
    }
  });
});
