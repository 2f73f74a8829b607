/**
 * How the sidebar earns its data. In a page frame it waits for the one-time token that its
 * content script posts to it, proves itself to the background with it, then listens on a port.
 * In the native side panel (not inside any page) it handshakes directly. Until the handshake
 * succeeds it shows nothing, so a copy of this page framed by a hostile site stays empty.
 */
import { browser, SIDEBAR_PORT } from '../shared/platform';
import { send } from '../shared/messaging';
import type { SidebarPush } from '../shared/messages';
import type { SidebarView } from '../shared/schemas';


export type Mode = 'frame' | 'panel';

export function sidebarMode(): Mode {
  return window.top === window ? 'panel' : 'frame';
}

/** Candidates kept at most; beyond that the oldest are dropped (a flood, not our content script). */
const MAX_PENDING_TOKENS = 50_000;

/**
 * Tokens posted by the embedding window, as candidates. Only the parent can hand us one, but the
 * parent window is the page's as much as our content script's: a page that can reach this frame
 * (some browsers list it in `window.frames`) can post forged tokens before the real one arrives,
 * and keep posting. So no token is trusted for arriving first: `next()` hands out the pending
 * ones in batches, to be tried until the background accepts one; forged ones simply fail there.
 */
export function tokenCandidates(signal: AbortSignal) {
  const pending = new Set<string>();
  let wake: (() => void) | undefined;
  window.addEventListener(
    'message',
    (event: MessageEvent) => {
      if (event.source !== window.parent) return;
      const data = event.data as { type?: unknown; token?: unknown } | null;
      if (data?.type !== 'continuum:token' || typeof data.token !== 'string' || data.token.length > 64) return;
      pending.add(data.token);
      if (pending.size > MAX_PENDING_TOKENS) pending.delete(pending.values().next().value!);
      wake?.();
    },
    { signal },
  );
  return {
    /** Up to `max` pending tokens, oldest first; waits for one when there are none. */
    async next(max: number): Promise<string[]> {
      while (!pending.size) await new Promise<void>((resolve) => (wake = resolve));
      const batch: string[] = [];
      for (const token of pending) {
        if (batch.length === max) break;
        batch.push(token);
      }
      for (const token of batch) pending.delete(token);
      return batch;
    },
  };
}

export async function handshake(mode: Mode, tokens?: string[]) {
  return send('sidebar/handshake', { mode, tokens });
}

/** Keeps a live port to the background; reconnects when the service worker is stopped. */
export function subscribe(session: string, onView: (view: SidebarView | null) => void, signal: AbortSignal, onPush?: (push: SidebarPush) => void): void {
  const connect = () => {
    if (signal.aborted) return;
    const port = browser.runtime.connect({ name: SIDEBAR_PORT });
    port.onMessage.addListener((message: unknown) => {
      const push = message as SidebarPush;
      if (push?.type === 'view') onView(push.view);
      else if (push?.type) onPush?.(push);
    });
    port.onDisconnect.addListener(() => {
      if (!signal.aborted) setTimeout(connect, 300);
    });
    port.postMessage({ session });
    signal.addEventListener('abort', () => port.disconnect(), { once: true });
  };
  connect();
}
