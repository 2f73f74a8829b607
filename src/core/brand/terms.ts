/**
 * Banned and preferred terms, with fixes that keep the draft grammatical: the original's
 * capitalisation, French elision ("l'erreur" → "le souci", "le souci" → "l'incident") and the
 * English article ("a issue" never happens: "a problem" → "an incident").
 */
import type { CompiledTerm } from './compile';
import { issue, type DraftIssue, type DraftScan, type TextEdit } from './issues';
import type { PhraseMatch } from './phrases';
import { inRanges, isApostrophe, joinsPhrase, matchCase, startsWithVowel, type Token } from './text';

/** Elided French words and their full form before a consonant. */
const UNELIDED: Record<string, string> = {
  d: 'de',
  j: 'je',
  m: 'me',
  t: 'te',
  s: 'se',
  n: 'ne',
  qu: 'que',
  c: 'ce',
  jusqu: 'jusque',
  lorsqu: 'lorsque',
  puisqu: 'puisque',
};
/** French words elided before a vowel. */
const ELIDED: Record<string, string> = { le: "l'", la: "l'", de: "d'", je: "j'", me: "m'", te: "t'", se: "s'", ne: "n'", que: "qu'", du: "de l'", au: "à l'" };

const startsWithH = (word: string) => /^h/i.test(word.trim());

function pluralise(replacement: string): string | undefined {
  if (/\s/.test(replacement.trim())) return undefined;
  if (/[sxz]$/i.test(replacement)) return replacement;
  return /(au|eu)$/i.test(replacement) ? `${replacement}x` : `${replacement}s`;
}

/**
 * Removes a word and the punctuation it leaves behind: "It is, unfortunately, late" → "It is
 * late"; "Perdu, malheureusement." → "Perdu."; "Unfortunately, it shipped" → "It shipped".
 */
function removal(draft: string, start: number, end: number): TextEdit {
  const commaBefore = /,[ \t]*$/.exec(draft.slice(Math.max(0, start - 10), start));
  const after = draft.charAt(end);
  if (commaBefore && (after === ',' || /^[.!?;:)\n]?$/.test(after))) return { start: start - commaBefore[0].length, end: after === ',' ? end + 1 : end, text: '' };
  const trail = /^,?[ \t]+/.exec(draft.slice(end, end + 10))?.[0];
  if (trail) {
    const next = draft.charAt(end + trail.length);
    const opensSentence = /[\p{Lu}]/u.test(draft.charAt(start)) && /(^|[.!?\n][ \t]*)$/.test(draft.slice(Math.max(0, start - 3), start));
    // The next word now opens the sentence: it takes the capital.
    if (opensSentence && /\p{Ll}/u.test(next)) return { start, end: end + trail.length + 1, text: next.toUpperCase() };
    return { start, end: end + trail.length, text: '' };
  }
  return /[ \t]/.test(draft.charAt(start - 1)) ? { start: start - 1, end, text: '' } : { start, end, text: '' };
}

/** The edit that replaces the match, reaching back over the word before it when grammar needs it. */
function replacementEdit(scan: DraftScan, tokens: readonly Token[], m: PhraseMatch<CompiledTerm>): TextEdit | undefined {
  const { draft } = scan;
  const rule = m.value.rule;
  const original = draft.slice(m.start, m.end);
  const prev = tokens[m.first - 1];
  const elided = prev !== undefined && isApostrophe(draft, prev.end, m.start);
  if (!rule.replacement) return elided ? undefined : removal(draft, m.start, m.end);
  const wording = m.plural ? pluralise(rule.replacement) : rule.replacement;
  if (wording === undefined) return undefined;
  const text = matchCase(original, wording);
  if (!prev || startsWithH(wording)) return { start: m.start, end: m.end, text };
  const vowel = startsWithVowel(wording);
  const casing = (word: string) => matchCase(draft.slice(prev.start, m.end), word);
  if (scan.ctx.language === 'fr') {
    if (elided && !vowel) {
      const full = prev.folded === 'l' ? (rule.gender ? (rule.gender === 'feminine' ? 'la' : 'le') : undefined) : UNELIDED[prev.folded];
      return full ? { start: prev.start, end: m.end, text: `${casing(full)} ${text}` } : undefined;
    }
    const contracted = ELIDED[prev.folded];
    if (!elided && vowel && contracted && joinsPhrase(draft, prev.end, m.start)) {
      const apostrophe = draft.includes('’') ? '’' : "'";
      return { start: prev.start, end: m.end, text: casing(contracted.replace("'", apostrophe)) + text };
    }
  } else if (!elided && (prev.folded === 'a' || prev.folded === 'an') && joinsPhrase(draft, prev.end, m.start)) {
    return { start: prev.start, end: m.end, text: `${casing(vowel ? 'an' : 'a')} ${text}` };
  }
  return { start: m.start, end: m.end, text };
}

export function checkTerms(scan: DraftScan): DraftIssue[] {
  const issues: DraftIssue[] = [];
  for (const m of scan.guide.terms.find(scan.draft, scan.tokens)) {
    if (inRanges(scan.quoted, m.start)) continue;
    const { rule, kind } = m.value;
    const fix = replacementEdit(scan, scan.tokens, m);
    const params: Record<string, string> = { term: scan.draft.slice(m.start, m.end), replacement: rule.replacement, ...(rule.note ? { note: rule.note } : {}) };
    if (kind === 'banned') {
      issues.push(issue('banned-term', 'error', rule.replacement ? 'draftBannedTerm' : 'draftBannedTermRemove', params, m, fix && [fix]));
    } else {
      issues.push(issue('preferred-term', 'warning', 'draftPreferredTerm', params, m, fix && [fix]));
    }
  }
  return issues;
}
