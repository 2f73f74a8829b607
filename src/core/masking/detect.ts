/**
 * Finds personal data in free text: e-mail addresses, phone numbers, IBANs, payment cards and
 * postal addresses. DOM-free, shared by masking (before text leaves the browser) and the guard
 * (personal data in a public reply). Over-matching is preferred to missing: a masked order
 * number costs little, a leaked card costs a lot.
 */
import { parsePhone } from '../phone';
import { ibanValid, IBAN_LENGTHS, luhnValid } from './checksums';

export type EntityKind = 'email' | 'phone' | 'iban' | 'card' | 'address';
export const ENTITY_KINDS: readonly EntityKind[] = ['email', 'phone', 'iban', 'card', 'address'];

export interface Entity {
  kind: EntityKind;
  start: number;
  end: number;
  /** As written in the text. */
  value: string;
  /** One value written several ways has one key (lower-case e-mail, E.164, compact IBAN, digits). */
  key: string;
}

export interface DetectOptions {
  /** Region for phone numbers without a country code. */
  defaultRegion?: string;
}

const EMAIL = /(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:\p{L}{2,24}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}])/gu;
const IBAN = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,34}/g;
// Digits in groups separated by one space, dash or dot: cards are written 4-4-4-4, 4-6-5 or bare.
const DIGIT_RUN = /(?<![\p{L}\p{N}])\d+(?:[ .\u00a0-]\d+)*(?![\p{L}\p{N}])/gu;
// Phones also use brackets and slashes: "+33 (0)6 12…", "(415) 555-0134", "06/12/34/56/78".
const PHONE_RUN = /(?<![\p{L}\p{N}+])(?:\+|\(\+?)?\d[\d \u00a0.\-()/]{5,24}\d(?![\p{N}])/gu;

const CARD_LENGTHS = [16, 15, 14, 19, 13, 17, 18];

/** Every entity in `text`, in order, never overlapping (cards and IBANs win over phones). */
export function findEntities(text: string, options: DetectOptions = {}): Entity[] {
  const found: Entity[] = [];
  const taken = (start: number, end: number) => found.some((e) => start < e.end && end > e.start);
  const add = (entity: Entity) => {
    if (!taken(entity.start, entity.end)) found.push(entity);
  };
  // Most messages hold no "@" and few digits: skip the detectors that cannot match.
  if (text.includes('@')) {
    for (const m of text.matchAll(EMAIL)) add({ kind: 'email', start: m.index, end: m.index + m[0].length, value: m[0], key: m[0].toLowerCase() });
  }
  const digits = countDigits(text, 8);
  if (digits >= 8) {
    for (const entity of findIbans(text)) add(entity);
    for (const entity of findCards(text)) add(entity);
    for (const entity of findPhones(text, options.defaultRegion ?? 'FR')) add(entity);
  }
  if (digits > 0) for (const entity of findAddresses(text)) add(entity);
  return found.sort((a, b) => a.start - b.start);
}

/** Digits in `text`, counting no further than `enough`. */
function countDigits(text: string, enough: number): number {
  let n = 0;
  for (let i = 0; i < text.length && n < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
}

function findIbans(text: string): Entity[] {
  const result: Entity[] = [];
  for (const m of text.matchAll(IBAN)) {
    // The candidate may run into following words; keep the longest prefix with a valid checksum.
    const positions: number[] = [];
    for (let i = 0; i < m[0].length; i++) if (m[0][i] !== ' ') positions.push(i);
    const compact = m[0].replace(/ /g, '').toUpperCase();
    const known = IBAN_LENGTHS[compact.slice(0, 2)];
    const lengths = known ? [known] : Array.from({ length: 20 }, (_, i) => 34 - i);
    for (const length of lengths) {
      if (length > compact.length || !ibanValid(compact.slice(0, length))) continue;
      const end = m.index + (positions[length - 1] ?? 0) + 1;
      result.push({ kind: 'iban', start: m.index, end, value: text.slice(m.index, end), key: compact.slice(0, length) });
      break;
    }
  }
  return result;
}

interface Group {
  start: number;
  end: number;
  digits: string;
}

function groupsOf(run: string, offset: number): Group[] {
  const groups: Group[] = [];
  for (const g of run.matchAll(/\d+/g)) groups.push({ start: offset + g.index, end: offset + g.index + g[0].length, digits: g[0] });
  return groups;
}

function findCards(text: string): Entity[] {
  const result: Entity[] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    // "+33 6 12…" and "0033 6…" are phone numbers; no card number starts with 0.
    if (m[0].startsWith('0') || /\+\(?$/.test(text.slice(Math.max(0, m.index - 2), m.index))) continue;
    const groups = groupsOf(m[0], m.index);
    let i = 0;
    while (i < groups.length) {
      const card = cardAt(groups, i);
      if (card) {
        const first = groups[i]!;
        const last = groups[card.last]!;
        result.push({ kind: 'card', start: first.start, end: last.end, value: text.slice(first.start, last.end), key: card.digits });
        i = card.last + 1;
      } else i++;
    }
  }
  return result;
}

/** The card made of groups[i..last], preferring the usual lengths. */
function cardAt(groups: Group[], i: number): { last: number; digits: string } | null {
  const options = new Map<number, { last: number; digits: string }>();
  let digits = '';
  for (let j = i; j < groups.length && digits.length < 19; j++) {
    digits += groups[j]!.digits;
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) options.set(digits.length, { last: j, digits });
  }
  // A number that fills its whole run is that card ("…-563" is not left behind a 16-digit prefix).
  const whole = [...options.values()].find((o) => o.last === groups.length - 1);
  if (whole) return whole;
  for (const length of CARD_LENGTHS) {
    const option = options.get(length);
    if (option) return option;
  }
  return null;
}

/**
 * E.164 for a valid number; for an international number the metadata does not know (a new
 * range, a fictional one) `+` and its digits, since it is still someone's number.
 */
export function phoneKey(raw: string, region = 'FR'): string | null {
  const parsed = parsePhone(raw, region);
  if (parsed) return parsed.e164;
  const digits = raw.replace(/\D/g, '');
  return /^\(?(?:\+|00)/.test(raw.trim()) && digits.length >= 9 && digits.length <= 17 ? `+${digits.replace(/^00/, '')}` : null;
}

function findPhones(text: string, region: string): Entity[] {
  const result: Entity[] = [];
  for (const m of text.matchAll(PHONE_RUN)) {
    const groups = groupsOf(m[0], m.index);
    let i = 0;
    while (i < groups.length) {
      const phone = phoneAt(text, groups, i, region, m.index);
      if (phone) {
        result.push(phone.entity);
        i = phone.last + 1;
      } else i++;
    }
  }
  return result;
}

/** The longest valid number starting at groups[i] (a leading "+" or "(" kept with it). */
function phoneAt(text: string, groups: Group[], i: number, region: string, runStart: number): { entity: Entity; last: number } | null {
  let start = groups[i]!.start;
  // "+33 …" and "(+33) …", "(415) …": the sign or bracket just before the first digit belongs to it.
  while (start > runStart && /[+(]/.test(text[start - 1]!)) start--;
  for (let j = Math.min(groups.length - 1, i + 7); j >= i; j--) {
    const end = groups[j]!.end;
    const digitCount = groups.slice(i, j + 1).reduce((n, g) => n + g.digits.length, 0);
    if (digitCount < 8 || digitCount > 15) continue;
    const raw = text.slice(start, end);
    const key = phoneKey(raw, region);
    if (key) return { entity: { kind: 'phone', start, end, value: raw, key }, last: j };
  }
  return null;
}

const FR_STREET =
  /(?<![\p{L}\p{N}])\d{1,4}(?: ?(?:bis|ter|[A-D])\b)?,? (?:rue|avenue|av\.?|boulevard|bd|place|pl\.|chemin|all[ée]e|impasse|quai|route|cours|square|passage|voie|r[ée]sidence|lieu-dit|faubourg|fbg|sentier|hameau|cit[ée]|parvis|esplanade|promenade|rond-point|villa|domaine|lotissement)(?![\p{L}])/giu;
const EN_STREET =
  /(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?,? (?:[\p{Lu}\d][\p{L}\d'’-]* ){1,4}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl|Square|Sq|Terrace|Close|Crescent|Gardens|Grove|Row|Mews|Parkway|Highway|Hwy)\b\.?/gu;
const CONNECTORS = new Set(['de', 'du', 'des', 'la', 'le', 'les', "l'", "d'", 'l’', 'd’', 'aux', 'au', 'sur', 'sous', 'en', 'saint', 'sainte', 'st', 'ste']);
// What may follow a street: "…, 75011 Paris", "… 69003 Lyon Cedex 03", "…, London SW1A 1AA", "…, Springfield, IL 62704".
const FR_TAIL = /^,? ?\d{5} \p{Lu}[\p{L}'’-]*(?:[ -]\p{Lu}[\p{L}'’-]*)*(?: (?:CEDEX|Cedex|cedex)(?: \d{1,2})?)?/u;
const EN_TAIL = /^(?:,? (?:Apt|Apartment|Suite|Flat|Unit)\.? ?[\w-]+)?(?:,? \p{Lu}\p{Ll}[\p{L}'-]*(?: \p{Lu}\p{Ll}[\p{L}'-]*)?)?(?:,? (?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]{2} \d{5}(?:-\d{4})?))?/u;

function findAddresses(text: string): Entity[] {
  const result: Entity[] = [];
  const push = (start: number, end: number) => {
    const value = text.slice(start, end);
    result.push({ kind: 'address', start, end, value, key: value.toLowerCase().replace(/[\s,]+/g, ' ') });
  };
  for (const m of text.matchAll(FR_STREET)) {
    let end = m.index + m[0].length;
    // The street's name: capitalised words and connectors ("de la Paix"), or one lower-case word.
    const word = /\s+([\p{L}'’-]+)/uy;
    word.lastIndex = end;
    let named = 0;
    for (let w = word.exec(text); w; w = word.exec(text)) {
      const capital = /^\p{Lu}/u.test(w[1]!);
      const connector = CONNECTORS.has(w[1]!.toLowerCase());
      if (!capital && !connector && (named > 0 || !/^\p{L}{3,}$/u.test(w[1]!))) break;
      end = word.lastIndex;
      if (!connector) named++;
      if (named >= 6 || (!capital && !connector)) break;
    }
    if (named === 0) continue;
    const tail = FR_TAIL.exec(text.slice(end));
    if (tail) end += tail[0].length;
    push(m.index, end);
  }
  for (const m of text.matchAll(EN_STREET)) {
    let end = m.index + m[0].length;
    const tail = EN_TAIL.exec(text.slice(end));
    if (tail) end += tail[0].length;
    push(m.index, end);
  }
  return result;
}
