/**
 * The background side of the LLM provider settings: the key stays in the extension's IndexedDB,
 * never in storage.local and never in an answer to a content script or in `ai/settings`; the
 * sidebar needs its handshake session; hub mode hands out the paired hub's proxy, which works
 * end to end with the extension's own model client against a real hub and provider.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createAiProviderHandlers, HUB_MODEL, loadAiSettings } from '../../../src/background/ai-provider';
import { createRouter, type Handlers, type SenderContext } from '../../../src/background/router';
import { openSidebarSession, sidebarSession } from '../../../src/background/session-store';
import { getPairing, setPairing } from '../../../src/background/sync/sync-state';
import { streamCompletion } from '../../../src/ai/llm';
import { ContinuumDb } from '../../../src/storage/db';
import { ContinuumError, ErrorCode } from '../../../src/shared/errors';
import { startOpenAiServer, type OpenAiTestServer } from '../../support/openai-server';
import { hubForFile, pairedBrowser } from '../sync/support/hub-harness';
import { fake } from '../setup';

const ID = fake.runtime.id;
const EXT = `chrome-extension://${ID}`;
const KEY = 'sk-test-secret-key-42';
const contentSender: Runtime.MessageSender = { id: ID, url: 'https://desk.example.com/t/1', frameId: 0, tab: { id: 7 } as Runtime.MessageSender['tab'] };
const sidebarSender: Runtime.MessageSender = { id: ID, url: `${EXT}/src/sidebar/index.html`, frameId: 3, tab: { id: 7 } as Runtime.MessageSender['tab'] };
const optionsSender: Runtime.MessageSender = { id: ID, url: `${EXT}/src/options/index.html` };

/** The same check as the background's: a live session, used from the frame it was opened for. */
async function sessionTab(session: string, sender: SenderContext): Promise<number> {
  const found = await sidebarSession(session);
  if (!found || found.tabId !== sender.tabId || found.frameId !== sender.frameId) throw new ContinuumError(ErrorCode.HandshakeFailed, 'Unknown sidebar session');
  return found.tabId!;
}

let dbs = 0;
function setup(db = new ContinuumDb(`continuum-ai-${++dbs}-${Math.random()}`)) {
  const handlers = createAiProviderHandlers({ db: () => db, sessionTab });
  const notCalled = async () => {
    throw new Error('unexpected handler');
  };
  const route = createRouter(new Proxy(handlers, { get: (t, k) => (t as Record<string, unknown>)[k as string] ?? notCalled }) as unknown as Handlers, ID);
  const send = (name: string, payload: unknown, sender: Runtime.MessageSender) => route({ name, payload }, sender);
  return { db, send };
}

const saveOpenAi = (send: ReturnType<typeof setup>['send'], apiKey?: string) =>
  send('ai/save-settings', { mode: 'openai', openai: { baseURL: 'https://llm.example.com/v1/', model: 'gpt-4o-mini', ...(apiKey === undefined ? {} : { apiKey }) } }, optionsSender);

describe('ai provider settings', () => {
  test('a new install suggests locally: mode none, no provider', async () => {
    const { send } = setup();
    expect(await send('ai/settings', {}, optionsSender)).toEqual({
      ok: true,
      value: { mode: 'none', openai: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', hasApiKey: false }, hub: { paired: false, teamName: null } },
    });
    expect(await send('ai/provider', {}, optionsSender)).toEqual({ ok: true, value: { mode: 'none', provider: null } });
  });

  test('the key is stored in IndexedDB, never in storage.local, and settings only say that one is set', async () => {
    const { db, send } = setup();
    const saved = await saveOpenAi(send, KEY);
    expect(saved).toMatchObject({ ok: true, value: { mode: 'openai', openai: { baseURL: 'https://llm.example.com/v1', hasApiKey: true } } });
    expect(JSON.stringify(saved)).not.toContain(KEY);
    expect(JSON.stringify(await send('ai/settings', {}, optionsSender))).not.toContain(KEY);
    expect((await loadAiSettings(db)).openai.apiKey).toBe(KEY);
    expect(JSON.stringify(await fake.storage.local.get(null))).not.toContain(KEY);
    expect(JSON.stringify(await fake.storage.session.get(null))).not.toContain(KEY);
    // Saving again without a key keeps it; an empty key forgets it.
    await saveOpenAi(send);
    expect((await loadAiSettings(db)).openai.apiKey).toBe(KEY);
    await saveOpenAi(send, '');
    expect(await send('ai/provider', {}, optionsSender)).toEqual({ ok: true, value: { mode: 'openai', provider: null, reason: 'no-api-key' } });
  });

  test('the options page gets the provider; a content script gets nothing of it, under any message', async () => {
    const { send } = setup();
    await saveOpenAi(send, KEY);
    expect(await send('ai/provider', {}, optionsSender)).toEqual({
      ok: true,
      value: { mode: 'openai', provider: { baseURL: 'https://llm.example.com/v1', model: 'gpt-4o-mini', apiKey: KEY } },
    });
    for (const name of ['ai/provider', 'ai/settings', 'ai/save-settings']) {
      const reply = await send(name, { mode: 'none' }, contentSender);
      expect(reply).toMatchObject({ ok: false, error: { code: ErrorCode.ForbiddenSender } });
      expect(JSON.stringify(reply)).not.toContain(KEY);
    }
    // Only the options page may change the settings, not the (web-accessible) sidebar.
    expect(await send('ai/save-settings', { mode: 'none' }, sidebarSender)).toMatchObject({ ok: false, error: { code: ErrorCode.ForbiddenSender } });
  });

  test('the sidebar needs its handshake session, from its own frame', async () => {
    const { send } = setup();
    await saveOpenAi(send, KEY);
    expect(await send('ai/provider', {}, sidebarSender)).toMatchObject({ ok: false, error: { code: ErrorCode.HandshakeFailed } });
    const session = await openSidebarSession({ tabId: 7, frameId: 3 });
    expect(await send('ai/provider', { session }, { ...sidebarSender, frameId: 4 })).toMatchObject({ ok: false, error: { code: ErrorCode.HandshakeFailed } });
    expect(await send('ai/provider', { session }, sidebarSender)).toMatchObject({ ok: true, value: { provider: { apiKey: KEY } } });
  });

  test('rejects bad settings and keeps the previous ones', async () => {
    const { db, send } = setup();
    await saveOpenAi(send, KEY);
    for (const bad of [{ mode: 'gemini' }, { mode: 'openai', openai: { baseURL: 'javascript:alert(1)', model: 'm' } }, { mode: 'openai', openai: { baseURL: 'https://x.fr', model: '' } }]) {
      expect(await send('ai/save-settings', bad, optionsSender)).toMatchObject({ ok: false, error: { code: ErrorCode.InvalidPayload } });
    }
    expect(await loadAiSettings(db)).toEqual({ mode: 'openai', openai: { baseURL: 'https://llm.example.com/v1', model: 'gpt-4o-mini', apiKey: KEY } });
  });
});

describe('team hub mode', () => {
  const env = hubForFile();
  let provider: OpenAiTestServer;
  beforeAll(async () => {
    provider = await startOpenAiServer({ model: () => '{"variants":[{"text":"Bonjour [EMAIL_1]"}]}', chunkSize: 7 });
  });
  afterAll(() => provider?.close());

  test('without a pairing, or with a revoked one, there is no provider and the reason says why', async () => {
    const { db, send } = setup();
    await send('ai/save-settings', { mode: 'hub' }, optionsSender);
    expect(await send('ai/provider', {}, optionsSender)).toEqual({ ok: true, value: { mode: 'hub', provider: null, reason: 'hub-not-paired' } });
    await setPairing(db, { hubUrl: 'https://hub.example.com', token: 'tok', member: { id: 'm', name: 'M', role: 'agent' }, team: { id: 't', name: 'T' }, deviceName: 'd', pairedAt: 1, revoked: true });
    expect(await send('ai/provider', {}, optionsSender)).toEqual({ ok: true, value: { mode: 'hub', provider: null, reason: 'hub-revoked' } });
  });

  test("hands out the hub's proxy with the member token, which streams through the team's provider", async () => {
    const { db, send } = setup(await pairedBrowser(env.hub));
    const pairing = (await getPairing(db))!;
    await env.hub.team.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'team-gpt', apiKey: KEY });
    const view = await send('ai/save-settings', { mode: 'hub' }, optionsSender);
    expect(view).toMatchObject({ ok: true, value: { mode: 'hub', hub: { paired: true, teamName: 'Maison Lumière' } } });
    expect(JSON.stringify(view)).not.toContain(pairing.token);

    const answer = await send('ai/provider', {}, optionsSender);
    expect(answer).toEqual({ ok: true, value: { mode: 'hub', provider: { baseURL: `${env.hub.url}/v1/llm`, apiKey: pairing.token, model: HUB_MODEL } } });
    const hubProvider = (answer as { value: { provider: { baseURL: string; apiKey: string; model: string } } }).value.provider;
    const seen: string[] = [];
    const text = await streamCompletion(hubProvider, [{ role: 'user', content: 'Client: ecrire a jeanne@exemple.fr' }], { onText: (t) => seen.push(t) });
    expect(text).toBe('{"variants":[{"text":"Bonjour [EMAIL_1]"}]}');
    expect(seen.length).toBeGreaterThan(2);
    const sent = provider.requests.at(-1)!;
    expect(sent.body.model).toBe('team-gpt');
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.raw).not.toContain('jeanne@exemple.fr');
    expect(sent.raw).not.toContain(pairing.token);
  });
});
