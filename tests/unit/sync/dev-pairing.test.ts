/**
 * Development builds pair with the local demo hub on their own: against the real hub in-process,
 * with the demo route (HUB_DEMO=1) and without it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../../server/db/pglite';
import type { Database } from '../../../server/db/types';
import { DEMO_TEAM, demoRoutes, seedDemo } from '../../../server/demo';
import { startHub, type RunningHub } from '../../../server/start';
import { pairWithDemoHub } from '../../../src/background/sync/dev-pairing';
import { createSyncEngine } from '../../../src/background/sync/engine';
import { getPairing } from '../../../src/background/sync/sync-state';
import { ContinuumDb } from '../../../src/storage/db';

interface DemoHub {
  db: Database;
  running: RunningHub;
  url: string;
}

/** A seeded hub as scripts/demo-hub.mjs starts it, with the demo route (HUB_DEMO=1) or without. */
async function seededHub(demo: boolean): Promise<DemoHub> {
  const db = await openPglite();
  await seedDemo(db);
  const running = await startHub({ db, port: 0, pingMs: 60_000, routes: demo ? demoRoutes : undefined });
  return { db, running, url: running.url };
}

let demoHub: DemoHub;
let plainHub: DemoHub;

beforeAll(async () => {
  [demoHub, plainHub] = await Promise.all([seededHub(true), seededHub(false)]);
}, 60_000);
afterAll(async () => {
  for (const hub of [demoHub, plainHub]) {
    await hub?.running.close();
    await hub?.db.close();
  }
});

const freshBrowser = () => new ContinuumDb(`dev-pairing-${Math.random()}`);

describe('pairing a development build with the demo hub', () => {
  test('with HUB_DEMO on, an unpaired browser pairs as an agent of the demo team and receives its published records', async () => {
    const db = freshBrowser();
    expect(await pairWithDemoHub(db, demoHub.url)).toBe('paired');
    const pairing = await getPairing(db);
    expect(pairing).toMatchObject({ hubUrl: demoHub.url, team: { name: DEMO_TEAM }, member: { role: 'agent' } });
    const outcome = await createSyncEngine({ db }).sync();
    expect(outcome.status).toBe('ok');
    const published = await db.published.toArray();
    expect(published.map((record) => `${record.table}/${record.id}`).sort()).toEqual([
      'brand-guide/current',
      'promotions/soldes-hiver',
      'templates/livraison-retard',
      'templates/produit-casse',
      'templates/soldes',
    ]);
    expect(published.find((record) => record.table === 'templates' && record.id === 'produit-casse')?.data).toMatchObject({ shortcut: ';casse' });
  });

  test('a browser already paired keeps its pairing', async () => {
    const db = freshBrowser();
    await pairWithDemoHub(db, demoHub.url);
    const before = await getPairing(db);
    expect(await pairWithDemoHub(db, demoHub.url)).toBe('already-paired');
    expect(await getPairing(db)).toEqual(before);
  });

  test('without HUB_DEMO the route is a 404 and nothing happens', async () => {
    const response = await fetch(`${plainHub.url}/v1/demo/invite`);
    expect(response.status).toBe(404);
    const db = freshBrowser();
    expect(await pairWithDemoHub(db, plainHub.url)).toBe('no-demo-hub');
    expect(await getPairing(db)).toBeUndefined();
    expect(await db.syncState.count()).toBe(0);
  });

  test('no hub listening: nothing happens', async () => {
    const db = freshBrowser();
    expect(await pairWithDemoHub(db, 'http://127.0.0.1:9')).toBe('no-demo-hub');
    expect(await getPairing(db)).toBeUndefined();
  });

  test('seeding twice leaves one demo team, unchanged', async () => {
    const again = await seedDemo(demoHub.db);
    expect(again.created).toBe(false);
    const teams = await demoHub.db.query<{ n: number }>('SELECT count(*)::int AS n FROM teams WHERE name = $1', [DEMO_TEAM]);
    expect(teams[0]!.n).toBe(1);
    const members = await demoHub.db.query<{ role: string }>('SELECT role FROM members WHERE team_id = $1 ORDER BY role', [again.teamId]);
    expect(members.map((m) => m.role)).toContain('lead');
  });
});
