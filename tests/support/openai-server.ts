/**
 * A small, real OpenAI-compatible HTTP server for tests: `POST /v1/chat/completions`, plain JSON
 * or SSE streaming in the API's chunk format, with a pluggable model behaviour. Every request
 * body is recorded as received (to assert what left the browser), and a stream the client
 * cancels is recorded as aborted.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatRequest {
  model: string;
  messages: Array<{ role: string; content: string }>;
  stream?: boolean;
  response_format?: { type: string };
  temperature?: number;
}

/** What the "model" answers to a request: the full content of the assistant message. */
export type ModelBehaviour = (request: ChatRequest) => string | Promise<string>;

export interface CapturedRequest {
  path: string;
  /** The body exactly as received. */
  raw: string;
  body: ChatRequest;
  authorization?: string;
  /** True when the client went away before the stream ended. */
  aborted: boolean;
}

export interface OpenAiServerOptions {
  model: ModelBehaviour;
  /** Characters per streamed chunk (default 12). */
  chunkSize?: number;
  /** Pause between chunks in ms (default 0). */
  chunkDelayMs?: number;
  /** Answer every request with this HTTP status instead (e.g. 500, 429). */
  failWith?: number;
}

export interface OpenAiTestServer {
  baseURL: string;
  requests: CapturedRequest[];
  options: OpenAiServerOptions;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

export async function startOpenAiServer(options: OpenAiServerOptions): Promise<OpenAiTestServer> {
  const requests: CapturedRequest[] = [];
  let counter = 0;
  const server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    if (req.method !== 'POST' || !path.endsWith('/chat/completions')) return sendJson(res, 404, { error: { message: 'not found' } });
    const raw = await readBody(req);
    let body: ChatRequest;
    try {
      body = JSON.parse(raw) as ChatRequest;
    } catch {
      return sendJson(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
    }
    const captured: CapturedRequest = { path, raw, body, aborted: false, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) };
    requests.push(captured);
    if (options.failWith) return sendJson(res, options.failWith, { error: { message: `test server fails with ${options.failWith}`, type: 'server_error' } });
    const content = await options.model(body);
    const id = `chatcmpl-test-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    if (!body.stream) {
      return sendJson(res, 200, {
        id, object: 'chat.completion', created, model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: 0 },
      });
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        captured.aborted = true;
      }
    });
    const chunk = (delta: Record<string, string>, finish: string | null) =>
      `data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model: body.model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
    res.write(chunk({ role: 'assistant', content: '' }, null));
    const size = options.chunkSize ?? 12;
    for (let i = 0; i < content.length && !closed; i += size) {
      res.write(chunk({ content: content.slice(i, i + size) }, null));
      if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
    }
    if (closed) return;
    res.write(chunk({}, 'stop'));
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The customer and page text the context delimited, with its escaping undone. */
export function dataBlocks(request: ChatRequest, tag = 'customer_message'): string[] {
  // The system prompt names the tags too: only the user turn holds data.
  const user = request.messages.filter((m) => m.role === 'user').map((m) => m.content).join('\n');
  const blocks: string[] = [];
  for (const m of user.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))) {
    blocks.push(m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
  }
  return blocks;
}

/** `{"variants":[…]}` as a model would answer. */
export function variantsJson(texts: string[], ids: { promotionIds?: string[]; templateIds?: string[] } = {}): string {
  const styles = ['concise', 'warm', 'detailed'];
  return JSON.stringify({
    variants: texts.slice(0, 3).map((text, i) => ({ style: styles[i], text, promotionIds: ids.promotionIds ?? [], templateIds: ids.templateIds ?? [] })),
  });
}
