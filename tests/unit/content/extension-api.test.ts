import { afterEach, expect, test, vi } from 'vitest';

type Native = (message: unknown, sender: { id?: string }, respond: (reply: unknown) => void) => boolean;

/** A Chrome runtime that records listeners and answers sendMessage with `answer`. */
function fakeChrome(answer: { reply?: unknown; lastError?: string } = {}) {
  const listeners = new Set<Native>();
  const runtime = {
    id: 'ext-id' as string | undefined,
    lastError: undefined as { message: string } | undefined,
    getURL: (path: string) => `chrome-extension://ext-id/${path}`,
    sendMessage(_message: unknown, callback: (reply: unknown) => void) {
      runtime.lastError = answer.lastError === undefined ? undefined : { message: answer.lastError };
      callback(answer.reply);
      runtime.lastError = undefined;
    },
    onMessage: { addListener: (fn: Native) => listeners.add(fn), removeListener: (fn: Native) => listeners.delete(fn) },
  };
  return { runtime, i18n: { getMessage: (name: string) => `msg:${name}` }, listeners };
}

/** Loads src/content/extension-api.ts as content.js would, with these globals. */
async function load(globals: { chrome?: unknown; browser?: unknown; target?: string }) {
  vi.resetModules();
  vi.stubGlobal('__BUILD_TARGET__', globals.target ?? 'chrome');
  vi.stubGlobal('chrome', globals.chrome);
  vi.stubGlobal('browser', globals.browser);
  return (await import('../../../src/content/extension-api')).default as unknown as {
    runtime: { id?: string; getURL(p: string): string; sendMessage(m: unknown): Promise<unknown>; onMessage: { addListener(fn: unknown): void; removeListener(fn: unknown): void } };
    i18n: { getMessage(name: string): string };
  };
}

/** Delivers a message to every native listener the way Chrome does; resolves with the response, if any is sent. */
function deliver(listeners: Set<Native>, message: unknown): { async: boolean[]; response: Promise<unknown> } {
  let respond!: (reply: unknown) => void;
  const response = new Promise((resolve) => (respond = resolve));
  return { async: [...listeners].map((fn) => fn(message, { id: 'ext-id' }, respond)), response };
}

afterEach(() => vi.unstubAllGlobals());

test("Firefox's own promise-based browser is used as is", async () => {
  const native = { runtime: { id: 'ff-id' } };
  expect(await load({ browser: native, chrome: fakeChrome(), target: 'firefox-dev' })).toBe(native);
});

test("on Chrome a page element named like the API (a clobbered `browser`) is never used", async () => {
  const chrome = fakeChrome();
  const api = await load({ chrome, browser: { runtime: { id: 'page-form-input', getURL: () => 'https://evil.example/' } } });
  expect(api.runtime.getURL('x')).toBe('chrome-extension://ext-id/x');
});

test('on Chrome a listener that returns a promise answers with its value; one that returns nothing does not answer', async () => {
  const chrome = fakeChrome();
  const api = await load({ chrome });
  api.runtime.onMessage.addListener((message: { type: string }) => (message.type === 'toggle' ? Promise.resolve({ ok: true }) : undefined));
  const toggle = deliver(chrome.listeners, { type: 'toggle' });
  expect(toggle.async).toEqual([true]);
  expect(await toggle.response).toEqual({ ok: true });
  expect(deliver(chrome.listeners, { type: 'other' }).async).toEqual([false]);
});

test("on Chrome a listener's rejection reaches the sender in the polyfill's error form", async () => {
  const chrome = fakeChrome();
  const api = await load({ chrome });
  api.runtime.onMessage.addListener(() => Promise.reject(new Error('box gone')));
  expect(await deliver(chrome.listeners, {}).response).toEqual({ __mozWebExtensionPolyfillReject__: true, message: 'box gone' });
});

test('on Chrome a removed listener no longer hears messages', async () => {
  const chrome = fakeChrome();
  const api = await load({ chrome });
  const listener = () => Promise.resolve(1);
  api.runtime.onMessage.addListener(listener);
  api.runtime.onMessage.removeListener(listener);
  expect(chrome.listeners.size).toBe(0);
});

test('on Chrome sendMessage resolves with the reply, undefined when nobody answered, and rejects on errors', async () => {
  expect(await (await load({ chrome: fakeChrome({ reply: { ok: true, value: 3 } }) })).runtime.sendMessage({})).toEqual({ ok: true, value: 3 });
  const silent = fakeChrome({ lastError: 'The message port closed before a response was received.' });
  expect(await (await load({ chrome: silent })).runtime.sendMessage({})).toBeUndefined();
  const gone = fakeChrome({ lastError: 'Could not establish connection. Receiving end does not exist.' });
  await expect((await load({ chrome: gone })).runtime.sendMessage({})).rejects.toThrow('Receiving end does not exist');
  const rejected = fakeChrome({ reply: { __mozWebExtensionPolyfillReject__: true, message: 'bad request' } });
  await expect((await load({ chrome: rejected })).runtime.sendMessage({})).rejects.toThrow('bad request');
});

test('on Chrome the id is read live (an orphaned script sees none), and URLs and messages come from chrome', async () => {
  const chrome = fakeChrome();
  const api = await load({ chrome });
  expect(api.runtime.getURL('src/sidebar/index.html')).toBe('chrome-extension://ext-id/src/sidebar/index.html');
  expect(api.i18n.getMessage('sidebarTab')).toBe('msg:sidebarTab');
  expect(api.runtime.id).toBe('ext-id');
  chrome.runtime.id = undefined;
  expect(api.runtime.id).toBeUndefined();
});
