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

/** Resolves with the first well-formed token posted by the parent window. */
export function waitForToken(signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    window.addEventListener(
      'message',
      (event: MessageEvent) => {
        // Only the embedding window can hand us a token; the token itself is checked by the background.
        if (event.source !== window.parent) return;
        const data = event.data as { type?: unknown; token?: unknown } | null;
        if (data?.type === 'continuum:token' && typeof data.token === 'string' && data.token.length <= 64) resolve(data.token);
      },
      { signal },
    );
  });
}

export async function handshake(mode: Mode, token?: string) {
  return send('sidebar/handshake', { mode, token });
}

/** Keeps a live port to the background; reconnects when the service worker is stopped. */
export function subscribe(session: string, onView: (view: SidebarView | null) => void, signal: AbortSignal): void {
  const connect = () => {
    if (signal.aborted) return;
    const port = browser.runtime.connect({ name: SIDEBAR_PORT });
    port.onMessage.addListener((message: unknown) => {
      const push = message as SidebarPush;
      if (push?.type === 'view') onView(push.view);
    });
    port.onDisconnect.addListener(() => {
      if (!signal.aborted) setTimeout(connect, 300);
    });
    port.postMessage({ session });
    signal.addEventListener('abort', () => port.disconnect(), { once: true });
  };
  connect();
}
