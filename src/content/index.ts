/**
 * The content script. It runs on every page of a site the agent enabled, so it stays small and
 * quiet: it reads the page with an adapter, relays what it read to the background, hosts the
 * sidebar frame, and inserts text on request. It never receives customer data.
 *
 * Everything it starts is tied to one AbortController, aborted on extension reload or disable.
 */
import { browser } from '../shared/platform';
import { send } from '../shared/messaging';
import type { ErrorCode } from '../shared/errors';
import type { ContentCommand, ResponseOf } from '../shared/messages';
import { adaptersFor, firstMatching } from '../adapters/page-adapters';
import type { Adapter, ReadContext } from '../adapters/types';
import { affectsReading } from '../adapters/generic/changes';
import { watchUrl } from './navigation';
import { observePage } from './page-observer';
import { HOST_MARKER, mountSidebarHost, type SidebarHost } from './sidebar-host';
import { insertText } from './insert';
import { lastEditable, trackCarets } from './caret';
import { replaceInBox, watchDraft } from './draft-watch';

interface Instance {
  alive(): boolean;
  stop(): void;
}

/**
 * A conversation just opened is read for its latest messages only: what the agent looks at and
 * what suggestions answer. The older ones are read once the agent has stayed on it: someone
 * flipping through a queue never needs them, and a long thread costs the page most to read.
 */
const FIRST_READ_MESSAGES = 30;
const DWELL_MS = 3_000;

const GUARD = '__continuumContent';
const scope = globalThis as typeof globalThis & { [GUARD]?: Instance };

function extensionAlive(): boolean {
  try {
    return Boolean(browser.runtime?.id);
  } catch {
    return false;
  }
}

async function start(): Promise<void> {
  // Injected twice (registered script + injection into an open tab)? Keep the live one. After an
  // extension reload the old instance is orphaned: stop it and take over.
  const previous = scope[GUARD];
  if (previous?.alive()) return;
  previous?.stop();
  // On Firefox an updated or reloaded extension runs in a new sandbox that cannot see the old
  // instance, which was discarded without removing its sidebar: remove it here.
  for (const stale of document.documentElement.querySelectorAll(`:scope > [${HOST_MARKER}]`)) stale.remove();

  const controller = new AbortController();
  const { signal } = controller;
  scope[GUARD] = { alive: () => !signal.aborted && extensionAlive(), stop: () => controller.abort() };

  let config: ResponseOf<'content/hello'>;
  try {
    config = await send('content/hello', { url: location.href });
  } catch {
    return;
  }
  if (!config.enabled || signal.aborted) return;
  // Only this page's site specs came with the config (the script bundles none but the generic).
  let adapters: Adapter[] = adaptersFor(config.specs, config.disabledAdapters);

  let sidebar: SidebarHost | null = null;
  if (config.mode === 'frame') {
    sidebar = mountSidebarHost({
      layout: config.layout,
      signal,
      labels: {
        open: browser.i18n.getMessage('sidebarTab') || 'Continuum',
        resize: browser.i18n.getMessage('sidebarResize') || 'Resize',
        frame: browser.i18n.getMessage('sidebarFrameTitle') || 'Continuum',
      },
      requestToken: async () => (await send('content/frame-token', {})).token,
      onLayout: (patch) => void send('content/layout', patch).catch(() => undefined),
    });
  }

  let lastSent = '';
  let lastDetected = '';
  /** The conversation on screen, since when, and the read of its older messages once the agent stays. */
  let opened: { key: string; dwelt: boolean; dwell: ReturnType<typeof setTimeout> } | null = null;
  const leave = () => {
    clearTimeout(opened?.dwell);
    opened = null;
  };
  signal.addEventListener('abort', leave, { once: true });
  /** The adapter of the last read: the generic one can tell which page changes to ignore. */
  let readBy: string | undefined;
  async function readPage(): Promise<void> {
    if (signal.aborted) return;
    if (!extensionAlive()) return controller.abort();
    const ctx: ReadContext = { url: new URL(location.href), document, own: config.own, defaultRegion: config.defaultRegion, ...(opened?.dwelt ? {} : { messageLimit: FIRST_READ_MESSAGES }) };
    const adapter = firstMatching(adapters, ctx);
    readBy = adapter?.id;
    let detection = null;
    try {
      detection = adapter?.read(ctx) ?? null;
    } catch {
      detection = null;
    }
    const key = detection?.conversation.key;
    if (key !== opened?.key) {
      leave();
      if (key !== undefined) {
        const here = { key, dwelt: false, dwell: setTimeout(() => ((here.dwelt = true), void readPage()), DWELL_MS) };
        opened = here;
      }
    }
    const snapshot = JSON.stringify([location.href, detection]);
    if (snapshot === lastSent) return;
    // A navigation that shows someone new is done: its view has been drawn and read.
    if (detection && lastDetected !== (lastDetected = JSON.stringify(detection.customer))) observer.viewRead();
    lastSent = snapshot;
    await send('content/detected', { url: location.href, detection }).catch(() => {
      if (!extensionAlive()) controller.abort();
    });
  }

  // After an extension reload or update this instance is orphaned (its runtime is gone): it
  // removes its sidebar so the page is left as it was, and the new instance takes over.
  const liveness = setInterval(() => extensionAlive() || controller.abort(), 1000);
  signal.addEventListener('abort', () => clearInterval(liveness), { once: true });

  const observer = observePage(signal, () => void readPage(), {
    relevant: (records) => readBy !== 'generic' || affectsReading(records),
  });
  watchUrl(signal, () => {
    if (!extensionAlive()) return controller.abort();
    // Whatever shows next is newly opened (the same conversation at a new address too).
    leave();
    observer.navigated();
    observer.readNow();
  });
  trackCarets(signal);
  const replyBoxFor = (target: HTMLElement | null): HTMLElement | null => {
    const ctx: ReadContext = { url: new URL(location.href), document, own: config.own, defaultRegion: config.defaultRegion };
    return firstMatching(adapters, ctx)?.findReplyBox(document, target) ?? null;
  };
  const recheckDraft = watchDraft(signal, replyBoxFor);

  const onCommand = (message: unknown, sender: { id?: string }): Promise<unknown> | undefined => {
    if (sender.id !== browser.runtime.id || signal.aborted) return undefined;
    const command = message as ContentCommand;
    switch (command?.type) {
      case 'toggle':
        sidebar?.toggle();
        return Promise.resolve({ ok: true });
      case 'layout':
        sidebar?.setOpen(command.open);
        return Promise.resolve({ ok: true });
      case 'disable':
        controller.abort();
        return Promise.resolve({ ok: true });
      case 'insert':
        return handleInsert(command.text, command.conversationKey);
      case 'replace-draft':
        return handleReplace(command.expected, command.edits);
      case 'frame-ready':
        sidebar?.frameReady(command.token);
        return Promise.resolve({ ok: true });
      case 'page-config':
        // An adapter was switched off or on, or a custom one changed: read the page again with it.
        adapters = adaptersFor(Array.isArray(command.specs) ? command.specs : [], Array.isArray(command.disabledAdapters) ? command.disabledAdapters : []);
        lastSent = '';
        observer.restart();
        void readPage();
        return Promise.resolve({ ok: true });
      default:
        return undefined;
    }
  };

  /**
   * Writes the agent's text into the reply box, found again now. `conversationKey` is the
   * conversation the sidebar showed when the text was written (null when it showed none): if
   * the page has moved to another one since, nothing is inserted.
   */
  async function handleInsert(text: string, conversationKey: string | null): Promise<{ inserted: boolean; code?: ErrorCode }> {
    // Codes as literals: importing the ErrorCode table would ship every code in this script.
    if (sidebar && sidebar.exposureProblem()) return { inserted: false, code: 'E_SIDEBAR_OBSCURED' };
    const ctx: ReadContext = { url: new URL(location.href), document, own: config.own, defaultRegion: config.defaultRegion };
    const adapter = firstMatching(adapters, ctx);
    if (!adapter) return { inserted: false, code: 'E_NO_REPLY_BOX' };
    if (conversationKey !== null) {
      let current: string | null = null;
      try {
        // Only the conversation's key is wanted: one message is enough.
        current = adapter.read({ ...ctx, messageLimit: 1 })?.conversation.key ?? null;
      } catch {
        current = null;
      }
      if (current !== conversationKey) return { inserted: false, code: 'E_PAGE_CHANGED' };
    }
    const box = adapter.findReplyBox(document, lastEditable());
    if (!box) return { inserted: false, code: 'E_NO_REPLY_BOX' };
    return (await insertText(box, text)) ? { inserted: true } : { inserted: false, code: 'E_INSERT_REJECTED' };
  }

  /** A draft fix: applied only if the reply box still holds the text that was checked. */
  async function handleReplace(expected: string, edits: Array<{ start: number; end: number; text: string }>): Promise<{ inserted: boolean; code?: ErrorCode }> {
    if (sidebar && sidebar.exposureProblem()) return { inserted: false, code: 'E_SIDEBAR_OBSCURED' };
    const box = replyBoxFor(lastEditable());
    if (!box) return { inserted: false, code: 'E_NO_REPLY_BOX' };
    const done = await replaceInBox(box, String(expected), Array.isArray(edits) ? edits : []);
    // Either way the sidebar gets the box's text as it is now, checked again.
    recheckDraft(box);
    return done ? { inserted: true } : { inserted: false, code: 'E_PAGE_CHANGED' };
  }

  browser.runtime.onMessage.addListener(onCommand);
  signal.addEventListener(
    'abort',
    () => {
      try {
        browser.runtime.onMessage.removeListener(onCommand);
      } catch {
        // The runtime is already gone (extension reloaded): nothing left to remove.
      }
    },
    { once: true },
  );

  await readPage();
}

void start();
