/**
 * The sidebar's place in the host page: a host element with a closed shadow root holding a
 * resize grip, the extension-origin frame, and a tab to reopen it when collapsed.
 *
 * The host page can reach all of this (a closed shadow root is not a boundary), so it holds no
 * customer data: the frame is cross-origin to the page and gets its data from the background.
 * The frame does nothing until it proves itself with a one-time token, which is posted only to
 * the extension origin and never written into the DOM.
 */
import { browser, SIDEBAR_PAGE } from '../shared/platform';
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
}

const MIN_WIDTH = 280;
const MAX_WIDTH = 720;
/** Re-attachments allowed per minute when the page keeps removing the host. */
const REATTACH_BUDGET = 20;

const STYLE = `
:host { all: initial !important; position: fixed !important; top: 0 !important; right: 0 !important;
  height: 100vh !important; z-index: 2147483647 !important; display: block !important;
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

  function loadFrame() {
    expectingLoad = true;
    frame.src = frameUrl;
  }

  // Every load we did not start (the page navigated our frame, or re-inserted it) puts our own
  // page back; every load we did start gets a fresh one-time token.
  frame.addEventListener(
    'load',
    () => {
      if (!frame.getAttribute('src')) return; // the initial about:blank of a collapsed sidebar
      if (!expectingLoad) {
        if (spendBudget()) loadFrame();
        return;
      }
      expectingLoad = false;
      void options
        .requestToken()
        .then((token) => frame.contentWindow?.postMessage({ type: 'continuum:token', token }, frameOrigin))
        .catch(() => undefined);
    },
    { signal },
  );

  function render() {
    host.style.setProperty('width', open ? `${width}px` : '0px', 'important');
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

  // The page may remove our host (by accident or on purpose); put it back, within a budget.
  let reattachments: number[] = [];
  function spendBudget(): boolean {
    const now = Date.now();
    reattachments = reattachments.filter((time) => now - time < 60_000);
    if (reattachments.length >= REATTACH_BUDGET) return false;
    reattachments.push(now);
    return true;
  }
  const keeper = new MutationObserver(() => {
    if (host.isConnected || !spendBudget()) return;
    document.documentElement.append(host);
  });
  keeper.observe(document.documentElement, { childList: true });

  signal.addEventListener(
    'abort',
    () => {
      keeper.disconnect();
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
  };
}
