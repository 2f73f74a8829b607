/**
 * Puts text into the host page's reply box. It finds the box again at the moment of insertion,
 * inserts at the caret the agent left (or at the end), and lets the host editor see an ordinary
 * text input so its own model stays in step. Never submits anything.
 */
const savedCarets = new WeakMap<HTMLElement, { start: number; end: number } | Range>();

function isEditable(el: Element | null): el is HTMLElement {
  if (!(el instanceof HTMLElement)) return false;
  if (el instanceof HTMLTextAreaElement) return !el.disabled && !el.readOnly;
  if (el instanceof HTMLInputElement) return ['text', 'search', ''].includes(el.type) && !el.disabled && !el.readOnly;
  return el.isContentEditable;
}

/** Remembers where the agent left the caret in an editable, so Insert goes there later. */
export function trackCarets(signal: AbortSignal): void {
  document.addEventListener(
    'focusout',
    (event) => {
      const el = event.target as Element | null;
      if (!isEditable(el)) return;
      if (el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement) {
        savedCarets.set(el, { start: el.selectionStart ?? el.value.length, end: el.selectionEnd ?? el.value.length });
      } else {
        const selection = getSelection();
        if (selection?.rangeCount && el.contains(selection.anchorNode)) savedCarets.set(el, selection.getRangeAt(0).cloneRange());
      }
    },
    { capture: true, signal },
  );
}

export function insertText(box: HTMLElement, text: string): boolean {
  if (!isEditable(box) || !box.isConnected) return false;
  const saved = savedCarets.get(box);
  if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
    const caret = saved && !(saved instanceof Range) ? saved : { start: box.value.length, end: box.value.length };
    box.focus();
    box.setSelectionRange(caret.start, caret.end);
    // execCommand keeps the browser's undo stack and fires the events frameworks listen to.
    if (!document.execCommand('insertText', false, text)) {
      box.setRangeText(text, caret.start, caret.end, 'end');
      box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
    return true;
  }
  box.focus();
  const selection = getSelection();
  if (selection) {
    const range = saved instanceof Range && box.contains(saved.startContainer) ? saved : endOf(box);
    selection.removeAllRanges();
    selection.addRange(range);
  }
  return document.execCommand('insertText', false, text);
}

function endOf(el: HTMLElement): Range {
  const range = document.createRange();
  range.selectNodeContents(el);
  range.collapse(false);
  return range;
}
