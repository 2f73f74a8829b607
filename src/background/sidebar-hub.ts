/**
 * Live views for open sidebars. Each sidebar (frame or native panel) holds a port to the
 * background; the port is authenticated by its handshake session, then receives a fresh view
 * whenever its tab's page is read again. Ports die with the service worker; sidebars reconnect.
 * A view's alerts count for the team's metrics only once it reached a sidebar the agent sees: the
 * side panel (it shows the active tab) or the framed sidebar of a tab in front in its window.
 */
import type { Runtime } from 'webextension-polyfill';
import { browser, SIDEBAR_PORT } from '../shared/platform';
import type { SidebarPush } from '../shared/messages';
import type { SidebarView } from '../shared/schemas';
import { raiseAlerts } from './alert-signals';
import { buildViewWithAlerts, type ViewWithAlerts } from './sidebar-view';
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

async function inFront(tabId: number): Promise<boolean> {
  try {
    return (await browser.tabs.get(tabId)).active;
  } catch {
    return false; // closed meanwhile
  }
}

/**
 * Records the alerts of a view that reached `reached` sidebars of `tabId`, if the agent can see
 * one of them. A failed write never costs the agent the view.
 */
async function countAlerts(tabId: number, { raised }: ViewWithAlerts, reached: readonly Subscriber[]): Promise<void> {
  if (!raised?.alerts.length || !reached.length) return;
  if (!reached.some((s) => s.session.tabId === null) && !(await inFront(tabId))) return;
  await raiseAlerts(raised.alerts, raised.scope).catch((error: unknown) => console.warn('Continuum: alerts not recorded', error));
}

/** Sends the current view to every sidebar looking at this tab. */
export async function publishTab(tabId: number): Promise<void> {
  const interested = [...subscribers].filter((s) => s.session.tabId === tabId || s.session.tabId === null);
  if (!interested.length) return;
  const built = await buildViewWithAlerts(tabId);
  // A side panel shows the active tab only: it does not get (nor see) another tab's view.
  const activeId = interested.some((s) => s.session.tabId === null) ? await activeTabId() : undefined;
  const reached = interested.filter((s) => s.session.tabId === tabId || activeId === tabId);
  for (const subscriber of reached) push(subscriber.port, built.view);
  await countAlerts(tabId, built, reached);
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

/**
 * Another tab came to the front: the side panel follows it, and that tab's framed sidebar, now
 * in view, gets a fresh view (its alerts are seen from now on).
 */
export async function publishToPanels(): Promise<void> {
  if (!subscribers.size) return;
  const tabId = await activeTabId();
  const shown = [...subscribers].filter((s) => s.session.tabId === null || (tabId !== undefined && s.session.tabId === tabId));
  if (!shown.length) return;
  const built: ViewWithAlerts = tabId === undefined ? { view: null } : await buildViewWithAlerts(tabId);
  for (const subscriber of shown) push(subscriber.port, built.view);
  if (tabId !== undefined) await countAlerts(tabId, built, shown);
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
    const built: ViewWithAlerts = tabId === undefined ? { view: null } : await buildViewWithAlerts(tabId);
    push(port, built.view);
    if (tabId !== undefined) await countAlerts(tabId, built, [subscriber]);
  });
  port.onDisconnect.addListener(() => {
    if (subscriber) subscribers.delete(subscriber);
  });
}
