/**
 * Reports the agent's draft in the host reply box to the background (the page's own text and the
 * caret), at most every 300 ms and never in the keystroke's path, for the brand check and
 * shortcut expansion. It applies back only final text: an expanded shortcut or a draft fix,
 * through the same editor-safe insertion as Insert, and only if the box still holds the text
 * the background saw. A box the page empties itself (the reply was sent) or takes away is reported
 * as an empty draft, so the brand check knows that draft is over. Editors in same-origin frames
 * (TinyMCE, CKEditor 4) are heard in their own document.
 */
import { frameDocument } from '../adapters/generic/dom';
import { isBlank } from '../shared/blank';
import { send } from '../shared/messaging';
import { isTextField } from './caret';
import { insertText } from './insert';

const WAIT_MS = 300;
// How often a reported draft's box is looked at, to see the page empty it after sending.
const EMPTIED_CHECK_MS = 500;
const MAX_DRAFT = 20_000;
const BLOCK = /^(P|DIV|LI|H[1-6]|BLOCKQUOTE|PRE|TR)$/;

interface BoxText {
  text: string;
  caret: number;
  /** Text nodes with their offset in `text` (rich editors), to map offsets back to the DOM. */
  nodes: Array<{ node: Text; at: number }>;
}

/** The box's text as the agent reads it (a line break between blocks and at each <br>), and the caret. */
export function readBox(box: HTMLElement): BoxText {
  if (isTextField(box)) return { text: box.value, caret: box.selectionEnd ?? box.value.length, nodes: [] };
  const selection = box.ownerDocument.getSelection();
  const focus = selection?.rangeCount && box.contains(selection.focusNode) ? selection.focusNode : null;
  const focusOffset = selection?.focusOffset ?? 0;
  const out: BoxText = { text: '', caret: -1, nodes: [] };
  const walk = (parent: Node) => {
    parent.childNodes.forEach((child, i) => {
      if (parent === focus && i === focusOffset) out.caret = out.text.length;
      if (child.nodeType === Node.TEXT_NODE) {
        if (child === focus) out.caret = out.text.length + focusOffset;
        out.nodes.push({ node: child as Text, at: out.text.length });
        out.text += (child as Text).data;
      } else if (child.nodeName === 'BR') out.text += '\n';
      else if (child.nodeType === Node.ELEMENT_NODE) {
        if (BLOCK.test(child.nodeName) && out.text && !out.text.endsWith('\n')) out.text += '\n';
        walk(child);
      }
    });
    if (parent === focus && focusOffset >= parent.childNodes.length) out.caret = out.text.length;
  };
  walk(box);
  if (out.caret < 0) out.caret = out.text.length;
  return out;
}

function pointAt(read: BoxText, offset: number): [Text, number] | null {
  const hit = read.nodes.find(({ node, at }) => offset >= at && offset <= at + node.data.length);
  return hit ? [hit.node, offset - hit.at] : null;
}

/** A DOM range over [start, end) of the box's text, or null if it does not map onto text nodes. */
function rangeOf(box: HTMLElement, read: BoxText, start: number, end: number): Range | null {
  const from = pointAt(read, start);
  const to = pointAt(read, end);
  if (!from || !to) return null;
  const range = box.ownerDocument.createRange();
  range.setStart(...from);
  range.setEnd(...to);
  return range;
}

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies edits made against `expected` (last first, so earlier offsets still hold), reading the
 * box again between them. False, with nothing changed, if the box no longer holds `expected`.
 */
export async function replaceInBox(box: HTMLElement, expected: string, edits: readonly Edit[]): Promise<boolean> {
  let read = readBox(box);
  if (read.text !== expected) return false;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    if (!(edit.start >= 0 && edit.start <= edit.end && edit.end <= read.text.length)) return false;
    const at = isTextField(box) ? { start: edit.start, end: edit.end } : rangeOf(box, read, edit.start, edit.end);
    if (!at || !(await insertText(box, edit.text, at))) return false;
    read = readBox(box);
  }
  return true;
}

/**
 * Watches typing in the reply box that `replyBox` finds for an input's target. Returns `recheck`,
 * for changes no input event announces (an editor applying a paste from its own model).
 */
export function watchDraft(signal: AbortSignal, replyBox: (target: HTMLElement | null) => HTMLElement | null): (target: HTMLElement) => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let target: HTMLElement | null = null;
  let last = '';
  let busy = false;
  let watched: HTMLElement | null = null;
  let emptiedCheck: ReturnType<typeof setInterval> | undefined;

  // Only an emptied or removed box is reported without the agent typing: an empty draft expands
  // no shortcut, so a page cannot use this to fish for templates.
  function watchEmptied(box: HTMLElement | null): void {
    watched = box;
    if (box) emptiedCheck ??= setInterval(() => checkEmptied(), EMPTIED_CHECK_MS);
    else {
      clearInterval(emptiedCheck);
      emptiedCheck = undefined;
    }
  }

  function checkEmptied(leaving = false): void {
    if (signal.aborted) return;
    // An editor that mounts its box again keeps the draft in the new one.
    if (!leaving && !watched?.isConnected) watched = replyBox(null);
    if (!leaving && watched && !isBlank(readBox(watched).text)) return;
    watchEmptied(null);
    last = '0|';
    void send('content/draft', { text: '', caret: 0 }).catch(() => null);
  }

  async function report(): Promise<void> {
    timer = undefined;
    const box = target && replyBox(target);
    if (!box || busy || signal.aborted) return;
    const read = readBox(box);
    const key = `${read.caret}|${read.text}`;
    if (key === last || read.text.length > MAX_DRAFT) return;
    last = key;
    watchEmptied(isBlank(read.text) ? null : box);
    const reply = await send('content/draft', { text: read.text, caret: read.caret }).catch(() => null);
    const r = reply?.replace;
    // The agent kept typing meanwhile: the shortcut is theirs to finish, not ours to replace.
    if (!r || r.end > read.caret || readBox(box).text !== read.text) return;
    busy = true;
    try {
      await replaceInBox(box, read.text, [r]);
    } finally {
      busy = false;
    }
    schedule(box);
  }

  function schedule(from: HTMLElement): void {
    target = from;
    timer ??= setTimeout(() => void report(), WAIT_MS);
  }

  // Only the agent's own typing counts: a page replaying input events could otherwise fish for
  // the team's templates by typing shortcuts itself. An editor frame's document is heard once
  // the agent focuses into it (its window loses focus to the <iframe>), and again after the frame
  // reloads.
  const heard = new WeakSet<object>();
  const options = { capture: true, signal };
  const listen = (doc: Document | null): void => {
    if (!doc || heard.has(doc)) return;
    heard.add(doc);
    doc.addEventListener('input', (event) => event.isTrusted && schedule(event.target as HTMLElement), options);
    doc.defaultView?.addEventListener('blur', () => listen(frameDocument(doc.activeElement)), options);
    const frame = doc.defaultView?.frameElement;
    if (frame && !heard.has(frame)) {
      heard.add(frame);
      frame.addEventListener('load', () => listen(frameDocument(frame)), options);
    }
  };
  listen(document);
  // Leaving the page (a reload, another page) ends the draft on screen, as sending it does.
  addEventListener('pagehide', () => watched && checkEmptied(true), { signal });
  signal.addEventListener(
    'abort',
    () => {
      clearTimeout(timer);
      clearInterval(emptiedCheck);
    },
    { once: true },
  );
  return schedule;
}
