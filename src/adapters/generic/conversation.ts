/**
 * Reads the visible conversation: the biggest group of repeated, same-shaped blocks that look
 * like messages, each with direction, author, time and text.
 */
import { emailMatchKey, foldText, type OwnMatcher } from '../../core/identifiers';
import type { MessageDirection, PageMessage } from '../types';
import { chromeOf, hasSkippedAncestor, markedElements, shortText, tokenize, visibleText } from './dom';
import {
  AUTHOR,
  BODY,
  DIRECTION_SUFFIX,
  EDITABLE,
  INBOUND_TOKENS,
  MESSAGE_CLASS_TOKEN,
  MESSAGE_LIST,
  MESSAGE_TESTID,
  OUTBOUND_TOKENS,
  TIME_ATTRS,
} from './selectors';

export const MAX_MESSAGES = 200;
export const MAX_MESSAGE_CHARS = 4000;

export interface ConversationOptions {
  own: OwnMatcher;
  /** The latest messages to read (MAX_MESSAGES when absent). */
  limit?: number;
  /** Whether the agent configured any identity; without one a foreign author proves nothing. */
  ownConfigured: boolean;
  customer: { name?: string; values: readonly string[] };
  region: string;
}

/** Candidates looked at; a 2,000-message thread has about four per message. */
const MAX_CANDIDATES = 12_000;
/** Members of a big group whose text is weighed; the score of the rest is extrapolated. */
const SCORE_SAMPLE = 40;

/**
 * The message group the last read settled on, so that the next read need not weigh every
 * repeated group on the page again (on a big page that search is most of a read):
 * - a live thread grows while it is open: while every block read last time is still there, the
 *   next read of the same conversation takes the blocks of that shape (the new ones join it);
 * - apps draw every conversation alike: another conversation drawn in place of the last one
 *   (none of its blocks left on the page) in the same shape, in the same kind of container, is
 *   read as that shape too.
 * Anything else (a block gone from the same conversation or now hidden or editable, the last
 * thread still on screen beside another one, fewer than two blocks of the shape, blocks of the
 * shape in another kind of container) means a full search.
 */
interface KnownThread {
  doc: Document;
  conversation: string;
  key: string;
  blocks: ReadonlySet<Element>;
  /** Tag and classes of the element holding the first block. */
  container: string;
}

const containerOf = (el: Element | undefined): string => `${el?.parentElement?.tagName ?? ''}.${el?.parentElement?.getAttribute('class') ?? ''}`;
let known: KnownThread | null = null;

/**
 * Message blocks in document order (empty when the page shows no conversation). `conversation`
 * (the conversation key of the page's URL) lets a read reuse what the last read found; without
 * it the page is searched in full. A reused shape's blocks are checked (hidden, editable, empty)
 * only up to `ends` at each end of a long thread: the blocks the read looks at.
 */
export function findMessageBlocks(doc: Document, conversation?: string, ends = MAX_MESSAGES): Element[] {
  const last = conversation !== undefined && known?.doc === doc ? known : null;
  const reused = last ? sameShapeBlocks(doc, last, conversation!, ends) : null;
  let key: string | undefined;
  let blocks: Element[];
  if (last && reused) [key, blocks] = [last.key, reused];
  else {
    [key, blocks] = bestGroup(messageGroups(doc));
    blocks = blocks.filter((el) => hasText(el));
  }
  if (conversation !== undefined) known = key && blocks.length ? { doc, conversation, key, blocks: new Set(blocks), container: containerOf(blocks[0]) } : null;
  return blocks;
}

/** The blocks of the last read's shape when they can stand for a full search (see KnownThread), else null. */
function sameShapeBlocks(doc: Document, last: KnownThread, conversation: string, ends: number): Element[] | null {
  const shaped = blocksOfShape(doc, last.key);
  // A block read before that is now hidden or being edited changes the thread: search again.
  let changed = false;
  const usable = (el: Element) => {
    // Few blocks are checked: a query inside each beats one over the whole page.
    const ok = !holdsEditor(el) && !hasSkippedAncestor(el);
    if (last.blocks.has(el)) changed ||= !ok;
    return ok && (last.blocks.has(el) || hasText(el));
  };
  if (last.conversation === conversation) {
    const present = new Set(shaped);
    for (const el of last.blocks) if (!present.has(el)) return null;
    const blocks = checkEnds(shaped, usable, ends);
    return changed ? null : blocks;
  }
  for (const el of last.blocks) if (el.isConnected) return null;
  const blocks = checkEnds(shaped, usable, ends);
  return blocks.length >= 2 && containerOf(blocks[0]) === last.container && containerOf(blocks.at(-1)) === last.container ? blocks : null;
}

/** Candidates of one shape, in document order, nested ones left to their ancestor (as in messageGroups). */
function blocksOfShape(doc: Document, key: string): Element[] {
  const tag = /^[^.[]+/.exec(key)?.[0] ?? '*';
  const keys = new Map<string, string | null>();
  const blocks: Element[] = [];
  let candidates = 0;
  for (const el of Array.from(doc.getElementsByTagName(tag))) {
    if (!isMessageCandidate(el)) continue;
    if (++candidates > MAX_CANDIDATES) break;
    if (shapeKey(el, keys) !== key || blocks[blocks.length - 1]?.contains(el)) continue;
    blocks.push(el);
  }
  return blocks;
}

/**
 * Drops the blocks `ok` refuses among those a read looks at (up to `ends` at each end of a long
 * thread); the middle, only counted, is left unchecked.
 */
function checkEnds(blocks: readonly Element[], ok: (el: Element) => boolean, ends: number): Element[] {
  if (blocks.length <= 2 * ends) return blocks.filter(ok);
  const head: Element[] = [];
  let i = 0;
  for (; i < blocks.length && head.length < ends; i++) if (ok(blocks[i]!)) head.push(blocks[i]!);
  const tail: Element[] = [];
  let j = blocks.length - 1;
  for (; j >= i && tail.length < ends; j--) if (ok(blocks[j]!)) tail.push(blocks[j]!);
  return [...head, ...blocks.slice(i, j + 1), ...tail.reverse()];
}

/** Whether a block holds an editor: a page holds few, so testing each block against them beats a query per block. */
function editorTest(doc: Document): (el: Element) => boolean {
  const editables = Array.from(doc.querySelectorAll(EDITABLE));
  return (el) => (editables.length > 20 ? holdsEditor(el) : editables.some((e) => el.contains(e)));
}

/** Whether one block is or holds an editor, by a query inside it. */
function holdsEditor(el: Element): boolean {
  return el.matches(EDITABLE) || el.querySelector(EDITABLE) !== null;
}

/** Candidate blocks grouped by shape, each group in document order. */
function messageGroups(doc: Document): Map<string, Element[]> {
  const groups = new Map<string, Element[]>();
  const holdsEditor = editorTest(doc);
  const keys = new Map<string, string | null>();
  for (const el of markedElements(doc).filter(isMessageCandidate).slice(0, MAX_CANDIDATES)) {
    const key = shapeKey(el, keys);
    if (!key || holdsEditor(el) || hasSkippedAncestor(el)) continue;
    const group = groups.get(key);
    // Document order puts an ancestor first; nested blocks of the same shape belong to it.
    const last = group?.[group.length - 1];
    if (last?.contains(el)) continue;
    if (group) group.push(el);
    else groups.set(key, [el]);
  }
  return groups;
}

/** The group that looks most like a conversation, with its shape key. */
function bestGroup(groups: ReadonlyMap<string, Element[]>): [string | undefined, Element[]] {
  let best: [string | undefined, Element[]] = [undefined, []];
  let bestScore = 0;
  for (const [key, group] of groups) {
    // Long texts weigh more than one-line previews (an inbox list beside the open thread).
    const step = Math.max(1, group.length / SCORE_SAMPLE);
    let sampled = 0;
    for (let i = 0; i < group.length; i += step) sampled += 0.5 + textLength(group[Math.floor(i)], 400) / 400;
    let score = sampled * step;
    if (group.length < 2) score *= 0.5;
    if (group[0] && chromeOf(group[0])) score *= 0.3;
    if (score > bestScore) [best, bestScore] = [[key, group], score];
  }
  return best;
}

/** What MESSAGE_CLASS_TOKEN and its neighbours in selectors.ts describe. */
function isMessageCandidate(el: Element): boolean {
  const cls = el.getAttribute('class');
  if ((cls && MESSAGE_CLASS_TOKEN.test(cls)) || el.localName === 'article' || el.hasAttribute('data-message-id')) return true;
  const role = el.getAttribute('role');
  if (role === 'article' || (role === 'listitem' && el.parentElement?.closest(MESSAGE_LIST))) return true;
  const testId = el.getAttribute('data-testid');
  return testId !== null && MESSAGE_TESTID.test(testId);
}

/** Length of the trimmed text under `el`, counted up to `cap` (a whole thread's text is big). */
function textLength(el: Element | undefined, cap: number): number {
  if (!el) return 0;
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    text += (n as Text).data;
    if (text.trimStart().length > cap) return cap;
  }
  return Math.min(text.trim().length, cap);
}

/** Some non-blank text under `el` (one string: cheaper than a walker over its text nodes). */
function hasText(el: Element): boolean {
  return /\S/.test(el.textContent ?? '');
}

/** Groups blocks by tag and marker, ignoring direction suffixes so "msg--in" and "msg--out" match. */
function shapeKey(el: Element, memo: Map<string, string | null>): string | null {
  const tag = el.tagName.toLowerCase();
  const cls = el.getAttribute('class');
  if (cls) {
    // Blocks of one group share their class list: the token search runs once per distinct list.
    const memoKey = `${tag} ${cls}`;
    let keyed = memo.get(memoKey);
    if (keyed === undefined) {
      const token = Array.from(el.classList).find((c) => MESSAGE_CLASS_TOKEN.test(c));
      keyed = token ? `${tag}.${token.replace(DIRECTION_SUFFIX, '').toLowerCase()}` : null;
      memo.set(memoKey, keyed);
    }
    if (keyed) return keyed;
  }
  const role = el.getAttribute('role');
  if (role === 'article' || role === 'listitem') return `${tag}[role=${role}]`;
  if (tag === 'article') return tag;
  if (el.hasAttribute('data-message-id')) return `${tag}[data-message-id]`;
  const testId = el.getAttribute('data-testid');
  return testId ? `${tag}[data-testid=${testId.replace(DIRECTION_SUFFIX, '')}]` : null;
}

/** Blocks written by the agent, by markers or own identity only (identifiers in them are not the customer's). */
export function outboundBlocks(blocks: readonly Element[], own: OwnMatcher): Element[] {
  const opts: ConversationOptions = { own, ownConfigured: false, customer: { values: [] }, region: 'FR' };
  return blocks.filter((el) => directionOf(el, authorOf(el).author, opts) === 'outbound');
}

export function readConversation(blocks: readonly Element[], opts: ConversationOptions): PageMessage[] {
  // Some feeds show newest first; the contract is oldest first, keeping the most recent ones.
  const firstTime = blocks[0] ? readTime(blocks[0], blocks[0].querySelector('time'), opts.region) : undefined;
  const last = blocks[blocks.length - 1];
  const lastTime = last ? readTime(last, last.querySelector('time'), opts.region) : undefined;
  const newestFirst = blocks.length >= 2 && !!firstTime && !!lastTime && firstTime > lastTime;
  const limit = Math.min(opts.limit ?? MAX_MESSAGES, MAX_MESSAGES);
  const window = newestFirst ? blocks.slice(0, limit).reverse() : blocks.slice(-limit);
  return window.map((el) => readMessage(el, opts)).filter((m) => m.text !== '');
}

function authorOf(el: Element): { author: string; authorEl: Element | null } {
  let authorEl: Element | null = null;
  for (const selector of AUTHOR) if ((authorEl = el.querySelector(selector))) break;
  const text = el.getAttribute('data-author') ?? (authorEl ? shortText(authorEl, 120) : '');
  return { author: text.replace(/^(?:from|de|par|by)\s*:?\s+/i, '').trim(), authorEl };
}

function readMessage(el: Element, opts: ConversationOptions): PageMessage {
  const { author, authorEl } = authorOf(el);
  const timeEl = el.querySelector('time');
  const time = readTime(el, timeEl, opts.region);

  const exclude = new Set<Element>();
  if (authorEl && author) exclude.add(authorEl);
  if (timeEl) exclude.add(timeEl);
  const blockText = visibleText(el, MAX_MESSAGE_CHARS * 2, exclude);
  let body: Element | undefined;
  let bodyLen = 0;
  for (const candidate of Array.from(el.querySelectorAll(BODY)).slice(0, 20)) {
    const len = (candidate.textContent ?? '').trim().length;
    if (len > bodyLen && !(authorEl && candidate.contains(authorEl))) [body, bodyLen] = [candidate, len];
  }
  // A body element is trusted only when it carries most of the block's text.
  const text = body && bodyLen >= blockText.length * 0.4 ? visibleText(body, MAX_MESSAGE_CHARS, exclude) : blockText.slice(0, MAX_MESSAGE_CHARS);

  const message: PageMessage = { direction: directionOf(el, author, opts), text };
  if (author) message.author = author;
  if (time) message.time = time;
  return message;
}

function directionOf(el: Element, author: string, opts: ConversationOptions): MessageDirection {
  if (author) {
    if (isOwnAuthor(author, opts.own)) return 'outbound';
    if (isCustomerAuthor(author, opts.customer)) return 'inbound';
  }
  const tokens = directionTokens(el);
  const out = tokens.some((t) => OUTBOUND_TOKENS.has(t));
  const inb = tokens.some((t) => INBOUND_TOKENS.has(t));
  if (out !== inb) return out ? 'outbound' : 'inbound';
  return author && opts.ownConfigured ? 'inbound' : 'unknown';
}

/**
 * Class names of the block and its first child, plus data-* attributes that plausibly carry a
 * direction (data-direction="out", data-from-me, data-author-type="agent"); ids are ignored so
 * that "in-123" never reads as "in".
 */
function directionTokens(el: Element): string[] {
  const parts: string[] = [];
  for (const e of [el, el.firstElementChild]) {
    for (const attr of Array.from(e?.attributes ?? [])) {
      if (attr.name === 'class') parts.push(attr.value);
      else if (attr.name.startsWith('data-') && attr.name.slice(5).split(/[-_]/).some((t) => DIRECTION_ATTR.has(t))) parts.push(attr.name.slice(5), /^(?:|true)$/.test(attr.value) ? '' : attr.value);
    }
  }
  return tokenize(parts);
}

/** Words in data-* attribute names that carry a direction (data-direction, data-from-me, data-author-type). */
const DIRECTION_ATTR = new Set(['dir', 'direction', 'type', 'from', 'author', 'sender', 'side', 'role', 'origin', 'source', 'me', 'mine', 'outgoing', 'incoming']);

function isOwnAuthor(author: string, own: OwnMatcher): boolean {
  const emails = author.match(/[^\s<>()"]+@[^\s<>()"]+\.[a-z]{2,}/gi) ?? [];
  if (emails.some((e) => own.email(e))) return true;
  if (/^@[\w.]+$/.test(author) && own.handle(author)) return true;
  const name = author.replace(/[<(].*$/, '').trim();
  return name !== '' && own.name(name);
}

function isCustomerAuthor(author: string, customer: ConversationOptions['customer']): boolean {
  const folded = foldText(author);
  if (customer.name && folded.includes(foldText(customer.name))) return true;
  const emails = author.match(/[^\s<>()"]+@[^\s<>()"]+\.[a-z]{2,}/gi) ?? [];
  const keys = new Set(customer.values.map((v) => emailMatchKey(v)).filter(Boolean));
  return emails.some((e) => keys.has(emailMatchKey(e))) || customer.values.some((v) => v.startsWith('@') && folded === v);
}

function readTime(el: Element, timeEl: Element | null, region: string): string | undefined {
  if (timeEl) {
    const t = parseDate(timeEl.getAttribute('datetime') ?? '', region) ?? parseDate(timeEl.textContent ?? '', region);
    if (t) return t;
  }
  for (const attr of TIME_ATTRS) {
    const holder = el.hasAttribute(attr) ? el : el.querySelector(`[${attr}]`);
    const t = holder ? parseDate(holder.getAttribute(attr) ?? '', region) : undefined;
    if (t) return t;
  }
  const titled = [el, ...Array.from(el.querySelectorAll('[title]')).slice(0, 20)];
  for (const e of titled) {
    const t = parseDate(e.getAttribute('title') ?? '', region);
    if (t) return t;
  }
  return undefined;
}

const FR_MONTHS = ['janv', 'fevr', 'mars', 'avr', 'mai', 'juin', 'juil', 'aout', 'sept', 'oct', 'nov', 'dec'];

/**
 * ISO 8601 from what pages put in datetime/title attributes: ISO strings, epoch seconds or
 * milliseconds, dd/mm/yyyy (mm/dd for US) with optional time, "22 nov. 2026 à 14:32", or
 * anything with a year that Date.parse understands. Local times are taken in the browser's zone.
 */
export function parseDate(raw: string, region = 'FR'): string | undefined {
  const s = raw.trim();
  if (!s || s.length > 80) return undefined;
  if (/^\d{10}(?:\.\d+)?$/.test(s)) return toIso(new Date(Number(s) * 1000));
  if (/^\d{13}$/.test(s)) return toIso(new Date(Number(s)));
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[\sT,à]+(\d{1,2})[:h](\d{2})(?::(\d{2}))?)?/.exec(s);
  if (numeric) {
    const [, a, b, y, h, mi, sec] = numeric.map(Number);
    const us = region.toUpperCase() === 'US';
    return local(y, us ? a : b, us ? b : a, h, mi, sec);
  }
  const fr = /(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})(?:\D{1,5}(\d{1,2})[:h](\d{2}))?/.exec(foldText(s));
  const month = fr?.[2] ? FR_MONTHS.findIndex((m) => fr[2]?.startsWith(m)) : -1;
  if (fr && month >= 0) return local(Number(fr[3]), month + 1, Number(fr[1]), Number(fr[4] ?? 0), Number(fr[5] ?? 0), 0);
  if (!/\d{4}/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : toIso(new Date(t));
}

function local(y = NaN, mo = NaN, d = NaN, h = 0, mi = 0, sec = 0): string | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return toIso(new Date(y, mo - 1, d, h || 0, mi || 0, sec || 0));
}

function toIso(date: Date): string | undefined {
  const y = date.getUTCFullYear();
  return Number.isNaN(date.getTime()) || y < 1990 || y > 2100 ? undefined : date.toISOString();
}

// Query parameters that change between visits of the same conversation.
const VOLATILE = /^(?:utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|igshid|si|ref|ref_src|_ga|_gl|_hsenc|_hsmi|mkt_tok|spm|_|ts|timestamp|cb|cachebuster)$/i;

/** origin + path + stable query + hash route (`#/…`, `#!…`, `#inbox/…`); anchors and tracking dropped. */
export function conversationKey(url: URL): string {
  const params = Array.from(url.searchParams.entries())
    .filter(([k]) => !VOLATILE.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
  const hash = /^#!|[/=]/.test(url.hash) ? url.hash : '';
  return `${url.origin}${path}${query}${hash}`;
}
