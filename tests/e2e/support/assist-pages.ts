/**
 * Shared steps of the reply-assist suites in Chromium: seeding what the hub published into the
 * extension's IndexedDB, and opening a fixture conversation until the sidebar shows its customer.
 */
import type { Frame, Page } from 'playwright-core';
import { sidebarFrame, type ChromiumSession } from './chromium';
import type { DemoServer } from './demo';
import { CUSTOMER, pageUrl, type EditorCase, type FixtureWindow } from './editors';

export interface PublishedRecord {
  table: string;
  id: string;
  data: unknown;
}

/** Writes the records into the extension's `published` store from one of its pages, as the sync would. */
export async function seedPublished(browser: ChromiumSession, records: readonly PublishedRecord[]): Promise<void> {
  const options = await browser.context.newPage();
  await options.goto(`${browser.extensionOrigin}/src/options/index.html`);
  await options.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('continuum');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('published', 'readwrite');
          rows.forEach((r, i) => tx.objectStore('published').put({ ...r, seq: i + 1, at: Date.now() }));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records as PublishedRecord[],
  );
  await options.close();
}

/** Opens the editor's fixture conversation; `prepare` runs on the new page before it loads. */
export async function openConversation(
  env: { browser: ChromiumSession; server: DemoServer },
  editor: EditorCase,
  prepare?: (page: Page) => Promise<void>,
): Promise<{ page: Page; frame: Frame }> {
  const page = await env.browser.context.newPage();
  await prepare?.(page);
  await page.goto(pageUrl(env.server.origin, editor));
  await page.waitForFunction(() => (window as unknown as FixtureWindow).__editorReady === true);
  const frame = await sidebarFrame(page, env.browser.extensionId);
  await frame.getByTestId('customer-name').filter({ hasText: CUSTOMER }).waitFor({ timeout: 10_000 });
  return { page, frame };
}
