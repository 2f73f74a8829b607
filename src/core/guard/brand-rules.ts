/**
 * Brand rules on a suggestion, through the draft check the reply box uses (`checkDraft`): the
 * safe fixes are applied (a banned term replaced or removed, an emoji the channel never takes
 * removed, a required disclaimer added, a reply too long for the channel trimmed at a sentence
 * end); any error left after that (formality, an unknown or ineligible code…) withholds it.
 */
import { applyFixes, checkDraft, type DraftIssue, type DraftIssueCode } from '../brand/check-draft';
import { measureLength } from '../brand/length';
import type { BrandChannel, BrandGuide, CustomerFacts, Language, Promotion } from '../brand/model';

export interface BrandFinding {
  code: DraftIssueCode;
  key: string;
  params: Record<string, string | number>;
}

export interface BrandOutcome {
  text: string;
  fixed: BrandFinding[];
  errors: BrandFinding[];
}

export interface BrandScope {
  guide?: BrandGuide;
  channel: BrandChannel;
  language: Language;
  promotions: readonly Promotion[];
  customer: CustomerFacts;
  now: number;
}

const SAFE_FIXES = new Set<DraftIssueCode>(['banned-term', 'emoji', 'missing-disclaimer']);
const finding = (i: DraftIssue): BrandFinding => ({ code: i.code, key: i.message.key, params: i.message.params });

export function checkBrand(text: string, scope: BrandScope): BrandOutcome {
  const { guide } = scope;
  if (!guide) return { text, fixed: [], errors: [] };
  const ctx = { guide, channel: scope.channel, language: scope.language, promotions: scope.promotions, customer: scope.customer, now: scope.now };
  const fixed: BrandFinding[] = [];
  const issues = checkDraft(text, ctx);
  const safe = issues.filter((i) => i.severity === 'error' && SAFE_FIXES.has(i.code) && i.fix);
  let out = safe.length ? applyFixes(text, safe) : { text, applied: [] as DraftIssue[] };
  fixed.push(...out.applied.map(finding));
  const tooLong = issues.find((i) => i.code === 'too-long');
  const max = Number(tooLong?.message.params.max);
  if (tooLong && max > 0) {
    const trimmed = trimTo(out.text, (t) => measureLength(t, scope.channel).length <= max);
    if (trimmed) {
      out = { ...out, text: trimmed };
      fixed.push(finding(tooLong));
    }
  }
  const errors = checkDraft(out.text, ctx).filter((i) => i.severity === 'error').map(finding);
  return { text: out.text, fixed, errors };
}

/** Whole sentences while they fit; empty when not even the first one does. */
function trimTo(text: string, fits: (text: string) => boolean): string {
  let best = '';
  for (const m of text.matchAll(/[.!?…](?=\s|$)/g)) {
    const candidate = text.slice(0, m.index + 1).trim();
    if (!fits(candidate)) break;
    best = candidate;
  }
  return best;
}
