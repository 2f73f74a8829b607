/**
 * Sharing a custom adapter with the team from the console's Team tab, against the real hub
 * (embedded PGlite, in process): a lead shares and withdraws it, an agent's browser loads it from
 * its pull and drops it after the tombstone; an agent is refused; the hub down changes nothing.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { pageConfig, setHubAdapterSource } from '../../../src/background/adapter-config';
import { createConsoleTeamHandlers, type TeamRequest } from '../../../src/background/console-team';
import { pairWithHub } from '../../../src/background/sync/pairing';
import { publishedRecords } from '../../../src/background/sync/published';
import { CUSTOM_ADAPTERS_KEY, type CustomAdapter } from '../../../src/adapters/custom/schema';
import { ContinuumDb } from '../../../src/storage/db';
import file from '../../fixtures/team-adapters/2026-11-23-comptoir-crm/adapter.json';
import { fake } from '../setup';
import { hubForFile, lifeOf, pairedBrowser } from '../sync/support/hub-harness';

const env = hubForFile();
const comptoir = file.adapters[0] as CustomAdapter;
const PAGE = 'http://127.0.0.1:4300/team-adapters/2026-11-23-comptoir-crm/index.html';

let browsers = 0;
async function teamConsole(role: 'lead' | 'agent', doFetch?: typeof fetch) {
  const db = new ContinuumDb(`continuum-team-adapters-${++browsers}-${Math.random()}`);
  const invite = await env.hub.team.admin.post('/v1/invites', { role, name: `Camille ${browsers}` });
  await pairWithHub(db, { hubUrl: env.hub.url, inviteCode: invite.body.code, deviceName: `console ${browsers}` });
  const handlers = createConsoleTeamHandlers({ db: () => db, ...(doFetch ? { fetch: doFetch } : {}) });
  return { db, run: (request: TeamRequest) => handlers['console/team'](request) as Promise<any> };
}

async function onHub() {
  const { body } = await env.hub.team.agent.get('/v1/sync/pull?cursor=0&limit=1000');
  return (body.changes as Array<{ table: string; id: string; data: any; deleted: boolean }>).filter((c) => c.table === 'adapters');
}

/** The adapter as it stands in this browser's storage.local (the unit tests' one browser storage). */
const keepLocally = (...adapters: CustomAdapter[]) => fake.storage.local.set({ [CUSTOM_ADAPTERS_KEY]: adapters });

afterEach(() => setHubAdapterSource(null));

describe('sharing custom adapters with the team', () => {
  test("a lead shares one, an agent's browser reads the page with it, and stops when the lead stops sharing", async () => {
    const lead = await teamConsole('lead');
    await keepLocally(comptoir);
    expect((await lead.run({ action: 'team-adapters' })).adapters).toEqual([
      { id: comptoir.id, name: 'Comptoir CRM', host: comptoir.spec.host, localVersion: 1, teamVersion: null, author: null },
    ]);

    const shared = await lead.run({ action: 'share-adapter', adapterId: comptoir.id });
    expect(shared.adapters[0]).toMatchObject({ localVersion: 1, teamVersion: 1, author: 'Camille 1' });
    expect((await onHub()).at(-1)).toMatchObject({ id: comptoir.id, deleted: false, data: { ...comptoir, author: 'Camille 1' } });

    // The agent's browser: no local adapters, the team's come with its pull.
    await fake.storage.local.clear();
    const agent = await pairedBrowser(env.hub);
    setHubAdapterSource(() => publishedRecords(agent, 'adapters'));
    await lifeOf(agent).sync();
    expect((await pageConfig(PAGE)).specs).toEqual([comptoir.spec]);

    // The lead's console lists it as a team adapter even without a local copy, and withdraws it.
    expect((await lead.run({ action: 'team-adapters' })).adapters).toEqual([expect.objectContaining({ id: comptoir.id, localVersion: null, teamVersion: 1 })]);
    const withdrawn = await lead.run({ action: 'unshare-adapter', adapterId: comptoir.id });
    expect(withdrawn.adapters).toEqual([]);
    expect((await onHub()).at(-1)).toMatchObject({ id: comptoir.id, deleted: true });
    await lifeOf(agent).sync();
    expect((await pageConfig(PAGE)).specs).toEqual([]);
  });

  test('a newer local version can be shared over the team one', async () => {
    const lead = await teamConsole('lead');
    await keepLocally(comptoir);
    await lead.run({ action: 'share-adapter', adapterId: comptoir.id });
    await keepLocally({ ...comptoir, version: 2, spec: { ...comptoir.spec, reply: ['textarea'] } });
    expect((await lead.run({ action: 'team-adapters' })).adapters[0]).toMatchObject({ localVersion: 2, teamVersion: 1 });
    await lead.run({ action: 'share-adapter', adapterId: comptoir.id });
    expect((await onHub()).at(-1)).toMatchObject({ deleted: false, data: { version: 2, spec: { reply: ['textarea'] } } });
    await lead.run({ action: 'unshare-adapter', adapterId: comptoir.id });
  });

  test('an agent is refused, an unknown adapter is named, the hub down changes nothing', async () => {
    await keepLocally(comptoir);
    const before = await onHub();
    const agent = await teamConsole('agent');
    await expect(agent.run({ action: 'share-adapter', adapterId: comptoir.id })).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });
    await expect(agent.run({ action: 'unshare-adapter', adapterId: comptoir.id })).rejects.toMatchObject({ code: 'E_PUBLISH_FORBIDDEN' });

    const down: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const offline = await teamConsole('lead', down);
    const refused = offline.run({ action: 'share-adapter', adapterId: comptoir.id });
    await expect(refused).rejects.toMatchObject({ code: 'E_HUB_UNREACHABLE' });
    await expect(refused).rejects.toThrow(/nothing was changed/);
    expect(await publishedRecords(offline.db, 'adapters')).toEqual([]);

    const lead = await teamConsole('lead');
    await expect(lead.run({ action: 'share-adapter', adapterId: 'custom:nowhere' })).rejects.toMatchObject({ code: 'E_UNKNOWN_CUSTOM_ADAPTER' });
    expect(await onHub()).toEqual(before);
  });
});
