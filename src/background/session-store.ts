/**
 * Short-lived state that must survive the service worker being stopped, but not the browser:
 * sidebar frame tokens, sidebar sessions and what each tab shows. Kept in `storage.session`,
 * which content scripts cannot read.
 */
import { browser } from '../shared/platform';

const TOKEN_TTL_MS = 60_000;

export interface FrameToken {
  tabId: number;
  expires: number;
}

/** A handshaken sidebar: a frame in one tab, or the native side panel (tabId null: follows the active tab). */
export interface SidebarSession {
  tabId: number | null;
  frameId: number | null;
}

export interface TabState {
  site: string;
  pageUrl: string;
  status: 'waiting' | 'detected' | 'none' | 'conflict';
  conversationKey?: string;
  /** The customer on screen (any member of its merge tree). */
  customerId?: string;
  /** When the screen points to several customers holding conflicting identifiers. */
  conflictWith?: string[];
  /** The last reading could not be stored: the browser's storage is full. */
  storageFull?: boolean;
  /** The customer is known and shown; the messages of this reading are still being stored. */
  reading?: boolean;
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => ({ '+': '-', '/': '_', '=': '' })[c]!);
}

async function read<T>(key: string): Promise<T | undefined> {
  return (await browser.storage.session.get(key))[key] as T | undefined;
}

export async function issueFrameToken(tabId: number, now = Date.now()): Promise<string> {
  const token = randomId();
  await browser.storage.session.set({ [`token:${token}`]: { tabId, expires: now + TOKEN_TTL_MS } satisfies FrameToken });
  return token;
}

/** A token works once, for the tab it was issued to, before it expires. */
export async function consumeFrameToken(token: string, tabId: number, now = Date.now()): Promise<boolean> {
  return (await consumeFrameTokens([token], tabId, now)) !== null;
}

/**
 * The first of several candidate tokens that is valid for this tab (consumed), or null. A framed
 * sidebar may hold many candidates, most of them forged by the page (see sidebar/connection.ts):
 * they are checked in one read.
 */
export async function consumeFrameTokens(tokens: readonly string[], tabId: number, now = Date.now()): Promise<string | null> {
  const keys = [...new Set(tokens)].map((token) => `token:${token}`);
  if (!keys.length) return null;
  const stored = (await browser.storage.session.get(keys)) as Record<string, FrameToken | undefined>;
  const found = keys.filter((key) => stored[key]);
  if (!found.length) return null;
  await browser.storage.session.remove(found);
  const valid = found.find((key) => stored[key]!.tabId === tabId && stored[key]!.expires > now);
  return valid ? valid.slice('token:'.length) : null;
}

export async function openSidebarSession(session: SidebarSession): Promise<string> {
  const id = randomId();
  await browser.storage.session.set({ [`session:${id}`]: session });
  return id;
}

export async function sidebarSession(id: string): Promise<SidebarSession | undefined> {
  return read<SidebarSession>(`session:${id}`);
}

/**
 * What each tab shows, mirrored in memory: one page switch reads it about ten times, and only
 * this worker writes it. A restarted worker starts empty and reads storage again.
 */
const tabs = new Map<number, Readonly<TabState> | undefined>();
browser.storage.onChanged.addListener((changes, area) => {
  // Storage emptied from elsewhere (the browser, a test): read it again next time.
  if (area !== 'session') return;
  for (const [key, change] of Object.entries(changes)) if (key.startsWith('tab:') && change.newValue === undefined) tabs.delete(Number(key.slice(4)));
});

export async function tabState(tabId: number): Promise<TabState | undefined> {
  if (!tabs.has(tabId)) {
    const stored = await read<TabState>(`tab:${tabId}`);
    // A state set while this read was on its way is newer than what was read.
    if (!tabs.has(tabId)) tabs.set(tabId, stored);
  }
  return tabs.get(tabId);
}

export async function setTabState(tabId: number, state: TabState): Promise<void> {
  await browser.storage.session.set({ [`tab:${tabId}`]: state });
  tabs.set(tabId, state);
}

/** Forgets a closed tab: its state, and the sessions and tokens bound to it. */
export async function forgetTab(tabId: number): Promise<void> {
  tabs.delete(tabId);
  const all = await browser.storage.session.get(null);
  const stale = Object.entries(all)
    .filter(([key, value]) => key === `tab:${tabId}` || ((key.startsWith('session:') || key.startsWith('token:')) && (value as { tabId?: number })?.tabId === tabId))
    .map(([key]) => key);
  if (stale.length) await browser.storage.session.remove(stale);
}
