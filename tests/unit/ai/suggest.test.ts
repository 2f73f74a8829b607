/** The pipeline the sidebar calls: masked context out, streamed variants back, unmasked and guarded. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suggest, type SuggestInput } from '../../../src/ai/suggest';
import type { Suggestion } from '../../../src/ai/types';
import { LEA, NOW, OTHER_IDENTIFIERS, PROMOTIONS, TEMPLATES } from '../../corpora/people';
import { maskingCases } from '../../corpora/masking';
import { honestModel } from '../../support/adversarial-model';
import { dataBlocks, startOpenAiServer, variantsJson, type ChatRequest, type OpenAiTestServer } from '../../support/openai-server';

let server: OpenAiTestServer;
let echo: OpenAiTestServer;
beforeAll(async () => {
  server = await startOpenAiServer({ model: honestModel(), chunkSize: 6 });
  // Answers with the customer's own message: what the model saw comes back to be unmasked.
  echo = await startOpenAiServer({ model: (r: ChatRequest) => variantsJson([`Bien noté : ${dataBlocks(r).at(-1) ?? ''}`]) });
});
afterAll(async () => {
  await server.close();
  await echo.close();
});

const base = (text: string, extra: Partial<SuggestInput> = {}): SuggestInput => ({
  conversation: { key: 'zendesk:ticket:1', channel: 'email', messages: [{ direction: 'inbound', text }] },
  customer: LEA,
  timeline: [],
  promotions: PROMOTIONS,
  templates: TEMPLATES,
  others: OTHER_IDENTIFIERS,
  agent: { name: 'Camille' },
  now: NOW,
  ...extra,
});

describe('suggest with a model', () => {
  it('streams guarded partial suggestions, then three variants with the promotion they use', async () => {
    const partials: Suggestion[][] = [];
    const result = await suggest(base('Bonjour, ma commande 88213 est en retard, vous pouvez regarder ?', {
      provider: { baseURL: server.baseURL, apiKey: 'k', model: 'm' },
      onPartial: (p) => partials.push(p),
    }));
    expect(result.source).toBe('llm');
    expect(result.error).toBeUndefined();
    expect(result.suggestions.map((s) => [s.style, s.verdict])).toEqual([['concise', 'ok'], ['warm', 'ok'], ['detailed', 'ok']]);
    expect(result.suggestions[0]!.text).toMatch(/^Bonjour Léa, .*BIENVENUE10/s);
    expect(result.suggestions[0]!.promotionIds).toEqual(['promo-welcome']);
    expect(result.suggestions.every((s) => s.canInsert)).toBe(true);
    expect(partials.length).toBeGreaterThan(3);
    expect(partials.flat().every((s) => !s.canInsert)).toBe(true);
    const finalText = result.suggestions[2]!.text;
    for (const p of partials) if (p[2]?.text) expect(finalText.startsWith(p[2].text.trimEnd())).toBe(true);
    expect(result.timings.contextMs).toBeLessThan(200);
  });

  it('masks what leaves and restores it locally; a card never comes back', async () => {
    const text = 'Écrivez-moi à lea.perso@free.fr ou au 06 11 22 33 44. Ma carte 4111 1111 1111 1111 a été débitée deux fois.';
    const result = await suggest(base(text, { customer: { ...LEA, identifiers: [...LEA.identifiers, 'lea.perso@free.fr', '06 11 22 33 44'] }, provider: { baseURL: echo.baseURL, apiKey: 'k', model: 'm' } }));
    const sent = echo.requests.at(-1)!.raw;
    expect(sent).not.toContain('lea.perso@free.fr');
    expect(sent).not.toContain('06 11 22 33 44');
    expect(sent.replace(/\D/g, '')).not.toContain('4111111111111111');
    expect(sent).toContain('[EMAIL_1]');
    expect(result.masked).toMatchObject({ email: 1, phone: 1, card: 1 });
    expect(result.suggestions[0]!.text).toContain('lea.perso@free.fr');
    expect(result.suggestions[0]!.text).toContain('•••• 1111');
    expect(result.suggestions[0]!.text).not.toContain('4111 1111');
  });

  it('keeps what was written so far when cancelled', async () => {
    const slow = await startOpenAiServer({ model: honestModel(), chunkSize: 4, chunkDelayMs: 10 });
    const controller = new AbortController();
    let seen: Suggestion[] = [];
    const result = await suggest(base('Où est mon colis ?', {
      provider: { baseURL: slow.baseURL, apiKey: 'k', model: 'm' },
      signal: controller.signal,
      onPartial: (p) => {
        seen = p;
        if (p[0]?.text && p[0].text.length > 30) controller.abort();
      },
    }));
    await slow.close();
    expect(result.error?.code).toBe('llm-aborted');
    expect(result.suggestions[0]!.text.length).toBeGreaterThanOrEqual(seen[0]!.text.length);
  });

  it('falls back to local suggestions when the endpoint fails', async () => {
    const failing = await startOpenAiServer({ model: honestModel(), failWith: 503 });
    const result = await suggest(base('Ma commande est en retard, où est mon colis ?', { provider: { baseURL: failing.baseURL, apiKey: 'k', model: 'm' } }));
    await failing.close();
    expect(result.source).toBe('local');
    expect(result.error?.code).toBe('llm-unavailable');
    expect(result.suggestions[0]).toMatchObject({ source: 'template', templateIds: ['tpl-late'], verdict: 'ok' });
  });
});

describe('masking corpus through the pipeline', () => {
  it('sends 0 raw card numbers and at least 99% of e-mails and phones masked in every captured request', async () => {
    const capture = await startOpenAiServer({ model: () => variantsJson(['Merci, nous regardons.']) });
    const cases = maskingCases();
    for (let i = 0; i < cases.length; i += 4) {
      const group = cases.slice(i, i + 4);
      await suggest({
        ...base('', { provider: { baseURL: capture.baseURL, apiKey: 'k', model: 'm' } }),
        conversation: { key: `c${i}`, channel: 'email', messages: group.map((c) => ({ direction: 'inbound' as const, text: c.text })) },
      });
    }
    const bodies = capture.requests.map((r) => r.raw);
    await capture.close();
    expect(bodies.length).toBe(Math.ceil(cases.length / 4));
    const all = bodies.join('\n');
    const allDigits = bodies.map((b) => b.replace(/\D/g, '')).join('|');
    const planted = cases.flatMap((c) => c.planted);
    const cards = planted.filter((p) => p.kind === 'card');
    expect(cards.filter((p) => allDigits.includes(p.core) || all.includes(p.written))).toEqual([]);
    const rate = (kind: 'email' | 'phone') => {
      const list = planted.filter((p) => p.kind === kind);
      const leaked = list.filter((p) => (kind === 'email' ? all.toLowerCase().includes(p.core) : all.includes(p.written)));
      return 1 - leaked.length / list.length;
    };
    console.log(`captured ${bodies.length} requests: ${cards.length} cards, 0 sent; e-mails masked ${rate('email')}, phones ${rate('phone')}`);
    expect(rate('email')).toBeGreaterThanOrEqual(0.99);
    expect(rate('phone')).toBeGreaterThanOrEqual(0.99);
  }, 60_000);
});
