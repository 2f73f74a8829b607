/**
 * The signed-in user shown in the page's own header (account menu, "Signed in as …"). On a
 * helpdesk that is the agent, so whatever it shows joins the agent's own identity for this read.
 */
import { foldText } from '../../core/identifiers';
import { attrTokens, chromeOf, hasSkippedAncestor, queryOutside, readableWalker, shortText } from './dom';
import { looksLikeName, stripContactSuffix } from './names';
import { ACCOUNT_STRONG, ACCOUNT_TOKENS, ACCOUNT_WEAK, CHROME, LABELLED, SIGNED_IN_LABEL, SIGNED_IN_PREFIX } from './selectors';
import type { Hit } from './text-scan';

/** The account widget holding `el`, if any. */
export function accountRootOf(el: Element, prefix = ''): Element | null {
  if (SIGNED_IN_PREFIX.test(foldText(prefix))) return el;
  const chrome = topChromeOf(el);
  let e: Element | null = el;
  for (let depth = 0; e && depth < 6; depth++, e = e.parentElement) {
    const label = foldText(e.getAttribute('aria-label') ?? e.getAttribute('title') ?? '');
    if (label && ACCOUNT_STRONG.test(label)) return e;
    if (chrome) {
      if (label && ACCOUNT_WEAK.test(label)) return e;
      // "Connecté en tant que <b>Paul</b> (paul@x.fr)": the phrase sits in a nearby text node.
      const text = shortText(e, 200);
      if (text && ACCOUNT_STRONG.test(foldText(text))) return e;
      if (attrTokens(e).some((t) => ACCOUNT_TOKENS.has(t))) return e;
      if (e === chrome) break;
    }
  }
  return null;
}

/** Only header/nav count: side panels and footers often show the customer, not the agent. */
function topChromeOf(el: Element): Element | null {
  const c = chromeOf(el);
  if (!c) return null;
  const role = c.getAttribute('role');
  return c.matches('header, nav') || role === 'banner' || role === 'navigation' ? c : null;
}

export interface SignedIn {
  /** `kind:value` of identifiers shown as the signed-in user. */
  values: Set<string>;
  /** Names and label texts to add to the agent's signatures for this read. */
  signatures: string[];
}

/** Inside page chrome, or labelled "signed in" / "connecté". */
function isAccountLabelled(el: Element): boolean {
  if (el.parentElement?.closest(CHROME)) return true;
  const aria = el.getAttribute('aria-label');
  const title = el.getAttribute('title');
  return (aria !== null && SIGNED_IN_LABEL.test(aria)) || (title !== null && SIGNED_IN_LABEL.test(title));
}

/** `skip`: subtrees this read leaves out (the middle of a very long thread). */
export function collectSignedIn(doc: Document, hits: readonly Hit[], skip?: ReadonlySet<Element>): SignedIn {
  const values = new Set<string>();
  const roots = new Set<Element>();
  for (const hit of hits) {
    const root = accountRootOf(hit.el, hit.prefix);
    if (!root) continue;
    values.add(`${hit.kind}:${hit.value}`);
    roots.add(root);
  }
  let labelled = 0;
  for (const el of doc.body ? queryOutside(doc.body, LABELLED, skip) : []) {
    if (!isAccountLabelled(el)) continue;
    if (++labelled > 300) break;
    if (!hasSkippedAncestor(el) && accountRootOf(el) === el) roots.add(el);
  }
  const signatures: string[] = [];
  for (const root of roots) {
    const label = root.getAttribute('aria-label') ?? root.getAttribute('title') ?? '';
    // "Google Account: Jean Martin (jean@x.fr)" → "Jean Martin (jean@x.fr)"; compileOwn extracts the e-mail.
    const who = label.replace(/^.*?(?:signed in as|logged in as|connect[ée]e? en tant que|:)\s*/i, '').trim();
    if (who && who !== label.trim() && (looksLikeName(stripContactSuffix(who), true) || who.includes('@'))) {
      signatures.push(who);
    }
    const walker = readableWalker(root);
    for (let n = walker.nextNode(), i = 0; n && i < 30; n = walker.nextNode(), i++) {
      const line = (n as Text).data.replace(/^.*?(?:signed in as|logged in as|connect[ée]e? en tant que)\s*:?/i, '');
      const text = stripContactSuffix(line);
      if (looksLikeName(text)) signatures.push(text);
    }
  }
  return { values, signatures };
}
