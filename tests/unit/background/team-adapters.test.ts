// @vitest-environment happy-dom
/**
 * Team custom adapters (shared through the hub) merged with this browser's own: which one a page
 * gets, re-validation of what the hub left in storage, and the team's kill switch on them.
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
  it('keeps one adapter per id: the higher version, the local copy on a tie; local ones first', () => {
    const local = [version(comptoir, 2, 'Mine')];
    expect(mergeCustomAdapters(local, [version(comptoir, 3, 'Team'), other]).map((a) => [a.id, a.name])).toEqual([
      ['custom:comptoir-crm', 'Team'],
      ['custom:atelier', 'Atelier'],
    ]);
    expect(mergeCustomAdapters(local, [version(comptoir, 2, 'Team')]).map((a) => a.name)).toEqual(['Mine']);
    expect(mergeCustomAdapters(local, [version(comptoir, 1, 'Team')]).map((a) => a.name)).toEqual(['Mine']);
    expect(mergeCustomAdapters([other], [comptoir]).map((a) => a.id)).toEqual(['custom:atelier', 'custom:comptoir-crm']);
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
