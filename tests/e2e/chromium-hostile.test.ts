/**
 * Hostile pages in real Chromium: one test per attack from the threat model. Each attack runs in
 * the page's own JavaScript world and gathers everything it can read into `window.__seen`; every
 * test asserts that (a) none of the customer data shown in the sidebar reaches the page and (b)
 * the attack makes nothing happen (no insertion, no layout change, the sidebar keeps working).
 *
 * "Customer data" is concrete: customer A is first seen on a full ticket page (name, e-mail X,
 * phone P, history S). The attacked page is the same conversation showing only X, so the sidebar
 * there legitimately shows the name, P and S, which the page itself does not have. Customer B is
 * another stored customer, used to spoof identity.
 *
 * Where Chromium gives the page no handle at all (our frame is not in `window.frames`, the shadow
 * root is closed), a few tests go further and act from the content script's isolated world over
 * CDP, to play a page that did get a handle (as a browser with weaker isolation would give it);
 * events created there are as untrusted as the page's own.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CDPSession, Frame, Page } from 'playwright-core';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { serveFixtures, type DemoServer } from './support/demo';
import { startDemoServer } from '../../scripts/demo-server.mjs';

const A = { name: 'Ottilie Vasquez', email: 'ottilie.vasquez@free.fr', phone: '+33647819325', history: 'ZEPHYR-7731' };
const B = { name: 'Bastien Lefort', email: 'bastien.lefort@sfr.fr', phone: '+33758621904', history: 'KESTREL-5528' };
const TICKET = '/hostile/2026-11-22-ticket/';
const OTHER = `${TICKET}?ticket=other`;
/** Same conversation key as TICKET (utm_* is ignored), but the page shows only A's e-mail. */
const BARE = `${TICKET}?utm_source=bare`;
const THIEF = '/hostile/2026-11-22-frame-thief/';

/** What the attacked page must never learn: A's data beyond the e-mail, all of B's, the sidebar's UI. */
const SECRETS = [A.name, A.history, 'théière', 'carton abîmé', B.name, B.email, B.history];
const PHONES = [/6\D{0,3}47\D{0,3}81\D{0,3}93\D{0,3}25/, /7\D{0,3}58\D{0,3}62\D{0,3}19\D{0,3}04/];
const SIDEBAR_UI = [
  'Detected by',
  'Quick reply',
  'nothing is sent',
  'Review and send',
  'covered or hidden',
  'Reading the page',
  'No customer found',
  'not opened by Continuum',
  'Unnamed customer',
];
/** Labels inside the closed shadow root: only a page that captured the root could read them. */
const HOST_UI = ['Continuum sidebar', 'Resize the Continuum'];

let browser: ChromiumSession;
let server: DemoServer;
/** A second server on an origin Continuum is not enabled for (the dev build grants 127.0.0.1 and localhost). */
let foreign: DemoServer;

beforeAll(async () => {
  [browser, server, foreign] = await Promise.all([
    launchChromium(),
    serveFixtures(),
    startDemoServer({ port: 0, host: '127.0.0.2' }) as Promise<DemoServer>,
  ]);
  // Seed the two customers from their full ticket pages.
  for (const [path, who] of [
    [TICKET, A],
    [OTHER, B],
  ] as const) {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}${path}`);
    await until(async () => {
      const state = await readSidebar(page);
      return state?.name === who.name && state.messages.includes(who.history);
    }, `the sidebar to show ${who.name}`);
    await page.close();
  }
});

/** expect.poll for hooks (where vitest does not allow it). */
async function until(check: () => Promise<boolean>, what: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await foreign?.close();
});

// ---------------------------------------------------------------------------------------------
// What runs in the page (serialised into it by Playwright: no outer variables in these).

interface Seen {
  html: string[];
  messages: unknown[];
  keys: string[];
  frames: string[];
  roots: string[];
  captured: unknown[];
  notes: string[];
  found: string[];
}

/** The page's collector, installed before anything else runs. */
function collector(): void {
  if (location.protocol !== 'http:' || window !== window.top) return;
  const seen = { html: [], messages: [], keys: [], frames: [], roots: [], captured: [], notes: [], found: [] };
  Object.defineProperty(window, '__seen', { value: seen });
  // Windows cannot be serialised; they are kept apart for attacks that post to them.
  Object.defineProperty(window, '__windows', { value: [] });
  addEventListener(
    'message',
    (event) => {
      let data: unknown;
      try {
        data = JSON.parse(JSON.stringify(event.data));
      } catch {
        data = String(event.data);
      }
      seen.messages.push({ origin: event.origin, data, fromSelf: event.source === window } as never);
    },
    true,
  );
}

/** Test harness inside our own sidebar frame (not the attacker): remembers the tokens it was given. */
function harnessInSidebar(): void {
  if (location.protocol !== 'chrome-extension:') return;
  const tokens: string[] = [];
  Object.defineProperty(window, '__harnessTokens', { value: tokens });
  addEventListener('message', (event) => {
    const token = (event.data as { token?: unknown } | null)?.token;
    if (typeof token === 'string') tokens.push(token);
  });
}

/** Everything the page can read at the end of an attack, as one string. */
async function dump(page: Page): Promise<string> {
  return page.evaluate(() => {
    const s = (window as unknown as { __seen: Seen }).__seen;
    const walk = (root: ParentNode) => {
      for (const el of Array.from(root.querySelectorAll('*'))) {
        if (el.shadowRoot) {
          s.roots.push(el.shadowRoot.innerHTML);
          walk(el.shadowRoot);
        }
      }
    };
    walk(document);
    for (const item of s.captured) {
      try {
        if (item instanceof ShadowRoot) {
          s.roots.push(item.innerHTML);
          walk(item);
        } else if (item instanceof Element) s.roots.push(item.outerHTML);
        else s.roots.push(String(item));
      } catch (error) {
        s.notes.push(String(error));
      }
    }
    s.html.push(document.documentElement.outerHTML, document.body?.innerText ?? '', document.title);
    for (let i = 0; i < window.length; i++) {
      try {
        s.frames.push(window[i]!.document.documentElement.outerHTML);
      } catch {
        s.frames.push(`frames[${i}] is cross-origin`);
      }
    }
    for (const frame of Array.from(document.querySelectorAll('iframe'))) {
      s.frames.push(frame.src);
      try {
        s.frames.push(frame.contentDocument?.documentElement.outerHTML ?? 'no document');
      } catch {
        s.frames.push('cross-origin');
      }
    }
    // window.find is an oracle: it says whether a string is rendered anywhere it can search.
    const find = (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find;
    for (const needle of ['Ottilie Vasquez', 'ZEPHYR-7731', 'Detected by', 'Quick reply']) {
      if (find.call(window, needle, false, false, true)) s.found.push(`window.find:${needle}`);
    }
    return JSON.stringify(s, (_key, value) => {
      try {
        return value instanceof Node ? `[${value.nodeName}]` : value;
      } catch {
        return '[unreadable]';
      }
    });
  });
}

/** Secrets found in what the page saw (empty when nothing leaked). */
function leaks(seen: string, { allow = [] as (string | RegExp)[], extra = [] as string[] } = {}): string[] {
  const lower = seen.toLowerCase();
  const words = [...SECRETS, ...SIDEBAR_UI, ...extra].filter((w) => !allow.includes(w));
  const phones = PHONES.filter((re) => !allow.includes(re));
  // Each leak comes with where it was seen, to tell which route the page used.
  const around = (index: number) => seen.slice(Math.max(0, index - 160), index + 60);
  return [
    ...words.filter((w) => lower.includes(w.toLowerCase())).map((w) => `${w} in …${around(lower.indexOf(w.toLowerCase()))}…`),
    ...phones.flatMap((re) => {
      const match = re.exec(seen);
      return match ? [`${re} in …${around(match.index)}…`] : [];
    }),
  ];
}

async function expectNoLeak(page: Page, options?: Parameters<typeof leaks>[1]): Promise<string> {
  const seen = await dump(page);
  expect(leaks(seen, options), 'customer data or sidebar UI reached the page').toEqual([]);
  return seen;
}

// ---------------------------------------------------------------------------------------------
// The sidebar as the agent sees it, read through Playwright (which the page cannot do).

/**
 * Our own sidebar frame: the extension frame Continuum put in the page. Copies a test page embeds
 * itself are given a name. (Playwright's frameElement() is avoided on purpose: it hands the
 * iframe to the page's world, where a patched prototype would catch it.)
 */
async function ourFrame(page: Page): Promise<Frame | undefined> {
  return page
    .frames()
    .find((f) => !f.isDetached() && f.parentFrame() === page.mainFrame() && f.url().startsWith('chrome-extension://') && f.name() === '');
}

interface SidebarState {
  name: string | null;
  ids: string[];
  messages: string;
  refused: boolean;
  text: string;
}

async function readFrame(frame: Frame): Promise<SidebarState | null> {
  return frame
    .evaluate(() => ({
      name: document.querySelector('[data-testid=customer-name]')?.textContent ?? null,
      ids: Array.from(document.querySelectorAll('[data-testid=identifier]')).map((e) => e.textContent ?? ''),
      messages: document.querySelector('[data-testid=messages]')?.textContent ?? '',
      refused: document.querySelector('[data-testid=refused]') !== null,
      text: document.body.innerText,
    }))
    .catch(() => null);
}

async function readSidebar(page: Page): Promise<SidebarState | null> {
  const frame = await ourFrame(page);
  return frame ? readFrame(frame) : null;
}

/** The sidebar shows customer A completely (and nothing of B), within `timeout`. */
async function expectShowsA(page: Page, { timeout = 10_000, history = true } = {}): Promise<Frame> {
  await expect
    .poll(
      async () => {
        const s = await readSidebar(page);
        return Boolean(s && s.name === A.name && s.ids.includes(A.phone) && (!history || s.messages.includes(A.history)));
      },
      { timeout },
    )
    .toBe(true);
  const state = (await readSidebar(page))!;
  expect(state.ids).toContain(A.email);
  expect(state.text).not.toContain(B.phone);
  expect(state.text).not.toContain(B.email);
  expect(state.text).not.toContain(B.history);
  return (await ourFrame(page))!;
}

async function openPage(path: string, ...scripts: (() => void)[]): Promise<Page> {
  const page = await browser.context.newPage();
  await page.addInitScript(collector);
  await page.addInitScript(harnessInSidebar);
  for (const script of scripts) await page.addInitScript(script);
  await page.goto(`${server.origin}${path}`);
  return page;
}

/** The attacked page with the sidebar ready on customer A. */
async function openBare(...scripts: (() => void)[]): Promise<Page> {
  const page = await openPage(BARE, ...scripts);
  await expectShowsA(page);
  return page;
}

/** Types a draft and clicks Insert for real (a trusted click), returning the outcome shown. */
async function insertFromSidebar(page: Page, text: string, { settle = 500 } = {}): Promise<string> {
  const frame = (await ourFrame(page))!;
  await frame.locator('#draft').fill(text);
  if (settle) await page.waitForTimeout(settle); // IntersectionObserver v2 reports at most every 100 ms
  await frame.getByTestId('insert').click({ force: true });
  let outcome = '';
  await expect
    .poll(async () => (outcome = (await frame.getByTestId('insert-outcome').textContent({ timeout: 200 }).catch(() => null)) ?? ''), { timeout: 5_000 })
    .not.toBe('');
  return outcome;
}

async function replyBox(page: Page): Promise<string> {
  return page.inputValue('#reply');
}

/** The sidebar's box as laid out in the page: the host's, null when collapsed to its tab or gone. */
async function frameBox(page: Page): Promise<{ x: number; width: number; height: number } | null> {
  const box = await page.evaluate(() => {
    const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body);
    const rect = host?.getBoundingClientRect();
    return rect ? { x: Math.round(rect.x), width: Math.round(rect.width), height: Math.round(rect.height) } : null;
  });
  return box && box.width >= 100 ? box : null;
}

/** Puts the site's stored layout back to open (a failed collapse test must not collapse the next ones). */
async function reopenStoredLayout(): Promise<void> {
  const worker = browser.context.serviceWorkers()[0]!;
  await worker.evaluate(async (origin) => {
    const { layouts = {} } = (await chrome.storage.local.get('layouts')) as { layouts?: Record<string, { open: boolean }> };
    if (layouts[origin]) await chrome.storage.local.set({ layouts: { ...layouts, [origin]: { ...layouts[origin], open: true } } });
  }, server.origin);
}

/** The site's stored layout, read from extension storage by the service worker. */
async function storedLayout(): Promise<unknown> {
  const worker = browser.context.serviceWorkers()[0]!;
  return worker.evaluate(async (origin) => {
    const { layouts } = await chrome.storage.local.get('layouts');
    return (layouts as Record<string, unknown> | undefined)?.[origin] ?? null;
  }, server.origin);
}

/**
 * Runs `expression` in the content script's isolated world (over CDP). Used only to play a page
 * that obtained a handle Chromium does not give it; nothing created there is trusted either.
 */
async function inContentWorld<T>(page: Page, expression: string): Promise<T> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { frameId?: string; type?: string } }[] = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
    await cdp.send('Runtime.enable');
    const { frameTree } = await cdp.send('Page.getFrameTree');
    const world = contexts.find(
      (c) => c.auxData?.type === 'isolated' && c.auxData.frameId === frameTree.frame.id && c.origin.startsWith('chrome-extension://'),
    );
    if (!world) throw new Error('content script world not found');
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** In the content world: our closed shadow root and frame (as a page holding them would have them). */
const GRAB = `(() => {
  const host = [...document.documentElement.children].find((e) => e !== document.head && e !== document.body);
  const root = chrome.dom.openOrClosedShadowRoot(host);
  return { host, root, frame: root.querySelector('iframe'), grip: root.querySelector('.grip'), tab: root.querySelector('.tab') };
})()`;

/** Elements that are neither head nor body under <html>: where the host lives. */
async function hostCount(page: Page): Promise<number> {
  return page.evaluate(() => Array.from(document.documentElement.children).filter((e) => e !== document.head && e !== document.body).length);
}

// ---------------------------------------------------------------------------------------------

describe('hostile page in Chromium', () => {
  test('1. reading the host element yields nothing', async () => {
    const page = await openBare();
    const found = await page.evaluate(() => {
      const s = (window as unknown as { __seen: Seen }).__seen;
      const hosts = Array.from(document.documentElement.children).filter((e) => e !== document.head && e !== document.body) as HTMLElement[];
      for (const host of hosts) {
        s.html.push(host.outerHTML, host.innerHTML, host.textContent ?? '', host.innerText, String(host.children.length));
        s.notes.push(`shadowRoot=${String(host.shadowRoot)}`);
        try {
          s.html.push(host.getHTML({ serializableShadowRoots: true }));
        } catch (error) {
          s.notes.push(String(error));
        }
        s.html.push(new XMLSerializer().serializeToString(host));
        const range = document.createRange();
        range.selectNodeContents(host);
        s.html.push(range.toString());
        try {
          host.attachShadow({ mode: 'open' });
          s.notes.push('attachShadow succeeded');
        } catch (error) {
          s.notes.push(`attachShadow: ${(error as Error).name}`);
        }
        const rect = host.getBoundingClientRect();
        for (const el of document.elementsFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2)) s.html.push(el.outerHTML.slice(0, 2000));
        host.focus();
        s.notes.push(`active=${document.activeElement?.tagName}`);
      }
      return hosts.length;
    });
    expect(found).toBe(1);
    const seen = await expectNoLeak(page, { extra: HOST_UI });
    expect(seen).toContain('shadowRoot=null');
    expect(seen).not.toContain('attachShadow succeeded');
    await expectShowsA(page);
    expect(await replyBox(page)).toBe('');
    await page.close();
  });

  test('2. walking every shadow root, window.frames and iframe finds no sidebar content', async () => {
    const page = await openBare();
    const reached = await page.evaluate(() => {
      const s = (window as unknown as { __seen: Seen }).__seen;
      let count = 0;
      const visit = (root: Document | ShadowRoot) => {
        for (const el of Array.from(root.querySelectorAll('*'))) {
          count++;
          if (el.shadowRoot) {
            s.roots.push(el.shadowRoot.innerHTML);
            visit(el.shadowRoot);
          }
          if (el instanceof HTMLIFrameElement) s.frames.push(el.src, String(el.contentWindow));
        }
      };
      visit(document);
      const windows: Window[] = [];
      for (let i = 0; i < window.length; i++) windows.push(window[i]!);
      for (const w of [...windows, window.frames[0], window.top, window.parent, window.opener].filter(Boolean) as Window[]) {
        for (const read of [() => w.document.body.innerHTML, () => w.location.href, () => w.name, () => String(w.length)]) {
          try {
            s.frames.push(read());
          } catch (error) {
            s.notes.push((error as Error).name);
          }
        }
      }
      s.notes.push(`iframes=${document.querySelectorAll('iframe').length} frames=${window.length} nodes=${count}`);
      s.notes.push(...performance.getEntries().map((e) => e.name));
      return { iframes: document.querySelectorAll('iframe').length, frames: window.length };
    });
    // Chromium does not expose a closed shadow root's iframe in window.frames.
    expect(reached).toEqual({ iframes: 0, frames: 0 });
    await expectNoLeak(page, { extra: HOST_UI });
    await expectShowsA(page);
    await page.close();
  });

  test('3. prototypes patched before injection capture nothing', async () => {
    const page = await openBare(() => {
      if (location.protocol !== 'http:' || window !== window.top) return;
      const s = (window as unknown as { __seen: Seen }).__seen;
      const windows = (window as unknown as { __windows: Window[] }).__windows;
      const attach = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const root = attach.call(this, { ...init, mode: 'open' });
        s.captured.push(root);
        s.notes.push('attachShadow called');
        return root;
      };
      for (const [proto, names] of [
        [HTMLIFrameElement.prototype, ['contentWindow', 'contentDocument', 'src']],
        [Node.prototype, ['textContent']],
        [Element.prototype, ['innerHTML', 'shadowRoot']],
      ] as const) {
        for (const name of names) {
          const descriptor = Object.getOwnPropertyDescriptor(proto, name)!;
          Object.defineProperty(proto, name, {
            ...descriptor,
            get() {
              const value = descriptor.get!.call(this);
              if (this instanceof HTMLIFrameElement) s.captured.push(this);
              if (value && typeof value === 'object' && 'postMessage' in value) windows.push(value as Window);
              return value;
            },
            set: descriptor.set
              ? function (this: Element, value: unknown) {
                  if (this instanceof HTMLIFrameElement) s.captured.push(this);
                  descriptor.set!.call(this, value);
                }
              : undefined,
          });
        }
      }
      for (const proto of [Node.prototype, Element.prototype] as object[]) {
        for (const name of ['appendChild', 'append', 'insertBefore', 'prepend', 'replaceChildren']) {
          const original = (proto as Record<string, unknown>)[name];
          if (typeof original !== 'function') continue;
          (proto as Record<string, unknown>)[name] = function (this: Node, ...args: unknown[]) {
            for (const arg of args) if (arg instanceof Element) s.captured.push(arg);
            return (original as (...a: unknown[]) => unknown).apply(this, args);
          };
        }
      }
      const post = window.postMessage;
      window.postMessage = function (this: Window, ...args: Parameters<Window['postMessage']>) {
        s.messages.push({ intercepted: JSON.stringify(args[0]) });
        return post.apply(this, args as never);
      } as typeof window.postMessage;
      const listen = EventTarget.prototype.addEventListener;
      EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
        s.notes.push(`listener:${type}`);
        return listen.call(this, type, ...(rest as [EventListener]));
      };
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of Array.from(record.addedNodes)) {
            if (node instanceof Element) {
              s.captured.push(node);
              s.notes.push(`added ${node.tagName} shadowRoot=${String(node.shadowRoot)}`);
            }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.waitForTimeout(300);
    const seen = await expectNoLeak(page, { extra: HOST_UI });
    // The content script's own calls run in its isolated world: the page's patches never see them.
    expect(seen).not.toContain('attachShadow called');
    expect(seen).not.toContain('[IFRAME]');
    expect(seen).toContain('added DIV shadowRoot=null'); // the page did see the host arrive, and nothing in it
    await expectShowsA(page);
    await page.close();
  });

  test('4. a keylogger on the page records nothing typed into the sidebar', async () => {
    const page = await openBare(() => {
      if (location.protocol !== 'http:' || window !== window.top) return;
      const s = (window as unknown as { __seen: Seen }).__seen;
      const types = ['keydown', 'keypress', 'keyup', 'input', 'beforeinput', 'textInput', 'compositionstart', 'compositionupdate', 'compositionend', 'paste', 'copy', 'cut', 'change'];
      for (const target of [window, document]) {
        for (const type of types) {
          target.addEventListener(
            type,
            (event) => {
              const e = event as KeyboardEvent & InputEvent;
              s.keys.push(`${type}:${e.key ?? ''}:${e.data ?? ''}:${(event.target as Element)?.tagName ?? ''}`);
            },
            { capture: true },
          );
        }
      }
      setInterval(() => s.notes.push(`active=${document.activeElement?.tagName}`), 50);
    });
    const frame = (await ourFrame(page))!;
    const secret = 'Brouillon QUOKKA-4412 pour Ottilie';
    await frame.locator('#draft').pressSequentially(secret, { delay: 5 });
    await frame.locator('#draft').press('Enter');
    expect(await frame.locator('#draft').inputValue()).toBe(`${secret}\n`);
    const seen = await expectNoLeak(page, { extra: ['QUOKKA', 'Brouillon'] });
    expect(JSON.parse(seen).keys).toEqual([]);
    expect(await replyBox(page)).toBe('');
    await page.close();
  });

  test('5. forged and replayed token messages change nothing', async () => {
    // The page floods every window it can reach with fake tokens from before injection on, and
    // bounces back every message it receives.
    const page = await openBare(() => {
      if (location.protocol !== 'http:' || window !== window.top) return;
      const windows = (window as unknown as { __windows: Window[] }).__windows;
      const received: unknown[] = [];
      addEventListener('message', (event) => received.push(event.data));
      const fake = () => ({ type: 'continuum:token', token: Array.from(crypto.getRandomValues(new Uint8Array(24)), (b) => b.toString(36)).join('').slice(0, 32) });
      setInterval(() => {
        const targets = new Set<Window>([...windows, window, window.top!]);
        for (let i = 0; i < window.length; i++) targets.add(window[i]!);
        for (const target of targets) {
          try {
            target.postMessage(fake(), '*');
            target.postMessage({ type: 'continuum:token', token: 'x'.repeat(64) }, '*');
            for (const message of received.splice(0, 20)) target.postMessage(message, '*');
          } catch {
            // a window that went away
          }
        }
      }, 2);
    });
    // Playing a page that obtained our frame's window (Chromium gives it none): it keeps flooding
    // fake tokens into the frame while the page makes the content script reload it.
    await inContentWorld(
      page,
      `(() => {
        const { frame } = ${GRAB};
        const fake = () => ({ type: 'continuum:token', token: crypto.randomUUID().replaceAll('-', '') });
        for (let i = 0; i < 200; i++) frame.contentWindow.postMessage(fake(), '*');
        globalThis.__flood = setInterval(() => { for (let i = 0; i < 5; i++) frame.contentWindow.postMessage(fake(), '*'); }, 1);
      })()`,
    );
    await page.evaluate(() => {
      const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body)!;
      host.remove();
      document.documentElement.append(host);
    });
    const frame = await expectShowsA(page);
    // Replaying the real (already used) token into our frame and into a copy the page embeds.
    const realTokens = await frame.evaluate(() => (window as unknown as { __harnessTokens: string[] }).__harnessTokens);
    const sidebarUrl = await frame.evaluate(() => chrome.runtime.getURL('src/sidebar/index.html'));
    await inContentWorld(page, `clearInterval(globalThis.__flood)`);
    await page.evaluate(
      ({ url, tokens }) => {
        const copy = document.createElement('iframe');
        copy.name = 'hostile-copy';
        copy.src = url;
        copy.style.cssText = 'width:300px;height:300px';
        copy.addEventListener('load', () => {
          for (const token of tokens) copy.contentWindow!.postMessage({ type: 'continuum:token', token }, '*');
        });
        document.body.append(copy);
      },
      { url: sidebarUrl, tokens: realTokens },
    );
    await inContentWorld(
      page,
      `(() => { const { frame } = ${GRAB}; for (const token of ${JSON.stringify(realTokens)}) frame.contentWindow.postMessage({ type: 'continuum:token', token }, '*'); })()`,
    );
    let copy: Frame | undefined;
    await expect
      .poll(() => (copy = page.frames().find((f) => f !== frame && f.url().startsWith('chrome-extension://'))), { timeout: 5_000 })
      .toBeDefined();
    await expect.poll(() => readFrame(copy!).then((s) => s?.refused), { timeout: 5_000 }).toBe(true);
    expect((await readFrame(copy!))!.text).not.toContain(A.email);
    await page.waitForTimeout(300);
    await expectShowsA(page);
    await expectNoLeak(page);
    expect(await replyBox(page)).toBe('');
    await page.close();
  });

  test('6. forged window messages and events do not command the content script', async () => {
    const page = await openBare();
    const before = await frameBox(page);
    await page.evaluate(() => {
      const s = (window as unknown as { __seen: Seen }).__seen;
      const forged: unknown[] = [
        { type: 'insert', text: 'EVIL' },
        { type: 'toggle' },
        { type: 'layout', open: false },
        { type: 'disable' },
        { name: 'sidebar/insert', payload: { session: 'x'.repeat(32), text: 'EVIL' } },
        { name: 'sidebar/collapse', payload: { session: 'x'.repeat(32) } },
        { name: 'content/layout', payload: { open: false, width: 280 } },
        { name: 'sites/disable', payload: { pattern: `${location.origin}/*` } },
      ];
      for (const message of forged) {
        window.postMessage(message, '*');
        window.postMessage(JSON.stringify(message), '*');
        document.dispatchEvent(new CustomEvent('continuum', { detail: message }));
        window.dispatchEvent(new MessageEvent('message', { data: message, origin: location.origin, source: window }));
      }
      const runtime = (window as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      s.notes.push(`runtime.sendMessage available: ${typeof runtime?.sendMessage}`);
    });
    await page.waitForTimeout(800);
    expect(await replyBox(page)).toBe('');
    expect(await hostCount(page)).toBe(1);
    expect(await frameBox(page)).toEqual(before);
    await expectShowsA(page);
    await expectNoLeak(page);
    await page.close();
  });

  test('7. the sidebar page embedded by a foreign page stays refused and empty', async () => {
    const host = await openBare();
    const sidebarUrl = await (await ourFrame(host))!.evaluate(() => chrome.runtime.getURL('src/sidebar/index.html'));
    const staticUrl = `${browser.extensionOrigin}/src/sidebar/index.html`;
    const embed = ({ urls }: { urls: string[] }) => {
      for (const url of urls) {
        const frame = document.createElement('iframe');
        frame.name = 'hostile-copy';
        frame.src = url;
        frame.style.cssText = 'width:360px;height:400px';
        const forge = () => {
          for (let i = 0; i < 20; i++) frame.contentWindow?.postMessage({ type: 'continuum:token', token: crypto.randomUUID() }, '*');
          frame.contentWindow?.postMessage({ type: 'continuum:token', token: 'a'.repeat(43) }, '*');
        };
        frame.addEventListener('load', forge);
        setTimeout(forge, 50);
        document.body.append(frame);
      }
    };
    // (a) A site Continuum is not enabled on, with the sidebar's (leaked) dynamic URL and its static one.
    const page = await browser.context.newPage();
    await page.addInitScript(collector);
    await page.goto(`${foreign.origin}${BARE}`);
    await page.evaluate(embed, { urls: [sidebarUrl, staticUrl] });
    // (b) The enabled page itself embeds a second copy.
    await host.evaluate(embed, { urls: [sidebarUrl] });
    const ours = await ourFrame(host);
    for (const p of [page, host]) {
      await expect
        .poll(() => p.frames().filter((f) => f.url().startsWith('chrome-extension://') && f !== ours).length, { timeout: 5_000 })
        .toBeGreaterThan(0);
      for (const copy of p.frames().filter((f) => f.url().startsWith('chrome-extension://') && f !== ours)) {
        await expect.poll(() => readFrame(copy).then((s) => s?.refused), { timeout: 5_000 }).toBe(true);
        const text = (await readFrame(copy))!.text;
        for (const value of [A.name, A.email, A.phone, A.history, B.email]) expect(text).not.toContain(value);
      }
      await expectNoLeak(p);
    }
    // Of the two copies on the foreign page only the dynamic URL loads (use_dynamic_url blocks the static one).
    expect(page.frames().filter((f) => f.url().startsWith('chrome-extension://')).length).toBe(1);
    await expectShowsA(host);
    await page.close();
    await host.close();
  });

  test('8. a frame navigated away comes back to the sidebar, and the page learns nothing', async () => {
    const page = await openBare();
    // What the page itself can reach: no window for our frame in Chromium.
    const reached = await page.evaluate(() => {
      const windows: unknown[] = [];
      for (let i = 0; i < window.length; i++) windows.push(window[i]);
      for (const name of ['', 'continuum', 'Continuum sidebar', 'sidebar']) {
        try {
          // Opens a new popup unless a frame of that name exists: only a child of this page counts.
          const w = name ? window.open('', name) : null;
          if (w && w !== window && w.parent === window) windows.push(w);
          else w?.close();
        } catch {
          // blocked
        }
      }
      return windows.length;
    });
    expect(reached).toBe(0);
    // Playing a page that got our frame's window: it navigates it to about:blank, then to one of
    // its own pages, which climbs through frameElement into the closed root.
    for (const target of ['about:blank', `${server.origin}${THIEF}`]) {
      await inContentWorld(page, `(() => { const { frame } = ${GRAB}; frame.contentWindow.location.href = ${JSON.stringify(target)}; })()`);
      await page.waitForTimeout(200);
      await expectShowsA(page);
    }
    const stolen = await page.evaluate(() => (window as unknown as { __seen: Seen }).__seen.notes.filter((n) => n.startsWith('thief')));
    expect(stolen).toEqual(['thief loaded; frameElement=IFRAME']);
    // With the stolen iframe the page now fights: it re-navigates the frame right after each load
    // Continuum starts, so that the page's load looks like Continuum's own. First to one of its
    // own pages (which Continuum can tell is not its sidebar), then to a page of another origin
    // (which it cannot: only the missing handshake gives it away).
    await page.evaluate(
      (targets) => {
        const frame = (window as unknown as { __stolenFrame?: HTMLIFrameElement }).__stolenFrame!;
        new MutationObserver(() => {
          const next = targets.shift();
          if (next) frame.contentWindow!.location.replace(next);
        }).observe(frame, { attributes: true, attributeFilter: ['src'] });
        frame.contentWindow!.location.replace(`${location.origin}/hostile/2026-11-22-frame-thief/?again`);
      },
      [`${server.origin}${THIEF}?fight`, `${foreign.origin}${THIEF}?fight`],
    );
    await expectShowsA(page, { timeout: 15_000 });
    expect((await ourFrame(page))!.url()).toMatch(/^chrome-extension:\/\/[^/]+\/src\/sidebar\/index\.html$/);
    // The stolen root holds labels and a frame, never customer data or the sidebar's content.
    await expectNoLeak(page);
    expect(await replyBox(page)).toBe('');
    await page.close();
  });

  describe('clickjacking: Insert from a sidebar the agent cannot really see', () => {
    async function expectRefusedInsert(page: Page, options?: { settle?: number }): Promise<void> {
      const outcome = await insertFromSidebar(page, 'Texte piégé pour la cliente', options);
      expect(outcome).toContain('covered or hidden');
      expect(await replyBox(page)).toBe('');
    }

    test('9. host element at opacity 0.001', async () => {
      const page = await openBare();
      // The host's own style cannot be overridden from the page (the shadow :host rule is !important)...
      const opacity = await page.evaluate(async () => {
        const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body) as HTMLElement;
        host.style.setProperty('opacity', '0.001', 'important');
        host.style.setProperty('filter', 'opacity(0.001)', 'important');
        const sheet = document.createElement('style');
        sheet.textContent = 'html > div:last-child, html > div { opacity: 0.001 !important; filter: opacity(0.001) !important; }';
        document.head.append(sheet);
        host.animate([{ opacity: 0.001 }, { opacity: 0.001 }], { duration: 60_000, fill: 'forwards' });
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
        return getComputedStyle(host).opacity + getComputedStyle(host).filter;
      });
      expect(opacity).toBe('1none');
      // ...so the page wraps the host in a nearly transparent element of its own.
      await page.evaluate(() => {
        const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body) as HTMLElement;
        const wrapper = document.createElement('section');
        wrapper.style.cssText = 'opacity:0.001';
        document.documentElement.append(wrapper);
        wrapper.append(host);
      });
      await expectShowsA(page);
      await expectRefusedInsert(page);
      await expectNoLeak(page);
      await page.close();
    });

    test('10. body at opacity 0.001 (with the host moved into it)', async () => {
      const page = await openBare();
      await page.evaluate(() => {
        const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body) as HTMLElement;
        document.body.style.opacity = '0.001';
        document.body.append(host);
      });
      await expectShowsA(page);
      await expectRefusedInsert(page);
      await expectNoLeak(page);
      await page.close();
    });

    test('11. html at opacity 0.001', async () => {
      const page = await openBare();
      await page.evaluate(() => {
        document.documentElement.style.opacity = '0.001';
      });
      await expectRefusedInsert(page);
      await expectNoLeak(page);
      await page.close();
    });

    test('12. overlays that let clicks through (transparent, decoy image, just in time)', async () => {
      const overlay = (kind: 'transparent' | 'decoy') => {
        const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body) as HTMLElement;
        const rect = host.getBoundingClientRect();
        const layer = document.createElement(kind === 'decoy' ? 'img' : 'div');
        layer.style.cssText = `position:fixed;inset:0 0 auto auto;width:${rect.width}px;height:100vh;z-index:2147483647;pointer-events:none;border:0;margin:0;padding:0`;
        if (layer instanceof HTMLImageElement) {
          layer.src =
            'data:image/svg+xml,' +
            encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="900"><rect width="400" height="900" fill="#fff"/><text x="40" y="120" font-size="28">Win a prize!</text></svg>');
          // The top layer sits above every z-index, our host's included.
          layer.popover = 'manual';
          document.body.append(layer);
          layer.showPopover();
        } else {
          document.documentElement.append(layer);
        }
      };
      for (const kind of ['transparent', 'decoy'] as const) {
        const page = await openBare();
        await page.evaluate(overlay, kind);
        await expectRefusedInsert(page);
        await expectNoLeak(page);
        await page.close();
      }
      // The overlay appears right before the click, faster than visibility reports arrive.
      const page = await openBare();
      const frame = (await ourFrame(page))!;
      await frame.locator('#draft').fill('Texte piégé pour la cliente');
      await page.waitForTimeout(400);
      await page.evaluate(overlay, 'transparent' as const);
      await frame.getByTestId('insert').click({ force: true });
      await page.waitForTimeout(800);
      expect(await replyBox(page)).toBe('');
      await expectNoLeak(page);
      await page.close();
    });
  });

  test('13. the host removed and re-added 100 times (at once and across frames)', async () => {
    const page = await openBare();
    const timing = await page.evaluate(async () => {
      const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body) as HTMLElement;
      const started = performance.now();
      for (let i = 0; i < 100; i++) {
        host.remove();
        document.documentElement.append(host);
      }
      const sync = performance.now() - started;
      let maxGap = 0;
      let last = performance.now();
      const ticker = setInterval(() => {
        const now = performance.now();
        maxGap = Math.max(maxGap, now - last);
        last = now;
      }, 10);
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      for (let i = 0; i < 100; i++) {
        host.remove();
        await frame();
        if (i % 2) document.body.append(host);
        else document.documentElement.append(host);
      }
      document.documentElement.append(host);
      clearInterval(ticker);
      return { sync, maxGap, total: performance.now() - started };
    });
    // Re-inserting an iframe is costly for the browser itself; this only catches a feedback loop.
    expect(timing.sync).toBeLessThan(5_000);
    expect(timing.maxGap).toBeLessThan(1_000);
    const responsive = Date.now();
    await page.evaluate(() => 1);
    expect(Date.now() - responsive).toBeLessThan(1_000);
    expect(await hostCount(page)).toBeLessThanOrEqual(1);
    await expectShowsA(page, { timeout: 15_000 });
    expect(await hostCount(page)).toBe(1);
    await expectNoLeak(page);
    expect(await replyBox(page)).toBe('');
    await page.close();
  });

  test('14. synthetic clicks and keys on the host, tab and grip change nothing', async ({ onTestFinished }) => {
    onTestFinished(reopenStoredLayout);
    const page = await openBare();
    const layout = await storedLayout();
    const box = await frameBox(page);
    expect(box?.width).toBeGreaterThanOrEqual(280);
    const pageEvents = () => {
      const host = Array.from(document.documentElement.children).find((e) => e !== document.head && e !== document.body) as HTMLElement;
      const rect = host.getBoundingClientRect();
      const at = { clientX: rect.left + 3, clientY: rect.top + 200, bubbles: true, composed: true, cancelable: true };
      for (const target of [host, document.documentElement, document.body, document, window] as EventTarget[]) {
        target.dispatchEvent(new PointerEvent('pointerdown', { ...at, pointerId: 1 }));
        for (let x = 0; x < 10; x++) target.dispatchEvent(new PointerEvent('pointermove', { ...at, clientX: at.clientX - 40 * x, pointerId: 1 }));
        target.dispatchEvent(new PointerEvent('pointerup', { ...at, clientX: 50, pointerId: 1 }));
        for (const type of ['mousedown', 'mouseup', 'click', 'dblclick']) target.dispatchEvent(new MouseEvent(type, at));
        for (const key of ['ArrowLeft', 'ArrowRight', 'Enter', ' ', 'Escape', 'K']) {
          target.dispatchEvent(new KeyboardEvent('keydown', { key, altKey: key === 'K', shiftKey: key === 'K', bubbles: true, composed: true }));
          target.dispatchEvent(new KeyboardEvent('keyup', { key, bubbles: true, composed: true }));
        }
      }
      host.click();
      host.focus();
    };
    await page.evaluate(pageEvents);
    // Playing a page that captured the closed root: untrusted events right on the grip and tab.
    const internal = `(() => {
      const { grip, tab } = ${GRAB};
      const rect = grip.getBoundingClientRect();
      const at = { clientX: rect.left + 3, clientY: rect.top + 200, bubbles: true, composed: true, pointerId: 1 };
      grip.dispatchEvent(new PointerEvent('pointerdown', at));
      for (let x = 0; x < 10; x++) grip.dispatchEvent(new PointerEvent('pointermove', { ...at, clientX: at.clientX - 40 * x }));
      grip.dispatchEvent(new PointerEvent('pointerup', { ...at, clientX: 50 }));
      for (let i = 0; i < 10; i++) grip.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
      tab.click();
      tab.dispatchEvent(new MouseEvent('click', { bubbles: true }));
      tab.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    })()`;
    await inContentWorld(page, internal);
    await page.waitForTimeout(500);
    expect(await frameBox(page)).toEqual(box);
    expect(await storedLayout()).toEqual(layout);
    // Collapsed (by a real click in the sidebar), the same events must not reopen it.
    const frame = (await ourFrame(page))!;
    await frame.getByRole('button', { name: /Collapse|Replier/ }).click();
    await expect.poll(() => frameBox(page), { timeout: 5_000 }).toBeNull();
    const collapsed = await storedLayout();
    await page.evaluate(pageEvents);
    await inContentWorld(page, internal);
    await page.waitForTimeout(500);
    expect(await frameBox(page)).toBeNull();
    expect(await storedLayout()).toEqual(collapsed);
    // A real click on the tab reopens it (and restores the layout for the other tests).
    const viewport = page.viewportSize()!;
    await page.mouse.click(viewport.width - 8, viewport.height * 0.4 + 40);
    await expectShowsA(page);
    expect(await storedLayout()).toMatchObject({ open: true, ...(layout as object | null) });
    expect(await replyBox(page)).toBe('');
    await expectNoLeak(page, { extra: HOST_UI });
    await page.close();
  });

  test('15. fake customer elements do not change who the sidebar shows', async () => {
    // B's e-mail and phone, labelled like the real ones, hidden in every usual way (one page per
    // group: a fake in the header would pass for the signed-in agent and mask the others).
    const spoof = () => {
      if (location.protocol !== 'http:' || window !== window.top) return;
      const email = 'bastien.lefort@sfr.fr';
      const phone = '07 58 62 19 04';
      const fake = (style: string, attrs: Record<string, string> = {}) => {
        const el = document.createElement('div');
        el.setAttribute('style', style);
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        el.innerHTML = `<dl><dt>Courriel</dt><dd><a href="mailto:${email}">${email}</a></dd><dt>Téléphone</dt><dd><a href="tel:${phone.replace(/\s/g, '')}">${phone}</a></dd></dl>`;
        return el;
      };
      const inject = () => {
        const group = new URLSearchParams(location.search).get('utm_content');
        const main = document.querySelector('main')!;
        if (group === 'hidden') {
          main.prepend(
            fake('', { hidden: '' }),
            fake('display:none'),
            fake('visibility:hidden'),
            fake('', { 'aria-hidden': 'true' }),
            fake('position:absolute;left:-10000px;top:0'),
            fake('position:fixed;top:-5000px'),
            fake('width:0;height:0;overflow:hidden'),
            fake('position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap'),
            fake('opacity:0'),
            fake('font-size:0'),
            fake('position:absolute;clip:rect(0 0 0 0)'),
            fake('transform:scale(0)'),
          );
          const input = document.createElement('input');
          input.type = 'hidden';
          input.value = email;
          main.append(input);
        } else if (group === 'chrome') {
          // Visible, but in the page's chrome: a nav and a footer naming the other customer.
          const nav = document.createElement('nav');
          nav.append(fake(''));
          document.body.prepend(nav);
          const footer = document.createElement('footer');
          footer.append(fake(''));
          document.body.append(footer);
        } else if (group === 'header') {
          document.querySelector('header')!.append(fake(''));
        }
      };
      if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', inject);
      else inject();
    };
    for (const group of ['hidden', 'chrome', 'header']) {
      const page = await openPage(`${BARE}&utm_content=${group}`, spoof);
      await expectShowsA(page);
      await page.waitForTimeout(700); // the read after the page settled must not change it either
      await expectShowsA(page);
      expect((await readSidebar(page))!.ids, group).toEqual([A.email, A.phone]);
      await expectNoLeak(page, { allow: [B.email, PHONES[1]!] });
      await page.close();
    }
    // Nothing was merged: B is still B.
    const other = await openPage(OTHER);
    await expect.poll(() => readSidebar(other).then((s) => s?.name), { timeout: 10_000 }).toBe(B.name);
    const state = (await readSidebar(other))!;
    expect(state.ids).toEqual([B.email, B.phone]);
    await other.close();
  });

  test('16. a mutation flood: the page stays responsive and the content script does not spam', async () => {
    const worker = browser.context.serviceWorkers()[0]!;
    await worker.evaluate(() => {
      const g = globalThis as unknown as { __detected?: number; __counting?: boolean };
      g.__detected = 0;
      if (!g.__counting) {
        g.__counting = true;
        chrome.runtime.onMessage.addListener((message: { name?: string }) => {
          if (message?.name === 'content/detected') g.__detected! += 1;
        });
      }
    });
    const flood = async (ms: number) => {
      const main = document.querySelector('main')!;
      const box = document.createElement('div');
      // A changing status line inside a message block: every read finds something new to send.
      const status = document.createElement('article');
      status.className = 'message message--customer';
      const line = document.createElement('p');
      status.append(line);
      main.append(box, status);
      let frames = 0;
      let ticks = 0;
      let mutations = 0;
      const ticker = setInterval(() => ticks++, 10);
      const end = performance.now() + ms;
      await new Promise<void>((done) => {
        const step = () => {
          frames++;
          for (let i = 0; i < 1500; i++) {
            const span = document.createElement('span');
            span.textContent = String(i);
            box.append(span);
            if (box.childElementCount > 300) box.firstElementChild!.remove();
            mutations += 2;
          }
          line.textContent = `Saisie en cours… ${frames}`;
          if (performance.now() < end) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      });
      clearInterval(ticker);
      box.remove();
      return { frames, ticks, mutations };
    };
    // Baseline: the same flood where Continuum does not run.
    const plain = await browser.context.newPage();
    await plain.goto(`${foreign.origin}${BARE}&view=flood`);
    const baseline = await plain.evaluate(flood, 3_000);
    await plain.close();

    const page = await openPage(`${BARE}&view=flood`);
    await expectShowsA(page, { history: false });
    const before = await worker.evaluate(() => (globalThis as unknown as { __detected: number }).__detected);
    const measured = await page.evaluate(flood, 3_000);
    await page.waitForTimeout(1_500);
    const sent = (await worker.evaluate(() => (globalThis as unknown as { __detected: number }).__detected)) - before;
    expect(measured.mutations).toBeGreaterThan(10_000);
    // Compared with the same flood where Continuum does not run. Frame rate is a stable measure;
    // idle time between frames (interval ticks) is noisy on a loaded machine, hence the looser floor.
    expect(measured.frames).toBeGreaterThanOrEqual(baseline.frames * 0.7);
    expect(measured.ticks).toBeGreaterThanOrEqual(baseline.ticks * 0.5);
    // Every read finds a new status line, so sends count reads: the page is still read while it
    // floods (at least once during the flood, once after), but only a handful of times.
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(sent).toBeLessThanOrEqual(5);
    await expectShowsA(page, { history: false });
    await expectNoLeak(page);
    await page.close();
  });
});
