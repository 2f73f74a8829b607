/**
 * Whole-word search and replace without building a RegExp per word: a Unicode-aware RegExp
 * costs about a millisecond to compile, and the guard and the index look for names and codes
 * thousands of times.
 */
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** `extra`: characters that also glue words together (".@_+-" keeps e-mails and handles whole). */
function isGlued(c: string | undefined, extra: string): boolean {
  return c !== undefined && (WORD_CHAR.test(c) || extra.includes(c));
}

/** Start offsets of `word` in `text` as a whole word, ignoring case. */
export function wordOffsets(text: string, word: string, extra = ''): number[] {
  const offsets: number[] = [];
  const needle = word.toLowerCase();
  if (!needle) return offsets;
  const haystack = text.toLowerCase();
  // Lower-casing keeps offsets for the scripts names and codes use; bail out if it did not.
  if (haystack.length !== text.length) return offsets;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    const after = text[i + needle.length];
    // A full stop ends a sentence unless a letter follows it (an e-mail's domain).
    const gluedAfter = isGlued(after, extra.replace('.', '')) || (after === '.' && extra.includes('.') && isGlued(text[i + needle.length + 1], ''));
    if (!isGlued(text[i - 1], extra) && !gluedAfter) offsets.push(i);
  }
  return offsets;
}

export function containsWord(text: string, word: string, extra = ''): boolean {
  return wordOffsets(text, word, extra).length > 0;
}

export function replaceWord(text: string, word: string, replacement: string, extra = ''): string {
  const offsets = wordOffsets(text, word, extra);
  let out = '';
  let at = 0;
  for (const i of offsets) {
    out += text.slice(at, i) + replacement;
    at = i + word.length;
  }
  return out + text.slice(at);
}
