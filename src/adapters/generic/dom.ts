/** Small read-only DOM helpers shared by the generic adapter's modules. */
import { foldText } from '../../core/identifiers';
import { CHROME, MAIN, MAIN_OR_ARTICLE, MARKED, SECTIONING, SKIP_TAGS } from './selectors';

const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;
const INLINE_TAGS = new Set([
  'A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'CODE', 'DATA', 'EM', 'FONT', 'I', 'KBD', 'LABEL', 'MARK', 'Q',
  'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR', 'WBR',
]);

/**
 * Layout-free test for subtrees we never read. Computed styles would force a style recalc on
 * big pages, so only attributes and inline styles are checked here; `isRendered` does the
 * precise check on the few elements that end up holding an identifier.
 */
export function isSkipped(el: Element, inlineStyle = true): boolean {
  return SKIP_TAGS.has(el.tagName.toUpperCase()) || isHiddenByAttributes(el, inlineStyle);
}

function isHiddenByAttributes(el: Element, inlineStyle = true): boolean {
  // [data-continuum] marks Continuum's own host element: never read it as page content.
  if (el.hasAttribute('hidden') || el.hasAttribute('data-continuum')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (el.tagName === 'INPUT' && el.getAttribute('type')?.toLowerCase() === 'hidden') return true;
  const style = inlineStyle ? el.getAttribute('style') : null;
  return style !== null && HIDDEN_STYLE.test(style);
}

/**
 * What one read has already worked out: the page does not change while a read runs, and
 * elements share ancestors and labels, so each question is answered once per read.
 */
interface ReadMemo {
  skipped: Map<Element, boolean>;
  values: Map<string, unknown>;
}
let memo: ReadMemo | null = null;

/** Runs one read with the memo on. */
export function withReadMemo<T>(read: () => T): T {
  const outer = memo;
  memo ??= { skipped: new Map(), values: new Map() };
  try {
    return read();
  } finally {
    memo = outer;
  }
}

/** `compute()` once per read (every time outside one). */
export function perRead<T>(key: string, compute: () => T): T {
  if (!memo) return compute();
  if (!memo.values.has(key)) memo.values.set(key, compute());
  return memo.values.get(key) as T;
}

/**
 * The largest subtrees under `root` (its children, or deeper around skipped parts) that hold none
 * of `skip`, in document order. A long thread's middle is thousands of sibling blocks in one
 * container: the rest of the page is a handful of subtrees that native calls can walk whole.
 */
export function regionsOutside(root: Node, skip: ReadonlySet<Element>): Node[] {
  const holders = new Set<Node>();
  for (const el of skip) for (let a = el.parentNode; a && a !== root && !holders.has(a); a = a.parentNode) holders.add(a);
  const out: Node[] = [];
  let node: Node | null = root.firstChild;
  while (node) {
    const holder = holders.has(node);
    if (holder && node.firstChild) {
      node = node.firstChild;
      continue;
    }
    if (!holder && !skip.has(node as Element)) out.push(node);
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
  return out;
}

/** The body's regions outside `skip`, worked out once per read (a read leaves out one set). */
function bodyRegions(doc: Document, skip: ReadonlySet<Element>): Node[] {
  const cached = memo?.values.get('body-regions') as { doc: Document; skip: ReadonlySet<Element>; regions: Node[] } | undefined;
  if (cached?.doc === doc && cached.skip === skip) return cached.regions;
  const regions = doc.body ? regionsOutside(doc.body, skip) : [];
  memo?.values.set('body-regions', { doc, skip, regions });
  return regions;
}

/**
 * The elements under `scope` (in the body) that match `selector`, in document order, but for the
 * subtrees of `skip`: one native query per region rather than one over a page that is mostly a
 * long thread's unread middle.
 */
export function queryOutside(scope: Element, selector: string, skip: ReadonlySet<Element> = NONE): Element[] {
  if (!skip.size) return Array.from(scope.querySelectorAll(selector));
  const out: Element[] = [];
  for (const region of bodyRegions(scope.ownerDocument, skip)) {
    if (region.nodeType !== Node.ELEMENT_NODE) continue;
    const el = region as Element;
    // The scope lies inside one region: nothing of `skip` is under it.
    if (el !== scope && el.contains(scope)) return Array.from(scope.querySelectorAll(selector));
    if (!scope.contains(el)) continue;
    if (el !== scope && el.matches(selector)) out.push(el);
    for (const match of el.querySelectorAll(selector)) out.push(match);
  }
  return out;
}

const NONE: ReadonlySet<Element> = new Set();

/**
 * Visits the text nodes of the body outside the subtrees of `skip`, in document order, until
 * `visit` returns false. Skipped subtrees (scripts, hidden parts) are not left out: testing every
 * element costs a big page more than testing the few texts worth reading (hasSkippedAncestor).
 */
export function walkTextOutside(doc: Document, visit: (text: Text) => boolean, skip: ReadonlySet<Element> = NONE): void {
  for (const region of bodyRegions(doc, skip)) {
    if (region.nodeType === Node.TEXT_NODE) {
      if (!visit(region as Text)) return;
      continue;
    }
    if (region.nodeType !== Node.ELEMENT_NODE) continue;
    const walker = doc.createTreeWalker(region, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) if (!visit(text as Text)) return;
  }
}

/** The elements that may be a message block or a field label (see MARKED), listed once per read. */
export function markedElements(doc: Document): Element[] {
  return perRead('marked', () => Array.from(doc.querySelectorAll(MARKED)));
}

export function hasSkippedAncestor(el: Element, inlineStyle = true): boolean {
  const known = inlineStyle ? memo?.skipped : undefined;
  if (!known) {
    for (let e: Element | null = el; e; e = e.parentElement) if (isSkipped(e, inlineStyle)) return true;
    return false;
  }
  const path: Element[] = [];
  let skipped = false;
  for (let e: Element | null = el; e; e = e.parentElement) {
    const answer = known.get(e);
    if (answer !== undefined) {
      skipped = answer;
      break;
    }
    path.push(e);
    if (isSkipped(e)) {
      skipped = true;
      break;
    }
  }
  for (const e of path) known.set(e, skipped);
  return skipped;
}

/**
 * True unless the element or an ancestor is skipped or (where the browser can tell) the agent
 * cannot see it: hidden or fully transparent, zero-sized, off the page, or clipped away by an
 * ancestor. A page can hold someone else's address where nobody sees it (on purpose, to spoof
 * who the customer is); reading it would link the wrong person.
 */
export function isRendered(el: Element): boolean {
  const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  // Where the browser can judge computed styles, inline ones are left to it: TinyMCE sets
  // `visibility: hidden` inline on its editor and its skin overrides it with `!important`.
  const inlineStyle = typeof check !== 'function';
  // The element's own tag may be a skipped one (a textarea reply box); its ancestors' may not.
  if (isHiddenByAttributes(el, inlineStyle) || (el.parentElement && hasSkippedAncestor(el.parentElement, inlineStyle))) return false;
  if (!inlineStyle && !check.call(el, { visibilityProperty: true, opacityProperty: true })) return false;
  return isInSight(el);
}

/** Smaller than this (in CSS pixels, either way) is not something one reads. */
const MIN_VISIBLE_PX = 2;
const ZERO_CLIP = /^rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)$/;

/** Geometry half of isRendered; documents without layout (parsed, not displayed) pass. */
function isInSight(el: Element): boolean {
  const doc = el.ownerDocument;
  const view = doc.defaultView;
  const page = doc.documentElement.getBoundingClientRect();
  if (!view || (page.width === 0 && page.height === 0)) return true;
  let { left, top, right, bottom } = el.getBoundingClientRect();
  if (right - left < MIN_VISIBLE_PX || bottom - top < MIN_VISIBLE_PX) return false;
  const own = view.getComputedStyle(el);
  if (ZERO_CLIP.test(own.clip)) return false;
  let fixed = own.position === 'fixed';
  let scrolls = false;
  for (let a = el.parentElement; a && a !== doc.body && a !== doc.documentElement; a = a.parentElement) {
    const style = view.getComputedStyle(a);
    if (ZERO_CLIP.test(style.clip)) return false;
    if (style.position === 'fixed') fixed = true;
    const { overflowX: x, overflowY: y } = style;
    if (x === 'visible' && y === 'visible') continue;
    const box = a.getBoundingClientRect();
    // Nothing shows through a box this small, scrollable or not.
    if (box.width < MIN_VISIBLE_PX || box.height < MIN_VISIBLE_PX) return false;
    // Hidden overflow is cut off for good; scrollable overflow is only scrolled out of view.
    if (x === 'hidden' || x === 'clip') [left, right] = [Math.max(left, box.left), Math.min(right, box.right)];
    else scrolls = true;
    if (y === 'hidden' || y === 'clip') [top, bottom] = [Math.max(top, box.top), Math.min(bottom, box.bottom)];
    else scrolls = true;
    if (right - left < MIN_VISIBLE_PX || bottom - top < MIN_VISIBLE_PX) return false;
  }
  if (scrolls) return true;
  // Off the page: fixed outside the viewport, or above or left of the document's origin, where
  // no scrolling ever brings it into view.
  if (fixed) return right > 0 && bottom > 0 && left < view.innerWidth && top < view.innerHeight;
  return right + view.scrollX > 0 && bottom + view.scrollY > 0;
}

/** Walks the readable text nodes under `root` (and, with `withElements`, the elements too). */
export function readableWalker(root: Node, withElements = false, exclude?: ReadonlySet<Element>): TreeWalker {
  const doc = root.ownerDocument ?? (root as Document);
  return doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      if (node.nodeType !== Node.ELEMENT_NODE) return NodeFilter.FILTER_ACCEPT;
      const el = node as Element;
      if (isSkipped(el) || exclude?.has(el)) return NodeFilter.FILTER_REJECT;
      return withElements ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
    },
  });
}

/**
 * Visits the readable nodes under `root` in document order (not `root` itself), skipping the
 * subtrees of skipped or excluded elements; stops when `visit` returns false. A plain loop over
 * child/sibling links: a TreeWalker's JS filter costs a call per element, which big pages feel.
 */
export function walkReadable(root: Node, visit: (node: Text | Element) => boolean | void, exclude?: ReadonlySet<Element>): void {
  let node: Node | null = root.firstChild;
  while (node) {
    let descend = false;
    if (node.nodeType === Node.TEXT_NODE) {
      if (visit(node as Text) === false) return;
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (!isSkipped(el) && !exclude?.has(el)) {
        if (visit(el) === false) return;
        descend = el.firstChild !== null;
      }
    }
    if (descend) {
      node = node.firstChild;
      continue;
    }
    while (node && node !== root && !node.nextSibling) node = node.parentNode;
    node = node && node !== root ? node.nextSibling : null;
  }
}

/** innerText-like text without layout: readable nodes only, block boundaries as spaces, collapsed. */
export function visibleText(root: Element, cap = 4000, exclude?: ReadonlySet<Element>): string {
  let out = '';
  walkReadable(
    root,
    (n) => {
      if (n.nodeType === Node.TEXT_NODE) out += (n as Text).data;
      else if (!INLINE_TAGS.has((n as Element).tagName.toUpperCase())) out += ' ';
      return out.length < cap * 4;
    },
    exclude,
  );
  return out.replace(/\s+/g, ' ').trim().slice(0, cap);
}

/** Folded short text of an element or text node, or '' when too long to be a label. */
export function shortText(node: Node | null | undefined, max = 60): string {
  if (!node) return '';
  const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length <= max ? text : '';
}

/** Tag check rather than instanceof, which fails across realms (frames, isolated worlds). */
export function isInput(el: Element): el is HTMLInputElement {
  return el.tagName === 'INPUT';
}

/** What names an input, folded: its labels, aria-label, name, id and autocomplete token. */
export function inputLabels(input: HTMLInputElement): string[] {
  const texts = Array.from(input.labels ?? []).map((label) => label.textContent ?? '');
  for (const attr of [input.getAttribute('aria-label'), input.name, input.id, input.getAttribute('autocomplete')]) {
    if (attr) texts.push(attr.replace(/[_-]+/g, ' '));
  }
  return texts.map(foldLabel).filter(Boolean);
}

/** A label as compared against the patterns in selectors.ts. */
export function foldLabel(text: string): string {
  return foldText(text).replace(/[\s:：*]+$/, '').replace(/^[\s*]+/, '');
}

/**
 * The page-chrome landmark holding `el`, if any. A `header`/`footer` inside an article or
 * section is that block's own header (HTML's banner/contentinfo rule), not page chrome.
 */
export function chromeOf(el: Element): Element | null {
  let c = el.closest(CHROME);
  while (c) {
    const tag = c.tagName.toUpperCase();
    const parent = c.parentElement;
    if ((tag === 'HEADER' || tag === 'FOOTER') && !c.hasAttribute('role') && parent?.closest(SECTIONING)) {
      c = parent.closest(CHROME);
      continue;
    }
    return c;
  }
  return null;
}

/**
 * The page's main content: `main`/`[role=main]`, else the "largest content column", found by
 * descending from body into the child holding most of the text (layout-free stand-in for width).
 */
export function mainRoot(doc: Document): Element | null {
  const explicit = doc.querySelector(MAIN);
  if (explicit) return explicit;
  let node: Element | null = doc.body;
  for (let depth = 0; node && depth < 8; depth++) {
    const total = (node.textContent ?? '').length;
    if (total === 0) return null;
    let best: Element | null = null;
    let bestLen = 0;
    for (const child of Array.from(node.children)) {
      if (isSkipped(child) || child.matches(CHROME)) continue;
      const len = (child.textContent ?? '').length;
      if (len > bestLen) [best, bestLen] = [child, len];
    }
    if (!best || bestLen < total * 0.6) return node === doc.body ? null : node;
    node = best;
  }
  return node === doc.body ? null : node;
}

/** `el` or one of its ancestors is in `set`. */
export function hasAncestorIn(el: Element, set: ReadonlySet<Element>): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (set.has(e)) return true;
  return false;
}

export function inMain(el: Element, main: Element | null): boolean {
  return el.closest(MAIN_OR_ARTICLE) !== null || (main !== null && main.contains(el));
}

/** Class names and data-* names/values of one element, split into lower-case word tokens. */
export function attrTokens(el: Element): string[] {
  const parts: string[] = [el.getAttribute('class') ?? '', el.id];
  for (const attr of Array.from(el.attributes)) {
    if (attr.name.startsWith('data-')) parts.push(attr.name.slice(5), attr.value);
  }
  return tokenize(parts);
}

/** Lower-case word tokens plus joined neighbour pairs ("from-me" → from, me, fromme). */
export function tokenize(parts: readonly string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const tokens = part.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    out.push(...tokens, ...tokens.slice(1).map((t, i) => `${tokens[i] ?? ''}${t}`));
  }
  return out;
}

export function documentOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
}

/** The document inside a same-origin frame, or null (cross-origin, not loaded, not a frame). */
export function frameDocument(el: Element | null): Document | null {
  if (!el || (el.tagName !== 'IFRAME' && el.tagName !== 'FRAME')) return null;
  try {
    return (el as HTMLIFrameElement).contentDocument;
  } catch {
    return null;
  }
}

/** The focused element, looking into same-origin frames (a rich editor's iframe). */
export function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  for (let depth = 0; depth < 3; depth++) {
    const inner = frameDocument(active);
    if (!inner) break;
    active = inner.activeElement;
  }
  return active;
}
