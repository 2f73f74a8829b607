/**
 * Opening and closing a reply as the brand does on the channel: the guide's greeting and sign-off
 * (which may use template variables: "Bonjour {{customer.firstName}},"), and whether the customer
 * is called by first name.
 */
import { parseBody } from '../templates/parse';
import { renderBody } from '../templates/render';
import { contentEnd, issue, type DraftIssue, type DraftScan } from './issues';
import { foldedWords, inRanges, type Token } from './text';

/** Words that open a reply in either language: any of them counts as a greeting. */
const GREETING_WORDS = new Set(['bonjour', 'bonsoir', 'salut', 'coucou', 'hello', 'hi', 'hey', 'dear', 'cher', 'chere', 'chers', 'cheres', 'madame', 'monsieur', 'greetings', 'good', 'allo', 'yo']);
/** Greetings after which a first name goes ("Bonjour Marie,"), unlike "Madame". */
const NAME_AFTER = new Set(['bonjour', 'bonsoir', 'salut', 'coucou', 'hello', 'hi', 'hey', 'dear', 'cher', 'chere']);

function renderInline(template: string, scan: DraftScan): string {
  const { ctx } = scan;
  return renderBody(template, { language: ctx.language, ...(ctx.customer ? { customer: ctx.customer } : {}), ...(ctx.agent ? { agent: ctx.agent } : {}) }, { onMissing: 'drop' }).text.trim();
}

/** The folded words of each line's fixed text (variables left out), lines with none dropped. */
function staticLines(template: string): string[][] {
  const fixed = parseBody(template)
    .parts.map((p) => (p.kind === 'text' ? p.text : '\n'))
    .join('');
  return fixed
    .split('\n')
    .map(foldedWords)
    .filter((words) => words.length > 0);
}

const startsWithWords = (tokens: readonly Token[], words: readonly string[]) => words.every((w, i) => tokens[i]?.folded === w);

function firstLineTokens(scan: DraftScan): Token[] {
  const first = scan.tokens[0];
  if (!first) return [];
  const lineEnd = scan.draft.indexOf('\n', first.start);
  return scan.tokens.filter((t) => lineEnd < 0 || t.start < lineEnd);
}

function greetingIssues(scan: DraftScan): DraftIssue[] {
  const greeting = scan.rule.greeting;
  if (!greeting?.trim()) return [];
  const line = firstLineTokens(scan);
  const expected = staticLines(greeting)[0] ?? [];
  const greeted = (line[0] && GREETING_WORDS.has(line[0].folded)) || (expected.length > 0 && startsWithWords(line, expected));
  if (greeted) return [];
  const text = renderInline(greeting, scan);
  if (!text) return [];
  return [issue('missing-greeting', 'warning', 'draftMissingGreeting', { greeting: text }, undefined, [{ start: 0, end: 0, text: `${text}\n\n` }])];
}

/** Start of the last `n` non-empty lines. */
function tailStart(draft: string, n: number): number {
  let start = contentEnd(draft);
  for (let count = 0; count < n && start > 0; ) {
    const lineStart = draft.lastIndexOf('\n', start - 1) + 1;
    if (draft.slice(lineStart, start).trim()) count++;
    if (count < n) start = Math.max(0, lineStart - 1);
    else start = lineStart;
  }
  return start;
}

/** Where the sign-off starts, or undefined when the draft's last lines do not hold it. */
function findSignOff(scan: DraftScan, lines: string[][]): number | undefined {
  const { draft, tokens } = scan;
  // The sign-off is in the last few lines: the brand's lines, plus a name or a P.S.
  const from = tailStart(draft, lines.length + 2);
  const tail = tokens.filter((t) => t.start >= from);
  for (const words of lines) {
    for (let i = 0; i + words.length <= tail.length; i++) {
      const at = tail[i]?.start;
      if (at !== undefined && startsWithWords(tail.slice(i, i + words.length), words)) return draft.lastIndexOf('\n', at - 1) + 1;
    }
  }
  return undefined;
}

function signOffIssues(scan: DraftScan): DraftIssue[] {
  const signOff = scan.rule.signOff;
  if (!signOff?.trim()) return [];
  const lines = staticLines(signOff);
  const at = lines.length ? findSignOff(scan, lines) : undefined;
  if (at !== undefined) {
    scan.signOffAt = at;
    return [];
  }
  const text = renderInline(signOff, scan);
  if (!text || !lines.length) return [];
  const end = contentEnd(scan.draft);
  return [issue('missing-sign-off', 'warning', 'draftMissingSignOff', { signOff: text }, undefined, [{ start: end, end, text: `\n\n${text}` }])];
}

function firstNameIssues(scan: DraftScan): DraftIssue[] {
  const { draft, ctx } = scan;
  const name = ctx.customer?.firstName?.trim();
  if (!name) return [];
  const words = foldedWords(name);
  const tokens = scan.tokens;
  const at = tokens.findIndex((_, i) => startsWithWords(tokens.slice(i, i + words.length), words) && !inRanges(scan.quoted, tokens[i]?.start ?? 0));
  const line = firstLineTokens(scan);
  const opener = line[0] && NAME_AFTER.has(line[0].folded) ? line[0] : undefined;
  if (ctx.guide.useFirstName === false) {
    if (at < 0) return [];
    const first = tokens[at];
    const last = tokens[at + words.length - 1];
    if (!first || !last) return [];
    // Only "Bonjour Marie," is safe to shorten to "Bonjour,".
    const fix = opener && tokens[1] === first ? [{ start: opener.end, end: last.end, text: '' }] : undefined;
    return [issue('formality', 'warning', 'draftFirstNameAvoid', { name: draft.slice(first.start, last.end) }, { start: first.start, end: last.end }, fix)];
  }
  if (at >= 0 || !opener) return [];
  // Only a bare "Bonjour," gets the name: "Bonjour Madame Martin" and "Hello there" are deliberate.
  const next = line[1];
  if (next && /^[ \t\u00a0]+$/.test(draft.slice(opener.end, next.start))) return [];
  return [issue('formality', 'warning', 'draftFirstNameMissing', { name }, { start: opener.start, end: opener.end }, [{ start: opener.end, end: opener.end, text: ` ${name}` }])];
}

export function checkOpeningAndClosing(scan: DraftScan): DraftIssue[] {
  return [...greetingIssues(scan), ...firstNameIssues(scan), ...signOffIssues(scan)];
}
