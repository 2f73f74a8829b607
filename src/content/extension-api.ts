/**
 * The content script's `browser`: scripts/build.mjs aliases webextension-polyfill to this file for
 * content.js only. The full polyfill wraps every API of every namespace (~3 KB gzip on every host
 * page); the content script uses five calls, so it gets those five, with the polyfill's contract:
 * promise-returning sendMessage and onMessage listeners, rejections carried as the polyfill's
 * `__mozWebExtensionPolyfillReject__` reply so the background's polyfill reads them the same way.
 * Firefox's content scripts already have a promise-based `browser` and use it as is. Which one is
 * chosen by the build target, not by probing `browser.runtime.id` as the polyfill does: on Chrome
 * a page's `<form id="browser"><input name="runtime" id="x">` would pass that probe.
 */
type Listener = (message: unknown, sender: { id?: string }) => unknown;
type Reply = { __mozWebExtensionPolyfillReject__?: boolean; message?: string } | undefined;

interface ChromeApi {
  runtime: {
    id?: string;
    lastError?: { message?: string };
    getURL(path: string): string;
    sendMessage(message: unknown, callback: (reply: Reply) => void): void;
    onMessage: {
      addListener(fn: (message: unknown, sender: { id?: string }, respond: (reply: unknown) => void) => boolean): void;
      removeListener(fn: unknown): void;
    };
  };
  i18n: { getMessage(name: string): string };
}

const scope = globalThis as { browser?: unknown; chrome?: ChromeApi };
const FIREFOX = typeof __BUILD_TARGET__ === 'string' && __BUILD_TARGET__.startsWith('firefox');

function wrapChrome(chrome: ChromeApi) {
  const wrappers = new WeakMap<Listener, unknown>();
  const wrap = (listener: Listener) => (message: unknown, sender: { id?: string }, respond: (reply: unknown) => void) => {
    let result: unknown;
    try {
      result = listener(message, sender);
    } catch (error) {
      result = Promise.reject(error);
    }
    if (typeof (result as Promise<unknown> | undefined)?.then !== 'function') return false;
    (result as Promise<unknown>).then(respond, (error: { message?: unknown } | undefined) =>
      respond({ __mozWebExtensionPolyfillReject__: true, message: typeof error?.message === 'string' ? error.message : 'An unexpected error occurred' }),
    );
    return true;
  };
  return {
    i18n: { getMessage: (name: string) => chrome.i18n.getMessage(name) },
    runtime: {
      // Read live: an orphaned script (extension reloaded) sees no id and stands down.
      get id() {
        return chrome.runtime?.id;
      },
      getURL: (path: string) => chrome.runtime.getURL(path),
      sendMessage: (message: unknown) =>
        new Promise((resolve, reject) =>
          chrome.runtime.sendMessage(message, (reply) => {
            const error = chrome.runtime.lastError?.message;
            // No listener replied: undefined, as Firefox does.
            if (error === 'The message port closed before a response was received.') resolve(undefined);
            else if (error !== undefined) reject(new Error(error));
            else if (reply?.__mozWebExtensionPolyfillReject__) reject(new Error(reply.message));
            else resolve(reply);
          }),
        ),
      onMessage: {
        addListener(listener: Listener) {
          if (!wrappers.has(listener)) wrappers.set(listener, wrap(listener));
          chrome.runtime.onMessage.addListener(wrappers.get(listener) as ReturnType<typeof wrap>);
        },
        removeListener(listener: Listener) {
          chrome.runtime.onMessage.removeListener(wrappers.get(listener));
        },
      },
    },
  };
}

export default FIREFOX ? scope.browser : wrapChrome(scope.chrome as ChromeApi);
