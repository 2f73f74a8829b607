// @vitest-environment happy-dom
/**
 * Team custom adapters (shared through the hub) merged with this browser's own: which one a page
 * gets (the same adapter or an unrelated one with the same id), re-validation of what the hub left
 * in storage, and the team's kill switch on them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  activeCustomAdapters,
  listAdapters,
  loadTeamAdapters,
  mergeCustomAdapters,
  pageConfig,
  setHubAdapterSource,
  setHubKillSwitchSource,
} from '../../../src/background/adapter-config';
import { CUSTOM_ADAPTERS_KEY, type CustomAdapter } from '../../../src/adapters/custom/schema';
import { copyOfTeamAdapter, teamStanding } from '../../../src/adapters/custom/precedence';
import { saveTaught } from '../../../src/background/custom-adapters';
import file from '../../fixtures/team-adapters/2026-11-23-comptoir-crm/adapter.json';
import { fake } from '../setup';

const comptoir = file.adapters[0] as CustomAdapter;
const PAGE = 'http://127.0.0.1:4300/team-adapters/2026-11-23-comptoir-crm/index.html';
const version = (adapter: CustomAdapter, v: number, name = adapter.name): CustomAdapter => ({ ...adapter, version: v, name });
const other: CustomAdapter = {
  ...comptoir,
  id: 'custom:atelier',
  name: 'Atelier',
  spec: { ...comptoir.spec, id: 'custom:atelier', host: '/^atelier\\.example$/' },
};
const records = (...adapters: unknown[]) => adapters.map((data) => ({ id: (data as { id: string }).id, data }));

afterEach(() => {
  setHubAdapterSource(null);
  setHubKillSwitchSource(null);
});

describe('merging local and team adapters', () => {
  // The lead's own adapter (the one the team record was shared from) has the team's creation date.
  it("a lead's own copy: the higher version wins, a tie keeps the local one; local ones first", () => {
    const local = [version(comptoir, 2, 'Mine')];
    expect(mergeCustomAdapters(local, [version(comptoir, 3, 'Team'), other]).map((a) => [a.id, a.name])).toEqual([
      ['custom:comptoir-crm', 'Team'],
      ['custom:atelier', 'Atelier'],
    ]);
    expect(mergeCustomAdapters(local, [version(comptoir, 2, 'Team')]).map((a) => a.name)).toEqual(['Mine']);
    expect(mergeCustomAdapters(local, [version(comptoir, 1, 'Team')]).map((a) => a.name)).toEqual(['Mine']);
    expect(mergeCustomAdapters([other], [comptoir]).map((a) => a.id)).toEqual(['custom:atelier', 'custom:comptoir-crm']);
  });

  it("an unrelated local adapter that happens to have a team adapter's id stays in use, and the clash is told", () => {
    // Ids come from names: the agent's own "Comptoir CRM", taught on another day for another site.
    const mine: CustomAdapter = { ...version(comptoir, 1, 'My CRM'), createdAt: comptoir.createdAt + 86_400_000, spec: { ...comptoir.spec, reply: ['#mine'] } };
    const team = [version(comptoir, 7, 'Team')];
    expect(mergeCustomAdapters([mine], team).map((a) => a.name)).toEqual(['My CRM']);
    expect(teamStanding(team[0]!, [mine])).toEqual({ mine, precedence: 'clash' });
    expect(teamStanding(team[0]!, [other])).toBeNull();
  });

  it("a copy taken from the team gives way to every later team version, even after the agent edited it", () => {
    const copy = copyOfTeamAdapter(version(comptoir, 3));
    expect(copy.sharedFrom).toEqual({ version: 3 });
    // The agent edits the copy: version 4, still taken from team version 3.
    const edited: CustomAdapter = { ...copy, version: 4, updatedAt: copy.updatedAt + 1000, spec: { ...copy.spec, reply: ['#edited'] } };
    expect(mergeCustomAdapters([edited], [version(comptoir, 3, 'Team')]).map((a) => a.spec.reply)).toEqual([['#edited']]);
    expect(teamStanding(version(comptoir, 3), [edited])?.precedence).toBe('local-newer');
    // The lead publishes version 4: it wins although the agent's copy is version 4 too.
    const published = { ...version(comptoir, 4, 'Team'), updatedAt: copy.updatedAt + 5000 };
    expect(mergeCustomAdapters([edited], [published]).map((a) => a.name)).toEqual(['Team']);
    expect(teamStanding(published, [edited])?.precedence).toBe('team-newer');
  });

  it('a copy its holder shared back is the same edition: the local one stays, no notice', () => {
    const copy: CustomAdapter = { ...copyOfTeamAdapter(version(comptoir, 3)), version: 4, updatedAt: comptoir.updatedAt + 1000 };
    const sharedBack: CustomAdapter = { ...copy, sharedFrom: undefined };
    delete sharedBack.sharedFrom;
    expect(teamStanding(sharedBack, [copy])?.precedence).toBe('local-newer');
  });

  it('teaching the page again keeps the copy marked as taken from the team', async () => {
    await fake.storage.local.set({ [CUSTOM_ADAPTERS_KEY]: [copyOfTeamAdapter(version(comptoir, 3))] });
    const saved = await saveTaught('Comptoir CRM', (id) => ({ ...comptoir.spec, id, reply: ['#again'] }));
    expect(saved).toMatchObject({ id: comptoir.id, version: 4, sharedFrom: { version: 3 } });
  });

  it('re-validates what the hub left in storage: a bad pattern or an adapter filed under another id is left out', async () => {
    const hostile = { ...comptoir, id: 'custom:slow', spec: { ...comptoir.spec, id: 'custom:slow', host: '/(a+)+$/' } };
    const source = async () => [...records(hostile, { nonsense: true }), { id: 'custom:elsewhere', data: other }, ...records(comptoir)];
    expect((await loadTeamAdapters(source)).map((a) => a.id)).toEqual(['custom:comptoir-crm']);
    // The store failing leaves the local adapters in force.
    expect(await loadTeamAdapters(async () => Promise.reject(new Error('IndexedDB closed')))).toEqual([]);
  });
});

describe('the page config with team adapters', () => {
  it("sends a team adapter to the pages of its host, and nothing once it is withdrawn", async () => {
    expect((await pageConfig(PAGE)).specs).toEqual([]);
    let shared = records(comptoir);
    setHubAdapterSource(async () => shared);
    expect((await pageConfig(PAGE)).specs).toEqual([comptoir.spec]);
    // Chosen by host here; the content script checks the path.
    expect((await pageConfig('http://localhost:4300/team-adapters/2026-11-23-comptoir-crm/index.html')).specs).toEqual([]);
    shared = [];
    expect((await pageConfig(PAGE)).specs).toEqual([]);
  });

  it("uses the agent's own copy when it is newer, the team's when the agent's is older", async () => {
    const mine = { ...version(comptoir, 4), spec: { ...comptoir.spec, reply: ['#mine'] } };
    await fake.storage.local.set({ [CUSTOM_ADAPTERS_KEY]: [mine] });
    setHubAdapterSource(async () => records(version(comptoir, 3)));
    expect((await pageConfig(PAGE)).specs.map((s) => s.reply)).toEqual([['#mine']]);
    setHubAdapterSource(async () => records(version(comptoir, 5)));
    expect((await pageConfig(PAGE)).specs.map((s) => s.reply)).toEqual([comptoir.spec.reply]);
  });

  it("the team's kill switch turns a team adapter off; settings list it with that state", async () => {
    setHubAdapterSource(async () => records(comptoir));
    setHubKillSwitchSource(async () => ['custom:comptoir-crm']);
    expect(await pageConfig(PAGE)).toEqual({ specs: [], disabledAdapters: ['custom:comptoir-crm'] });
    expect((await listAdapters()).find((a) => a.id === comptoir.id)).toEqual({ id: comptoir.id, name: 'Comptoir CRM', kind: 'custom', disabled: false, hubDisabled: true });
    expect((await activeCustomAdapters()).map((a) => a.id)).toEqual([comptoir.id]);
  });
});
