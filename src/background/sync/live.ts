/**
 * The live channel: Server-Sent Events from `/v1/live`, read with a streaming fetch (the
 * background cannot use EventSource headers, and fetch works in a service worker and an event
 * page alike).
 *
 * The background may be stopped at any moment, and Chrome does not keep a worker alive for an
 * open fetch stream (it stops an idle worker after 30 s; keeping it up forever with API calls is
 * reserved to enterprise-managed extensions), so nothing here is the only copy of anything:
 * a change is applied only when it directly follows the stored cursor (apply.ts), in the same
 * transaction that moves the cursor; anything else (a gap, a worker restarted mid-stream) is
 * caught up by a pull from the stored cursor. The engine reconnects the stream on every wake
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
  /** One change, in stream order; resolves once handled (the next waits for it). */
  onChange(change: HubChange): Promise<void>;
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
    const parse = sseParser((event) => {
      if (event.event !== 'change') return;
      let change: HubChange;
      try {
        change = changeSchema.parse(JSON.parse(event.data));
      } catch {
        return; // A malformed event is skipped; the next pull fetches the real change.
      }
      queue = queue.then(() => handlers.onChange(change)).catch(() => undefined);
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
