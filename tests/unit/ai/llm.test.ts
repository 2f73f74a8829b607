/** The real `openai` SDK against the local OpenAI-compatible server: streaming, cancel, failures. */
import { afterEach, describe, expect, it } from 'vitest';
import { LlmError, readVariants, streamCompletion } from '../../../src/ai/llm';
import { honestModel } from '../../support/adversarial-model';
import { startOpenAiServer, variantsJson, type OpenAiTestServer } from '../../support/openai-server';

let server: OpenAiTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const messages = [
  { role: 'system' as const, content: 'Write in French. Reply with JSON only.' },
  { role: 'user' as const, content: '<customer first_name="Léa"/><customer_message>Où est ma commande ?</customer_message>' },
];

describe('LLM client (openai SDK, streaming)', () => {
  it('streams the answer chunk by chunk and reads three variants from it', async () => {
    server = await startOpenAiServer({ model: honestModel(), chunkSize: 7 });
    const seen: string[] = [];
    const text = await streamCompletion({ baseURL: server.baseURL, apiKey: 'sk-test', model: 'test-model' }, messages, { onText: (t) => seen.push(t) });
    expect(seen.length).toBeGreaterThan(10);
    seen.forEach((t, i) => i > 0 && expect(t.startsWith(seen[i - 1]!)).toBe(true));
    const variants = readVariants(text);
    expect(variants.map((v) => v.style)).toEqual(['concise', 'warm', 'detailed']);
    expect(variants[0]!.text).toMatch(/^Bonjour Léa/);
    const request = server.requests[0]!;
    expect(request.body).toMatchObject({ model: 'test-model', stream: true, response_format: { type: 'json_object' } });
    expect(request.authorization).toBe('Bearer sk-test');
  });

  it('exposes partial variants while the JSON is still open', async () => {
    server = await startOpenAiServer({ model: () => variantsJson(['Bonjour, voici une réponse assez longue pour arriver en plusieurs morceaux.', 'Deuxième']), chunkSize: 5 });
    const partialTexts: string[] = [];
    await streamCompletion({ baseURL: server.baseURL, apiKey: 'k', model: 'm' }, messages, { onText: (t) => partialTexts.push(readVariants(t)[0]?.text ?? '') });
    const growing = partialTexts.filter((t) => t && t.length < 60);
    expect(growing.length).toBeGreaterThan(5);
    expect(growing.every((t) => 'Bonjour, voici une réponse assez longue pour arriver en plusieurs morceaux.'.startsWith(t))).toBe(true);
  });

  it('is cancelled by an AbortSignal mid-stream, and the server sees the client go', async () => {
    server = await startOpenAiServer({ model: honestModel(), chunkSize: 3, chunkDelayMs: 15 });
    const controller = new AbortController();
    let chunks = 0;
    const run = streamCompletion({ baseURL: server.baseURL, apiKey: 'k', model: 'm' }, messages, {
      signal: controller.signal,
      onText: () => {
        if (++chunks === 5) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'LlmError', code: 'llm-aborted' });
    expect(chunks).toBe(5);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests[0]!.aborted).toBe(true);
  });

  it('reports an unavailable endpoint with a stable code', async () => {
    server = await startOpenAiServer({ model: honestModel(), failWith: 500 });
    const error = await streamCompletion({ baseURL: server.baseURL, apiKey: 'k', model: 'm' }, messages).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ code: 'llm-unavailable' });
  });
});

describe('readVariants', () => {
  it('keeps at most three well-formed variants and tolerates prose and fences around the JSON', () => {
    const raw = 'Sure! ```json\n{"variants":[{"style":"warm","text":"A","promotionIds":["p1"]},{"text":42},{"style":"odd","text":"B"},{"text":"C"},{"text":"D"}]}\n```';
    expect(readVariants(raw)).toEqual([
      { style: 'warm', text: 'A', promotionIds: ['p1'], templateIds: [] },
      { text: 'B', promotionIds: [], templateIds: [] },
      { text: 'C', promotionIds: [], templateIds: [] },
    ]);
  });

  it('reads every prefix of a streamed answer without throwing, never shrinking the first text', () => {
    const full = variantsJson(['Bonjour \\"Léa\\", ligne 1\nligne 2 — été', 'Second'], { promotionIds: ['promo-welcome'] });
    let last = '';
    for (let i = 0; i <= full.length; i++) {
      const text = readVariants(full.slice(0, i))[0]?.text ?? '';
      if (text) {
        expect(text.startsWith(last.slice(0, Math.max(0, last.length - 1)))).toBe(true);
        last = text;
      }
    }
    expect(last).toBe('Bonjour \\"Léa\\", ligne 1\nligne 2 — été');
  });
});
