/**
 * The live check of a draft against the brand guide, in French and English: terms, formality,
 * greeting and sign-off, length, emoji, promotion codes and disclaimers. Runs on every pause in
 * typing (and on every suggestion, through the guard), so it reads the draft once, uses the
 * guide compiled for its version, and stays linear in the draft's length.
 */
import { checkCodes } from './codes';
import { compileGuide } from './compile';
import { checkDisclaimers } from './disclaimers';
import { checkEmoji } from './emoji';
import { checkFormality } from './formality';
import { checkOpeningAndClosing } from './greeting';
import type { DraftContext, DraftIssue, DraftScan } from './issues';
import { checkLength } from './length';
import { checkTerms } from './terms';
import { quotedRanges, tokenize } from './text';

export type { DraftContext, DraftIssue, DraftIssueCode, TextEdit } from './issues';
export { applyEdits, applyFixes } from './edits';

/** Issues in reading order: the greeting first, then by position, then what concerns the whole end. */
function readingOrder(issue: DraftIssue): number {
  if (issue.code === 'missing-greeting') return -1;
  return issue.start ?? Number.MAX_SAFE_INTEGER;
}

export function checkDraft(draft: string, ctx: DraftContext): DraftIssue[] {
  // An empty reply box is not a reply yet: nothing to say about it.
  if (!draft.trim()) return [];
  const guide = compileGuide(ctx.guide, ctx.language);
  const scan: DraftScan = { draft, tokens: tokenize(draft), quoted: quotedRanges(draft), ctx, guide, rule: guide.channel(ctx.channel) };
  // Opening and closing first: the disclaimer fix needs to know where the sign-off is.
  const issues = [
    ...checkOpeningAndClosing(scan),
    ...checkTerms(scan),
    ...checkFormality(scan),
    ...checkCodes(scan),
    ...checkDisclaimers(scan),
    ...checkEmoji(scan),
    ...checkLength(scan),
  ];
  return issues.sort((a, b) => readingOrder(a) - readingOrder(b));
}
