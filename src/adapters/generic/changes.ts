/**
 * Which page changes may change what the generic adapter reads. Live pages change non-stop in
 * places that never show the customer: an inbox list ticking "il y a 3 s", unread counters in the
 * navigation. Re-reading the whole page for those costs the page for nothing.
 *
 * A change is ignored only when it happens inside page chrome (header, nav, aside, footer) and
 * what it adds or removes cannot hold an identifier: no "@", no phone-like digit run, no contact
 * or profile link, no input. Names and labels alone in chrome are not worth a read (chrome names
 * weigh little, and chrome customer numbers are never read).
 */
import { chromeOf } from './dom';
import { LINK_HREF } from './selectors';

const VALUE_HINT = /@|\+\d|\d[\d\s().\-\u00a0/]{5,}\d/;

export function affectsReading(records: readonly MutationRecord[]): boolean {
  // Chrome roots met in this batch: records come in runs under one list (300 rows ticking).
  const chrome: Element[] = [];
  for (const record of records) {
    const target = record.target.nodeType === Node.ELEMENT_NODE ? (record.target as Element) : record.target.parentElement;
    if (!target || !inChrome(target, chrome)) return true;
    if (record.type === 'characterData') {
      if (VALUE_HINT.test((record.target as Text).data) || VALUE_HINT.test(record.oldValue ?? '')) return true;
      continue;
    }
    for (const node of record.addedNodes) if (mayHoldValue(node)) return true;
    for (const node of record.removedNodes) if (mayHoldValue(node)) return true;
  }
  return false;
}

/**
 * Under page chrome. Everything inside a chrome root is chrome (chromeOf only skips headers and
 * footers of sections, which are inside the root anyway), so the roots already found are asked
 * first: a native `contains` beats a selector walk up the ancestors.
 */
function inChrome(el: Element, known: Element[]): boolean {
  for (const root of known) if (root.contains(el)) return true;
  const root = chromeOf(el);
  if (root) known.push(root);
  return root !== null;
}

function mayHoldValue(node: Node): boolean {
  if (node.nodeType === Node.TEXT_NODE) return VALUE_HINT.test((node as Text).data);
  if (node.nodeType !== Node.ELEMENT_NODE) return false;
  const el = node as Element;
  if (VALUE_HINT.test(el.textContent ?? '')) return true;
  if (el.tagName === 'INPUT' || el.getElementsByTagName('input').length) return true;
  const links = el.tagName === 'A' ? [el] : Array.from(el.getElementsByTagName('a'));
  return links.some((a) => LINK_HREF.test(a.getAttribute('href') ?? ''));
}
