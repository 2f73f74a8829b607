/**
 * Authoritative phone normalisation (E.164) with libphonenumber's min metadata.
 *
 * For the service worker and the hub only: the metadata weighs ~80 KB, too much for a content
 * script that runs on every page (adapters use `phoneE164Lite` from identifiers.ts instead).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export interface ParsedPhone {
  /** `+33612345678`. */
  e164: string;
  /** Extension digits (`poste 12`, `ext. 12`, `;ext=12`), which are not part of the number. */
  extension?: string;
  /** ISO 3166 region the number belongs to, when the metadata says. */
  region?: string;
}

// Labels people type in front of numbers in signatures and CRM fields.
const LABEL = /^(?:t[ée]l[ée]?phone|t[ée]l|mobile|portable|port|phone|ph|cell|fixe|gsm|whatsapp|wa)\.?\s*[:：]?\s*/i;
// Extensions at the end: "poste 12", "ext. 12", "x12", "#12"; RFC 3966 `;ext=12` in tel: links.
const EXTENSION = /(?:\s*[,;]?\s*(?:ext(?:ension)?\.?|poste|p\.|x|#)\s*|;ext=)(\d{1,6})\s*$/i;

/** E.164 and extension for a valid number, else null. `00`, `tel:` and `(0)` forms are accepted. */
export function parsePhone(raw: string, defaultRegion = 'FR'): ParsedPhone | null {
  let s = raw.normalize('NFKC').trim().replace(/^(?:tel|callto):/i, '').replace(LABEL, '');
  let extension: string | undefined;
  const ext = EXTENSION.exec(s);
  if (ext) {
    extension = ext[1];
    s = s.slice(0, ext.index);
  }
  // Other tel: parameters (`;phone-context=…`) say nothing about the number itself.
  s = s.replace(/;.*$/, '').trim().replace(/^00\s*(?=[1-9])/, '+');
  // Letters left over mean this is not (only) a number: "order 0612345678", "1-800-FLOWERS".
  if (!/\d/.test(s) || s.length > 40 || /\p{L}/u.test(s)) return null;
  const region = /^[A-Z]{2}$/i.test(defaultRegion) ? (defaultRegion.toUpperCase() as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(s, region);
    if (!parsed?.isValid()) return null;
    const result: ParsedPhone = { e164: parsed.number };
    if (extension ?? parsed.ext) result.extension = extension ?? parsed.ext;
    if (parsed.country) result.region = parsed.country;
    return result;
  } catch {
    // Unknown region codes throw in some versions; treat as unparsable.
    return null;
  }
}

/** E.164 (`+33612345678`) for a valid number, else null. `00` and `tel:` prefixes are accepted. */
export function normalizePhone(raw: string, defaultRegion = 'FR'): string | null {
  return parsePhone(raw, defaultRegion)?.e164 ?? null;
}
