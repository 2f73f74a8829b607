/**
 * From one message the agent pointed at to the whole conversation: the repeated item it belongs
 * to, selectors for every item, and where each item shows its author, time and text. Reads only.
 */
import type { ThreadSpecJson } from './schema';
import { compounds, deriveInside, deriveSetSelectors, type DeriveOptions } from './teach-selectors';

export interface TaughtThread {
  /** The message item that holds what was clicked. */
  item: Element;
  /** Every item of the same kind, in document order. */
  items: Element[];
  thread: ThreadSpecJson;
}

const tagOf = (el: Element) => el.localName.toLowerCase();
const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Tags and stable classes of an element's descendants, two levels down: its "shape". */
function shape(el: Element): Set<string> {
  const out = new Set<string>();
  for (const child of Array.from(el.children)) {
    out.add(tagOf(child));
    for (const grandchild of Array.from(child.children)) out.add(`${tagOf(child)}>${tagOf(grandchild)}`);
  }
  return out;
}

function similar(a: Set<string>, b: Set<string>): boolean {
  if (!a.size && !b.size) return true;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common) >= 0.5;
}

/** Siblings of `el` (itself included) with the same tag and a similar inner structure. */
function sameKind(el: Element): Element[] {
  const parent = el.parentElement;
  if (!parent) return [el];
  const own = shape(el);
  return Array.from(parent.children).filter((s) => tagOf(s) === tagOf(el) && textOf(s) !== '' && similar(own, shape(s)));
}

/**
 * The repeated block around `clicked`: among its ancestors, the one with the most siblings of
 * its kind (paragraphs inside one message repeat too, but fewer times than the messages, and
 * hold no structure of their own). Null when nothing around it repeats.
 */
export function findItems(clicked: Element): { item: Element; items: Element[] } | null {
  let best: { item: Element; items: Element[]; score: number } | null = null;
  for (let el: Element | null = clicked; el && tagOf(el) !== 'body' && tagOf(el) !== 'html'; el = el.parentElement) {
    const items = sameKind(el);
    if (items.length < 2) continue;
    const structured = el.children.length >= 2 ? 1 : 0.5;
    const score = items.length * structured;
    if (!best || score > best.score) best = { item: el, items, score };
  }
  return best && { item: best.item, items: best.items };
}

const CLOCK_OR_DATE =
  /\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}|\b(?:today|yesterday|aujourd|hier)\b|\b\d{1,2}\s+(?:janv?|f[ée]v|mars?|avr|apr|mai|may|juin?|juil|jul|ao[uû]t?|aug|sept?|oct|nov|d[ée]c)\w*\.?|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d{1,2}\b/i;

/** Innermost elements whose own text (not a child's) is all they show. */
function leaves(item: Element): Element[] {
  return Array.from(item.querySelectorAll('*')).filter((el) => {
    const text = textOf(el);
    return text !== '' && !Array.from(el.children).some((c) => textOf(c) === text);
  });
}

/** Author, time and body inside one message, guessed from what they look like. */
export function guessParts(item: Element): { author?: Element; time?: Element; body?: Element } {
  const candidates = leaves(item);
  const time =
    item.querySelector('time') ?? candidates.find((el) => textOf(el).length <= 40 && CLOCK_OR_DATE.test(textOf(el)) && el.children.length === 0) ?? undefined;
  // The body: the largest block of text that is neither the header nor the whole item.
  const blocks = Array.from(item.querySelectorAll('*')).filter((el) => textOf(el) !== '' && !(time && el.contains(time)));
  let body: Element | undefined;
  for (const el of blocks) if (!body || textOf(el).length > textOf(body).length) body = el;
  const author = candidates.find((el) => {
    const text = textOf(el);
    return (
      el !== time && !(time && (el.contains(time) || time.contains(el))) && !(body && (body.contains(el) || el.contains(body))) &&
      text.length >= 2 && text.length <= 80 && /\p{L}/u.test(text)
    );
  });
  return { ...(author ? { author } : {}), ...(time ? { time } : {}), ...(body ? { body } : {}) };
}

/** The attribute a time element carries a machine-readable value in, if any. */
function timeField(time: Element, picks: string[]): ThreadSpecJson['time'] {
  const attr = ['datetime', 'data-time', 'data-timestamp', 'title'].find((a) => {
    const v = time.getAttribute(a);
    return v && !Number.isNaN(Date.parse(v));
  });
  return attr ? picks.map((p) => `${p}@${attr}`) : picks;
}

/**
 * Which items are the agent's and which the customer's: a stable class or attribute value that
 * some items carry and others do not, lined up with the items whose author is the customer.
 */
function directions(items: readonly Element[], authors: readonly (string | undefined)[], customerName: string | undefined, options: DeriveOptions): Pick<ThreadSpecJson, 'in' | 'out'> {
  const seen = new Set<string>();
  const partial: string[] = [];
  for (const item of items) {
    for (const c of compounds(item, options.avoid)) {
      if (seen.has(c)) continue;
      seen.add(c);
      const count = items.filter((i) => i.matches(c)).length;
      if (count > 0 && count < items.length) partial.push(c);
    }
  }
  const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().trim();
  const customer = customerName ? fold(customerName) : '';
  const theirs = items.map((_, i) => (customer && authors[i] ? fold(authors[i]!).includes(customer) : undefined));
  for (const c of partial) {
    const marked = items.map((i) => i.matches(c));
    if (theirs.every((t, i) => t === undefined || t === marked[i]) && theirs.some((t) => t !== undefined)) return { in: [c] };
    if (theirs.every((t, i) => t === undefined || t === !marked[i]) && theirs.some((t) => t !== undefined)) return { out: [c] };
  }
  // No author to line up with: trust words that say it.
  const out = partial.find((c) => /agent|staff|outgoing|outbound|sent|\bme\b|self|operator|--out|-out\b|"out"/i.test(c));
  if (out) return { out: [out] };
  const inbound = partial.find((c) => /customer|client|incoming|inbound|received|visitor|contact|--in\b|-in\b|"in"/i.test(c));
  return inbound ? { in: [inbound] } : {};
}

/** The conversation spec from one message pointed at, or null when nothing around it repeats. */
export function deriveThread(clicked: Element, customerName: string | undefined, options: DeriveOptions = {}): TaughtThread | null {
  const found = findItems(clicked);
  if (!found) return null;
  const { item, items } = found;
  const itemPick = deriveSetSelectors(items, options);
  if (!itemPick.length) return null;
  const thread: ThreadSpecJson = { item: itemPick };
  const parts = guessParts(item);
  const inside = (el: Element | undefined) => (el ? deriveInside(el, item, items, options) : []);
  const author = inside(parts.author);
  const time = inside(parts.time);
  const body = inside(parts.body);
  if (author.length) thread.author = author;
  if (time.length && parts.time) thread.time = timeField(parts.time, time);
  if (body.length) thread.body = body;
  const authors = items.map((i) => (author.length ? textOf(i.querySelector(author[0]!) ?? i).slice(0, 80) : undefined));
  Object.assign(thread, directions(items, author.length ? authors : [], customerName, options));
  return { item, items, thread };
}
