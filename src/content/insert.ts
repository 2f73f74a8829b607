/**
 * Puts text into the host page's reply box without corrupting the editor behind it. The caller
 * has found the box again and re-checked the conversation; this restores the caret the agent
 * left and hands the text over the way the box expects it:
 * - a textarea or input: `execCommand('insertText')`, which keeps the browser's undo stack and
 *   fires the input events frameworks listen to (an input gets spaces for line breaks);
 * - a rich editor (checked with ProseMirror/tiptap, Draft.js, Lexical, Slate, Quill, CKEditor 5
 *   and TinyMCE in Chromium and Firefox): a plain-text paste, which each turns into one
 *   transaction on its own model, line breaks included, undoable in one step;
 * - a bare contenteditable, which nothing takes the paste for: `execCommand('insertText')`.
 * Never submits anything.
 */
import { isTextField, restoreCaret, type TextField } from './caret';
import { dispatchPlainTextPaste } from './paste';

/**
 * Editing hosts of editors that keep a model of their own: writing into their DOM behind their
 * back loses or duplicates text, so they get the paste or nothing.
 */
const MODEL_EDITORS =
  '[data-slate-editor], [data-lexical-editor], .public-DraftEditor-content, .ProseMirror, .ql-editor, .ck-editor__editable, .mce-content-body';

/** How long an editor may take to apply a paste (TinyMCE applies plain text after a 0 ms timer). */
const SETTLE_MS = 250;

/**
 * `at`: replace this range instead of inserting at the caret the agent left (offsets in a text
 * field, a Range in a rich editor): an expanded shortcut, a draft fix. Same paths, same model.
 */
export async function insertText(box: HTMLElement, text: string, at?: { start: number; end: number } | Range): Promise<boolean> {
  if (!box.isConnected) return false;
  const normalised = text.replace(/\r\n?/g, '\n');
  if (isTextField(box)) return !box.disabled && !box.readOnly && insertIntoField(box, normalised, at && !('startContainer' in at) ? at : undefined);
  if (!box.isContentEditable) return false;
  return insertIntoEditor(box, normalised, at && 'startContainer' in at ? at : undefined);
}

function insertIntoField(field: TextField, text: string, at?: { start: number; end: number }): boolean {
  const value = field.tagName === 'INPUT' ? text.replace(/[^\S\n]*\n\s*/g, ' ') : text;
  if (at) {
    field.focus({ preventScroll: true });
    field.setSelectionRange(at.start, at.end);
  } else restoreCaret(field);
  const before = field.value;
  // An empty text deletes the selection (a fix that removes a word).
  if (!field.ownerDocument.execCommand(value ? 'insertText' : 'delete', false, value)) {
    const start = field.selectionStart ?? before.length;
    field.setRangeText(value, start, field.selectionEnd ?? start, 'end');
    field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: value }));
  }
  return field.value !== before;
}

async function insertIntoEditor(box: HTMLElement, text: string, at?: Range): Promise<boolean> {
  const doc = box.ownerDocument;
  let range = at ? select(box, at) : restoreCaret(box);
  // Editors learn of a caret move from the (asynchronous) selectionchange event; one that
  // handled it after the paste would put its caret back where it was before (CKEditor 5 does).
  await selectionSeen(doc);
  // An editor may put back its own caret when it gets focus (Lexical): select the range again.
  if (at && !selects(doc.getSelection(), at)) {
    select(box, at);
    await selectionSeen(doc);
  }
  const selection = doc.getSelection();
  if (selection?.rangeCount && box.contains(selection.getRangeAt(0).startContainer)) range = selection.getRangeAt(0);
  const before = box.textContent;
  const changed = () => box.textContent !== before;
  // Nothing to paste: deleting the selection goes through the editor's own delete handling.
  if (!text) return doc.execCommand('delete') && changed();
  const taken = dispatchPlainTextPaste(elementAt(range, box), text);
  if (await becomes(changed, SETTLE_MS)) {
    // TinyMCE first pastes into a hidden bin, then swaps in the text: judge once it is done.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return changed();
  }
  // Something cancelled the paste without applying it, or an editor with its own model ignored
  // it: writing into the DOM now would corrupt the editor, so nothing is inserted.
  if (taken || box.closest(MODEL_EDITORS)) return false;
  if (range && selection && range.startContainer.isConnected && box.contains(range.startContainer)) {
    selection.removeAllRanges();
    selection.addRange(range);
  }
  doc.execCommand('insertText', false, text);
  return changed();
}

function select(box: HTMLElement, range: Range): Range {
  box.focus({ preventScroll: true });
  const selection = box.ownerDocument.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return range;
}

function selects(selection: Selection | null, range: Range): boolean {
  const current = selection?.rangeCount ? selection.getRangeAt(0) : null;
  return !!current && current.compareBoundaryPoints(Range.START_TO_START, range) === 0 && current.compareBoundaryPoints(Range.END_TO_END, range) === 0;
}

/** The element holding the caret, where a real paste would be dispatched. */
function elementAt(range: Range | null, box: HTMLElement): Element {
  const node = range?.startContainer;
  const el = node && (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement);
  return el && box.contains(el) ? el : box;
}

/** Resolves once the document has dispatched a selectionchange (or soon, if none comes). */
function selectionSeen(doc: Document): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      doc.removeEventListener('selectionchange', done);
      // Let the editor's own selectionchange listeners run first.
      setTimeout(resolve, 0);
    };
    const timer = setTimeout(done, 50);
    doc.addEventListener('selectionchange', done);
  });
}

async function becomes(test: () => boolean, timeoutMs: number): Promise<boolean> {
  await Promise.resolve();
  const deadline = Date.now() + timeoutMs;
  while (!test()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
