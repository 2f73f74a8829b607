/**
 * What the extension's sync code needs outside a browser: IndexedDB (fake-indexeddb) and a
 * `browser` global (webextension-polyfill refuses to load without one). Imported first by the
 * chaos test, before any extension module.
 */
import 'fake-indexeddb/auto';
import { createFakeBrowser } from '../../unit/support/fake-browser';

const scope = globalThis as { browser?: unknown; chrome?: unknown };
if (!scope.browser) {
  const fake = createFakeBrowser();
  Object.assign(globalThis, { browser: fake, chrome: { runtime: { id: fake.runtime.id } } });
}
