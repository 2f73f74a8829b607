/**
 * Real Firefox (Debian's firefox-esr) with the built extension installed as a temporary add-on,
 * driven by puppeteer-core over WebDriver BiDi (Playwright cannot drive stock Firefox).
 *
 * The extension's moz-extension UUID is random per profile, so it is pinned with a pref: the
 * tests then know the sidebar's origin in advance. The profile is also kept off the network (the
 * machine has none): no telemetry, updates, remote settings, captive-portal or push checks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../manifest.config.ts';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The pinned internal UUID: the sidebar lives at moz-extension://<this>/. */
export const EXTENSION_UUID = '6f1c2b7e-4d3a-4e8b-9a51-c0ffee5eed01';
export const VIEWPORT = { width: 1400, height: 900 };

const SIDEBAR_PATH = '/src/sidebar/index.html';

export interface FirefoxSession {
  browser: Browser;
  /** Absolute path of the unpacked build that was installed (install it again to update in place). */
  extensionPath: string;
  extensionId: string;
  extensionOrigin: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const QUIET_PREFS: Record<string, unknown> = {
  // Telemetry, studies, experiments and reporting.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.archive.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'datareporting.usage.uploadEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.discovery.enabled': false,
  // Connectivity, captive portal, DNS-over-HTTPS, push, region, prefetch.
  'network.connectivity-service.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.trr.mode': 5,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.topsites.contile.enabled': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.getAddons.showPane': false,
  'extensions.htmlaboutaddons.recommendations.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'trailhead.firstrun.didSeeAboutWelcome': true,
  'browser.startup.firstrunSkipsHomepage': true,
  'doh-rollout.disable-heuristics': true,
  'identity.fxaccounts.enabled': false,
  'browser.ml.enable': false,
  // Remote settings (blocklists, experiments...): a local dummy that never reaches the network.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
};

export async function launchFirefox(build = process.env.FIREFOX_BUILD ?? 'dist/firefox-dev', extraPrefs: Record<string, unknown> = {}): Promise<FirefoxSession> {
  const extension = resolve(build);
  const profile = await mkdtemp(join(tmpdir(), 'continuum-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    defaultViewport: VIEWPORT,
    // Release builds ignore a remote-settings server override unless this is set; without it
    // Firefox polls firefox.settings.services.mozilla.com at startup.
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      ...QUIET_PREFS,
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // MV3 host permissions are optional in Firefox; since 127 the ones in the manifest are
      // granted at install (temporary installs included) when this is on. Pin it, as the dev
      // build relies on its localhost permission to enable the demo pages.
      'extensions.originControls.grantByDefault': true,
      ...extraPrefs,
    },
  });
  const close = async () => {
    const child = browser.process();
    // browser.close() waits for Firefox to quit; never let a stuck shutdown outlive the suite.
    await Promise.race([browser.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const extensionId = await browser.installExtension(extension);
    if (extensionId !== GECKO_ID) throw new Error(`Installed ${extensionId}, expected ${GECKO_ID}`);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    browser,
    extensionPath: extension,
    extensionId: GECKO_ID,
    extensionOrigin: `moz-extension://${EXTENSION_UUID}`,
    newPage: () => browser.newPage(),
    close,
  };
}

/** Where a frame really is. Over BiDi, puppeteer keeps reporting about:blank for a frame that
 * the content script pointed at a moz-extension URL, so ask the frame itself. */
async function frameLocation(frame: Frame): Promise<string> {
  if (frame.url().startsWith('moz-extension:')) return frame.url();
  try {
    return await frame.evaluate(() => location.href);
  } catch {
    return frame.url();
  }
}

/** The sidebar frame inside a host page, once it shows the sidebar page. */
export async function sidebarFrame(page: Page, extensionOrigin: string, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const found = await findSidebarFrame(page, extensionOrigin);
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`No sidebar frame in ${page.url()} (extension ${extensionOrigin})`);
}

/** The sidebar frame if one is loaded now, or null. */
export async function findSidebarFrame(page: Page, extensionOrigin: string): Promise<Frame | null> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame() || frame.detached) continue;
    if ((await frameLocation(frame)) === `${extensionOrigin}${SIDEBAR_PATH}`) return frame;
  }
  return null;
}

/** Text of every element matching a CSS selector in the frame, trimmed, in document order. */
export function texts(frame: Frame, selector: string): Promise<string[]> {
  return frame.evaluate((css) => [...document.querySelectorAll(css)].map((el) => el.textContent?.trim() ?? ''), selector);
}

/** Text of every element with this data-testid in the frame. */
export function testIdTexts(frame: Frame, testId: string): Promise<string[]> {
  return texts(frame, `[data-testid="${testId}"]`);
}

/** Text of the first element with this data-testid, or null when there is none (yet). */
export async function testIdText(frame: Frame, testId: string): Promise<string | null> {
  return (await testIdTexts(frame, testId).catch(() => []))[0] ?? null;
}

/** Everything the sidebar shows, as the agent would read it. */
export function frameText(frame: Frame): Promise<string> {
  return frame.evaluate(() => document.body?.innerText ?? '');
}

/**
 * An extension page (the options page…) opened by another extension page `from`: WebDriver BiDi
 * may not navigate a tab to a moz-extension URL, but an extension page may open one.
 */
export async function openExtensionPage(session: FirefoxSession, from: Frame, path: string, timeout = 10_000): Promise<Page> {
  await from.evaluate((p) => void window.open(`${location.origin}${p}`), path);
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    for (const candidate of await session.browser.pages()) {
      if ((await candidate.evaluate(() => location.pathname).catch(() => '')) === path) return candidate;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${path} did not open`);
}
