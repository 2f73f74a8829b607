/**
 * Values shown beside a field label — tables, definition lists, label/input pairs, label/value
 * elements and "label : value" rows — and the customer numbers among them ("N° client",
 * "Client n°", "Customer ID", "Customer #", "Account number").
 *
 * A customer number becomes an app id namespaced by the site (`bo-ma-boutique-fr:customer:100482`,
 * matched as `app:bo-ma-boutique-fr:customer:100482`): the same number in another tool is
 * another customer's, and one site shows one person one number.
 */
import { luhnValid } from '../../core/masking/checksums';
import type { DetectedIdentifier } from '../types';
import { chromeOf, foldLabel, hasSkippedAncestor, inMain, isRendered, markedElements, perRead, queryOutside, shortText } from './dom';
import { CUSTOMER_NUMBER_LABEL, FIELD_LABEL_CANDIDATES, FIELD_LABEL_CLASS, FIELD_LABEL_TAGS } from './selectors';
import type { InlineField } from './text-scan';

export interface FieldValue {
  text: string;
  el: Element;
}

/** The value shown for a field label: dd after dt, the labelled input, next text or next element. */
export function valueAfterLabel(label: Element): FieldValue | null {
  let target: Element | null = null;
  if (label.tagName === 'DT') {
    target = label.nextElementSibling;
    while (target && target.tagName !== 'DD') target = target.nextElementSibling;
  } else if (label.tagName === 'LABEL') {
    const forId = label.getAttribute('for');
    target = (forId ? label.ownerDocument.getElementById(forId) : null) ?? label.querySelector('input');
  } else {
    // "<b>Nom :</b> Marie Dupont" — the value is the text node right after the label.
    const next = label.nextSibling;
    if (next?.nodeType === Node.TEXT_NODE && next.textContent?.trim() && label.parentElement) {
      return { text: shortText(next, 80), el: label.parentElement };
    }
    target = label.nextElementSibling;
  }
  if (target?.tagName === 'INPUT') return { text: (target as HTMLInputElement).value, el: target };
  return target ? { text: shortText(target, 80), el: target } : null;
}

/**
 * Label elements on the page whose folded text passes `test`, with their values (capped), outside
 * the subtrees in `skip`. One read must pass the same `skip` to every call (the list is shared).
 */
export function labelledValues(doc: Document, test: RegExp, skip?: ReadonlySet<Element>, max = 500): FieldValue[] {
  const out: FieldValue[] = [];
  for (const { label, text } of fieldLabels(doc, max, skip)) {
    if (!test.test(text) || hasSkippedAncestor(label)) continue;
    const value = valueAfterLabel(label);
    if (value?.text.trim()) out.push(value);
  }
  return out;
}

/** Candidate label elements with their folded text, listed once per read (names and numbers both ask). */
function fieldLabels(doc: Document, max: number, skip?: ReadonlySet<Element>): Array<{ label: Element; text: string }> {
  return perRead(`field-labels:${max}`, () =>
    // Around a long thread's middle, a query per region beats one over a page that is mostly that middle.
    (skip?.size && doc.body ? queryOutside(doc.body, FIELD_LABEL_CANDIDATES, skip) : markedElements(doc))
      .filter(isFieldLabel)
      .slice(0, max)
      .map((label) => ({ label, text: foldLabel(shortText(label, 30)) })),
  );
}

function isFieldLabel(el: Element): boolean {
  if (FIELD_LABEL_TAGS.has(el.localName)) return true;
  const cls = el.getAttribute('class');
  return cls !== null && FIELD_LABEL_CLASS.test(cls);
}

// "#100482", "n° 100482", "No. 100482" as written before the number itself.
const NUMBER_SIGN = /^(?:#|n[°º]\s*|no\.?\s+)/i;
const ID_VALUE = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,39}$/u;

/** The number as an id, or null for prose, for what is not an id, and for card numbers and IBANs. */
export function customerNumber(text: string): string | null {
  const id = text.normalize('NFKC').trim().replace(NUMBER_SIGN, '').trim();
  if (!ID_VALUE.test(id) || !/\d/.test(id)) return null;
  // Payment data is never an identifier (and must never leave the page).
  const digits = id.replace(/[\s-]/g, '');
  if (/^\d{13,19}$/.test(digits) && luhnValid(digits)) return null;
  // IBAN-shaped, checksum or not (the mod-97 tables are not worth their bytes here).
  if (/^[a-z]{2}\d{2}[a-z0-9]{11,30}$/i.test(id)) return null;
  return id;
}

/** `bo.ma-boutique.fr` → `bo-ma-boutique-fr`: an app-id namespace segment for the site. */
export function siteSegment(hostname: string): string {
  // The end of a long host name is the part that names the company.
  const s = hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .slice(-31)
    .replace(/^-+|-+$/g, '');
  // A segment starts with a letter (an IP address gets one).
  return /^[a-z]/.test(s) ? s : `h${s}`;
}

export interface NumberOptions {
  hostname: string;
  main: Element | null;
  /** Short "label : value" rows the text scan found. */
  inline: readonly InlineField[];
  /** Subtrees this read leaves out (the middle of a very long thread). */
  skip?: ReadonlySet<Element>;
}

/**
 * The customer number the page shows for the person on screen: in the main content before the
 * rest, never in page chrome (another customer's number in a "referred by" box is not theirs).
 */
export function findCustomerNumber(doc: Document, opts: NumberOptions): DetectedIdentifier | null {
  const fields = [
    ...labelledValues(doc, CUSTOMER_NUMBER_LABEL, opts.skip),
    ...opts.inline.filter((f) => CUSTOMER_NUMBER_LABEL.test(f.label)).map((f) => ({ text: f.value, el: f.el })),
  ];
  const candidates = fields
    .map((f) => ({ ...f, id: customerNumber(f.text) }))
    .filter((f): f is FieldValue & { id: string } => f.id !== null && !chromeOf(f.el) && isRendered(f.el));
  const best = candidates.find((f) => inMain(f.el, opts.main)) ?? candidates[0];
  if (!best) return null;
  return { kind: 'app-id', raw: best.id, value: `${siteSegment(opts.hostname)}:customer:${best.id}`, score: 0.9 };
}
