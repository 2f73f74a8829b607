/**
 * One round of suggested replies for the conversation on screen. Without a provider the
 * background computes local suggestions as before; with one, this page (the visible sidebar,
 * never the service worker, which may stop mid-stream) asks the background for the inputs and
 * the provider, then runs `suggest()` itself, streaming partial variants to `onPartial`.
 */
import type { LeftOut } from '../../ai/context';
import type { LlmProvider } from '../../ai/llm';
import { suggest } from '../../ai/suggest';
import type { Suggestion } from '../../ai/types';
import type { MaskSummary } from '../../core/masking/mask';
import type { MessageName, RequestOf, ResponseOf } from '../../shared/messages';

export type Send = <K extends MessageName>(name: K, payload: RequestOf<K>) => Promise<ResponseOf<K>>;

export interface SuggestRound {
  runId: string;
  /** `llm`: a model answered; `local`: templates and past replies (no provider, or the model failed). */
  source: 'llm' | 'local';
  suggestions: Suggestion[];
  /** Withheld variants with the guard's reasons (model runs; the local path gives a count only). */
  withheld: Suggestion[];
  withheldCount: number;
  masked: MaskSummary | null;
  leftOut: LeftOut[];
  /** The model failed (`llm-unavailable`, `llm-bad-answer`) or was stopped (`llm-aborted`). */
  error?: { code: string; message: string };
}

export interface RoundOptions {
  send: Send;
  session: string;
  signal?: AbortSignal;
  onPartial?: (suggestions: Suggestion[]) => void;
}

const EMPTY: SuggestRound = { runId: '', source: 'local', suggestions: [], withheld: [], withheldCount: 0, masked: null, leftOut: [] };

async function providerFor(send: Send, session: string): Promise<LlmProvider | null> {
  // No provider answer (an older worker, a refused request) means the local path, as before.
  const answer = await send('ai/provider', { session }).catch(() => null);
  return answer?.provider ?? null;
}

export async function suggestRound({ send, session, signal, onPartial }: RoundOptions): Promise<SuggestRound> {
  const provider = await providerFor(send, session);
  if (!provider) {
    const local = await send('sidebar/suggest', { session });
    return { ...EMPTY, runId: local.runId, suggestions: local.suggestions, withheldCount: local.withheld };
  }
  const inputs = await send('sidebar/suggest-inputs', { session });
  if (!inputs) return EMPTY;
  const { runId, ...input } = inputs;
  const result = await suggest({ ...input, provider, ...(signal ? { signal } : {}), ...(onPartial ? { onPartial } : {}) });
  const all = [...result.suggestions, ...result.withheld];
  // Recorded as shown (ids and sources only); a worker that restarted meanwhile forgot the run, which costs the metric, not the suggestions.
  await send('sidebar/suggestions-shown', { session, runId, suggestions: all.map(shownOf) }).catch(() => undefined);
  return {
    runId,
    source: result.source,
    suggestions: result.suggestions,
    withheld: result.withheld,
    withheldCount: result.withheld.length,
    masked: result.masked,
    leftOut: result.leftOut,
    ...(result.error ? { error: result.error } : {}),
  };
}

function shownOf(s: Suggestion) {
  return { id: s.id, source: s.source, ...(s.style ? { style: s.style } : {}), verdict: s.verdict, templateIds: s.templateIds, promotionIds: s.promotionIds };
}
