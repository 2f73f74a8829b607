/**
 * The team's LLM provider key at rest: sealed with the hub's secret key (AES-256-GCM), on PGlite
 * and PostgreSQL. What is stored never holds the key; a restart with the same secret works; a
 * wrong secret gives a clear error until an admin sets the key again; keys an earlier hub stored
 * in clear are sealed at start, once.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import { loadSecretKey } from '../../server/llm/secret.ts';
import { type RunningHub, startHub } from '../../server/start.ts';
import { type OpenAiTestServer, startOpenAiServer } from '../support/openai-server.ts';
import { BACKENDS, type Backend, createBackend } from './support/backends.ts';
import { type TestTeam, createTestTeam } from './support/hub.ts';

const KEY = 'sk-live-provider-key-7f3a9c1e5b';
const NEW_KEY = 'sk-live-replacement-key-44d2e8';
const ask = { model: 'team', messages: [{ role: 'user', content: 'bonjour' }] };

describe.each(BACKENDS)('LLM provider key at rest on %s', (kind) => {
  const secret = randomBytes(32);
  let backend: Backend;
  let db: Database;
  let provider: OpenAiTestServer;
  let team: TestTeam;
  const hubs: RunningHub[] = [];

  /** A hub instance over the same database, as after a restart, with `secretKey`. */
  async function restart(secretKey: Buffer): Promise<RunningHub> {
    await Promise.all(hubs.splice(0).map((hub) => hub.close()));
    const hub = await startHub({ db, port: 0, pingMs: 60_000, secretKey });
    hubs.push(hub);
    return hub;
  }
  const members = (hub: RunningHub) => ({ admin: team.admin.asUrl(hub.url), agent: team.agent.asUrl(hub.url) });
  const storedRow = async () => (await db.query<{ row: string; api_key: string | null; api_key_sealed: string | null }>('SELECT l::text AS row, api_key, api_key_sealed FROM llm_config l WHERE team_id = $1', [team.id]))[0]!;

  beforeAll(async () => {
    provider = await startOpenAiServer({ model: () => 'ok' });
    backend = await createBackend(kind);
    db = await backend.open();
    const hub = await restart(secret);
    team = await createTestTeam(db, hub.url, 'Sealed team');
    const saved = await members(hub).admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'gpt-test', apiKey: KEY });
    expect(saved.status).toBe(200);
  });
  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.close()));
    await backend?.dispose();
    await provider?.close();
  });

  it('stores the key sealed: the row holds neither the key nor its base64, and the proxy still sends it', async () => {
    const row = await storedRow();
    expect(row.api_key).toBeNull();
    expect(row.api_key_sealed).toMatch(/^v1\./);
    for (const form of [KEY, Buffer.from(KEY).toString('base64'), Buffer.from(KEY).toString('hex')]) expect(row.row).not.toContain(form);
    provider.requests.length = 0;
    expect((await members(hubs[0]!).agent.post('/v1/llm/chat/completions', ask)).status).toBe(200);
    expect(provider.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
  });

  it('a restart with the same secret key reads the key', async () => {
    const hub = await restart(secret);
    provider.requests.length = 0;
    expect((await members(hub).agent.post('/v1/llm/chat/completions', ask)).status).toBe(200);
    expect(provider.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
  });

  it('a wrong secret key: 503 E_LLM_KEY_UNREADABLE, nothing sent, the config says so; a new key from the admin works', async () => {
    const hub = await restart(randomBytes(32));
    const { admin, agent } = members(hub);
    provider.requests.length = 0;
    const refused = await agent.post('/v1/llm/chat/completions', ask);
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('E_LLM_KEY_UNREADABLE');
    expect(refused.body.error.message).toContain('HUB_SECRET_KEY');
    expect(provider.requests).toHaveLength(0);
    const config = await admin.get('/v1/llm/config');
    expect(config.body).toMatchObject({ configured: true, hasApiKey: true, apiKeyUnreadable: true });
    expect(JSON.stringify(config.body)).not.toContain((await storedRow()).api_key_sealed);

    const replaced = await admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'gpt-test', apiKey: NEW_KEY });
    expect(replaced.body).toMatchObject({ hasApiKey: true, apiKeyUnreadable: false });
    expect((await agent.post('/v1/llm/chat/completions', ask)).status).toBe(200);
    expect(provider.requests[0]!.authorization).toBe(`Bearer ${NEW_KEY}`);

    // Back to the first secret: the replacement, sealed with the other one, is unreadable there.
    const back = await restart(secret);
    expect((await members(back).agent.post('/v1/llm/chat/completions', ask)).body.error.code).toBe('E_LLM_KEY_UNREADABLE');
    await members(back).admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'gpt-test', apiKey: KEY });
  });

  it('seals a key an earlier hub stored in clear at start, once', async () => {
    // What migration 75 leaves of an earlier hub's row: the key in clear, nothing sealed.
    await db.query('UPDATE llm_config SET api_key = $2, api_key_sealed = NULL WHERE team_id = $1', [team.id, KEY]);
    const hub = await restart(secret);
    const sealed = await storedRow();
    expect(sealed.api_key).toBeNull();
    expect(sealed.row).not.toContain(KEY);
    provider.requests.length = 0;
    expect((await members(hub).agent.post('/v1/llm/chat/completions', ask)).status).toBe(200);
    expect(provider.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
    // A second start finds nothing in clear and leaves the sealed value as it is.
    await restart(secret);
    expect((await storedRow()).api_key_sealed).toBe(sealed.api_key_sealed);
  });

  it('a sealed key copied to another team does not open there', async () => {
    const hub = hubs[0]!;
    const other = await createTestTeam(db, hub.url, 'Other team');
    await other.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'gpt-test' });
    await db.query('UPDATE llm_config SET api_key_sealed = (SELECT api_key_sealed FROM llm_config WHERE team_id = $1) WHERE team_id = $2', [team.id, other.id]);
    provider.requests.length = 0;
    expect((await other.agent.post('/v1/llm/chat/completions', ask)).body.error.code).toBe('E_LLM_KEY_UNREADABLE');
    expect(provider.requests).toHaveLength(0);
  });
});

describe('the hub secret key', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-secret-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('without HUB_SECRET_KEY: generates a key file next to the data, mode 0600, says where, and reuses it', () => {
    const lines: string[] = [];
    const first = loadSecretKey({ env: {}, dataDir: dir, log: (line) => lines.push(line) });
    const file = join(dir, 'hub-secret.key');
    expect(first).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain('new secret key');
    const again = loadSecretKey({ env: {}, dataDir: dir, log: (line) => lines.push(line) });
    expect(again.equals(first)).toBe(true);
    expect(lines[1]).not.toContain('new');
  });

  it('HUB_SECRET_FILE names another path (PostgreSQL deployments have no data folder)', () => {
    const file = join(dir, 'etc', 'continuum', 'secret');
    const key = loadSecretKey({ env: { HUB_SECRET_FILE: file }, dataDir: '/nonexistent', log: () => {} });
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(key)).toBe(true);
  });

  it('HUB_SECRET_KEY in hex or base64 wins over the file; a key of another length is refused', () => {
    const raw = randomBytes(32);
    for (const text of [raw.toString('hex'), raw.toString('base64'), raw.toString('base64url')]) {
      const lines: string[] = [];
      expect(loadSecretKey({ env: { HUB_SECRET_KEY: text }, dataDir: dir, log: (line) => lines.push(line) }).equals(raw)).toBe(true);
      expect(lines).toEqual(['LLM provider keys are encrypted at rest with HUB_SECRET_KEY.']);
    }
    for (const bad of [randomBytes(16).toString('base64'), 'not a key!', randomBytes(31).toString('hex')]) {
      expect(() => loadSecretKey({ env: { HUB_SECRET_KEY: bad }, dataDir: dir, log: () => {} })).toThrow(/32 bytes/);
    }
  });
});
