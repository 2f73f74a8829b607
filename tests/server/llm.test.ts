import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../server/start.ts';
import type { Database } from '../../server/db/types.ts';
import { type OpenAiTestServer, startOpenAiServer } from '../support/openai-server.ts';
import { BACKENDS, type Backend, createBackend } from './support/backends.ts';
import { type Client, type TestTeam, createTestTeam, startTestHub } from './support/hub.ts';

const KEY = 'sk-team-a-provider-key-0123456789';
const CARD = '4970 1012 3456 7893'; // Luhn-valid
const CARD_DIGITS = CARD.replace(/\D/g, '');
const EMAIL = 'jeanne.martin@exemple.fr';

const sdk = (hub: RunningHub, token: string) => new OpenAI({ baseURL: `${hub.url}/v1/llm`, apiKey: token, maxRetries: 0, timeout: 10_000 });
const tokenOf = (client: Client) => client.token!;

/** `prefix` (15 digits) and the Luhn check digit that makes it a valid card number. */
function luhnCard(prefix: string): string {
  let sum = 0;
  for (let i = 0; i < prefix.length; i++) {
    let d = Number(prefix[prefix.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return prefix + ((10 - (sum % 10)) % 10);
}

describe.each(BACKENDS)('LLM proxy on %s', (kind) => {
  let backend: Backend;
  let db: Database;
  let hub: RunningHub;
  let provider: OpenAiTestServer;
  let a: TestTeam;
  let b: TestTeam;
  const configure = (team: TestTeam, extra: Record<string, unknown> = {}) =>
    team.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'gpt-test-mini', apiKey: KEY, requestsPerMinute: 30, ...extra });

  beforeAll(async () => {
    provider = await startOpenAiServer({ model: (request) => `echo:${request.messages.at(-1)?.content}`, chunkSize: 5 });
    backend = await createBackend(kind);
    db = await backend.open();
    hub = await startTestHub(db);
    a = await createTestTeam(db, hub.url, 'Team A');
    b = await createTestTeam(db, hub.url, 'Team B');
  });
  afterAll(async () => {
    await hub?.close();
    await backend?.dispose();
    await provider?.close();
  });
  beforeEach(async () => {
    provider.requests.length = 0;
    provider.options.failWith = undefined;
    expect((await configure(a)).status).toBe(200);
  });

  it('answers 503 E_LLM_NOT_CONFIGURED to a team without a provider', async () => {
    const reply = await b.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.status).toBe(503);
    expect(reply.body.error.code).toBe('E_LLM_NOT_CONFIGURED');
    await expect(sdk(hub, tokenOf(b.agent)).chat.completions.create({ model: 'team', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 503 });
  });

  it('streams through the real openai SDK, with the team model and key, and masks what the client forgot', async () => {
    const stream = await sdk(hub, tokenOf(a.agent)).chat.completions.create({
      model: 'team',
      stream: true,
      messages: [
        { role: 'system', content: 'You are helpful.' },
        { role: 'user', content: `Ma carte ${CARD}, mon mail ${EMAIL}, rappel [EMAIL_1].` },
      ],
    });
    let text = '';
    let chunks = 0;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta?.content ?? '';
      chunks++;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(text).toBe('echo:Ma carte [CARD_1], mon mail [EMAIL_2], rappel [EMAIL_1].');
    expect(provider.requests).toHaveLength(1);
    const sent = provider.requests[0]!;
    expect(sent.body.model).toBe('gpt-test-mini');
    expect(sent.authorization).toBe(`Bearer ${KEY}`);
    expect(sent.raw).not.toContain(CARD_DIGITS.slice(0, 8));
    expect(sent.raw).not.toContain(CARD);
    expect(sent.raw).not.toContain(EMAIL);
    // The member's hub token never reaches the provider.
    expect(sent.raw + sent.authorization).not.toContain(tokenOf(a.agent));
  });

  it('removes a card number hidden with invisible characters and text parts too (non-streaming)', async () => {
    const hidden = CARD_DIGITS.split('').join('\u200b');
    const answer = await sdk(hub, tokenOf(a.agent)).chat.completions.create({
      model: 'gpt-test-mini',
      messages: [{ role: 'user', content: [{ type: 'text', text: `card ${hidden} phone 06 12 34 56 78` }] }],
    });
    expect(answer.choices[0]!.message.content).toBe('echo:card [CARD_1] phone [PHONE_1]');
    expect(answer.usage?.prompt_tokens).toBeGreaterThan(0);
    const raw = provider.requests[0]!.raw.replace(/\\u200b|\u200b/g, '');
    expect(raw).not.toContain(CARD_DIGITS);
    expect(raw).not.toContain('06 12 34 56 78');
  });

  it('forwards none of 200 unmasked card numbers and e-mail addresses, whatever their format', async () => {
    const cards = Array.from({ length: 200 }, (_, i) => luhnCard(`4${String(1_000_000 + i * 7919).padStart(7, '0')}1234567`));
    const formats = [(d: string) => d, (d: string) => d.replace(/(\d{4})(?=\d)/g, '$1 '), (d: string) => d.replace(/(\d{4})(?=\d)/g, '$1-'), (d: string) => d.replace(/(\d{4})(?=\d)/g, '$1.')];
    const messages = cards.map((card, i) => ({
      role: 'user' as const,
      content: i % 2 ? `Voici ma carte ${formats[i % 4]!(card)} merci, écrivez à client${i}@exemple.fr` : `Card: ${formats[i % 4]!(card)}; mail me at user.${i}@example.com`,
    }));
    for (let i = 0; i < messages.length; i += 50) {
      const reply = await a.agent.post('/v1/llm/chat/completions', { model: 'team', messages: messages.slice(i, i + 50) });
      expect(reply.status).toBe(200);
    }
    const outgoing = provider.requests.map((r) => r.raw).join('\n');
    const digitsOnly = outgoing.replace(/[\s.-]/g, '');
    expect(cards.filter((card) => digitsOnly.includes(card))).toEqual([]);
    expect(outgoing).not.toMatch(/@exemple\.fr|@example\.com/);
  });

  it('refuses another model than the team one', async () => {
    const reply = await a.agent.post('/v1/llm/chat/completions', { model: 'gpt-5-expensive', messages: [{ role: 'user', content: 'hi' }] });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('E_LLM_MODEL');
    expect(provider.requests).toHaveLength(0);
  });

  it('answers malformed bodies with 4xx and forwards nothing', async () => {
    const cases: Array<[unknown, number, string]> = [
      ['{not json', 400, 'E_BAD_JSON'],
      [{ model: 'team' }, 400, 'E_VALIDATION'],
      [{ model: 'team', messages: [] }, 400, 'E_VALIDATION'],
      [{ model: 'team', messages: [{ role: 'tool', content: 'x' }] }, 400, 'E_VALIDATION'],
      [{ model: 'team', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'http://x' } }] }] }, 400, 'E_VALIDATION'],
      [{ model: 'team', messages: [{ role: 'user', content: 'x'.repeat(300 * 1024) }] }, 413, 'E_TOO_LARGE'],
    ];
    for (const [body, status, code] of cases) {
      const reply = await a.agent.post('/v1/llm/chat/completions', body);
      expect(reply.status, JSON.stringify(body).slice(0, 80)).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    expect((await a.agent.request('PUT', '/v1/llm/config', '{"baseURL":')).status).toBe(403);
    expect((await a.admin.request('PUT', '/v1/llm/config', { baseURL: 'file:///etc/passwd', model: 'm' })).body.error.code).toBe('E_VALIDATION');
    expect((await a.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'm', extra: 1 })).status).toBe(400);
    expect(provider.requests).toHaveLength(0);
  });

  it('never shows the key: agents and leads read the config without it, and cannot change it', async () => {
    for (const member of [a.agent, a.lead, a.admin]) {
      const reply = await member.get('/v1/llm/config');
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ configured: true, model: 'gpt-test-mini', hasApiKey: true, requestsPerMinute: 30 });
      expect(JSON.stringify(reply.body)).not.toContain(KEY);
    }
    for (const member of [a.agent, a.lead]) {
      const reply = await member.request('PUT', '/v1/llm/config', { baseURL: 'http://127.0.0.1:1/v1', model: 'x' });
      expect(reply.status).toBe(403);
      expect((await member.delete('/v1/llm/config')).status).toBe(403);
    }
    // Omitting the key keeps it; the audit log records the change without it.
    expect((await a.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'gpt-test-mini', requestsPerMinute: 30 })).body.hasApiKey).toBe(true);
    const log = await a.lead.get('/v1/audit');
    expect(JSON.stringify(log.body)).toContain('llm.config');
    expect(JSON.stringify(log.body)).not.toContain(KEY);
    await sdk(hub, tokenOf(a.agent)).chat.completions.create({ model: 'team', messages: [{ role: 'user', content: 'x' }] });
    expect(provider.requests[0]!.authorization).toBe(`Bearer ${KEY}`);
  });

  it('rate-limits each member with 429, Retry-After and E_LLM_RATE_LIMITED', async () => {
    await configure(a, { requestsPerMinute: 3 });
    const ask = (member: Client) => member.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'hi' }] });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(a.lead)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await fetch(`${hub.url}/v1/llm/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(a.lead)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'team', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('E_LLM_RATE_LIMITED');
    // Another member has a bucket of their own.
    expect((await ask(a.admin)).status).toBe(200);
    expect(provider.requests).toHaveLength(4);
    const error = await sdk(hub, tokenOf(a.lead)).chat.completions.create({ model: 'team', messages: [{ role: 'user', content: 'hi' }] }).catch((e) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });

  it('maps provider failures to 502 and a slow provider to 504', async () => {
    provider.options.failWith = 401;
    const refused = await a.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'hi' }] });
    expect(refused.status).toBe(502);
    expect(refused.body.error).toMatchObject({ code: 'E_LLM_UPSTREAM' });
    expect(refused.body.error.message).toContain("refused the team's API key");
    provider.options.failWith = undefined;

    await configure(a, { baseURL: 'http://127.0.0.1:9/v1' });
    const unreachable = await a.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'hi' }] });
    expect(unreachable.status).toBe(502);

    const slow = await startOpenAiServer({ model: () => new Promise((resolve) => setTimeout(() => resolve('late'), 1_500)) });
    process.env.HUB_LLM_TIMEOUT_MS = '300';
    try {
      await configure(a, { baseURL: slow.baseURL });
      const timedOut = await a.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'hi' }] });
      expect(timedOut.status).toBe(504);
      expect(timedOut.body.error.code).toBe('E_LLM_TIMEOUT');
    } finally {
      delete process.env.HUB_LLM_TIMEOUT_MS;
      await slow.close();
    }
  });

  it('stops the provider when the member cancels a stream, and logs it as 499', async () => {
    provider.options.chunkDelayMs = 30;
    const since = new Date().toISOString();
    const abort = new AbortController();
    try {
      const stream = await sdk(hub, tokenOf(a.agent)).chat.completions.create(
        { model: 'team', stream: true, messages: [{ role: 'user', content: 'a long answer '.repeat(20) }] },
        { signal: abort.signal },
      );
      // The SDK ends the iteration quietly on abort (src/ai/llm.ts says so too).
      for await (const _ of stream) abort.abort();
      await expect.poll(() => provider.requests[0]?.aborted, { timeout: 5_000 }).toBe(true);
      await expect
        .poll(async () => (await a.lead.get(`/v1/llm/usage?from=${encodeURIComponent(since)}`)).body.rows.map((r: { status: number }) => r.status), { timeout: 5_000 })
        .toEqual([499]);
    } finally {
      provider.options.chunkDelayMs = 0;
    }
  });

  it('logs usage per member for leads, with tokens and statuses; agents cannot read it', async () => {
    const since = new Date().toISOString();
    const stream = await sdk(hub, tokenOf(a.agent)).chat.completions.create({ model: 'team', stream: true, messages: [{ role: 'user', content: `bonjour ${EMAIL}` }] });
    for await (const _ of stream) void _;
    await sdk(hub, tokenOf(a.agent)).chat.completions.create({ model: 'team', messages: [{ role: 'user', content: 'hello' }] });
    await new Promise((resolve) => setTimeout(resolve, 100)); // the stream's row is written as it ends
    expect((await a.agent.get('/v1/llm/usage')).status).toBe(403);
    const usage = await a.lead.get(`/v1/llm/usage?from=${encodeURIComponent(since)}`);
    expect(usage.status).toBe(200);
    const mine = usage.body.rows.filter((r: { memberId: string }) => r.memberId === a.agentId);
    expect(mine).toHaveLength(2);
    const [plain, streamed] = mine; // newest first
    expect(plain).toMatchObject({ model: 'gpt-test-mini', stream: false, status: 200, masked: 0 });
    expect(plain.promptTokens).toBeGreaterThan(0);
    expect(plain.completionTokens).toBeGreaterThan(0);
    expect(streamed).toMatchObject({ stream: true, status: 200, masked: 1 });
    expect(usage.body.members.find((m: { memberId: string }) => m.memberId === a.agentId)).toMatchObject({ requests: 2, failed: 0 });
    expect(JSON.stringify(usage.body)).not.toContain(EMAIL);
    expect((await a.lead.get('/v1/llm/usage?from=yesterday')).status).toBe(400);
  });

  it("keeps teams apart: team B neither sees nor uses team A's provider, key or usage", async () => {
    await a.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'a' }] });
    for (const member of [b.agent, b.lead, b.admin]) {
      const config = await member.get('/v1/llm/config');
      expect(config.body).toEqual({ configured: false });
      const use = await member.post('/v1/llm/chat/completions', { model: 'gpt-test-mini', messages: [{ role: 'user', content: 'b' }] });
      expect(use.body.error.code).toBe('E_LLM_NOT_CONFIGURED');
    }
    const usage = await b.lead.get('/v1/llm/usage');
    expect(usage.body.rows).toEqual([]);
    expect(usage.body.totals.requests).toBe(0);
    // Team B's own provider: its key, its model, its bucket.
    expect((await b.admin.request('PUT', '/v1/llm/config', { baseURL: provider.baseURL, model: 'b-model', apiKey: 'sk-b' })).status).toBe(200);
    await b.agent.post('/v1/llm/chat/completions', { model: 'team', messages: [{ role: 'user', content: 'b' }] });
    expect(provider.requests.at(-1)).toMatchObject({ authorization: 'Bearer sk-b', body: { model: 'b-model' } });
    expect((await a.lead.get('/v1/llm/usage')).body.rows.some((r: { model: string }) => r.model === 'b-model')).toBe(false);
    expect((await b.admin.delete('/v1/llm/config')).status).toBe(200);
    expect((await a.agent.get('/v1/llm/config')).body.configured).toBe(true);
    // A bad token is 401, before anything else.
    expect((await a.agent.as('nope').post('/v1/llm/chat/completions', { model: 'team', messages: [] })).status).toBe(401);
  });
});
