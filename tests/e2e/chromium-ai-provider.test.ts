/**
 * Settings → Suggestions in real Chromium: an OpenAI-compatible endpoint (the local test server)
 * saved with its key, the key never shown again nor put in storage.local, "Test connection"
 * through the real openai SDK from the page; then the team hub's proxy once paired.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startOpenAiServer, type OpenAiTestServer } from '../support/openai-server';
import { chromiumWithFixtures } from './support/chromium';
import { openSettings, pairFromSettings, teamHub } from './support/hub';

const env = chromiumWithFixtures();
const hub = teamHub();
const KEY = 'sk-e2e-provider-key-777';
const HUB_KEY = 'sk-e2e-team-key-888';
let provider: OpenAiTestServer;

beforeAll(async () => {
  provider = await startOpenAiServer({ model: () => '{"ok":true}' });
});

afterAll(async () => {
  await provider?.close();
});

test('an OpenAI-compatible endpoint, then the team hub: saved, key never shown, connection tested', async () => {
  const options = await openSettings(env.browser);
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
  await pairFromSettings(options, hub, { role: 'agent', name: 'Camille' });
  await expect.poll(() => options.getByTestId('hub-team').textContent(), { timeout: 10_000 }).toBe('Maison Lumière');
  await options.reload();
  await expect.poll(() => section.locator('input[value="hub"]').count(), { timeout: 10_000 }).toBe(1);
  await section.locator('input[value="hub"]').check();
  await options.getByTestId('ai-test').click();
  await expect.poll(() => options.getByTestId('ai-result').textContent(), { timeout: 15_000 }).toMatch(/E_LLM_NOT_CONFIGURED|No LLM provider/);

  expect((await hub.team.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'team-model', apiKey: HUB_KEY })).status).toBe(200);
  await options.getByTestId('ai-test').click();
  await expect.poll(() => options.getByTestId('ai-result').textContent(), { timeout: 15_000 }).toMatch(/^(Connected|Connecté)/);
  expect(provider.requests.at(-1)).toMatchObject({ authorization: `Bearer ${HUB_KEY}`, body: { model: 'team-model' } });
  await options.close();
});
