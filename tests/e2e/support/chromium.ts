/**
 * Real Chromium (Debian's package) with the built extension loaded, driven by playwright-core.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { serveFixtures, type DemoServer } from './demo';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ChromiumSession {
  context: BrowserContext;
  extensionId: string;
  extensionOrigin: string;
  close(): Promise<void>;
}

export async function launchChromium(build = 'dist/chrome-dev'): Promise<ChromiumSession> {
  const extension = resolve(build);
  const profile = await mkdtemp(join(tmpdir(), 'continuum-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    extensionOrigin: `chrome-extension://${extensionId}`,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The sidebar frame inside a host page, once it has loaded. */
export async function sidebarFrame(page: Page, extensionId: string, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/src/sidebar/index.html'));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error(`No sidebar frame in ${page.url()} (extension ${extensionId})`);
}

/**
 * Evaluates an expression in an extension target Playwright does not expose as a page (the
 * native side panel), over the browser's DevTools protocol.
 */
export async function evaluateInTarget<T>(via: Page, urlPart: string, expression: string): Promise<T> {
  const cdp = await via.context().newCDPSession(via);
  try {
    const { targetInfos } = await cdp.send('Target.getTargets');
    // A top-level extension page (the side panel), not a frame inside a web page.
    const target = targetInfos.find((t) => t.type === 'page' && t.url.includes(urlPart));
    if (!target) throw new Error(`No target whose URL contains ${urlPart}`);
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const reply = new Promise<T>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (event) => {
        const message = JSON.parse(event.message) as { id?: number; result?: { result?: { value?: T } } };
        if (event.sessionId === sessionId && message.id === 1) resolve(message.result?.result?.value as T);
      });
    });
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true, awaitPromise: true } }),
    });
    return await reply;
  } finally {
    await cdp.detach();
  }
}

/**
 * One Chromium with the extension and one fixture server for a whole test file, started before
 * its tests and closed after them. Read `env.browser` and `env.server` inside tests.
 */
export function chromiumWithFixtures(build = 'dist/chrome-dev'): { browser: ChromiumSession; server: DemoServer } {
  const env = {} as { browser: ChromiumSession; server: DemoServer };
  beforeAll(async () => {
    [env.browser, env.server] = await Promise.all([launchChromium(build), serveFixtures()]);
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}
