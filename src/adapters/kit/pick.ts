/** Reading `Pick`s and `Field`s (see spec.ts) out of the DOM, and the dates apps show. */
import { parseDate } from '../generic/conversation';
import { frameDocument, hasSkippedAncestor, visibleText } from '../generic/dom';
import { frameOf } from '../custom/teach-selectors';
import { frameSteps } from './frame-path';
import type { Field, Pick } from './spec';

const ATTR = /@([a-z][\w:-]*)$/i;

function split(sel: string): [string, string | undefined] {
  const m = ATTR.exec(sel);
  return m ? [sel.slice(0, m.index), m[1]] : [sel, undefined];
}

/** Matches under `root`, and `root` itself first when it matches (an item's own attributes). */
function all(root: ParentNode, css: string): Element[] {
  return find(root, frameSteps(css));
}

function find(root: ParentNode, steps: readonly string[]): Element[] {
  const [head = '', ...inner] = steps;
  if (inner.length) {
    // A cross-origin frame has no document for us: it finds nothing.
    return find(root, [head]).flatMap((frame) => {
      const doc = frameDocument(frame);
      return doc ? find(doc, inner) : [];
    });
  }
  try {
    const found = Array.from(root.querySelectorAll(head));
    return 'matches' in root && (root as Element).matches(head) ? [root as Element, ...found] : found;
  } catch {
    // An alternative the browser cannot parse must not stop the others.
    return [];
  }
}

/**
 * Whether `el`, found by the last step of a frame path, sits where the path leads: in the
 * document of a frame the earlier steps find from the top document `el` is under. (A message
 * body's markup is the sender's: it must not pass for the part of the page a path names.)
 */
function onPath(el: Element, steps: readonly string[]): boolean {
  if (steps.length < 2) return true;
  let top = el.ownerDocument;
  for (let frame = frameOf(el); frame; frame = frameOf(frame)) top = frame.ownerDocument;
  return find(top, steps.slice(0, -1)).some((frame) => frameDocument(frame) === el.ownerDocument);
}

/** Skipped subtrees hide what they hold; a textarea (skipped when reading text) is a reply box itself. */
const inSkipped = (el: Element) => (el.tagName === 'TEXTAREA' ? el.parentElement !== null && hasSkippedAncestor(el.parentElement) : hasSkippedAncestor(el));

/** Elements of the first alternative that finds any, outside hidden subtrees. */
export function pickAll(root: ParentNode, pick: Pick | undefined): Element[] {
  for (const sel of pick ?? []) {
    const found = all(root, split(sel)[0]).filter((el) => !inSkipped(el));
    if (found.length) return found;
  }
  return [];
}

/** True when `el` matches one of the alternatives or holds an element that does (in its own document). */
export function hits(el: Element, pick: Pick | undefined): boolean {
  return (pick ?? []).some((sel) => {
    const steps = frameSteps(split(sel)[0]);
    const last = steps[steps.length - 1]!;
    try {
      return (el.matches(last) || el.querySelector(last) !== null) && onPath(el, steps);
    } catch {
      return false;
    }
  });
}

/** The nearest ancestor-or-self of `el` matching one of the alternatives. */
export function closest(el: Element, pick: Pick | undefined): Element | null {
  for (const sel of pick ?? []) {
    const steps = frameSteps(split(sel)[0]);
    try {
      const found = el.closest(steps[steps.length - 1]!);
      if (found && onPath(found, steps)) return found;
    } catch {
      // Unparseable alternative: try the next.
    }
  }
  return null;
}

/** Characters of page text a spec's pattern is run on (custom adapters' patterns included). */
export const MAX_MATCHED_TEXT = 1000;

export interface Value {
  text: string;
  el: Element;
}

/** Values of the first alternative that yields any: attribute or visible text, narrowed by `re`. */
export function values(root: ParentNode, field: Field | undefined, keep: (el: Element) => boolean = () => true): Value[] {
  if (!field) return [];
  const [pick, re] = 'from' in field ? [field.from, field.re] : [field as Pick, undefined];
  for (const sel of pick) {
    const [css, attr] = split(sel);
    const out: Value[] = [];
    for (const el of all(root, css)) {
      if (hasSkippedAncestor(el) || !keep(el)) continue;
      let text = (attr ? el.getAttribute(attr) : visibleText(el, 400)) ?? '';
      // A pattern runs on bounded text: its worst case stays small whatever the page holds.
      if (re) text = re.exec(text.slice(0, MAX_MATCHED_TEXT))?.[1] ?? '';
      text = text.trim();
      if (text) out.push({ text, el });
    }
    if (out.length) return out;
  }
  return [];
}

export function first(root: ParentNode, field: Field | undefined): Value | undefined {
  return values(root, field)[0];
}

const CLOCK = /^(\d{1,2})[:h](\d{2})(?::\d{2})?\s*([ap])?/i;

/**
 * ISO 8601 from what apps show: everything the generic `parseDate` reads (ISO, epoch, French and
 * numeric dates, then the engine's own parser for "Nov 20, 2026 10:15 AM"), after dropping a
 * leading weekday ("ven. 20/11/2026 10:15", "Fri, Nov 20"), the comma after the year and moving a
 * clock time written first ("[10:54, 20/11/2026]") after the date; a bare clock time takes the
 * `day` of the separator above it.
 */
export function when(raw: string | undefined, region: string, day?: Date): string | undefined {
  if (!raw) return undefined;
  const s = raw
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/^(\d{1,2}[:h]\d{2}(?:\s*[ap]\.?m\.?)?),?\s+(.*\d{4}.*)$/i, '$2 $1')
    .replace(/^[^\d\s,]{2,12}[\s,]+(?=\d{1,2}(?:[/.-]\d|\s+[^\d\s])|[a-z]{3}\w*\.? \d)/i, '')
    .replace(/(\d{4}),\s/, '$1 ');
  const parsed = parseDate(s, region);
  const clock = parsed ? null : CLOCK.exec(s);
  if (!clock || !day) return parsed;
  const h = Number(clock[1]) % (clock[3] ? 12 : 24) + (clock[3]?.toLowerCase() === 'p' ? 12 : 0);
  return new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, Number(clock[2])).toISOString();
}

/** The calendar day a separator stands for ("Today", "Hier", "Nov 20", "20 nov. 2026"). */
export function dayOf(text: string, region: string, now = new Date()): Date | undefined {
  const t = text.trim().toLowerCase();
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  if (/^(?:today|aujourd)/.test(t)) return today;
  if (/^(?:yesterday|hier)/.test(t)) return new Date(today.getTime() - 864e5);
  // "Nov 20" has no year: this year's. A weekday alone ("Thursday") is not read.
  const found = when(text, region) ?? (/\d/.test(t) ? when(`${text} ${now.getFullYear()}`, region) : undefined);
  return found ? new Date(found) : undefined;
}
