/**
 * Where the agent left the caret. When focus leaves an editable for the sidebar, its caret is
 * remembered (offsets in a text field, a range in a rich editor, including one inside a
 * same-origin editor iframe), so Insert puts text there and not at the start or the end.
 */
import { deepActiveElement, frameDocument } from '../adapters/generic/dom';
import { editableRoot } from '../adapters/generic/reply-box';

export type TextField = HTMLTextAreaElement | HTMLInputElement;
type Caret = { start: number; end: number } | Range;

/** Tag checks rather than instanceof, which fails for elements of another realm (an editor iframe). */
export function isTextField(el: Element): el is TextField {
  return el.tagName === 'TEXTAREA' || el.tagName === 'INPUT';
}

const saved = new WeakMap<HTMLElement, Caret>();
let last: WeakRef<HTMLElement> | null = null;

function remember(target: Element | null): void {
  // Focus leaving an editor iframe is seen here as focus leaving the <iframe> element.
  const inner = frameDocument(target);
  const el = editableRoot(inner ? deepActiveElement(inner) : target);
  if (!el) return;
  last = new WeakRef(el);
  if (isTextField(el)) {
    saved.set(el, { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length });
    return;
  }
  const selection = el.ownerDocument.getSelection();
  if (selection?.rangeCount && el.contains(selection.getRangeAt(0).startContainer)) saved.set(el, selection.getRangeAt(0).cloneRange());
}

export function trackCarets(signal: AbortSignal): void {
  document.addEventListener('focusout', (event) => remember(event.target as Element | null), { capture: true, signal });
}

/** The editable the agent typed in last, while it is still on the page. */
export function lastEditable(): HTMLElement | null {
  const el = last?.deref() ?? null;
  return el?.isConnected ? el : null;
}

function usable(range: Range, box: HTMLElement): boolean {
  return range.startContainer.isConnected && range.endContainer.isConnected && box.contains(range.startContainer) && box.contains(range.endContainer);
}

function endOf(box: HTMLElement): Range {
  const range = box.ownerDocument.createRange();
  range.selectNodeContents(box);
  range.collapse(false);
  return range;
}

/**
 * Focuses the box with the caret where the agent left it: the remembered caret if it still
 * points into the box, else the box's own selection if it is inside, else the end.
 * Returns the range now selected (null for text fields).
 */
export function restoreCaret(box: HTMLElement): Range | null {
  const stored = saved.get(box);
  if (isTextField(box)) {
    const length = box.value.length;
    const caret = stored && !('startContainer' in stored) ? stored : { start: box.selectionStart ?? length, end: box.selectionEnd ?? length };
    box.focus({ preventScroll: true });
    box.setSelectionRange(Math.min(caret.start, length), Math.min(caret.end, length));
    return null;
  }
  const doc = box.ownerDocument;
  const selection = doc.getSelection();
  const current = selection?.rangeCount ? selection.getRangeAt(0) : null;
  const range =
    stored && 'startContainer' in stored && usable(stored, box) ? stored : current && usable(current, box) ? current.cloneRange() : endOf(box);
  // An editor in a frame: its window takes focus first, as a click into it would.
  if (doc !== document) doc.defaultView?.focus();
  box.focus({ preventScroll: true });
  if (selection) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
  return range;
}
