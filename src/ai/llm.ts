/**
 * The model client: the official `openai` SDK against OpenAI, any OpenAI-compatible endpoint,
 * or the team hub's proxy (same API; the hub holds the key). It runs in the visible extension
 * page (sidebar or options), never in the service worker, which may stop mid-stream; hence
 * `dangerouslyAllowBrowser`, which only silences the SDK's warning about browser keys. Answers
 * stream, can be cancelled with an AbortSignal, and are read as JSON variants as they arrive.
 */
import OpenAI from 'openai';
import { z } from 'zod';
import type { ChatMessage } from './context';
import { parsePartialJson } from './partial-json';
import type { SuggestionStyle } from './types';

export interface LlmProvider {
  /** `https://api.openai.com/v1`, a compatible endpoint, or the hub's `…/v1/llm`. */
  baseURL: string;
  /** An API key, or the member's hub token when going through the hub. */
  apiKey: string;
  model: string;
  temperature?: number;
  /** Milliseconds before giving up on a request (default 60 s). */
  timeoutMs?: number;
}

export interface ModelVariant {
  style?: SuggestionStyle;
  text: string;
  promotionIds: string[];
  templateIds: string[];
}

const STYLES = ['concise', 'warm', 'detailed'] as const;
const ids = z.array(z.string().max(100)).max(20).catch([]);
const variantSchema = z.object({
  style: z.enum(STYLES).optional().catch(undefined),
  text: z.string().max(20_000),
  promotionIds: ids.default([]),
  templateIds: ids.default([]),
});

/** The variants in a (possibly partial) answer; malformed entries are skipped, at most three kept. */
export function readVariants(raw: string): ModelVariant[] {
  const parsed = parsePartialJson(raw) as { variants?: unknown } | undefined;
  const list = Array.isArray(parsed?.variants) ? parsed.variants : [];
  const variants: ModelVariant[] = [];
  for (const item of list) {
    const result = variantSchema.safeParse(item);
    if (result.success) variants.push(result.data as ModelVariant);
    if (variants.length === 3) break;
  }
  return variants;
}

export class LlmError extends Error {
  constructor(
    readonly code: 'llm-aborted' | 'llm-unavailable' | 'llm-bad-answer',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LlmError';
  }
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** The raw answer so far, on every chunk. */
  onText?: (text: string) => void;
}

/** Streams a chat completion and returns the full answer text. */
export async function streamCompletion(provider: LlmProvider, messages: ChatMessage[], options: StreamOptions = {}): Promise<string> {
  const client = new OpenAI({
    baseURL: provider.baseURL,
    apiKey: provider.apiKey,
    dangerouslyAllowBrowser: true,
    maxRetries: 1,
    timeout: provider.timeoutMs ?? 60_000,
  });
  let text = '';
  try {
    const stream = await client.chat.completions.create(
      {
        model: provider.model,
        messages,
        stream: true,
        temperature: provider.temperature ?? 0.4,
        response_format: { type: 'json_object' },
      },
      { signal: options.signal },
    );
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta?.content;
      if (!delta) continue;
      text += delta;
      options.onText?.(text);
    }
    // The SDK may end the iteration quietly when the request is aborted.
    if (options.signal?.aborted) throw new OpenAI.APIUserAbortError();
  } catch (error) {
    if (options.signal?.aborted || error instanceof OpenAI.APIUserAbortError) throw new LlmError('llm-aborted', 'The suggestion was cancelled', { cause: error });
    throw new LlmError('llm-unavailable', error instanceof Error ? error.message : String(error), { cause: error });
  }
  return text;
}
