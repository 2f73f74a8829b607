/**
 * Display names and cities: weak identifiers that only ever suggest a merge. Their matching form
 * is folded (case, accents, punctuation) so "DUPONT Marie" and "Marie Dupont" compare equal.
 */
import { foldText } from '../identifiers';

export interface ParsedWords {
  /** Trimmed, single-spaced, as written. */
  display: string;
  /** Folded words, sorted: `dupont marie`. */
  match: string;
  /** How many words the match holds (a lone first name is weaker than a full name). */
  words: number;
}

const TITLES = new Set(['m', 'mr', 'mrs', 'ms', 'miss', 'mme', 'mlle', 'mx', 'dr', 'pr', 'monsieur', 'madame', 'mademoiselle', 'me', 'sir']);

/** A person's name, or null for text that is not one (an address, a number, a sentence). */
export function parsePersonName(raw: string): ParsedWords | null {
  // "Marie Dupont <marie@x.fr>" / "Marie Dupont (Acme)": the name is what comes first.
  const display = (raw.normalize('NFC').split(/[<([]/)[0] ?? '').replace(/^["'“«\s]+|["'”»\s,;]+$/g, '').replace(/\s+/g, ' ');
  if (display.length < 2 || display.length > 80 || /[@:/\\]|\d{2,}/.test(display)) return null;
  const words = foldText(display)
    .replace(/[^\p{L}\p{N}\s'-]/gu, ' ')
    .split(/[\s'-]+/)
    .filter((word) => word && !TITLES.has(word.replace(/\.$/, '')));
  if (!words.length || words.length > 6 || words.join('').replace(/\P{L}/gu, '').length < 2) return null;
  return { display, match: words.sort().join(' '), words: words.length };
}

const CITY_ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', mt: 'mont' };

/** A city as written in an address field: postal codes, CEDEX and arrondissements are dropped. */
export function parseCity(raw: string): ParsedWords | null {
  const display = raw.normalize('NFC').trim().replace(/\s+/g, ' ');
  const words = foldText(display)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(' ')
    .filter((word) => word && word !== 'cedex' && !/^\d+(?:e|er|eme|th|st|nd|rd)?$/.test(word))
    .map((word) => CITY_ABBREVIATIONS[word] ?? word);
  if (!words.length || display.length > 80 || words.join('').length < 2) return null;
  // Word order matters in place names ("Saint-Denis" is not "Denis Saint").
  return { display, match: words.join(' '), words: words.length };
}
