import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { createFakeBrowser } from './support/fake-browser';

// webextension-polyfill uses an existing `browser` global as it is.
const fake = createFakeBrowser();
Object.assign(globalThis, { browser: fake, chrome: { runtime: { id: fake.runtime.id } } });

beforeEach(async () => {
  await fake.storage.local.clear();
  await fake.storage.session.clear();
  fake.grantOrigins([]);
});

export { fake };
