/**
 * The reply box: the focused editable if there is one, else the likeliest visible editor in the
 * main content, labelled like a reply and placed after the conversation.
 */
import { foldText } from '../../core/identifiers';
import { findMessageBlocks } from './conversation';
import { chromeOf, documentOrder, inMain, isRendered, mainRoot } from './dom';
import { ADDRESS_FIELD, EDITABLE, REPLY_WORDS, SEARCH_WORDS } from './selectors';

export function findReplyBox(doc: Document): HTMLElement | null {
  const focused = editableRoot(doc.activeElement);
  if (focused && isRendered(focused) && scoreLabel(focused) > -5) return focused;

  const main = mainRoot(doc);
  const blocks = findMessageBlocks(doc);
  const lastMessage = blocks[blocks.length - 1];
  let best: HTMLElement | null = null;
  let bestScore = -2;
  for (const el of Array.from(doc.querySelectorAll<HTMLElement>(EDITABLE)).slice(0, 200)) {
    // Rich editors nest editables; the editing host is the box.
    if (editableRoot(el) !== el || !isRendered(el) || isDisabled(el)) continue;
    let score = scoreLabel(el);
    if (inMain(el, main)) score += 2;
    const chrome = chromeOf(el);
    if (chrome && !chrome.matches('aside, [role="complementary"]')) score -= 2;
    if (lastMessage && !lastMessage.contains(el) && documentOrder(lastMessage, el) < 0) score += 2;
    if (el.getAttribute('role') !== 'textbox' || el.isContentEditable || el.tagName === 'TEXTAREA') score += 1;
    // Ties go to the later box: reply editors sit below what they answer.
    if (score >= bestScore) [best, bestScore] = [el, score];
  }
  return best;
}

/** The editing host for `el` (a textarea, text input, role=textbox or contenteditable root). */
function editableRoot(node: Element | null): HTMLElement | null {
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
function scoreLabel(el: HTMLElement): number {
  const label = foldText(labelText(el));
  if (el.closest('[role="search"]')) return -5;
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
