/**
 * Live views for open sidebars. Each sidebar (frame or native panel) holds a port to the
 * background; the port is authenticated by its handshake session, then receives a fresh view
 * whenever its tab's page is read again. Ports die with the service worker; sidebars reconnect.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser, SIDEBAR_PORT } from '../shared/platform';
import type { SidebarPush } from '../shared/messages';
import type { SidebarView } from '../shared/schemas';
import { buildView } from './sidebar-view';
import { sidebarSession, type SidebarSession } from './session-store';


interface Subscriber {
  port: Runtime.Port;
  session: SidebarSession;
}

const subscribers = new Set<Subscriber>();

export async function activeTabId(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab?.id;
}

/** The tab a session looks at: its own for a frame, the active one for the side panel. */
export async function sessionTabId(session: SidebarSession): Promise<number | undefined> {
  return session.tabId ?? (await activeTabId());
}

function push(port: Runtime.Port, view: SidebarView | null): void {
  send(port, { type: 'view', view });
}

function send(port: Runtime.Port, message: SidebarPush): void {
  try {
    port.postMessage(message);
  } catch {
    // The sidebar went away between the lookup and the send: nothing to do.
  }
}

/** Sends the current view to every sidebar looking at this tab. */
export async function publishTab(tabId: number): Promise<void> {
  const interested = [...subscribers].filter((s) => s.session.tabId === tabId || s.session.tabId === null);
  if (!interested.length) return;
  const view = await buildView(tabId);
  const activeId = interested.some((s) => s.session.tabId === null) ? await activeTabId() : undefined;
  for (const subscriber of interested) {
    if (subscriber.session.tabId === null && activeId !== tabId) continue;
    push(subscriber.port, view);
  }
}

/** Sends a message (other than a view) to every sidebar looking at this tab (a panel: if it is the active one). */
export function pushToTab(tabId: number, message: SidebarPush): void {
  const interested = [...subscribers].filter((s) => s.session.tabId === tabId || s.session.tabId === null);
  if (!interested.length) return;
  const panels = interested.some((s) => s.session.tabId === null) ? activeTabId() : Promise.resolve(undefined);
  void panels.then((activeId) => {
    for (const s of interested) if (s.session.tabId === tabId || activeId === tabId) send(s.port, message);
  });
}

/** Sends a message to every open sidebar. */
export function pushToAll(message: SidebarPush): void {
  for (const s of subscribers) send(s.port, message);
}

/** The side panel follows the active tab. */
export async function publishToPanels(): Promise<void> {
  const panels = [...subscribers].filter((s) => s.session.tabId === null);
  if (!panels.length) return;
  const tabId = await activeTabId();
  const view = tabId === undefined ? null : await buildView(tabId);
  for (const panel of panels) push(panel.port, view);
}

export function acceptSidebarPort(port: Runtime.Port): void {
  let subscriber: Subscriber | undefined;
  port.onMessage.addListener(async (message: unknown) => {
    const sessionId = (message as { session?: unknown })?.session;
    if (subscriber || typeof sessionId !== 'string') return;
    const session = await sidebarSession(sessionId);
    // The port's sender must be the very frame (or panel) that opened the session.
    const sender = port.sender;
    const matches =
      session &&
      (session.tabId === null ? sender?.tab === undefined : sender?.tab?.id === session.tabId && sender.frameId === session.frameId);
    if (!session || !matches) {
      port.disconnect();
      return;
    }
    subscriber = { port, session };
    subscribers.add(subscriber);
    const tabId = await sessionTabId(session);
    push(port, tabId === undefined ? null : await buildView(tabId));
  });
  port.onDisconnect.addListener(() => {
    if (subscriber) subscribers.delete(subscriber);
  });
}
