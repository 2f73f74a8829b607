/**
 * Teach mode and custom adapters through the real router and handlers (fake extension APIs):
 * only an overlay the agent started may save, what it saves is validated and stored, teaching
 * the same page again updates the adapter, and settings' rename / delete / import keep the
 * stored list valid.
 */
import { describe, expect, test } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter } from '../../../src/background/router';
import { handlers } from '../../../src/background/handlers';
import { CUSTOM_ADAPTERS_KEY } from '../../../src/adapters/custom/schema';
import { fake } from '../setup';

const ID = 'continuum-test-id';
const route = createRouter(handlers, ID);
const PAGE = 'https://crm.atelier-lumen.fr/app/clients/4821';

const fromPage = (url = PAGE, tabId = 7): Runtime.MessageSender => ({ id: ID, url, frameId: 0, tab: { id: tabId } as Runtime.MessageSender['tab'] });
const fromOptions: Runtime.MessageSender = { id: ID, url: `chrome-extension://${ID}/src/options/index.html` };

const picks = {
  name: ['section[data-panel="fiche"] h1'],
  email: ['section[data-panel="fiche"] a[href^="mailto:"]'],
  customerId: { from: ['section[data-panel="fiche"] > div > span:nth-of-type(4)'], re: '/(\\S+)$/' },
  thread: { item: ['article[data-side]'], author: ['b'], in: ['article[data-side="client"]'] },
  reply: ['textarea[name="reply"]'],
};

/** What background/teach.ts `startTeach` records before it injects the overlay. */
async function teachStarted(origin = 'https://crm.atelier-lumen.fr', tabId = 7, startedAt = Date.now()) {
  await fake.storage.session.set({ [`teach:${tabId}`]: { origin, startedAt } });
}

const save = (sender = fromPage(), payload: unknown = { url: PAGE, name: 'Atelier CRM', picks }) => route({ name: 'teach/save', payload }, sender);
const stored = async () => (await fake.storage.local.get(CUSTOM_ADAPTERS_KEY))[CUSTOM_ADAPTERS_KEY] as { id: string; name: string; version: number; spec: Record<string, unknown> }[] | undefined;

describe('teach mode in the background', () => {
  test('refuses an overlay the agent did not start, from another site, or long ago', async () => {
    expect(await save()).toMatchObject({ ok: false, error: { code: 'E_TEACH_NOT_STARTED' } });
    await teachStarted('https://other.example.com');
    expect(await save()).toMatchObject({ ok: false, error: { code: 'E_TEACH_NOT_STARTED' } });
    await teachStarted(undefined, 7, Date.now() - 2 * 60 * 60 * 1000);
    expect(await save()).toMatchObject({ ok: false, error: { code: 'E_TEACH_NOT_STARTED' } });
    expect(await route({ name: 'teach/hello', payload: {} }, fromPage())).toMatchObject({ ok: false, error: { code: 'E_TEACH_NOT_STARTED' } });
    expect(await stored()).toBeUndefined();
  });

  test('gives the overlay its strings in the agent’s language', async () => {
    await teachStarted();
    await fake.storage.local.set({ settings: { language: 'fr' } });
    const reply = (await route({ name: 'teach/hello', payload: {} }, fromPage())) as { ok: true; value: { strings: Record<string, string> } };
    expect(reply.value.strings.teachStepName).toBe('Nom du client');
    expect(Object.keys(reply.value.strings).every((key) => key.startsWith('teach'))).toBe(true);
  });

  test('stores what was taught as a validated custom adapter, and ends the session', async () => {
    await teachStarted();
    expect(await save()).toEqual({ ok: true, value: { id: 'custom:atelier-crm', name: 'Atelier CRM', version: 1, siteEnabled: false } });
    const [adapter] = (await stored())!;
    expect(adapter).toMatchObject({
      id: 'custom:atelier-crm',
      version: 1,
      spec: {
        id: 'custom:atelier-crm',
        host: '/^crm\\.atelier-lumen\\.fr$/',
        path: '/^\\/app(?:[\\/?#]|$)/',
        ids: [{ kind: 'email' }, { kind: 'app-id', ns: 'atelier-crm:customer' }],
        reply: ['textarea[name="reply"]'],
      },
    });
    // The session is over: a second save needs teach mode started again.
    expect(await save()).toMatchObject({ ok: false, error: { code: 'E_TEACH_NOT_STARTED' } });
  });

  test('teaching the same page again updates that adapter, keeping its id and the name the agent gave it', async () => {
    await teachStarted();
    await save();
    await route({ name: 'custom-adapters/rename', payload: { id: 'custom:atelier-crm', name: 'CRM atelier' } }, fromOptions);
    await teachStarted();
    fake.grantOrigins(['https://crm.atelier-lumen.fr/*']);
    expect(await save(fromPage(), { url: PAGE, name: 'Fiche', picks: { ...picks, email: undefined } })).toEqual({
      ok: true,
      value: { id: 'custom:atelier-crm', name: 'CRM atelier', version: 2, siteEnabled: true },
    });
    const list = (await stored())!;
    expect(list).toHaveLength(1);
    expect(list[0]!.spec.ids).toEqual([{ kind: 'app-id', ns: 'atelier-crm:customer', pick: picks.customerId }]);
  });

  test('refuses picks that are not a spec: nothing is stored', async () => {
    await teachStarted();
    const bad = await save(fromPage(), { url: PAGE, name: 'Atelier CRM', picks: { ...picks, customerId: { from: ['x'], re: '/(a+)+$/' } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    expect((bad as { error: { message: string } }).error.message).toMatch(/picks\.customerId.*nested quantifiers/);
    expect(await save(fromPage(), { url: 'https://evil.example.com/', name: 'x', picks })).toMatchObject({ ok: false, error: { code: 'E_PAGE_CHANGED' } });
    expect(await stored()).toBeUndefined();
  });
});

describe('custom adapters in settings', () => {
  async function taught() {
    await teachStarted();
    await save();
    const list = (await route({ name: 'custom-adapters/list', payload: {} }, fromOptions)) as { ok: true; value: { adapters: unknown[] } };
    return list.value.adapters[0] as Record<string, unknown>;
  }

  test('only settings pages may manage them', async () => {
    expect(await route({ name: 'custom-adapters/delete', payload: { id: 'custom:atelier-crm' } }, fromPage())).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });

  test('rename and delete; an unknown id is a clear error', async () => {
    await taught();
    const renamed = await route({ name: 'custom-adapters/rename', payload: { id: 'custom:atelier-crm', name: '  Atelier  ' } }, fromOptions);
    expect(renamed).toMatchObject({ ok: true, value: { adapters: [{ id: 'custom:atelier-crm', name: 'Atelier' }] } });
    expect(await route({ name: 'custom-adapters/rename', payload: { id: 'custom:atelier-crm', name: ' ' } }, fromOptions)).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    expect(await route({ name: 'custom-adapters/delete', payload: { id: 'custom:nope' } }, fromOptions)).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CUSTOM_ADAPTER' } });
    expect(await route({ name: 'custom-adapters/delete', payload: { id: 'custom:atelier-crm' } }, fromOptions)).toEqual({ ok: true, value: { adapters: [] } });
  });

  test('import adds new adapters and replaces same-id ones; an invalid one is refused and nothing changes', async () => {
    const adapter = await taught();
    const other = { ...adapter, id: 'custom:other', name: 'Other', spec: { ...(adapter.spec as object), id: 'custom:other' } };
    const result = await route({ name: 'custom-adapters/import', payload: { adapters: [{ ...adapter, version: 5 }, other] } }, fromOptions);
    expect(result).toMatchObject({ ok: true, value: { added: 1, updated: 1 } });
    expect((await stored())!.map((a) => [a.id, a.version])).toEqual([['custom:atelier-crm', 5], ['custom:other', 1]]);
    const broken = { ...other, id: 'custom:broken', spec: { ...other.spec, id: 'custom:broken', host: '/[/' } };
    expect(await route({ name: 'custom-adapters/import', payload: { adapters: [broken] } }, fromOptions)).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD' } });
    expect((await stored())!.map((a) => a.id)).toEqual(['custom:atelier-crm', 'custom:other']);
  });
});
