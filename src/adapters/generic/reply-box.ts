/**
 * The reply box: the focused editable (or the one the agent typed in last) if it is not a
 * search or address field, else the likeliest visible editor in the main content, labelled like
 * a reply and placed after the conversation. Editors that live in a same-origin iframe
 * (TinyMCE's default, CKEditor 4, designMode editors) count by their frame's body.
 *
 * Checked in real browsers against the editor fixtures in tests/fixtures/editors (textarea,
 * input, contenteditable, tiptap, Draft.js, Lexical, Slate, Quill, CKEditor 5, TinyMCE).
 */
import { foldText } from '../../core/identifiers';
import { findMessageBlocks } from './conversation';
import { chromeOf, deepActiveElement, documentOrder, frameDocument, inMain, isRendered, mainRoot } from './dom';
import { ADDRESS_FIELD, EDITABLE, EDITOR_FRAME, REPLY_WORDS, SEARCH_WORDS, TEXT_INPUT } from './selectors';

const MAX_CANDIDATES = 200;

export function findReplyBox(doc: Document, lastFocused?: Element | null): HTMLElement | null {
  for (const hint of [deepActiveElement(doc), lastFocused ?? null]) {
    const focused = editableRoot(hint);
    if (focused && frameIn(focused, doc) !== undefined && visible(focused, doc) && scoreLabel(focused, doc) > -5) return focused;
  }

  const main = mainRoot(doc);
  const blocks = findMessageBlocks(doc);
  const lastMessage = blocks[blocks.length - 1];
  let best: HTMLElement | null = null;
  let bestScore = -2;
  for (const el of candidates(doc)) {
    // Rich editors nest editables; the editing host is the box.
    if (editableRoot(el) !== el || !visible(el, doc) || isDisabled(el)) continue;
    const placed = frameIn(el, doc) ?? el;
    let score = scoreLabel(el, doc);
    // A single-line input is a reply box only when it says so (most inputs are form fields).
    if (el.tagName === 'INPUT' && score < 3) continue;
    if (inMain(placed, main)) score += 2;
    const chrome = chromeOf(placed);
    if (chrome && !chrome.matches('aside, [role="complementary"]')) score -= 2;
    if (lastMessage && !lastMessage.contains(placed) && documentOrder(lastMessage, placed) < 0) score += 2;
    if (el.getAttribute('role') !== 'textbox' || el.isContentEditable || el.tagName === 'TEXTAREA') score += 1;
    // Ties go to the later box: reply editors sit below what they answer.
    if (score >= bestScore) [best, bestScore] = [el, score];
  }
  return best;
}

function candidates(doc: Document): HTMLElement[] {
  const found = Array.from(doc.querySelectorAll<HTMLElement>(`${EDITABLE}, ${TEXT_INPUT}`)).slice(0, MAX_CANDIDATES);
  for (const frame of Array.from(doc.querySelectorAll(EDITOR_FRAME)).slice(0, 20)) {
    const body = frameDocument(frame)?.body;
    if (body?.isContentEditable) found.push(body);
  }
  return found;
}

/**
 * Where `el` sits in `doc`: null when it is in `doc` itself, the <iframe> holding it when it
 * is in a same-origin frame of `doc`, undefined when it belongs to neither.
 */
function frameIn(el: Element, doc: Document): Element | null | undefined {
  if (el.ownerDocument === doc) return el.isConnected ? null : undefined;
  try {
    const frame = el.ownerDocument.defaultView?.frameElement ?? null;
    return frame && frame.ownerDocument === doc && frame.isConnected ? frame : undefined;
  } catch {
    return undefined;
  }
}

function visible(el: HTMLElement, doc: Document): boolean {
  const frame = frameIn(el, doc);
  return frame === undefined ? false : isRendered(el) && (frame === null || isRendered(frame));
}

/** The editing host for `el` (a textarea, text input, role=textbox or contenteditable root). */
export function editableRoot(node: Element | null): HTMLElement | null {
  // Tag checks rather than instanceof, which fails across realms (frames, isolated worlds).
  if (!node || !('isContentEditable' in node)) return null;
  const el = node as HTMLElement;
  if (el.tagName === 'TEXTAREA') return (el as HTMLTextAreaElement).readOnly ? null : el;
  if (el.tagName === 'INPUT') {
    const input = el as HTMLInputElement;
    return /^(?:text|)$/.test(input.type) && !input.readOnly ? el : null;
  }
  if (el.isContentEditable) {
    let root: HTMLElement = el;
    while (root.parentElement?.isContentEditable) root = root.parentElement;
    return root;
  }
  return el.getAttribute('role') === 'textbox' ? el : null;
}

function isDisabled(el: HTMLElement): boolean {
  return el.hasAttribute('disabled') || el.getAttribute('aria-disabled') === 'true' || el.getAttribute('aria-readonly') === 'true';
}

/** +3 for reply-like labels, −5 for search boxes and compose header fields (To, Subject…). */
function scoreLabel(el: HTMLElement, doc: Document): number {
  const frame = frameIn(el, doc);
  const label = foldText([labelText(el), frame ? labelText(frame as HTMLElement) : ''].join(' '));
  if (el.closest('[role="search"]') || frame?.closest('[role="search"]')) return -5;
  if (SEARCH_WORDS.test(label) || ADDRESS_FIELD.test(label)) return -5;
  return REPLY_WORDS.test(label) ? 3 : 0;
}

function labelText(el: HTMLElement): string {
  const doc = el.ownerDocument;
  const parts = [
    el.getAttribute('aria-label'),
    el.getAttribute('placeholder'),
    el.getAttribute('aria-placeholder'),
    el.getAttribute('data-placeholder'),
    el.getAttribute('data-mce-placeholder'),
    el.getAttribute('title'),
    el.querySelector('[data-placeholder]')?.getAttribute('data-placeholder'),
    // Lexical and Draft.js render the placeholder as a nearby element, outside the editable.
    nearbyPlaceholder(el),
    ...(el.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => (id ? doc.getElementById(id)?.textContent : null)),
    ...Array.from((el as HTMLTextAreaElement).labels ?? []).map((l) => l.textContent),
  ];
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ').slice(0, 200);
}

function nearbyPlaceholder(el: HTMLElement): string | null {
  let p = el.parentElement;
  for (let depth = 0; p && depth < 3; depth++, p = p.parentElement) {
    const found = p.querySelector('[class*="placeholder" i]');
    if (found) return found.textContent;
  }
  return null;
}
