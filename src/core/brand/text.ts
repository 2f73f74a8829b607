/**
 * Word-level text helpers for the draft check: tokens keep their offsets in the draft (UTF-16),
 * so every match can become a precise edit, and are folded (case, accents, ligatures, typographic
 * apostrophes) once, through a cache, so checking stays linear on every keystroke.
 */

export interface Token {
  /** As written in the draft. */
  raw: string;
  /** Lower case, no accents, œ → oe. */
  folded: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;
const foldCache = new Map<string, string>();

/** Lower case without accents; "Cœur" → "coeur", "L’" → "l'". */
export function foldWord(word: string): string {
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = word
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/œ/g, 'oe')
      .replace(/æ/g, 'ae')
      .replace(/[’‘ʼ`´]/g, "'");
    // Drafts are short but unbounded over a session: keep the cache from growing forever.
    if (foldCache.size > 20_000) foldCache.clear();
    foldCache.set(word, folded);
  }
  return folded;
}

/** Folded words of a short phrase (a term, a keyword, a greeting), without offsets. */
export function foldedWords(phrase: string): string[] {
  return (phrase.match(WORD) ?? []).map(foldWord);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    tokens.push({ raw: m[0], folded: foldWord(m[0]), start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

/** What separates two tokens is only spaces, apostrophes or hyphens (same phrase, same sentence). */
export function joinsPhrase(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // space, tab, nbsp, narrow nbsp, ' ’ -
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0x202f && c !== 39 && c !== 0x2019 && c !== 45) return false;
  }
  return to > from;
}

export function isApostrophe(text: string, from: number, to: number): boolean {
  const gap = text.slice(from, to);
  return gap === "'" || gap === '’';
}

/** Gives `replacement` the capitalisation of `original`: "PROBLÈME" → "SOUCI", "Problème" → "Souci". */
export function matchCase(original: string, replacement: string): string {
  const letters = original.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) {
    return replacement.toUpperCase();
  }
  const first = letters[0];
  if (first && first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** Starts with a vowel sound for elision ("incident", "avis"); "h" is left alone (muet or aspiré). */
export function startsWithVowel(word: string): boolean {
  return /^[aeiouy]/.test(foldWord(word.trimStart().slice(0, 2)));
}

/** Start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Lines quoted from an earlier message ("> …") are the customer's words, not the agent's. */
export function quotedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (!text.includes('>')) return ranges;
  for (const m of text.matchAll(/^[ \t]*>.*$/gm)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

export function inRanges(ranges: ReadonlyArray<readonly [number, number]>, offset: number): boolean {
  for (const [a, b] of ranges) if (offset >= a && offset < b) return true;
  return false;
}
