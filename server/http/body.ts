import type { Context } from 'hono';
import type { z } from 'zod';
import { HubError, HubErrorCode } from './errors.ts';

/** Reads a JSON body no larger than `maxBytes` and validates it; every failure is a 4xx HubError. */
export async function readJson<S extends z.ZodType>(c: Context, schema: S, maxBytes: number): Promise<z.infer<S>> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const bytes = await readLimited(c.req.raw.body, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HubError(400, HubErrorCode.BadJson, 'The body is not valid UTF-8 JSON');
  }
  return parseWith(schema, value, 'body');
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first?.path.length ? ` at ${first.path.join('.')}` : '';
    throw new HubError(400, HubErrorCode.Validation, `Invalid ${what}${where}: ${first?.message ?? 'invalid'}`, parsed.error.issues);
  }
  return parsed.data;
}

/** Reads a body chunk by chunk and stops at the limit: a chunked upload without a length cannot fill memory. */
async function readLimited(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<Uint8Array> {
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(maxBytes: number) {
  return new HubError(413, HubErrorCode.TooLarge, `The body exceeds ${maxBytes} bytes`);
}
