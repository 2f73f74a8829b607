/**
 * One pass over the page collecting raw identifier hits: text nodes (capped), mailto/tel and
 * profile links, and the values of contact inputs. No ranking here, just where each one sits.
 */
import {
  normalizeEmail,
  parseProfileUrl,
  phoneE164Lite,
  type SocialNetwork,
} from '../../core/identifiers';
import { foldLabel, hasSkippedAncestor, inputLabels, queryOutside, walkTextOutside } from './dom';
import { LINK_HREF, PHONE_LABEL, VALUE_INPUTS } from './selectors';

export type HitKind = 'email' | 'phone' | 'handle';

export interface Hit {
  kind: HitKind;
  raw: string;
  value: string;
  network?: SocialNetwork;
  /** Element holding the text, link or input. */
  el: Element;
  /** Text node holding the match (text hits only). */
  node?: Text;
  /** Up to 80 characters before the match in its text node ("Email : "). */
  prefix: string;
  via: 'text' | 'link' | 'input';
}

export interface NameHint {
  name: string;
  el: Element;
}

/** A short "label : value" row in one text node ("N° client : 100482"). */
export interface InlineField {
  /** Folded as `foldLabel` does. */
  label: string;
  value: string;
  el: Element;
}

export interface PageScan {
  hits: Hit[];
  /** Inline "Name: Marie Dupont" found in a single text node. */
  nameHints: NameHint[];
  /** Every short "label : value" row (capped). */
  fields: InlineField[];
  /** True when the text or hit cap stopped the walk early. */
  truncated: boolean;
}

export interface ScanOptions {
  region: string;
  /** Network of the page itself (bare @handles on x.com are X handles). */
  pageNetwork: SocialNetwork | null;
  maxChars?: number;
  /** Text hits; links get half as many more. */
  maxHits?: number;
  /** Subtrees left out (the middle of a very long thread: its ends show who it is with). */
  skip?: ReadonlySet<Element>;
}

const EMAIL_RE = /(?<![\w.%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w@-])/g;
const HANDLE_RE = /(?<![\p{L}\p{N}_@.\/\\])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)(?![\p{L}\p{N}_@])/gu;
const NOT_HANDLES = new Set(['media', 'import', 'keyframes', 'font-face', 'here', 'channel', 'everyone', 'all', 'supports', 'page', 'charset', 'namespace']);
const INLINE_FIELD = /^\s*([^:：\n]{1,30}?)\s*[:：]\s*([^:：\n]{1,60}?)\s*$/;
const NAME_INLINE_LABEL = /^(?:name|full name|nom|nom complet|customer|client|contact)$/;
const MAX_FIELDS = 200;
/**
 * What text must hold to be read further: an "@" (e-mail, handle), a colon (a field), or what every
 * phone pattern below needs, a "+" or five digits.
 */
const MAY_HOLD = /[@:：+]|(?:\d\D*){5}/;
/** Text longer than this is checked for a skipped ancestor before it counts against the budget. */
const LONG_TEXT = 200;

const SEP = String.raw`[ .\-\u00a0]`;
const PHONE_PATTERNS: Record<string, string> = {
  intl: String.raw`(?:\+|\b00)[1-9]\d{0,2}(?:${SEP}?\(0\))?(?:${SEP}?\(?\d{1,4}\)?){2,6}`,
  // French-style national: 0X XX XX XX XX with any or no separators.
  fr: String.raw`\b0[1-9](?:${SEP}?\d{2}){4}`,
  trunk: String.raw`\b0\d{1,4}(?:${SEP}\d{2,4}){2,4}`,
  nanp: String.raw`(?:\(\d{3}\)\s?|\b\d{3}[ .\-])\d{3}[ .\-]\d{4}`,
};

function phoneRegex(region: string): RegExp {
  const r = region.toUpperCase();
  const national = r === 'FR' ? PHONE_PATTERNS.fr : r === 'US' || r === 'CA' ? PHONE_PATTERNS.nanp : PHONE_PATTERNS.trunk;
  return new RegExp(String.raw`(?<![\w+/.-])(?:${PHONE_PATTERNS.intl}|${national})(?![\w/]|[.\-]\d)`, 'g');
}

export function scanPage(doc: Document, opts: ScanOptions): PageScan {
  const maxChars = opts.maxChars ?? 200_000;
  const maxHits = opts.maxHits ?? 400;
  const hits: Hit[] = [];
  const nameHints: NameHint[] = [];
  const fields: InlineField[] = [];
  const phoneRe = phoneRegex(opts.region);
  const body = doc.body;
  // Values already read from a link's href, so the link's own text does not count twice.
  const linkValues = new Map<Element, Set<string>>();

  // Links get their own budget so a page full of profile links cannot starve the text walk.
  const maxLinkHits = Math.ceil(maxHits / 2);
  for (const a of body ? queryOutside(body, 'a[href]', opts.skip) : []) {
    if (hits.length >= maxLinkHits) break;
    if (!LINK_HREF.test(a.getAttribute('href') ?? '') || hasSkippedAncestor(a)) continue;
    for (const hit of linkHits(a, opts.region)) {
      hits.push(hit);
      let seen = linkValues.get(a);
      if (!seen) linkValues.set(a, (seen = new Set()));
      seen.add(hit.value);
    }
  }

  const textBudget = hits.length + maxHits;
  let chars = 0;
  let truncated = false;
  const readText = (node: Text): boolean => {
    const data = node.data;
    // Most text holds no value: one test leaves it before any DOM call. Long text may be a script
    // or a hidden template, which must not use up the budget.
    const mayHold = MAY_HOLD.test(data);
    const el = mayHold || data.length > LONG_TEXT ? node.parentElement : null;
    if (el && hasSkippedAncestor(el)) return true;
    chars += data.length;
    if (chars > maxChars || hits.length >= textBudget) {
      truncated = true;
      return false;
    }
    if (!mayHold || !el || data.trim().length < 3) return true;
    const hasAt = data.includes('@');
    const hasDigits = /\d{2}/.test(data);
    const mayBeField = data.length <= 80 && /[:：]/.test(data);
    if (!hasAt && !hasDigits && !mayBeField) return true;
    // The enclosing link is looked up only for text that may hold a value (most text does not).
    const anchor = hasAt || hasDigits ? el.closest('a') : null;
    const seen = anchor ? linkValues.get(anchor) : undefined;
    const push = (hit: Omit<Hit, 'el' | 'node' | 'via' | 'prefix'>, index: number) => {
      if (seen?.has(hit.value)) return;
      hits.push({ ...hit, el, node, via: 'text', prefix: data.slice(Math.max(0, index - 80), index) });
    };
    if (hasAt) {
      for (const m of data.matchAll(EMAIL_RE)) {
        const value = normalizeEmail(m[0]);
        if (value) push({ kind: 'email', raw: m[0], value }, m.index);
      }
      for (const m of data.matchAll(HANDLE_RE)) {
        const name = m[1]?.toLowerCase();
        if (!name || NOT_HANDLES.has(name) || /^\d+$/.test(name)) continue;
        const fromLink = anchor ? parseProfileUrl(anchor.getAttribute('href') ?? '')?.network : undefined;
        const network = fromLink ?? opts.pageNetwork ?? 'unknown';
        push({ kind: 'handle', raw: m[0], value: `@${name}`, network }, m.index);
      }
    }
    if (hasDigits) {
      for (const m of data.matchAll(phoneRe)) {
        const value = plausiblePhone(m[0]) ? phoneE164Lite(m[0], opts.region) : null;
        if (value) push({ kind: 'phone', raw: m[0].trim(), value }, m.index);
      }
    }
    if (mayBeField && fields.length < MAX_FIELDS) {
      const m = INLINE_FIELD.exec(data);
      if (m?.[1] && m[2]) {
        const field = { label: foldLabel(m[1]), value: m[2], el };
        fields.push(field);
        if (NAME_INLINE_LABEL.test(field.label) && /^[^@\d]{2,60}$/.test(field.value)) nameHints.push({ name: field.value, el });
      }
    }
    return true;
  };
  walkTextOutside(doc, readText, opts.skip);

  for (const input of (body ? (queryOutside(body, VALUE_INPUTS, opts.skip) as HTMLInputElement[]) : []).slice(0, 200)) {
    const value = input.value.trim();
    if (!value || value === input.placeholder.trim() || hasSkippedAncestor(input)) continue;
    const type = input.type.toLowerCase();
    if (type === 'tel') {
      const phone = phoneE164Lite(value, opts.region);
      if (phone) hits.push({ kind: 'phone', raw: value, value: phone, el: input, prefix: '', via: 'input' });
    } else {
      const email = normalizeEmail(value);
      if (email) hits.push({ kind: 'email', raw: value, value: email, el: input, prefix: '', via: 'input' });
      // A text field labelled as a phone ("Tél.", "Mobile") holds one.
      const phone = email ? null : inputLabels(input).some((l) => PHONE_LABEL.test(l)) && phoneE164Lite(value, opts.region);
      if (phone) hits.push({ kind: 'phone', raw: value, value: phone, el: input, prefix: '', via: 'input' });
    }
  }
  return { hits, nameHints, fields, truncated };
}

function linkHits(a: Element, region: string): Hit[] {
  const href = (a.getAttribute('href') ?? '').trim();
  const base = { el: a, prefix: '', via: 'link' as const };
  if (/^mailto:/i.test(href)) {
    const list = href.slice(7).split('?')[0] ?? '';
    return list.split(',').flatMap((part) => {
      const value = normalizeEmail(`mailto:${part}`);
      return value ? [{ ...base, kind: 'email' as const, raw: safeDecode(part).trim(), value }] : [];
    });
  }
  if (/^tel:/i.test(href)) {
    const raw = safeDecode(href.slice(4)).trim();
    const value = phoneE164Lite(raw, region);
    return value ? [{ ...base, kind: 'phone', raw, value }] : [];
  }
  const profile = parseProfileUrl(href);
  return profile ? [{ ...base, kind: 'handle', raw: href, value: profile.handle, network: profile.network }] : [];
}

/** A long unbroken digit run is a reference or barcode unless written with a `+`. */
function plausiblePhone(text: string): boolean {
  const t = text.trim();
  return t.startsWith('+') || /[\s.\-\u00a0()]/.test(t) || t.replace(/\D/g, '').length <= 10;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
