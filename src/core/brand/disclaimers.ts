/**
 * Required disclaimers: when a reply touches a topic (one of its keywords, whole word, "rembours*"
 * as a prefix), the disclaimer's text must be in it. The fix inserts it before the sign-off.
 */
import { contentEnd, issue, type DraftIssue, type DraftScan } from './issues';
import { inRanges } from './text';

export function checkDisclaimers(scan: DraftScan): DraftIssue[] {
  const { draft, tokens } = scan;
  const matches = scan.guide.disclaimers.find(draft, tokens).filter((m) => !inRanges(scan.quoted, m.start));
  if (!matches.length) return [];
  const folded = ` ${tokens.map((t) => t.folded).join(' ')} `;
  const issues: DraftIssue[] = [];
  const seen = new Set<string>();
  for (const m of matches) {
    const { disclaimer, folded: wanted } = m.value;
    if (seen.has(wanted)) continue;
    seen.add(wanted);
    if (folded.includes(` ${wanted} `)) continue;
    const at = scan.signOffAt;
    const end = contentEnd(draft);
    const fix = at !== undefined && at > 0 ? { start: at, end: at, text: `${disclaimer.text}\n\n` } : { start: end, end, text: `\n\n${disclaimer.text}` };
    issues.push(issue('missing-disclaimer', 'error', 'draftMissingDisclaimer', { topic: disclaimer.topic, text: disclaimer.text }, m, [fix]));
  }
  return issues;
}
