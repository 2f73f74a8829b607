/**
 * The template body language: `{{customer.firstName | default: "there"}}` variables and
 * `[[fill: order number]]` fields the agent completes. Parsed once per body (cached), with
 * positions, so authoring errors point at the exact placeholder.
 */

export const VARIABLES = [
  'customer.firstName',
  'customer.lastName',
  'customer.fullName',
  'agent.name',
  'promotion.code',
  'promotion.title',
  'promotion.pitch',
  'promotion.endsAt',
] as const;
export type VariableName = (typeof VARIABLES)[number];

export const FILTERS = ['default', 'upper', 'lower', 'capitalize'] as const;
export type FilterName = (typeof FILTERS)[number];

export interface Filter {
  name: FilterName;
  arg?: string;
}

export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: VariableName; filters: Filter[]; raw: string; start: number; end: number }
  | { kind: 'fill'; label: string; raw: string; start: number; end: number };

export type ParseErrorCode = 'unknown-variable' | 'unknown-filter' | 'bad-filter' | 'unclosed-variable' | 'unclosed-fill' | 'empty-fill' | 'bad-placeholder';

export interface ParseError {
  code: ParseErrorCode;
  start: number;
  end: number;
  /** The placeholder or name at fault, for the message. */
  subject: string;
}

export interface ParsedBody {
  parts: Part[];
  errors: ParseError[];
}

// One line, no nested opener: an unclosed `{{` never swallows the next placeholder.
const PLACEHOLDER = /\{\{((?:(?!\{\{|\}\})[^\n])*)\}\}|\[\[((?:(?!\[\[|\]\])[^\n])*)\]\]/g;
const FILTER = /^\s*([A-Za-z]+)\s*(?::\s*(?:"([^"]*)"|'([^']*)'|“([^”]*)”|«\s*([^»]*?)\s*»))?\s*$/;
const FILL = /^\s*fill\s*:\s*(.*?)\s*$/i;
const isVariable = (name: string): name is VariableName => (VARIABLES as readonly string[]).includes(name);
const isFilter = (name: string): name is FilterName => (FILTERS as readonly string[]).includes(name);

function parseFilters(segments: string[], start: number, end: number, errors: ParseError[]): Filter[] {
  const filters: Filter[] = [];
  for (const segment of segments) {
    const m = FILTER.exec(segment);
    const name = m?.[1];
    if (!m || !name) {
      errors.push({ code: 'bad-filter', start, end, subject: segment.trim() });
    } else if (!isFilter(name)) {
      errors.push({ code: 'unknown-filter', start, end, subject: name });
    } else {
      const arg = m[2] ?? m[3] ?? m[4] ?? m[5];
      if (name === 'default' && arg === undefined) errors.push({ code: 'bad-filter', start, end, subject: segment.trim() });
      filters.push(arg === undefined ? { name } : { name, arg });
    }
  }
  return filters;
}

/** Splits on `|` outside quotes: `default: "a | b"` stays one filter. */
function splitPipes(inner: string): string[] {
  return inner.match(/(?:"[^"]*"|'[^']*'|“[^”]*”|«[^»]*»|[^|])+/g)?? [''];
}

function unclosed(text: string, from: number, to: number, errors: ParseError[]): void {
  const slice = text.slice(from, to);
  for (const m of slice.matchAll(/\{\{|\[\[/g)) {
    errors.push({ code: m[0] === '{{' ? 'unclosed-variable' : 'unclosed-fill', start: from + m.index, end: from + m.index + 2, subject: slice.slice(m.index, m.index + 30).split('\n')[0] ?? '' });
  }
}

function parseUncached(body: string): ParsedBody {
  const parts: Part[] = [];
  const errors: ParseError[] = [];
  let cursor = 0;
  const text = (to: number) => {
    if (to > cursor) {
      unclosed(body, cursor, to, errors);
      parts.push({ kind: 'text', text: body.slice(cursor, to) });
    }
  };
  for (const m of body.matchAll(PLACEHOLDER)) {
    const start = m.index;
    const end = start + m[0].length;
    text(start);
    cursor = end;
    if (m[1] !== undefined) {
      const [head = '', ...rest] = splitPipes(m[1]);
      const name = head.trim();
      const filters = parseFilters(rest, start, end, errors);
      if (isVariable(name)) parts.push({ kind: 'variable', name, filters, raw: m[0], start, end });
      else {
        errors.push({ code: 'unknown-variable', start, end, subject: name || m[0] });
        parts.push({ kind: 'text', text: m[0] });
      }
    } else {
      const fill = FILL.exec(m[2] ?? '');
      if (!fill) errors.push({ code: 'bad-placeholder', start, end, subject: m[0] });
      else if (!fill[1]) errors.push({ code: 'empty-fill', start, end, subject: m[0] });
      // A malformed field still blocks insertion: it stays a fill-in until it is fixed.
      parts.push({ kind: 'fill', label: fill?.[1] || m[0], raw: m[0], start, end });
    }
  }
  text(body.length);
  return { parts, errors: errors.sort((a, b) => a.start - b.start) };
}

const cache = new Map<string, ParsedBody>();

export function parseBody(body: string): ParsedBody {
  let parsed = cache.get(body);
  if (!parsed) {
    parsed = parseUncached(body);
    if (cache.size > 5_000) cache.clear();
    cache.set(body, parsed);
  }
  return parsed;
}
