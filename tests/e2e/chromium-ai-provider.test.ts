/**
 * Settings → Suggestions in real Chromium: an OpenAI-compatible endpoint (the local test server)
 * saved with its key, the key never shown again nor put in storage.local, "Test connection"
 * through the real openai SDK from the page; then the team hub's proxy once paired.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPglite } from '../../server/db/pglite';
import type { Database } from '../../server/db/types';
import { startHub, type RunningHub } from '../../server/start';
import { startOpenAiServer, type OpenAiTestServer } from '../support/openai-server';
import { createTestTeam, type TestTeam } from '../server/support/hub';
import { chromiumWithFixtures } from './support/chromium';

const env = chromiumWithFixtures();
const KEY = 'sk-e2e-provider-key-777';
const HUB_KEY = 'sk-e2e-team-key-888';
let dataDir: string;
let database: Database;
let hub: RunningHub;
let team: TestTeam;
let provider: OpenAiTestServer;

beforeAll(async () => {
  provider = await startOpenAiServer({ model: () => '{"ok":true}' });
  dataDir = await mkdtemp(join(tmpdir(), 'continuum-ai-'));
  database = await openPglite(dataDir);
  hub = await startHub({ db: database, port: 0 });
  team = await createTestTeam(database, hub.url, 'Maison Lumière');
}, 90_000);

afterAll(async () => {
  await hub?.close();
  await database?.close();
  await provider?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

test('an OpenAI-compatible endpoint, then the team hub: saved, key never shown, connection tested', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(`${env.browser.extensionOrigin}/src/options/index.html`);
  const section = options.getByTestId('ai-provider');
  await expect.poll(() => section.locator('input[value="none"]').isChecked(), { timeout: 10_000 }).toBe(true);
  // Not paired yet: no "Team hub" choice.
  expect(await section.locator('input[value="hub"]').count()).toBe(0);

  await section.locator('input[value="openai"]').check();
  await options.fill('#ai-base-url', provider.baseURL);
  await options.fill('#ai-model', 'e2e-model');
  await options.fill('#ai-key', KEY);
  await section.getByRole('button', { name: /^(Save|Enregistrer)$/ }).click();
  await expect.poll(() => options.getByTestId('ai-result').textContent(), { timeout: 10_000 }).toMatch(/^(Saved|Enregistré)/);
  expect(await options.inputValue('#ai-key')).toBe('');
  expect(await options.getByTestId('ai-forget-key').count()).toBe(1);
  expect(await options.content()).not.toContain(KEY);
  const local = await options.evaluate(() => chrome.storage.local.get(null));
  expect(JSON.stringify(local)).not.toContain(KEY);

  await options.getByTestId('ai-test').click();
  await expect.poll(() => options.getByTestId('ai-result').textContent(), { timeout: 15_000 }).toMatch(/^(Connected|Connecté)/);
  expect(provider.requests.at(-1)).toMatchObject({ authorization: `Bearer ${KEY}`, body: { model: 'e2e-model', stream: true } });

  // Pair, let the admin configure the team's provider, pick "Team hub".
  const invite = await team.admin.post('/v1/invites', { role: 'agent', name: 'Camille' });
  await options.fill('#hub-url', hub.url);
  await options.fill('#hub-invite', invite.body.code);
  await options.getByRole('button', { name: /^(Pair|Associer)$/ }).click();
  await expect.poll(() => options.getByTestId('hub-team').textContent(), { timeout: 10_000 }).toBe('Maison Lumière');
  await options.reload();
  await expect.poll(() => section.locator('input[value="hub"]').count(), { timeout: 10_000 }).toBe(1);
  await section.locator('input[value="hub"]').check();
  await options.getByTestId('ai-test').click();
  await expect.poll(() => options.getByTestId('ai-result').textContent(), { timeout: 15_000 }).toMatch(/E_LLM_NOT_CONFIGURED|No LLM provider/);

  expect((await team.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'team-model', apiKey: HUB_KEY })).status).toBe(200);
  await options.getByTestId('ai-test').click();
  await expect.poll(() => options.getByTestId('ai-result').textContent(), { timeout: 15_000 }).toMatch(/^(Connected|Connecté)/);
  expect(provider.requests.at(-1)).toMatchObject({ authorization: `Bearer ${HUB_KEY}`, body: { model: 'team-model' } });
  await options.close();
});
