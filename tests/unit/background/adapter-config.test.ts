// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  broadcastPageConfig,
  disabledAdapterIds,
  listAdapters,
  pageConfig,
  setAdapterDisabled,
  setHubKillSwitchSource,
  watchAdapterConfig,
} from '../../../src/background/adapter-config';
import { CUSTOM_ADAPTERS_KEY, type CustomAdapter } from '../../../src/adapters/custom/schema';
import { adaptersFor, firstMatching } from '../../../src/adapters/page-adapters';
import { pickAdapter } from '../../../src/adapters/registry';
import { context, fixture, readPage, SITE_PAGES } from '../adapters/site-fixture';
import { fake } from '../setup';

const acme: CustomAdapter = {
  id: 'custom:acme-crm',
  name: 'Acme CRM',
  version: 3,
  createdAt: 1_790_000_000_000,
  updatedAt: 1_790_000_100_000,
  spec: {
    id: 'custom:acme-crm',
    host: '/^crm\\.acme\\.fr$/',
    marker: ['#fiche'],
    name: ['#fiche h1'],
    ids: [{ kind: 'email', pick: ['#fiche a[href^="mailto:"]@href'] }],
    reply: ['#fiche textarea'],
  },
};
const zendeskOnAcme: CustomAdapter = {
  ...acme,
  id: 'custom:zendesk-fiche',
  name: 'Zendesk, our fields',
  spec: { ...acme.spec, id: 'custom:zendesk-fiche', host: '/\\.zendesk\\.com$/' },
};

afterEach(() => setHubKillSwitchSource(null));

describe('page config: only the specs the page needs', () => {
  it.each(SITE_PAGES)('$app / $scenario gets its own spec only, and reads the same as the full bundle', async ({ app, scenario, url }) => {
    const config = await pageConfig(url);
    expect(config.specs.map((s) => s.id)).toEqual([app]);
    // What travels is JSON; the content script rebuilds the adapter from it.
    const sent = JSON.parse(JSON.stringify(config));
    const doc = fixture(app, scenario);
    const adapter = firstMatching(adaptersFor(sent.specs, sent.disabledAdapters), context(doc, url));
    expect(adapter?.id).toBe(app);
    expect(readPage(adapter!, context(doc, url))).toEqual(readPage(pickAdapter(context(doc, url))!, context(doc, url)));
  });

  it('sends no spec to an unknown host (the generic adapter does the work)', async () => {
    expect(await pageConfig('https://crm.example.org/clients/1')).toEqual({ specs: [], disabledAdapters: [] });
    expect(adaptersFor([]).map((a) => a.id)).toEqual(['generic']);
  });

  it('puts custom adapters first, and leaves out stored entries that fail validation', async () => {
    await fake.storage.local.set({ [CUSTOM_ADAPTERS_KEY]: [zendeskOnAcme, acme, { id: 'custom:bad', spec: { host: '/(a+)+/' } }] });
    expect((await pageConfig('https://acme-cafe.zendesk.com/agent/tickets/1')).specs.map((s) => s.id)).toEqual(['custom:zendesk-fiche', 'zendesk']);
    expect((await pageConfig('https://crm.acme.fr/clients/9')).specs).toEqual([acme.spec]);
  });
});

describe('kill switch', () => {
  it('merges the local list with the hub kill switches; switched-off specs are not sent', async () => {
    await setAdapterDisabled('zendesk', true);
    await setAdapterDisabled('generic', true);
    setHubKillSwitchSource(async () => ['gmail', 'zendesk']);
    expect(await disabledAdapterIds()).toEqual(['generic', 'gmail', 'zendesk']);
    const config = await pageConfig('https://acme-cafe.zendesk.com/agent/tickets/48213');
    expect(config).toEqual({ specs: [], disabledAdapters: ['generic', 'gmail', 'zendesk'] });
    // Nothing runs on that page: the site adapter was not sent, and the generic one is off too.
    expect(adaptersFor(config.specs, config.disabledAdapters)).toEqual([]);
    await setAdapterDisabled('zendesk', false);
    expect(await disabledAdapterIds(async () => [])).toEqual(['generic']);
  });

  it('keeps the local list when the hub source fails or sends garbage', async () => {
    await setAdapterDisabled('x', true);
    expect(await disabledAdapterIds(async () => Promise.reject(new Error('offline')))).toEqual(['x']);
    expect(await disabledAdapterIds(async () => ['<script>', 'gmail', 42 as unknown as string])).toEqual(['gmail', 'x']);
  });

  it('refuses an id that is not an adapter id, and changes nothing', async () => {
    await expect(setAdapterDisabled('Not An Id!', true)).rejects.toThrow();
    expect(await disabledAdapterIds()).toEqual([]);
  });

  it('lists built-in, custom and generic adapters with their state for the settings page', async () => {
    await fake.storage.local.set({ [CUSTOM_ADAPTERS_KEY]: [acme] });
    await setAdapterDisabled('custom:acme-crm', true);
    setHubKillSwitchSource(async () => ['meta']);
    const list = await listAdapters();
    expect(list).toHaveLength(15);
    expect(list.find((a) => a.id === 'meta')).toEqual({ id: 'meta', name: 'Meta Business Suite', kind: 'built-in', disabled: false, hubDisabled: true });
    expect(list.find((a) => a.id === 'custom:acme-crm')).toEqual({ id: 'custom:acme-crm', name: 'Acme CRM', kind: 'custom', disabled: true, hubDisabled: false });
    expect(list.at(-1)).toMatchObject({ id: 'generic', kind: 'generic', disabled: false });
  });

  it('tells open tabs of enabled sites their new config when the list changes', async () => {
    fake.grantOrigins(['https://acme-cafe.zendesk.com/*']);
    const query = vi.spyOn(fake.tabs, 'query').mockResolvedValue([{ id: 4, url: 'https://acme-cafe.zendesk.com/agent/tickets/48213' } as { id: number }]);
    const sent: unknown[] = [];
    const sendMessage = vi.spyOn(fake.tabs, 'sendMessage').mockImplementation(async (_tab, message) => void sent.push(message));
    watchAdapterConfig();
    await setAdapterDisabled('zendesk', true);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(query).toHaveBeenCalledWith({ url: ['https://acme-cafe.zendesk.com/*'] });
    expect(sent[0]).toEqual({ type: 'page-config', specs: [], disabledAdapters: ['zendesk'] });
    expect(sendMessage).toHaveBeenCalledWith(4, sent[0], { frameId: 0 });
    // A tab without the content script (rejects) does not stop the others.
    sendMessage.mockRejectedValueOnce(new Error('no receiver'));
    expect(await broadcastPageConfig()).toBe(0);
    query.mockRestore();
    sendMessage.mockRestore();
  });
});
