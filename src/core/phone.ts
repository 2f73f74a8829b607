/**
 * Authoritative phone normalisation (E.164) with libphonenumber's min metadata.
 *
 * For the service worker and the hub only: the metadata weighs ~80 KB, too much for a content
 * script that runs on every page (adapters use `phoneE164Lite` from identifiers.ts instead).
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

/** E.164 (`+33612345678`) for a valid number, else null. `00` and `tel:` prefixes are accepted. */
export function normalizePhone(raw: string, defaultRegion = 'FR'): string | null {
  const s = raw.trim().replace(/^tel:/i, '').replace(/^00(?=[1-9])/, '+');
  if (!/\d/.test(s) || s.length > 40) return null;
  const region = /^[A-Z]{2}$/i.test(defaultRegion) ? (defaultRegion.toUpperCase() as CountryCode) : undefined;
  try {
    const parsed = parsePhoneNumberFromString(s, region);
    return parsed?.isValid() ? parsed.number : null;
  } catch {
    // Unknown region codes throw in some versions; treat as unparsable.
    return null;
  }
}
