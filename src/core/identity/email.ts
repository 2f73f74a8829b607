/**
 * E-mail addresses as people paste them: `mailto:` links, `Name <address>`, trailing punctuation
 * from a sentence, full-width characters, internationalised domains.
 */
import { emailMatchKey, normalizeEmail, stripMailto } from '../identifiers';

export interface ParsedEmail {
  /** Lower case, `+tag` kept, domain as written (Unicode for IDN): what the agent reads. */
  address: string;
  /** `+tag` dropped, Gmail dots dropped, domain in ASCII: what matching compares. */
  matchKey: string;
}

// "E-mail : …" labels copied with the address from a CRM field.
const LABEL = /^(?:e-?mail|courriel|mail|adresse(?: e-?mail)?)\s*[:：]\s*/i;
// Wrappers and sentence punctuation around an address copied from text.
const LEADING = /^[\s"'`«“‘(<[{]+/u;
const TRAILING = /[\s"'`»”’)>\]}.,;:!?…]+$/u;

export function parseEmail(raw: string): ParsedEmail | null {
  let s = stripMailto(raw.normalize('NFKC').trim().replace(LABEL, ''));
  if (s === null) return null;
  // "Marie Dupont <marie@x.fr>": the part in angle brackets is the address.
  const angled = /<([^<>]+@[^<>]+)>/.exec(s);
  if (angled?.[1]) s = angled[1];
  s = s.replace(LEADING, '').replace(TRAILING, '').toLowerCase();
  const at = s.lastIndexOf('@');
  if (at <= 0) return null;
  const local = s.slice(0, at);
  const domain = s.slice(at + 1);
  const ascii = asciiDomain(domain);
  if (!ascii) return null;
  const valid = normalizeEmail(`${local}@${ascii}`);
  const matchKey = valid ? emailMatchKey(valid) : null;
  return valid && matchKey ? { address: `${local}@${domain}`, matchKey } : null;
}

/** Punycode form of a domain (URL does IDNA in every runtime we target), or null. */
function asciiDomain(domain: string): string | null {
  if (/^[a-z0-9.-]+$/.test(domain)) return domain;
  if (!/^[\p{L}\p{N}.-]+$/u.test(domain)) return null;
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return null;
  }
}
