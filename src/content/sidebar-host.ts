/**
 * The sidebar's place in the host page: a host element with a closed shadow root holding a
 * resize grip, the extension-origin frame, and a tab to reopen it when collapsed.
 *
 * The host page can reach all of this (a closed shadow root is not a boundary), so it holds no
 * customer data: the frame is cross-origin to the page and gets its data from the background.
 * The frame does nothing until it proves itself with a one-time token, which is posted only to
 * the extension origin and never written into the DOM.
 */
import { browser, IS_FIREFOX, SIDEBAR_PAGE } from '../shared/platform';
import type { SiteLayout } from '../shared/schemas';
import { exposureProblem, type ExposureProblem } from './exposure';

export interface SidebarHostOptions {
  layout: SiteLayout;
  signal: AbortSignal;
  labels: { open: string; resize: string; frame: string };
  requestToken(): Promise<string>;
  onLayout(patch: Partial<SiteLayout>): void;
}

export interface SidebarHost {
  setOpen(open: boolean): void;
  toggle(): void;
  exposureProblem(): ExposureProblem | null;
  /** The background says the frame handed this token finished its handshake. */
  frameReady(token: string): void;
}

const MIN_WIDTH = 280;
const MAX_WIDTH = 720;
/**
 * Repairs (host put back, frame reloaded) done at once when the page keeps undoing them; beyond
 * that, one per interval. A repair is deferred, never dropped: a page that fights costs a reload
 * every few seconds, and the sidebar comes back as soon as it stops.
 */
const REPAIR_BURST = 20;
const REPAIR_INTERVAL_MS = 3_000;
/** A frame we loaded must finish its handshake within this time, or it is loaded again. */
const READY_TIMEOUT_MS = 4_000;

/**
 * Marks our host so a newer instance can remove one left behind. Firefox gives an old instance no
 * chance to clean up: on update, reload, disable or removal it discards the content script's
 * sandbox (timers and observers die with it) but leaves the DOM it inserted. What Firefox does
 * remove is the extension's injected stylesheet (public/content.css, which sets the variable
 * below on this marker), so on Firefox the host is shown only while that sheet is there.
 */
export const HOST_MARKER = 'data-continuum-host';
const HOST_DISPLAY = IS_FIREFOX ? 'var(--continuum-host-display, none)' : 'block';

const STYLE = `
:host { all: initial !important; position: fixed !important; top: 0 !important; right: 0 !important;
  height: 100vh !important; z-index: 2147483647 !important; display: ${HOST_DISPLAY} !important;
  opacity: 1 !important; visibility: visible !important; }
.panel { display: flex; height: 100%; box-shadow: -2px 0 12px rgb(0 0 0 / 0.18); }
.grip { width: 6px; cursor: ew-resize; background: #8884; flex: none; }
.grip:hover, .grip:focus-visible { background: #4c6ef5; outline: none; }
iframe { border: 0; height: 100%; flex: 1; background: Canvas; color-scheme: light dark; }
.tab { position: absolute; right: 0; top: 40vh; writing-mode: vertical-rl; padding: 12px 6px;
  font: 600 13px system-ui, sans-serif; color: #fff; background: #364fc7; border: 0;
  border-radius: 8px 0 0 8px; cursor: pointer; }
.tab:focus-visible { outline: 3px solid #ffd43b; }
[hidden] { display: none !important; }
`;

function clampWidth(width: number): number {
  return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width, 0)));
}

export function mountSidebarHost(options: SidebarHostOptions): SidebarHost {
  const { signal, labels } = options;
  let { open, width } = options.layout;

  const host = document.createElement('div');
  host.setAttribute(HOST_MARKER, '');
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const panel = document.createElement('div');
  panel.className = 'panel';
  const grip = document.createElement('div');
  grip.className = 'grip';
  grip.tabIndex = 0;
  grip.setAttribute('role', 'separator');
  grip.setAttribute('aria-orientation', 'vertical');
  grip.setAttribute('aria-label', labels.resize);
  const frame = document.createElement('iframe');
  frame.title = labels.frame;
  const tab = document.createElement('button');
  tab.className = 'tab';
  tab.type = 'button';
  tab.textContent = labels.open;
  panel.append(grip, frame);
  shadow.append(style, panel, tab);

  const frameUrl = browser.runtime.getURL(SIDEBAR_PAGE);
  // Chrome hands out a per-session dynamic URL for the page (use_dynamic_url), but the loaded
  // frame's origin is the extension's own id.
  const frameOrigin = frameUrl.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : new URL(frameUrl).origin;
  let expectingLoad = false;
  /** The token handed to the current load, until the background confirms the handshake. */
  let awaitedToken: string | null = null;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  function loadFrame() {
    expectingLoad = true;
    awaitedToken = null;
    clearTimeout(watchdog);
    frame.src = frameUrl;
  }

  /** A document we can reach is the page's (same origin), so not our extension page. */
  function holdsPageDocument(): boolean {
    try {
      const url = frame.contentDocument?.URL;
      return url !== undefined && !url.startsWith(frameOrigin) && !url.startsWith(browser.runtime.getURL(''));
    } catch {
      return false;
    }
  }

  // Every load we did not start (the page navigated our frame, or re-inserted it) puts our own
  // page back; every load we did start gets a fresh one-time token. A page holding our frame can
  // navigate it again right after we do, so that its load looks like ours: the token then goes
  // nowhere (it is posted to the extension origin only), the background never confirms a
  // handshake, and the watchdog loads our page again.
  frame.addEventListener(
    'load',
    () => {
      if (!frame.getAttribute('src')) return; // the initial about:blank of a collapsed sidebar
      if (!expectingLoad || holdsPageDocument()) {
        repair();
        return;
      }
      expectingLoad = false;
      void options
        .requestToken()
        .then((token) => {
          awaitedToken = token;
          frame.contentWindow?.postMessage({ type: 'continuum:token', token }, frameOrigin);
          clearTimeout(watchdog);
          watchdog = setTimeout(() => {
            if (awaitedToken === token) repair();
          }, READY_TIMEOUT_MS);
        })
        .catch(() => undefined);
    },
    { signal },
  );

  function render() {
    // The width goes on the panel, inside the shadow root: the :host rule resets every property of
    // the host (so the page cannot restyle it), which would also override an inline width there.
    panel.style.width = `${width}px`;
    panel.hidden = !open;
    tab.hidden = open;
  }

  function setOpen(next: boolean) {
    if (open === next) return;
    open = next;
    render();
    if (open && !frame.src) loadFrame();
  }

  tab.addEventListener(
    'click',
    (event) => {
      if (!event.isTrusted) return;
      setOpen(true);
      options.onLayout({ open: true });
    },
    { signal },
  );

  grip.addEventListener(
    'pointerdown',
    (event) => {
      if (!event.isTrusted) return;
      grip.setPointerCapture(event.pointerId);
      const move = (e: PointerEvent) => {
        width = clampWidth(innerWidth - e.clientX);
        render();
      };
      const up = () => {
        grip.removeEventListener('pointermove', move);
        options.onLayout({ width });
      };
      grip.addEventListener('pointermove', move, { signal });
      grip.addEventListener('pointerup', up, { once: true, signal });
    },
    { signal },
  );
  grip.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return;
      width = clampWidth(width + (event.key === 'ArrowLeft' ? 24 : -24));
      render();
      options.onLayout({ width });
    },
    { signal },
  );

  // The page may remove our host or replace our frame's document (by accident or on purpose):
  // put both back, at a bounded rate (a token bucket of REPAIR_BURST, refilled every interval).
  let repairs = REPAIR_BURST;
  let refilledAt = Date.now();
  let deferred: ReturnType<typeof setTimeout> | undefined;
  function repair() {
    if (signal.aborted) return;
    const now = Date.now();
    repairs = Math.min(REPAIR_BURST, repairs + (now - refilledAt) / REPAIR_INTERVAL_MS);
    refilledAt = now;
    if (repairs < 1) {
      deferred ??= setTimeout(() => {
        deferred = undefined;
        repair();
      }, (1 - repairs) * REPAIR_INTERVAL_MS);
      return;
    }
    repairs -= 1;
    clearTimeout(deferred);
    deferred = undefined;
    if (!host.isConnected) document.documentElement.append(host);
    // A re-inserted frame reloads anyway; loading it ourselves makes that load an expected one.
    if (open) loadFrame();
  }
  const keeper = new MutationObserver(() => {
    if (!host.isConnected) repair();
  });
  keeper.observe(document.documentElement, { childList: true });

  signal.addEventListener(
    'abort',
    () => {
      keeper.disconnect();
      clearTimeout(deferred);
      clearTimeout(watchdog);
      host.remove();
    },
    { once: true },
  );

  render();
  if (open) loadFrame();
  document.documentElement.append(host);

  return {
    setOpen,
    toggle: () => {
      setOpen(!open);
      options.onLayout({ open });
    },
    exposureProblem: () => (open ? exposureProblem(host, frame) : 'collapsed'),
    frameReady: (token) => {
      if (token !== awaitedToken) return;
      awaitedToken = null;
      clearTimeout(watchdog);
    },
  };
}
