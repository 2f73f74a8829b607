/**
 * The live channel: Server-Sent Events from `/v1/live`, read with a streaming fetch (the
 * background cannot use EventSource headers, and fetch works in a service worker and an event
 * page alike).
 *
 * The background may be stopped at any moment, and Chrome does not keep a worker alive for an
 * open fetch stream (it stops an idle worker after 30 s; keeping it up forever with API calls is
 * reserved to enterprise-managed extensions), so nothing here is the only copy of anything:
 * the change is applied in the same transaction that moves the cursor, and a worker restarted
 * mid-stream reopens it from the stored cursor.
 *
 * Sequence numbers have holes (a record rewritten shows once, at its latest write), but on one
 * connection nothing exists between the opening cursor and the first change, or between two
 * consecutive changes (docs/api.md). So each change carries the stream's previous position and
 * applies as it arrives when the stored cursor has reached that position; a pull is only needed
 * when it has not (apply.ts). The engine reconnects the stream on every wake
 * (startup, the sync alarm every 30 s, any message) and the stream resumes from the cursor.
 */
import { changeSchema, type HubChange, type HubClient } from './hub-client';

export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Splits a text stream into SSE events (the parts of the format the hub uses). */
export function sseParser(onEvent: (event: SseEvent) => void): (chunk: string) => void {
  let buffer = '';
  return (chunk) => {
    buffer += chunk;
    const blocks = buffer.split(/\r?\n\r?\n/);
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const event: SseEvent = { event: 'message', data: '' };
      const data: string[] = [];
      for (const line of block.split(/\r?\n/)) {
        if (!line || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.event = value;
        else if (field === 'data') data.push(value);
        else if (field === 'id') event.id = value;
      }
      event.data = data.join('\n');
      onEvent(event);
    }
  };
}

export interface LiveHandlers {
  /**
   * One change, in stream order, with `after`, the stream's position before it (the opening
   * cursor, then the previous change's seq): nothing lies between the two. Resolves once handled
   * (the next waits for it).
   */
  onChange(change: HubChange, after: number): Promise<void>;
  /** The stream is open (the hub answered). */
  onOpen?(): void;
}

/** A stream silent this long is dead (the hub pings every 15 s). */
export const LIVE_SILENCE_MS = 45_000;

/** Follows the stream until it ends, fails or `signal` aborts; throws on connection errors. */
export async function followLive(client: HubClient, cursor: number, handlers: LiveHandlers, signal: AbortSignal): Promise<void> {
  const local = new AbortController();
  const stop = () => local.abort();
  signal.addEventListener('abort', stop, { once: true });
  let watchdog = setTimeout(stop, LIVE_SILENCE_MS);
  try {
    const response = await client.live(cursor, local.signal);
    if (!response.body) return;
    handlers.onOpen?.();
    let queue = Promise.resolve();
    let position = cursor;
    const parse = sseParser((event) => {
      if (event.event !== 'change') return;
      let change: HubChange;
      try {
        change = changeSchema.parse(JSON.parse(event.data));
      } catch {
        // Skipped, but the stream moved past it: the next change sees the cursor behind and pulls.
        position = Math.max(position, Number(event.id) || Number.POSITIVE_INFINITY);
        return;
      }
      const after = position;
      position = Math.max(position, change.seq);
      queue = queue.then(() => handlers.onChange(change, after)).catch(() => undefined);
    });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done || value === undefined) break;
      clearTimeout(watchdog);
      watchdog = setTimeout(stop, LIVE_SILENCE_MS);
      parse(value);
    }
    await queue;
  } finally {
    clearTimeout(watchdog);
    signal.removeEventListener('abort', stop);
  }
}
