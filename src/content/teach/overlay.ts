/**
 * Teach mode's view, drawn over the host page in a closed shadow root: a hover highlight, dashed
 * marks on what was taken, and a panel listing the steps with what each reads now. While it is up
 * the page gets no clicks (they are taken, not acted on). Every listener hangs on one
 * AbortSignal; Esc cancels. Only the page's own text is shown here, never Continuum's data.
 */
import type { Detection } from '../../adapters/types';
import { pageFrames, topRect, type Box } from './frames';
import { STEPS, type Refusal, type StepId, type TeachSession } from './session';

export type Strings = Readonly<Record<string, string>>;

export interface OverlayOptions {
  session: TeachSession;
  strings: Strings;
  signal: AbortSignal;
  /** Saves the adapter; resolves to the line to show, or rejects with the reason. */
  save(): Promise<string>;
  cancel(): void;
}

const LABEL: Record<StepId, [label: string, hint: string]> = {
  name: ['teachStepName', 'teachHintName'],
  email: ['teachStepEmail', 'teachHintEmail'],
  phone: ['teachStepPhone', 'teachHintPhone'],
  customerId: ['teachStepCustomerId', 'teachHintCustomerId'],
  message: ['teachStepMessage', 'teachHintMessage'],
  reply: ['teachStepReply', 'teachHintReply'],
};

const REFUSAL: Record<Refusal, string> = {
  'not-editable': 'teachRefusedNotEditable',
  'no-repeat': 'teachRefusedNoRepeat',
  'inside-message': 'teachRefusedInsideMessage',
};

/** Events the page must not act on while teaching: everything a click is made of. */
const SWALLOWED = ['pointerdown', 'pointerup', 'mousedown', 'mouseup', 'click', 'dblclick', 'auxclick', 'touchstart', 'touchend'] as const;
const MAX_MARKS = 60;

const STYLE = `
  .layer { position: fixed; inset: 0; pointer-events: none; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2330; }
  .hover, .mark { position: fixed; pointer-events: none; border-radius: 3px; box-sizing: border-box; }
  .hover { border: 2px solid #2f6fed; background: rgba(47, 111, 237, .12); display: none; }
  .mark { border: 2px dashed #13805a; }
  .blocked { position: fixed; box-sizing: border-box; pointer-events: auto; cursor: not-allowed; border: 2px dashed #b3261e;
    background: repeating-linear-gradient(135deg, rgba(179, 38, 30, .08) 0 10px, rgba(179, 38, 30, .16) 10px 20px); overflow: hidden; }
  .blocked span { display: inline-block; margin: 4px; padding: 2px 6px; border-radius: 4px; background: #fff; color: #b3261e; font-size: 12px; }
  .panel { position: fixed; right: 16px; top: 16px; width: 360px; max-height: 75vh; overflow: auto; pointer-events: auto;
    background: #fff; border: 1px solid #c9cfdc; border-radius: 10px; box-shadow: 0 10px 32px rgba(0, 0, 0, .28); padding: 12px 14px; }
  .panel.dodged { right: auto; left: 16px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  ol { margin: 0 0 8px; padding-left: 20px; display: grid; gap: 4px; }
  li.current { font-weight: 600; }
  li.pending { color: #6b7385; }
  .value { display: block; font-weight: 400; color: #13633f; overflow-wrap: anywhere; }
  .value.none { color: #8a6100; }
  .tag { font-weight: 400; color: #6b7385; font-size: 12px; }
  .messages { margin: 2px 0 0; padding: 0; list-style: none; font-weight: 400; color: #394155; font-size: 12px; }
  .hint { margin: 6px 0; }
  .error { color: #b3261e; margin: 6px 0; }
  .error:empty { display: none; }
  .actions { display: flex; gap: 6px; flex-wrap: wrap; }
  button { font: inherit; padding: 4px 10px; border-radius: 6px; border: 1px solid #aab2c5; background: #f4f6fa; color: inherit; cursor: pointer; }
  button.primary { background: #2f6fed; border-color: #2f6fed; color: #fff; }
  button:focus-visible { outline: 2px solid #2f6fed; outline-offset: 2px; }
`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

const overlaps = (a: Box, b: Box) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
/** Frames smaller than this (tracking pixels, hidden helpers) are not parts of the page one points at. */
const MIN_FRAME_PX = 24;

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** What a finished step reads now, as short lines of the page's own text. */
function readout(step: StepId, detection: Detection | null, replyFound: boolean, t: (k: string, v?: Record<string, string | number>) => string): string[] {
  const ids = detection?.customer.identifiers ?? [];
  const of = (kind: string) => ids.filter((i) => i.kind === kind).map((i) => i.value);
  switch (step) {
    case 'name':
      return detection?.customer.name ? [detection.customer.name] : [];
    case 'email':
      return of('email');
    case 'phone':
      return of('phone');
    case 'customerId':
      return ids.filter((i) => i.kind === 'app-id').map((i) => i.raw);
    case 'message': {
      const messages = detection?.conversation.messages ?? [];
      if (!messages.length) return [];
      const arrow = { inbound: '←', outbound: '→', unknown: '·' } as const;
      return [
        t('teachMessagesRead', { count: messages.length }),
        ...messages.slice(-3).map((m) => clip(`${arrow[m.direction]} ${m.author ? `${m.author}: ` : ''}${m.text}`, 90)),
      ];
    }
    case 'reply':
      return replyFound ? [t('teachFound')] : [];
  }
}

export function mountOverlay({ session, strings, signal, save, cancel }: OverlayOptions): void {
  const t = (key: string, values: Record<string, string | number> = {}) =>
    (strings[key] ?? key).replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));

  const host = document.createElement('div');
  // data-continuum: adapters never read this element as page content.
  host.setAttribute('data-continuum', 'teach');
  host.setAttribute('style', 'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;');
  const root = host.attachShadow({ mode: 'closed' });
  const layer = el('div', { class: 'layer' });
  const hover = el('div', { class: 'hover' });
  const marks = el('div');
  const covers = el('div');
  const panel = el('section', { class: 'panel', role: 'dialog', 'aria-label': t('teachTitle') });
  root.append(el('style', {}, STYLE), layer);
  layer.append(marks, covers, hover, panel);
  document.documentElement.append(host);
  signal.addEventListener('abort', () => host.remove(), { once: true });

  let error = '';
  let status = '';
  let phase: 'teaching' | 'saving' | 'saved' = 'teaching';
  let marked: Element[] = [];

  const ours = (event: Event) => event.composedPath().includes(host);
  // The Continuum sidebar beside the page is not part of the page being taught: its tab and
  // resize grip keep working.
  const continuum = (event: Event) => event.composedPath().some((n) => n === host || (n instanceof Element && n.hasAttribute('data-continuum-host')));
  // Node type, not instanceof: elements of a frame's document belong to another realm.
  const notOurs = (node: Element) => !node.closest('[data-continuum-host], [data-continuum]');
  const isPage = (target: EventTarget | null): target is Element => (target as Node | null)?.nodeType === Node.ELEMENT_NODE && notOurs(target as Element);

  function place(box: HTMLElement, target: Element): void {
    const r = topRect(target);
    Object.assign(box.style, { display: 'block', left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
  }

  /** Frames of another origin: marked, and a click on them says why nothing is taken. */
  let unreachable: Element[] = [];
  function drawCovers(): void {
    covers.replaceChildren(
      ...unreachable
        .filter((frame) => frame.isConnected && frame.clientWidth >= MIN_FRAME_PX && frame.clientHeight >= MIN_FRAME_PX)
        .map((frame) => {
          const box = el('div', { class: 'blocked', 'data-teach': 'unreachable-frame' });
          box.append(el('span', {}, t('teachFrameUnreachable')));
          box.addEventListener('click', () => {
            error = t('teachRefusedFrame');
            render();
          });
          place(box, frame);
          return box;
        }),
    );
  }

  function drawMarks(): void {
    marks.replaceChildren(
      ...marked.slice(0, MAX_MARKS).map((target) => {
        const box = el('div', { class: 'mark' });
        place(box, target);
        return box;
      }),
    );
    drawCovers();
  }

  function button(key: string, onClick: () => void, primary = false): HTMLButtonElement {
    const b = el('button', { type: 'button', 'data-key': key, ...(primary ? { class: 'primary' } : {}) }, t(key));
    b.addEventListener('click', onClick, { signal });
    return b;
  }

  function render(): void {
    const { detection, replyFound } = session.preview();
    const list = el('ol');
    STEPS.forEach(({ id, optional }, i) => {
      const state = i < session.position ? 'done' : i === session.position ? 'current' : 'pending';
      const item = el('li', { class: state, 'data-step': id }, t(LABEL[id][0]));
      if (optional) item.append(' ', el('span', { class: 'tag' }, `(${t('teachOptional')})`));
      if (state === 'done') {
        const lines = session.pointed.has(id) ? readout(id, detection, replyFound, t) : null;
        if (!lines) item.append(el('span', { class: 'value none' }, t('teachSkipped')));
        else if (!lines.length) item.append(el('span', { class: 'value none' }, t('teachNothingRead')));
        else if (id === 'message') {
          item.append(el('span', { class: 'value' }, lines[0]!));
          const messages = el('ul', { class: 'messages' });
          for (const line of lines.slice(1)) messages.append(el('li', {}, line));
          item.append(messages);
        } else item.append(el('span', { class: 'value' }, lines.join(', ')));
      }
      list.append(item);
    });
    const step = session.step;
    const hint = phase === 'saved' ? status : phase === 'saving' ? t('teachSaving') : step ? t(LABEL[step][1]) : t('teachReady');
    const actions = el('div', { class: 'actions' });
    if (phase === 'saved') actions.append(button('teachClose', () => cancel(), true));
    else if (phase === 'teaching') {
      if (session.position > 0) actions.append(button('teachBack', back));
      if (step && STEPS[session.position]?.optional) actions.append(button('teachSkip', skip));
      if (session.canSave) actions.append(button('teachSave', () => void doSave(), true));
      actions.append(button('teachCancel', () => cancel()));
    }
    // Redrawing must not drop the keyboard focus of an agent working the panel's buttons.
    const focused = (root.activeElement as HTMLElement | null)?.dataset.key;
    panel.replaceChildren(el('h2', {}, t('teachTitle')), list, el('p', { class: 'hint', 'aria-live': 'polite' }, hint), el('p', { class: 'error', role: 'alert' }, error), actions);
    if (focused) (actions.querySelector<HTMLElement>(`[data-key="${focused}"]`) ?? actions.querySelector('button'))?.focus();
    marked = [...session.pointed.entries()].flatMap(([id, target]) => (id === 'message' ? session.items : [target]));
    scanFrames();
    drawMarks();
  }

  function skip(): void {
    error = '';
    session.skip();
    render();
  }

  function back(): void {
    error = '';
    session.back();
    render();
  }

  async function doSave(): Promise<void> {
    if (!session.canSave || phase !== 'teaching') return;
    phase = 'saving';
    error = '';
    render();
    try {
      status = await save();
      phase = 'saved';
    } catch (failure) {
      phase = 'teaching';
      error = t('teachSaveFailed', { message: (failure as Error).message });
    }
    render();
  }

  const stop = (event: Event) => {
    event.preventDefault();
    event.stopImmediatePropagation();
  };

  const swallow = (event: Event) => {
    if (continuum(event)) return;
    stop(event);
    // Only the agent's own clicks teach: a page cannot script what gets learnt.
    if (event.type !== 'click' || !event.isTrusted || phase !== 'teaching' || !isPage(event.target) || !session.step) return;
    const refusal = session.point(event.target);
    error = refusal ? t(REFUSAL[refusal]) : '';
    render();
  };
  const pointAt = (event: Event) => {
    if (continuum(event) || !isPage(event.target) || phase !== 'teaching') return void (hover.style.display = 'none');
    place(hover, event.target);
    // The panel sits over Continuum's own sidebar (top right); it moves aside from what the agent points at.
    // (Not for page-wide blocks, which would send it back and forth.)
    const target = topRect(event.target);
    if (target.width < innerWidth / 2 && overlaps(panel.getBoundingClientRect(), target)) panel.classList.toggle('dodged');
  };
  // Scrolling fires many events per frame, each measuring every mark and frame: draw once per frame.
  let drawing = 0;
  const redraw = () => {
    drawing ||= requestAnimationFrame(() => {
      drawing = 0;
      if (!signal.aborted) drawMarks();
    });
  };
  const reposition = () => {
    hover.style.display = 'none';
    redraw();
  };
  // Only a frame's load can add a document to listen to (an image or script loading cannot).
  const onLoad = (event: Event) => {
    const tag = (event.target as Element | null)?.tagName;
    if (tag !== 'IFRAME' && tag !== 'FRAME') return;
    scanFrames();
    redraw();
  };

  const onKey = (event: KeyboardEvent) => {
    if (!event.isTrusted) return;
    if (event.key === 'Escape') {
      stop(event);
      return cancel();
    }
    // A focused panel button takes Enter and Space itself; after saving, keys are the page's again.
    if (phase !== 'teaching' || (ours(event) && (event.key === 'Enter' || event.key === ' '))) return;
    if (event.key === 'Enter' && session.canSave) void doSave();
    else if ((event.key === 's' || event.key === 'S') && STEPS[session.position]?.optional) skip();
    else if (event.key === 'Backspace' && session.position > 0) back();
    else return;
    stop(event);
  };

  /** The page's window and each same-origin frame's: events inside a frame never reach the page's window. */
  function listen(win: Window): void {
    for (const type of SWALLOWED) win.addEventListener(type, swallow, { capture: true, signal });
    win.addEventListener('mouseover', pointAt, { capture: true, signal });
    win.addEventListener('scroll', reposition, { capture: true, passive: true, signal });
    win.addEventListener('keydown', onKey, { capture: true, signal });
    // A frame that loads (or loads again) gets listened to as well. On the document: a frame's
    // window may be reused by its next document, which then gets its own (shared) listener.
    win.document.addEventListener('load', onLoad, { capture: true, signal });
  }

  const listening = new WeakSet<Document>();
  function scanFrames(): void {
    const frames = pageFrames(document, (frame) => !notOurs(frame));
    unreachable = frames.unreachable;
    for (const doc of frames.reachable) {
      if (listening.has(doc) || !doc.defaultView) continue;
      listening.add(doc);
      listen(doc.defaultView);
    }
  }

  listen(window);
  window.addEventListener('resize', reposition, { signal });
  render();
}
