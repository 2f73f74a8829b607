import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import { BACKENDS } from './support/backends.ts';
import { type HubFixture, type TestTeam, createTestTeam, hubFixture } from './support/hub.ts';

type Line = { type: string; [k: string]: any };

describe.each(BACKENDS)('CSV import on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let team: TestTeam;
  let apiKey: string;

  const upload = async (csv: string | Uint8Array, query = '', headers: Record<string, string> = { 'x-api-key': apiKey }) => {
    const res = await fetch(`${fixture.hub.url}/v1/ingest/csv${query}`, { method: 'POST', headers: { 'content-type': 'text/csv; charset=utf-8', ...headers }, body: csv as BodyInit });
    const text = await res.text();
    if (!res.headers.get('content-type')?.includes('ndjson')) return { status: res.status, error: JSON.parse(text).error, lines: [] as Line[], done: undefined as Line | undefined };
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Line);
    return { status: res.status, lines, done: lines.find((l) => l.type === 'done' || l.type === 'failed'), error: undefined };
  };
  const events = (teamId = team.id) =>
    db.query<{ id: string; data: any }>("SELECT id, data FROM records WHERE team_id = $1 AND table_name = 'events' AND NOT deleted ORDER BY id", [teamId]);

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'CSV team');
    ({ db, team } = fixture);
    apiKey = (await team.admin.post('/v1/api-keys', { name: 'Boutique' })).body.key;
  });
  afterAll(() => fixture?.close());

  it('imports the good rows and reports each bad one with its row and column', async () => {
    const csv = [
      'type,at,email,phone,source,source_id,text,amount,currency',
      'order,2026-11-20T09:30:00+01:00,marie@orange.fr,,shop,o-1,"Commande ""urgente"", livraison\nau 2e étage",59.90,EUR',
      'call,20/11/2026 10:00,marie@orange.fr,,pbx,c-1,,,',
      'meeting,2026-11-20T09:30:00Z,marie@orange.fr,,pbx,c-2,,,',
      'call,2026-11-20T09:30:00Z,,,pbx,c-3,,,',
      'call,1763630000000,,06 12 34 56 78,pbx,c-4,Rappel,,',
      'call,2026-11-20T09:30:00Z,pas-un-email,,pbx,c-5,,,',
      'order,2026-11-20T09:30:00Z,paul@free.fr,,shop,o-2,,12,euros',
    ].join('\r\n');
    const res = await upload(csv);
    expect(res.status).toBe(200);
    const errors = res.lines.filter((l) => l.type === 'row-error').map(({ row, column, code }) => [row, column, code]);
    expect(errors).toEqual([
      [3, 'at', 'E_VALIDATION'],
      [4, 'type', 'E_VALIDATION'],
      [5, 'email|phone|key', 'E_VALIDATION'],
      [8, 'currency', 'E_VALIDATION'],
      [7, 'email|phone|key', 'E_VALIDATION'],
    ]);
    expect(res.done).toMatchObject({ type: 'done', rows: 7, applied: 2, duplicates: 0, rejected: 5 });
    const stored = await events();
    expect(stored.map((e) => e.id)).toEqual(['hub:pbx:c-4', 'hub:shop:o-1']);
    const order = stored[1]!.data;
    expect(order.summary).toBe('Commande "urgente", livraison\nau 2e étage');
    expect(order.amount).toEqual({ value: 59.9, currency: 'EUR' });
    expect(order.at).toBe(Date.parse('2026-11-20T08:30:00Z'));
    expect(stored[0]!.data.subject.identifierKey).toBe('phone:+33612345678');
  });

  it('reads a French Excel export: BOM, semicolons, decimal comma, French column names', async () => {
    const csv = '\uFEFFType;Date;Email;Source;Id;Summary;Montant;Devise\r\nreturn;2026-11-21T15:00:00+01:00;claire@sfr.fr;caisse;r-1;Retour taille M;29,90;eur\r\n';
    const res = await upload(new TextEncoder().encode(csv));
    expect(res.done).toMatchObject({ type: 'done', rows: 1, applied: 1, rejected: 0, ignoredColumns: [] });
    const [ret] = (await events()).filter((e) => e.id === 'hub:caisse:r-1');
    expect(ret!.data).toMatchObject({ type: 'return', summary: 'Retour taille M', amount: { value: 29.9, currency: 'EUR' } });
  });

  it('refuses a file it cannot read before importing anything', async () => {
    expect((await upload('nom,prenom\nDupont,Marie\n')).status).toBe(400);
    expect((await upload('type,at,email,source\n')).status).toBe(400);
    expect((await upload('type,at,email,source\ncall,1,a@b.fr,x\n', '', { 'x-api-key': 'nope' })).status).toBe(401);
    // An agent may not import; a lead may.
    expect((await upload('type,at,email,source\ncall,1,a@b.fr,x\n', '', { authorization: `Bearer ${team.agent.token}` })).status).toBe(403);
    const byLead = await upload('type,at,email\ncall,1,lead-import@b.fr\n', '?source=standard', { authorization: `Bearer ${team.lead.token}` });
    expect(byLead.done).toMatchObject({ applied: 1 });
  });

  it('imports 50,000 rows with progress, and a re-import adds nothing', async () => {
    const other = await createTestTeam(db, fixture.hub.url, 'Other CSV team');
    const otherKey = (await other.admin.post('/v1/api-keys', { name: 'Shop' })).body.key;
    const lines = ['type,at,email,source,text'];
    // No source_id: the row's content makes its id, so the same file twice is the same events.
    for (let i = 0; i < 50_000; i++) lines.push(`order,${1_763_600_000_000 + i},client${i % 5000}@shop.example,shop,Commande n°${i}`);
    const csv = lines.join('\n');
    const started = Date.now();
    const first = await upload(csv, '', { 'x-api-key': otherKey });
    const seconds = (Date.now() - started) / 1000;
    expect(first.done).toMatchObject({ type: 'done', rows: 50_000, applied: 50_000, rejected: 0 });
    const progress = first.lines.filter((l) => l.type === 'progress');
    expect(progress).toHaveLength(50);
    expect(progress.map((p) => p.applied)).toEqual(progress.map((_, i) => (i + 1) * 1000));
    const again = await upload(csv, '', { 'x-api-key': otherKey });
    expect(again.done).toMatchObject({ rows: 50_000, applied: 0, duplicates: 50_000 });
    const [count] = await db.query<{ events: number; customers: number }>(
      "SELECT count(*) FILTER (WHERE table_name = 'events')::int AS events, count(*) FILTER (WHERE table_name = 'customers')::int AS customers FROM records WHERE team_id = $1",
      [other.id],
    );
    expect(count).toEqual({ events: 50_000, customers: 5000 });
    // Multi-byte characters split across network chunks are decoded whole.
    const [mangled] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM records WHERE team_id = $1 AND table_name = 'events' AND data->>'summary' NOT LIKE 'Commande n°%'", [other.id]);
    expect(mangled!.n).toBe(0);
    console.log(`[csv ${kind}] 50,000 rows in ${seconds.toFixed(1)} s`);
  }, 300_000);
});
