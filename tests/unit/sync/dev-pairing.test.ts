/**
 * Development builds pair with the local demo hub on their own, once, and only with the hub
 * `npm start` launched: against the real hub in-process, with the demo routes (HUB_DEMO=1) and
 * without them, against a wrong secret and against an impostor on the demo hub's address.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPglite } from '../../../server/db/pglite';
import type { Database } from '../../../server/db/types';
import { DEMO_TEAM, demoRoutes, seedDemo } from '../../../server/demo';
import { startHub, type RunningHub } from '../../../server/start';
import { createInvite } from '../../../server/teams';
import { autoPairWithDemoHub, demoHubAvailable, packagedDemoSecret, pairWithDemoHub } from '../../../src/background/sync/dev-pairing';
import { createSyncEngine } from '../../../src/background/sync/engine';
import { unpairFromHub } from '../../../src/background/sync/pairing';
import { clearSyncState, getPairing } from '../../../src/background/sync/sync-state';
import { ContinuumDb } from '../../../src/storage/db';

interface DemoHub {
  db: Database;
  running: RunningHub;
  url: string;
}

/** This run's secret, as scripts/start.mjs makes it. */
const SECRET = randomBytes(32).toString('hex');

/** A seeded hub as scripts/demo-hub.mjs starts it, with the demo routes (HUB_DEMO=1) or without. */
async function seededHub(demo: boolean): Promise<DemoHub> {
  const db = await openPglite();
  await seedDemo(db);
  const running = await startHub({ db, port: 0, pingMs: 60_000, routes: demo ? demoRoutes(SECRET) : undefined });
  return { db, running, url: running.url };
}

/** Another program on the demo hub's address: it answers the demo routes with a real invite code but cannot prove the secret. */
async function impostor(code: () => Promise<string>): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    void (async () => {
      const fakeProof = randomBytes(32).toString('hex');
      const body = request.method === 'POST' ? { code: await code(), role: 'agent', team: { id: 'x', name: DEMO_TEAM }, proof: fakeProof } : { team: { name: DEMO_TEAM }, proof: fakeProof };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
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
const inviteCount = async () => (await demoHub.db.query<{ n: number }>('SELECT count(*)::int AS n FROM invites'))[0]!.n;

describe('pairing a development build with the demo hub', () => {
  test('with the run secret, an unpaired browser pairs as an agent of the demo team and receives its published records', async () => {
    const db = freshBrowser();
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url })).toBe('paired');
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
    await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url });
    const before = await getPairing(db);
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url })).toBe('already-paired');
    expect(await getPairing(db)).toEqual(before);
  });

  test('after the user unpairs, it never pairs on its own again; "Pair with the demo hub" still does', async () => {
    const db = freshBrowser();
    await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url });
    await unpairFromHub(db);
    const invites = await inviteCount();
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url })).toBe('declined');
    expect(await getPairing(db)).toBeUndefined();
    expect(await inviteCount()).toBe(invites);
    // The settings page's button: the user asks.
    expect(await pairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url })).toBe('paired');
    expect((await getPairing(db))?.team.name).toBe(DEMO_TEAM);
  });

  test('a browser the user unpaired from another hub is not paired with the demo hub on its own', async () => {
    const db = freshBrowser();
    await unpairFromHub(db);
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url })).toBe('declined');
    expect(await getPairing(db)).toBeUndefined();
  });

  test('once per install: a pairing lost otherwise than by unpairing is not made again on its own', async () => {
    const db = freshBrowser();
    await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url });
    await clearSyncState(db);
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: demoHub.url })).toBe('declined');
    expect(await getPairing(db)).toBeUndefined();
  });

  test('a wrong secret: the hub hands out no invite and nothing is paired', async () => {
    const db = freshBrowser();
    const invites = await inviteCount();
    const wrong = randomBytes(32).toString('hex');
    expect(await demoHubAvailable({ secret: wrong, hubUrl: demoHub.url })).toBe(false);
    expect(await autoPairWithDemoHub(db, { secret: wrong, hubUrl: demoHub.url })).toBe('no-demo-hub');
    expect(await getPairing(db)).toBeUndefined();
    expect(await inviteCount()).toBe(invites);
    // Asking as the earlier builds did (no proof) gets nothing either.
    expect((await fetch(`${demoHub.url}/v1/demo/invite`)).status).toBe(404);
    const unproven = await fetch(`${demoHub.url}/v1/demo/invite`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ nonce: 'ab'.repeat(16), proof: 'cd'.repeat(32) }) });
    expect(unproven.status).toBe(403);
  });

  test('another program on the demo address, even handing a real invite code, is not paired with', async () => {
    // A code the impostor got some other way: a valid agent invite of the demo team.
    const realCode = async () => {
      const [team] = await demoHub.db.query<{ id: string }>('SELECT id FROM teams WHERE name = $1', [DEMO_TEAM]);
      return (await demoHub.db.transaction((tx) => createInvite(tx, team!.id, null, { role: 'agent', maxUses: 1, expiresInHours: 1 }))).code;
    };
    const fake = await impostor(realCode);
    try {
      expect(await demoHubAvailable({ secret: SECRET, hubUrl: fake.url })).toBe(false);
      const db = freshBrowser();
      expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: fake.url })).toBe('not-the-demo-hub');
      expect(await getPairing(db)).toBeUndefined();
      expect(await db.syncState.count()).toBe(0);
    } finally {
      fake.server.close();
    }
  });

  test('the settings page sees the demo hub only when it is the one npm start launched', async () => {
    expect(await demoHubAvailable({ secret: SECRET, hubUrl: demoHub.url })).toBe(true);
    expect(await demoHubAvailable({ secret: SECRET, hubUrl: plainHub.url })).toBe(false);
    expect(await demoHubAvailable({ secret: null, hubUrl: demoHub.url })).toBe(false);
  });

  test('without HUB_DEMO the routes are 404s and nothing happens', async () => {
    expect((await fetch(`${plainHub.url}/v1/demo?nonce=${'ab'.repeat(16)}`)).status).toBe(404);
    const db = freshBrowser();
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: plainHub.url })).toBe('no-demo-hub');
    expect(await getPairing(db)).toBeUndefined();
    expect(await db.syncState.count()).toBe(0);
  });

  test('no hub listening, or a build npm start wrote no secret into: nothing happens', async () => {
    const db = freshBrowser();
    expect(await autoPairWithDemoHub(db, { secret: SECRET, hubUrl: 'http://127.0.0.1:9' })).toBe('no-demo-hub');
    let asked = 0;
    const counting: typeof fetch = (...args) => {
      asked++;
      return fetch(...args);
    };
    expect(await autoPairWithDemoHub(db, { secret: null, hubUrl: demoHub.url, fetch: counting })).toBe('no-demo-hub');
    expect(asked).toBe(0);
    expect(await getPairing(db)).toBeUndefined();
  });

  test('the secret is read from the file npm start writes into the build', async () => {
    const file = (body: string) => `data:application/json,${encodeURIComponent(body)}`;
    expect(await packagedDemoSecret(file(JSON.stringify({ secret: SECRET })))).toBe(SECRET);
    expect(await packagedDemoSecret(file('{"secret":"short"}'))).toBeNull();
    expect(await packagedDemoSecret(file('not json'))).toBeNull();
    expect(await packagedDemoSecret('http://127.0.0.1:9/demo-hub.json')).toBeNull();
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
