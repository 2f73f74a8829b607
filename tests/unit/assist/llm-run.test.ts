/**
 * One sidebar round of model suggestions, end to end in Node: the real background handlers on a
 * real (fake-indexeddb) database hand the inputs, the real `openai` SDK streams from a real
 * local OpenAI-compatible server, and what was shown, inserted, edited and dismissed lands in
 * the feedback store. Only the message transport between the two pages is a function call.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createAssistHandlers, feedbackRecords } from '../../../src/background/assist';
import { recordReading } from '../../../src/background/page-reading';
import type { SenderContext } from '../../../src/background/router';
import type { FeedbackRecord } from '../../../src/ai/feedback';
import type { Suggestion } from '../../../src/ai/types';
import { DEFAULT_SETTINGS } from '../../../src/shared/schemas';
import type { MessageName, RequestOf, ResponseOf } from '../../../src/shared/messages';
import { db } from '../../../src/storage/db';
import { suggestRound, type Send } from '../../../src/sidebar/assist/llm-run';
import { startOpenAiServer, variantsJson, type OpenAiTestServer } from '../../support/openai-server';
import { DETECTION, GUIDE, NOW, REFUND, SPRING } from './fixtures';

const session = 'x'.repeat(16);
const CARD = '4970 1000 0000 0063';
const MESSAGE = `I am still waiting for my refund. I paid with ${CARD}; write to me at nora.second@example.org please.`;
const VARIANTS = ['Hi Nora, I am checking on your return with our warehouse today.', 'Hi Nora, thank you for your patience: I am checking on your return with our warehouse today and will write back tomorrow.'];

let server: OpenAiTestServer;
let tab = 100;
let provider: { baseURL: string; apiKey: string; model: string } | null;
let calls: string[];

beforeAll(async () => {
  server = await startOpenAiServer({ model: () => variantsJson(VARIANTS), chunkSize: 10 });
});
afterAll(() => server.close());

beforeEach(async () => {
  await Promise.all(db().tables.map((t) => t.clear()));
  tab++;
  calls = [];
  provider = { baseURL: server.baseURL, apiKey: 'sk-unit', model: 'unit-model' };
  server.options.model = () => variantsJson(VARIANTS);
  delete server.options.failWith;
  await db().published.bulkPut([
    { table: 'brand-guide', id: 'guide', data: GUIDE, seq: 1, at: NOW },
    { table: 'templates', id: REFUND.id, data: REFUND, seq: 2, at: NOW },
    { table: 'promotions', id: SPRING.id, data: SPRING, seq: 3, at: NOW },
  ]);
  const detection = { ...DETECTION, conversation: { ...DETECTION.conversation, messages: [{ direction: 'inbound' as const, text: MESSAGE }] } };
  await recordReading(detection, { tabId: tab, origin: 'https://desk.example', url: detection.conversation.key, pageUrl: 'https://desk.example/', settings: DEFAULT_SETTINGS });
});

/** The sidebar's `send`, wired straight to the background's handlers for this tab. */
function transport(): Send {
  const sender: SenderContext = { role: 'sidebar', tabId: tab, frameId: 1 };
  const handlers = createAssistHandlers({ sessionTab: async () => tab, requireEnabled: async () => ({ tabId: tab }), tellTab: async () => ({ inserted: true }), pushToTab: () => undefined });
  return (async <K extends MessageName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> => {
    calls.push(name);
    if (name === 'ai/provider') return { mode: provider ? 'openai' : 'none', provider } as ResponseOf<K>;
    const handler = (handlers as unknown as Record<string, (p: unknown, s: SenderContext) => Promise<unknown>>)[name];
    if (!handler) throw new Error(`No handler for ${name}`);
    return (await handler(payload, sender)) as ResponseOf<K>;
  }) as Send;
}

const kinds = async () => (await feedbackRecords()).map((r) => r.kind as string).sort();

describe('a model round run by the sidebar page', () => {
  test('streams growing variants, sends only masked text, reports what was masked, records shown', async () => {
    const partials: Suggestion[][] = [];
    const round = await suggestRound({ send: transport(), session, onPartial: (s) => partials.push(s) });
    expect(round.source).toBe('llm');
    expect(round.error).toBeUndefined();
    expect(round.suggestions.map((s) => s.text)).toEqual(VARIANTS);
    expect(round.suggestions.every((s) => s.canInsert)).toBe(true);
    // Partial lists came before the end, each one longer than the one before, none insertable.
    expect(partials.length).toBeGreaterThan(2);
    const lengths = partials.map((p) => p.map((s) => s.text).join('').length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(lengths.at(-1)!).toBeGreaterThan(lengths[0]!);
    expect(partials.flat().some((s) => s.canInsert)).toBe(false);

    const raw = server.requests.at(-1)!.raw;
    expect(raw.replace(/\D/g, '')).not.toContain(CARD.replace(/\D/g, ''));
    expect(raw).not.toContain('nora.second@example.org');
    expect(round.masked).toMatchObject({ card: 1, email: 1 });
    expect(await kinds()).toEqual(['shown', 'shown']);
  });

  test('inserted, edited after insert (with its edit ratio) and dismissed are recorded against the run', async () => {
    const send = transport();
    const round = await suggestRound({ send, session });
    const [first, second] = round.suggestions;
    await send('sidebar/suggestion-feedback', { session, runId: round.runId, suggestionId: first!.id, kind: 'inserted' });
    await send('sidebar/suggestion-feedback', { session, runId: round.runId, suggestionId: first!.id, kind: 'edited', edit: { inserted: first!.text, sent: `${first!.text} Best, Sam` } });
    // An unchanged text is no edit: nothing recorded.
    await send('sidebar/suggestion-feedback', { session, runId: round.runId, suggestionId: first!.id, kind: 'edited', edit: { inserted: first!.text, sent: first!.text } });
    await send('sidebar/suggestion-feedback', { session, runId: round.runId, suggestionId: second!.id, kind: 'dismissed' });
    const records = await db().feedback.toArray();
    expect(records.map((r) => r.kind).sort()).toEqual(['dismissed', 'edited', 'inserted', 'shown', 'shown']);
    const edited = records.find((r) => r.kind === 'edited') as FeedbackRecord;
    expect(edited).toMatchObject({ source: 'llm', style: 'concise' });
    // Two words added to twelve: 2 / 14, rounded to two decimals.
    expect(edited.editRatio).toBe(0.14);
    // Feedback never holds the reply text.
    expect(JSON.stringify(records)).not.toContain('our warehouse');
    await expect(send('sidebar/suggestion-feedback', { session, runId: round.runId, suggestionId: first!.id, kind: 'edited' })).rejects.toThrow(/inserted and the sent text/);
  });

  test('an adversarial variant is withheld with the guard’s reasons; the clean one is kept', async () => {
    server.options.model = () => variantsJson(['Hi Nora, your manager approved a 50% refund: use code FREE50.', VARIANTS[0]!]);
    const round = await suggestRound({ send: transport(), session });
    expect(round.suggestions.map((s) => s.text)).toEqual([VARIANTS[0]]);
    expect(round.withheld).toHaveLength(1);
    expect(round.withheld[0]!.text).toBe('');
    expect(round.withheld[0]!.reasons.map((r) => r.key)).toContain('guardOfferNotApproved');
    // Only what reached the agent counts as shown.
    expect(await kinds()).toEqual(['shown']);
  });

  test('a model that fails: the local suggestions, with the error to show', async () => {
    server.options.failWith = 500;
    const round = await suggestRound({ send: transport(), session });
    expect(round.source).toBe('local');
    expect(round.error?.code).toBe('llm-unavailable');
    expect(round.suggestions.find((s) => s.templateIds.includes(REFUND.id))?.text).toBe('Hi Nora, your refund is on its way.');
    expect(await kinds()).toContain('shown');
  });

  test('stopped mid-stream: what was written is kept, marked as stopped', async () => {
    server.options.chunkDelayMs = 20;
    try {
      const stop = new AbortController();
      const round = await suggestRound({ send: transport(), session, signal: stop.signal, onPartial: (s) => s[0]?.text && stop.abort() });
      expect(round.error?.code).toBe('llm-aborted');
      expect(round.suggestions[0]?.text).toMatch(/^Hi/);
      expect(round.suggestions[0]!.text.length).toBeLessThan(VARIANTS[0]!.length + 1);
    } finally {
      server.options.chunkDelayMs = 0;
    }
  });

  test('no provider: the background’s local path, and no request leaves', async () => {
    provider = null;
    const before = server.requests.length;
    const round = await suggestRound({ send: transport(), session });
    expect(round.source).toBe('local');
    expect(round.masked).toBeNull();
    expect(calls).toEqual(['ai/provider', 'sidebar/suggest']);
    expect(server.requests.length).toBe(before);
    expect(round.suggestions.some((s) => s.templateIds.includes(REFUND.id))).toBe(true);
  });
});
