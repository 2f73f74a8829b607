/**
 * Selectors for an element the agent pointed at in teach mode. A taught adapter must keep
 * working on the next customer and the next release of the host app, so selectors lean on what
 * the app put there on purpose (stable ids, test ids, data-* and ARIA attributes, itemprop,
 * mailto:/tel: links, meaningful class names) and fall back to short structural paths anchored
 * on the nearest such ancestor. Every alternative returned finds exactly the element pointed at;
 * alternatives are listed best first, as `Pick`s are read (kit/spec.ts).
 */
import { isNoiseAttribute, isStableClass, isStableId, isStableValue, MEANING_ATTRIBUTES, TEST_ATTRIBUTES } from './teach-names';

export interface DeriveOptions {
  /** Text that belongs to the customer (their name, address…): never part of a selector. */
  avoid?: readonly string[];
  /** How many alternatives to return (2-3 read well: a best one and fallbacks). */
  max?: number;
}

/** Accepts a candidate selector when it finds what it should. */
type Accept = (selector: string) => boolean;

const MAX_ANCESTORS = 8;
/** Compounds that name a kind of element rather than this one: links by scheme, roles, types, bare attributes. */
const WEAK = /^[\w-]*\[(?:href\^=|role=|type=|contenteditable|[\w-]+\]$)/;

/** CSS identifier / string escaping that does not depend on `CSS.escape` being present. */
export function cssIdent(value: string): string {
  return value.replace(/^(\d)|^(-\d)|[^\w-]/g, (c, digit: string | undefined, dashDigit: string | undefined) =>
    digit ? `\\3${digit} ` : dashDigit ? `-\\3${dashDigit.slice(1)} ` : `\\${c}`,
  );
}

const quote = (value: string) => `"${value.replace(/["\\]/g, '\\$&')}"`;
const tagOf = (el: Element) => el.localName.toLowerCase();

function mentionsAvoided(value: string, avoid: readonly string[]): boolean {
  const v = value.toLowerCase();
  return avoid.some((a) =>
    a
      .toLowerCase()
      .split(/[\s@.,;:()+-]+/)
      .some((word) => word.length >= 3 && v.includes(word)),
  );
}

/** `a[href^="mailto:"]`, `a[href^="/customers/"]`: the kind of link, never its target record. */
function hrefCompound(el: Element): string | null {
  const href = el.getAttribute('href');
  if (tagOf(el) !== 'a' || !href) return null;
  const scheme = /^(mailto|tel|sms|callto):/i.exec(href)?.[1];
  if (scheme) return `a[href^=${quote(`${scheme.toLowerCase()}:`)}]`;
  if (!href.startsWith('/') || href.startsWith('//')) return null;
  const kept: string[] = [];
  for (const segment of href.split(/[?#]/)[0]!.split('/').slice(1)) {
    if (!segment || !isStableValue(segment) || !/^[a-z][\w-]*$/i.test(segment)) break;
    kept.push(segment);
  }
  const prefix = `/${kept.join('/')}/`;
  return kept.length && href.length > prefix.length ? `a[href^=${quote(prefix)}]` : null;
}

/**
 * Simple selectors for the element itself, most meaningful first. They need not be unique: the
 * callers combine them with ancestors until they are.
 */
export function compounds(el: Element, avoid: readonly string[] = []): string[] {
  const tag = tagOf(el);
  const text = (el.textContent ?? '').trim().slice(0, 200);
  const ok = (value: string, checkText = true) => isStableValue(value, checkText ? text : '') && !mentionsAvoided(value, avoid);
  const out: string[] = [];
  const id = el.getAttribute('id');
  if (id && isStableId(id) && !mentionsAvoided(id, avoid)) out.push(`#${cssIdent(id)}`);
  for (const name of TEST_ATTRIBUTES) {
    const value = el.getAttribute(name);
    if (value && ok(value, false)) out.push(`[${name}=${quote(value)}]`);
  }
  const href = hrefCompound(el);
  if (href) out.push(href);
  const dataPresence: string[] = [];
  for (const { name, value } of Array.from(el.attributes)) {
    if (!name.startsWith('data-') || (TEST_ATTRIBUTES as readonly string[]).includes(name) || isNoiseAttribute(name) || !/^[a-z][\w-]*$/.test(name)) continue;
    if (value && ok(value)) out.push(`${tag}[${name}=${quote(value)}]`);
    // A record's own value (`data-customer-id="4821"`) changes per customer, and items of one
    // kind vary theirs (`data-side`): the attribute's presence still says what the element is.
    if (!mentionsAvoided(name, avoid)) dataPresence.push(`${tag}[${name}]`);
  }
  for (const name of MEANING_ATTRIBUTES) {
    const value = el.getAttribute(name);
    // Roles and input types are fixed vocabularies; labels and titles may echo the content.
    if (value && ok(value, name !== 'role' && name !== 'type')) out.push(`${tag}[${name}=${quote(value)}]`);
  }
  out.push(...dataPresence);
  if (el.getAttribute('contenteditable') === 'true' || el.getAttribute('contenteditable') === '') out.push(`${tag}[contenteditable]`);
  const classes = Array.from(el.classList).filter((c) => isStableClass(c) && !mentionsAvoided(c, avoid));
  for (const c of classes.slice(0, 4)) out.push(`${tag}.${cssIdent(c)}`);
  if (classes.length >= 2) out.push(`${tag}.${cssIdent(classes[0]!)}.${cssIdent(classes[1]!)}`);
  return [...new Set(out)];
}

function safeAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/** One step of a structural path: the tag, with a stable class or its position only when needed. */
function step(el: Element): string {
  const tag = tagOf(el);
  const parent = el.parentElement;
  if (!parent) return tag;
  const same = Array.from(parent.children).filter((c) => tagOf(c) === tag);
  if (same.length === 1) return tag;
  const cls = Array.from(el.classList).find((c) => isStableClass(c) && same.filter((s) => s.classList.contains(c)).length === 1);
  return cls ? `${tag}.${cssIdent(cls)}` : `${tag}:nth-of-type(${same.indexOf(el) + 1})`;
}

/** `anchor > div > span:nth-of-type(2)`: the shortest path from `from` (exclusive) down to `el`. */
function path(from: Element | null, el: Element): string[] {
  const steps: string[] = [];
  for (let e: Element | null = el; e && e !== from; e = e.parentElement) {
    steps.unshift(step(e));
    if (tagOf(e) === 'body' || tagOf(e) === 'html') break;
  }
  return steps;
}

function ancestors(el: Element, stop: Element | null): Element[] {
  const out: Element[] = [];
  for (let a = el.parentElement; a && a !== stop && out.length < MAX_ANCESTORS; a = a.parentElement) {
    if (tagOf(a) === 'html') break;
    out.push(a);
  }
  return out;
}

/**
 * Candidates for `el`, best first, filtered by `accept`: the element's own stable compounds,
 * then the same anchored on a stable ancestor, then a structural path from the nearest anchor.
 * `scope` bounds the ancestors used (an item, for fields read inside each message).
 */
function candidates(el: Element, accept: Accept, avoid: readonly string[], max: number, scope: Element | null = null): string[] {
  const found: string[] = [];
  const add = (selector: string) => {
    if (found.length < max && !found.includes(selector) && accept(selector)) found.push(selector);
  };
  const own = compounds(el, avoid);
  // A kind of element (a tel: link, a role, a bare data attribute) may be elsewhere on the page
  // too (the agent's own number in the header): anchored on the customer's block first.
  const [strong, weak] = [own.filter((c) => !WEAK.test(c)), own.filter((c) => WEAK.test(c))];
  for (const c of strong) add(c);
  const ownOrTag = [...own.slice(0, 3), tagOf(el)];
  const above = ancestors(el, scope);
  const anchors = above.map((a) => ({ el: a, sel: compounds(a, avoid).slice(0, 2) })).filter((a) => a.sel.length);
  for (const anchor of anchors) {
    if (found.length >= max) break;
    for (const a of anchor.sel) for (const c of ownOrTag) add(`${a} ${c}`);
    // Position below the anchor, for elements with nothing of their own to go by.
    add(`${anchor.sel[0]} > ${path(anchor.el, el).join(' > ')}`);
  }
  for (const c of weak) add(c);
  // The bare tag is weak (the page may add another one) but better than a position.
  add(tagOf(el));
  // Nothing stable anywhere above: a path from the top (or the scope) still finds it today.
  if (found.length < Math.min(2, max)) add(path(scope, el).join(' > '));
  return found;
}

/** The <iframe> `el`'s document is shown in, or null in the top document (or a frame we may not reach). */
export function frameOf(el: Element): Element | null {
  try {
    return el.ownerDocument.defaultView?.frameElement ?? null;
  } catch {
    return null;
  }
}

/**
 * `el` in a same-origin frame: each selector for the frame (itself maybe in a frame), `>>>`,
 * each selector inside it (kit/pick.ts reads them so), best pairs first.
 */
function throughFrames(el: Element, inner: string[], options: DeriveOptions): string[] {
  const frame = frameOf(el);
  if (!frame) return inner;
  const outer = deriveSelectors(frame, { ...options, max: 2 });
  return outer.flatMap((o) => inner.map((i) => `${o} >>> ${i}`)).slice(0, options.max ?? 3);
}

/** What `deriveSelectors` finds, inside `el`'s own document only. */
function deriveLocal(el: Element, options: DeriveOptions): string[] {
  const doc = el.ownerDocument;
  const unique: Accept = (selector) => {
    const hits = safeAll(doc, selector);
    return hits.length === 1 && hits[0] === el;
  };
  const found = candidates(el, unique, options.avoid ?? [], options.max ?? 3);
  return found.length ? found : [path(null, el).join(' > ')];
}

/**
 * Up to `max` selectors that each find exactly `el` (newest-first `Pick` order), through the
 * same-origin frames it sits in. Never empty: a structural path from the document's body is the
 * last resort.
 */
export function deriveSelectors(el: Element, options: DeriveOptions = {}): string[] {
  return throughFrames(el, deriveLocal(el, options), options);
}

/**
 * Selectors read inside each message item (author, time, body): in the item pointed at, the
 * first match is `el`; in the other items, at most one element matches; the item itself never.
 */
export function deriveInside(el: Element, item: Element, items: readonly Element[], options: DeriveOptions = {}): string[] {
  const fits: Accept = (selector) => {
    if (safeAll(item, selector)[0] !== el || item.matches(selector)) return false;
    const counts = items.map((i) => safeAll(i, selector).length);
    return counts.every((n) => n <= 1) && counts.filter((n) => n === 1).length * 2 >= items.length;
  };
  return candidates(el, fits, options.avoid ?? [], options.max ?? 3, item);
}

/** Selectors that find exactly `set` (the message items), best first. */
export function deriveSetSelectors(set: readonly Element[], options: DeriveOptions = {}): string[] {
  const first = set[0];
  if (!first) return [];
  const avoid = options.avoid ?? [];
  const max = options.max ?? 3;
  const doc = first.ownerDocument;
  const exact: Accept = (selector) => {
    const hits = safeAll(doc, selector);
    return hits.length === set.length && hits.every((h) => set.includes(h));
  };
  const shared = compounds(first, avoid).filter((c) => set.every((el) => el.matches(c)));
  const found: string[] = [];
  const add = (selector: string) => {
    if (found.length < max && !found.includes(selector) && exact(selector)) found.push(selector);
  };
  for (const c of shared) add(c);
  const parent = first.parentElement;
  if (parent && set.every((el) => el.parentElement === parent)) {
    const containers = deriveLocal(parent, { avoid, max: 2 });
    for (const p of containers) for (const c of [...shared.slice(0, 2), tagOf(first)]) add(`${p} > ${c}`);
  }
  return found.length ? throughFrames(first, found, options) : found;
}
