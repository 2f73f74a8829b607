/**
 * French formality: `vous` or `tu`, as the guide says. Only confident hits are reported (pronouns
 * and possessives as whole words; "tu" inside "statut" or a customer called Tu is not one), and
 * only simple cases are fixed: object pronouns and possessives, and "tu" before a verb form we
 * can conjugate with certainty. Imperatives ("dis-moi") are flagged, never rewritten.
 */
import { issue, type DraftIssue, type DraftScan, type TextEdit } from './issues';
import { inRanges, isApostrophe, matchCase, type Token } from './text';

/** "tu X" → "vous Y" for common irregular verbs. */
const IRREGULAR: Record<string, string> = {
  es: 'êtes',
  as: 'avez',
  peux: 'pouvez',
  veux: 'voulez',
  dois: 'devez',
  vas: 'allez',
  fais: 'faites',
  sais: 'savez',
  dis: 'dites',
  vois: 'voyez',
  viens: 'venez',
  prends: 'prenez',
  mets: 'mettez',
  recois: 'recevez',
};
/** Words ending like verbs that are not ("tu les", "tu mes"): never conjugated. */
const NOT_VERBS = new Set(['les', 'des', 'mes', 'tes', 'ses', 'ces', 'nos', 'vos', 'mais', 'jamais', 'frais']);

/** Determiners before "ton" the noun ("sur un ton cordial"), where it is no possessive. */
const BEFORE_TON_NOUN = new Set(['le', 'un', 'du', 'au', 'ce', 'cet', 'mon', 'son', 'notre', 'votre', 'leur', 'quel', 'bon', 'meme', 'ton', 'de', 'l']);

/** The verb after "tu" in the `vous` form, when the ending makes it certain. */
function conjugate(verb: Token): string | undefined {
  const f = verb.folded;
  if (NOT_VERBS.has(f)) return undefined;
  const irregular = IRREGULAR[f];
  if (irregular) return matchCase(verb.raw, irregular);
  const raw = verb.raw;
  // Future (-ras), conditional (-rais, but not "parais"), first-group present (-es). Other endings
  // ("connais", "finis") have irregular vous forms: no fix.
  if (f.length >= 5 && f.endsWith('ras')) return raw.slice(0, -3) + matchCase(raw.slice(-3), 'rez');
  if (f.length >= 6 && f.endsWith('rais') && !f.endsWith('arais')) return raw.slice(0, -4) + matchCase(raw.slice(-4), 'riez');
  if (f.length >= 5 && f.endsWith('es')) return raw.slice(0, -2) + matchCase(raw.slice(-2), 'ez');
  return undefined;
}

function atSentenceStart(draft: string, offset: number): boolean {
  const before = draft.slice(Math.max(0, offset - 40), offset).replace(/[ \t\u00a0"«“(]+$/, '');
  return offset < 40 ? /(^|[.!?:\n])$/.test(before) : /[.!?:\n]$/.test(before);
}

function isCustomerName(scan: DraftScan, token: Token): boolean {
  const c = scan.ctx.customer;
  return [c?.firstName, c?.lastName].some((n) => n !== undefined && n.trim().toLowerCase() === token.folded);
}

/** `tu` where the brand says `vous`. */
function tuHits(scan: DraftScan): DraftIssue[] {
  const { draft, tokens } = scan;
  const issues: DraftIssue[] = [];
  const report = (token: Token, severity: DraftIssue['severity'], fix?: TextEdit, end = token.end) =>
    issues.push(issue('formality', severity, 'draftFormalityVous', { word: draft.slice(token.start, end) }, { start: token.start, end }, fix && [fix]));
  tokens.forEach((token, i) => {
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    const hyphenBefore = draft.charAt(token.start - 1) === '-';
    switch (token.folded) {
      case 'tu': {
        // "Bonjour Tu," is a name; "Tu" opening a sentence is the pronoun.
        if (isCustomerName(scan, token) || (token.raw === 'Tu' && !atSentenceStart(draft, token.start))) return;
        // "il s'est tu": the past participle of se taire.
        if (prev && ['est', 'sont', 'etait'].includes(prev.folded)) return;
        const verb = next && /^\s+$/.test(draft.slice(token.end, next.start)) ? conjugate(next) : undefined;
        const fix = verb && next ? { start: token.start, end: next.end, text: `${matchCase(token.raw, 'vous')}${draft.slice(token.end, next.start)}${verb}` } : undefined;
        return report(token, 'error', fix);
      }
      case 'toi':
        return report(token, hyphenBefore ? 'warning' : 'error', hyphenBefore ? undefined : { start: token.start, end: token.end, text: matchCase(token.raw, 'vous') });
      case 'te':
        return report(token, 'error', { start: token.start, end: token.end, text: matchCase(token.raw, 'vous') });
      case 't':
        // "je t'envoie" → "je vous envoie"; "va-t'en" stays as it is.
        if (!next || !isApostrophe(draft, token.end, next.start) || hyphenBefore) return;
        return report(token, 'error', { start: token.start, end: next.start, text: `${matchCase(token.raw, 'vous')} ` }, next.start);
      case 'ton':
        if (prev && BEFORE_TON_NOUN.has(prev.folded)) return;
        return report(token, 'error', { start: token.start, end: token.end, text: matchCase(token.raw, 'votre') });
      case 'ta':
        return report(token, 'error', { start: token.start, end: token.end, text: matchCase(token.raw, 'votre') });
      case 'tes':
        if (prev && isApostrophe(draft, prev.end, token.start)) return;
        return report(token, 'error', { start: token.start, end: token.end, text: matchCase(token.raw, 'vos') });
      case 'moi':
        // Second-person imperative before "-moi" ("dis-moi", "écris-moi"); "-ez" is the vous form.
        if (prev && hyphenBefore && prev.end === token.start - 1 && prev.folded.length >= 2 && !/(ez|ons)$/.test(prev.folded) && !['chez', 'toi', 'vous', 'nous'].includes(prev.folded)) {
          issues.push(issue('formality', 'warning', 'draftFormalityVous', { word: draft.slice(prev.start, token.end) }, { start: prev.start, end: token.end }));
        }
        return;
    }
  });
  return issues;
}

/** `vous` where the brand says `tu`: less certain (a couple, a team), so warnings, and only "vos" is fixed. */
function vousHits(scan: DraftScan): DraftIssue[] {
  const issues: DraftIssue[] = [];
  for (const token of scan.tokens) {
    if (token.folded !== 'vous' && token.folded !== 'votre' && token.folded !== 'vos') continue;
    const fix = token.folded === 'vos' ? [{ start: token.start, end: token.end, text: matchCase(token.raw, 'tes') }] : undefined;
    issues.push(issue('formality', 'warning', 'draftFormalityTu', { word: token.raw }, token, fix));
  }
  return issues;
}

export function checkFormality(scan: DraftScan): DraftIssue[] {
  if (scan.ctx.language !== 'fr') return [];
  const hits = scan.ctx.guide.formality === 'tu' ? vousHits(scan) : tuHits(scan);
  return hits.filter((h) => h.start === undefined || !inRanges(scan.quoted, h.start));
}
