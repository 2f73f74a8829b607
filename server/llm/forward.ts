/**
 * The call to the team's provider: its model, its key, the hub's limits. Provider failures become
 * hub errors with stable codes (502 unreachable or refused, 504 too slow); the provider's own error
 * text is not passed on, since some echo part of the key.
 */
import { HubError, HubErrorCode } from '../http/errors.ts';
import type { LlmConfig } from './config.ts';

/** Milliseconds to wait for the provider's first byte, and between two chunks of a stream. */
export function upstreamTimeoutMs(): number {
  const fromEnv = Number(process.env.HUB_LLM_TIMEOUT_MS);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 60_000;
}

const MAX_ANSWER_BYTES = 4 * 1024 * 1024;

export interface Usage {
  promptTokens: number | null;
  completionTokens: number | null;
}

export interface Forwarded {
  response: Response;
  /** Resolves when the answer has been fully passed on (or cut), with what the provider reported. */
  done: Promise<Outcome>;
}

/** How a proxied request ended, for the usage log (499: the member closed the stream). */
export interface Outcome {
  usage: Usage;
  status: number;
  code?: string;
}

export async function forward(config: LlmConfig, body: Record<string, unknown>, stream: boolean): Promise<Forwarded> {
  const abort = new AbortController();
  const timeoutMs = upstreamTimeoutMs();
  let timer = setTimeout(() => abort.abort(), timeoutMs);
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => abort.abort(), timeoutMs);
  };
  let upstream: Response;
  try {
    upstream = await fetch(`${config.baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json', ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal: abort.signal,
      redirect: 'error',
    });
  } catch (error) {
    clearTimeout(timer);
    if (abort.signal.aborted) throw timeoutError(timeoutMs);
    // fetch's own message is "fetch failed"; the cause says why (refused, unknown host…).
    const why = ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message) || 'network error';
    throw new HubError(502, HubErrorCode.LlmUpstream, `The LLM provider could not be reached (${why})`);
  }
  if (!upstream.ok) {
    clearTimeout(timer);
    await upstream.body?.cancel().catch(() => {});
    throw refused(upstream.status);
  }
  if (!stream) {
    try {
      const text = await upstream.text();
      clearTimeout(timer);
      if (text.length > MAX_ANSWER_BYTES) throw new HubError(502, HubErrorCode.LlmUpstream, 'The LLM provider answered too much');
      const answer = JSON.parse(text) as { usage?: RawUsage };
      return { response: Response.json(answer), done: Promise.resolve({ usage: readUsage(answer.usage), status: 200 }) };
    } catch (error) {
      clearTimeout(timer);
      if (error instanceof HubError) throw error;
      throw abort.signal.aborted ? timeoutError(timeoutMs) : new HubError(502, HubErrorCode.LlmUpstream, 'The LLM provider sent an answer that is not JSON');
    }
  }
  return passStream(upstream, abort, touch, () => clearTimeout(timer), timeoutMs);
}

/** Passes the provider's SSE bytes on as they come, reading the usage chunk on the side. */
function passStream(upstream: Response, abort: AbortController, touch: () => void, stop: () => void, timeoutMs: number): Forwarded {
  const reader = upstream.body!.getReader();
  const decoder = new TextDecoder();
  const usage: Usage = { promptTokens: null, completionTokens: null };
  let pending = '';
  let finish!: (outcome: Outcome) => void;
  const done = new Promise<Outcome>((resolve) => (finish = resolve));
  const scan = (text: string) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('data:') || !line.includes('"usage"')) continue;
      try {
        const found = readUsage((JSON.parse(line.slice(5)) as { usage?: RawUsage }).usage);
        if (found.promptTokens !== null) Object.assign(usage, found);
      } catch {
        // Not JSON: passed on as it is, nothing to count.
      }
    }
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done: ended } = await reader.read();
        if (ended) {
          stop();
          controller.close();
          finish({ usage, status: 200 });
          return;
        }
        touch();
        scan(decoder.decode(value, { stream: true }));
        controller.enqueue(value);
      } catch {
        stop();
        const error = abort.signal.aborted ? timeoutError(timeoutMs) : new HubError(502, HubErrorCode.LlmUpstream, 'The LLM provider cut the stream');
        // The status line is gone: the client sees a cut stream, the usage log says why.
        controller.error(error);
        finish({ usage, status: error.status, code: error.code });
      }
    },
    cancel() {
      // The member went away: stop paying for tokens nobody reads.
      stop();
      abort.abort();
      finish({ usage, status: 499, code: 'E_CLIENT_CLOSED' });
    },
  });
  return { response: new Response(body, { headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' } }), done };
}

interface RawUsage {
  prompt_tokens?: unknown;
  completion_tokens?: unknown;
}

function readUsage(raw: RawUsage | undefined): Usage {
  const n = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 31 ? v : null);
  return { promptTokens: n(raw?.prompt_tokens), completionTokens: n(raw?.completion_tokens) };
}

function timeoutError(ms: number) {
  return new HubError(504, HubErrorCode.LlmTimeout, `The LLM provider did not answer within ${Math.round(ms / 1000)} s`);
}

function refused(status: number) {
  const why =
    status === 401 || status === 403
      ? "it refused the team's API key"
      : status === 429
        ? 'it is rate-limiting the team'
        : status === 404
          ? 'unknown model or base URL'
          : `it answered ${status}`;
  return new HubError(502, HubErrorCode.LlmUpstream, `The LLM provider failed: ${why} (status ${status})`);
}
