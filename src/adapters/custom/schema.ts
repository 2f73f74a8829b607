/**
 * The serialisable form of a site adapter (`SiteSpec`, kit/spec.ts) and of a custom adapter:
 * what teach mode saves, what import/export and the team hub carry, and what the background
 * sends a content script. Data only, never code: regular expressions are strings (`"/^a$/i"`)
 * checked to compile, bounded in length, free of nested quantifiers and of long chains of
 * open-ended repeats (a hostile or careless pattern must not hang the host page or the
 * background; see `backtrackingProblem`), and a channel chosen by URL is a list of patterns.
 *
 * The converters live in spec-json.ts (no zod) so the content script can use them without
 * shipping the validator; they are re-exported here.
 */
import { z } from 'zod';
import { frameSteps } from '../kit/frame-path';
import { splitRegexLiteral } from './spec-json';

export const SPEC_LIMITS = {
  regex: 300,
  selector: 500,
  alternatives: 16,
  ids: 24,
  keys: 8,
  channels: 16,
  name: 80,
  author: 120,
  adapters: 200,
  /** Same-origin frames one selector may go through (`iframe#a >>> iframe#b >>> body`). */
  frames: 3,
} as const;

/** Where the stored list of custom adapters lives in `browser.storage.local`. */
export const CUSTOM_ADAPTERS_KEY = 'customAdapters';
export const CUSTOM_PREFIX = 'custom:';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;

/** Open-ended repeats (`*`, `+`, `{n,}`) one pattern may hold outside lookarounds: each one more multiplies the worst case by the input length. */
export const MAX_OPEN_REPEATS = 2;

/** Why a regular-expression literal is refused, or null when it is fine. */
export function regexProblem(literal: string): string | null {
  const parts = splitRegexLiteral(literal);
  if (!parts) return 'must be written /pattern/flags with flags among i, m, s, u';
  const [source, flags] = parts;
  if (source.length > SPEC_LIMITS.regex) return `pattern longer than ${SPEC_LIMITS.regex} characters`;
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `does not compile: ${(error as Error).message}`;
  }
  return backtrackingProblem(source, flags);
}

interface Quantifier {
  min: number;
  /** Upper bound, Infinity when open-ended. */
  max: number;
  /** Characters the quantifier takes, lazy `?` included. */
  length: number;
}

/** The quantifier starting at `source[i]`, if any (`{` not followed by a count is a literal). */
function quantifierAt(source: string, i: number): Quantifier | null {
  const c = source[i];
  let min = 0;
  let max: number;
  let length = 1;
  if (c === '*' || c === '+') [min, max] = [c === '+' ? 1 : 0, Infinity];
  else if (c === '?') max = 1;
  else {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
    if (!m) return null;
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] ? Number(m[3]) : Infinity;
    length = m[0].length;
  }
  return { min, max, length: length + (source[i + length] === '?' ? 1 : 0) };
}

/** A bounded repeat this wide (`.{0,300}`) costs like an open-ended one. */
const WIDE = 64;

/** The one character a literal atom stands for (`:`, `\]`), or null for a class, `.` or `\d`-like escape. */
function literalChar(atom: string): string | null {
  if (atom.length === 1) return '.^$|()[]{}*+?'.includes(atom) ? null : atom;
  return atom.length === 2 && atom[0] === '\\' && /[^\w\s]/.test(atom[1]!) ? atom[1]! : null;
}

/**
 * Why a pattern could backtrack for ages, or null. Two structural checks, no timing:
 *
 * - nested repetition: a group that holds a quantifier (other than a fixed `{n}`) or an
 *   alternation may not itself repeat (`(a+)+`, `(a|a)*`, `(a+){20}`, `(.*a){5}`): only `?`,
 *   `{0,1}` and `{1}` may follow it;
 * - polynomial chains: each open-ended repeat (`*`, `+`, `{n,}`, `{n,64+}`) can multiply the work
 *   by the input length, and so does trying every start of an unanchored pattern; at most
 *   {@link MAX_OPEN_REPEATS} such factors (`^.*.*=` passes, `.*.*=` and `^.*.*.*=` do not). A
 *   repeat fenced by the literal right before it, which it cannot match (`\/(\d+)`, `:\s*`), adds
 *   no factor: its choices are the run after each place that literal is. A lookaround's content
 *   is counted on its own (JavaScript never backtracks into one).
 */
export function backtrackingProblem(source: string, flags = ''): string | null {
  interface Group {
    risky: boolean;
    lookaround: boolean;
  }
  const groups: Group[] = [];
  // `^` pins the one start only without the m flag and without a top-level alternative.
  const anchored = source.startsWith('^') && !flags.includes('m') && !topLevelAlternative(source);
  const counts = [anchored ? 0 : 1];
  const tooMany = `more than ${MAX_OPEN_REPEATS} open-ended repeats (like .*.*.*, or .*.* without ^) can hang the page`;
  let previous: string | null = null;
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    let atom: string;
    let groupRisky = false;
    if (c === '\\') {
      atom = source.slice(i, i + 2);
      i += 2;
    } else if (c === '[') {
      const end = classEnd(source, i);
      atom = source.slice(i, end);
      i = end;
    } else if (c === '(') {
      const lookaround = /^\(\?(?:=|!|<=|<!)/.test(source.slice(i));
      groups.push({ risky: false, lookaround });
      if (lookaround) {
        counts.push(anchored ? 0 : 1);
        previous = null;
      }
      // A plain group keeps `previous`: in `\/(\d+)` the slash still fences the digits.
      i += /^\((?:\?(?:<=|<!|[:=!]|<[^>]*>))?/.exec(source.slice(i))![0].length;
      continue;
    } else if (c === ')') {
      const group = groups.pop() ?? { risky: false, lookaround: false };
      if (group.lookaround) counts.pop();
      groupRisky = group.risky;
      atom = ')';
      i++;
    } else if (c === '|') {
      if (groups.length) groups[groups.length - 1]!.risky = true;
      i++;
      previous = null;
      continue;
    } else {
      atom = c;
      i++;
    }
    const q = quantifierAt(source, i);
    if (q) i += q.length;
    if (groupRisky && q && q.max > 1) return 'nested quantifiers (like (a+)+, (a|b)* or (a+){10}) can hang the page';
    const parent = groups[groups.length - 1];
    // A fixed count (`\d{3}`) leaves the engine no choice to backtrack over.
    if (parent && (groupRisky || (q && q.min !== q.max))) parent.risky = true;
    if (q && q.max >= WIDE && !fenced(atom, previous, flags) && ++counts[counts.length - 1]! > MAX_OPEN_REPEATS) return tooMany;
    previous = q ? null : atom;
  }
  return null;
}

/** Index just past the character class opening at `source[i]`. */
function classEnd(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === ']') j++;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

function topLevelAlternative(source: string): boolean {
  let depth = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = classEnd(source, i) - 1;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** `:\s*`, `\/(\d+)`: a repeat right after a literal its atom cannot match. */
function fenced(atom: string, previous: string | null, flags: string): boolean {
  const before = previous === null ? null : literalChar(previous);
  if (before === null || atom === ')') return false;
  try {
    return !new RegExp(`^${atom}$`, flags).test(before);
  } catch {
    // An atom that does not stand alone (`\k` of a named reference): counted, to be safe.
    return false;
  }
}

export const regexJsonSchema = z.string().superRefine((value, ctx) => {
  const problem = regexProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * Why a selector path through frames is refused, or null. `iframe.editor >>> body` finds `body`
 * inside the same-origin frame `iframe.editor` finds (kit/pick.ts); only the last step may read
 * an attribute.
 */
export function framePathProblem(selector: string): string | null {
  const steps = frameSteps(selector);
  if (steps.length === 1) return null;
  if (steps.length - 1 > SPEC_LIMITS.frames) return `goes through more than ${SPEC_LIMITS.frames} frames`;
  if (steps.some((s) => !s)) return 'each ">>>" needs a selector on both sides';
  if (steps.slice(0, -1).some((s) => /@[\w:-]+$/.test(s))) return 'only the last step of a frame path may read an attribute (@attr)';
  return null;
}

/** A CSS selector, optionally ending in `@attr` (read that attribute instead of the text), optionally through frames. */
const selectorSchema = z
  .string()
  .trim()
  .min(1)
  .max(SPEC_LIMITS.selector)
  .superRefine((value, ctx) => {
    const problem = framePathProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
export const pickJsonSchema = z.array(selectorSchema).min(1).max(SPEC_LIMITS.alternatives);
export const fieldJsonSchema = z.union([pickJsonSchema, z.object({ from: pickJsonSchema, re: regexJsonSchema }).strict()]);

/** App-id namespace (`zendesk:user`, `acme-crm:customer`), as core/identity/app-id.ts accepts. */
const namespaceSchema = z.string().regex(/^[a-z][a-z0-9_-]{0,31}(?::[a-z][a-z0-9_-]{0,31}){0,3}$/, 'lower-case segments separated by ":"');
const channelNameSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'a short lower-case channel name');

export const idRuleJsonSchema = z
  .object({
    kind: z.enum(['email', 'phone', 'handle', 'app-id']),
    ns: namespaceSchema.optional(),
    network: z.enum(['x', 'instagram', 'facebook', 'linkedin', 'tiktok', 'unknown']).optional(),
    url: regexJsonSchema.optional(),
    pick: fieldJsonSchema.optional(),
    intl: z.boolean().optional(),
  })
  .strict()
  .refine((rule) => rule.url !== undefined || rule.pick !== undefined, 'an identifier rule reads the URL or the page')
  .refine((rule) => rule.kind !== 'app-id' || rule.ns !== undefined, 'an app-id rule needs its namespace (ns)');

export const threadJsonSchema = z
  .object({
    item: pickJsonSchema,
    skip: pickJsonSchema.optional(),
    author: fieldJsonSchema.optional(),
    from: fieldJsonSchema.optional(),
    time: fieldJsonSchema.optional(),
    day: pickJsonSchema.optional(),
    body: pickJsonSchema.optional(),
    out: pickJsonSchema.optional(),
    in: pickJsonSchema.optional(),
    channel: fieldJsonSchema.optional(),
  })
  .strict();

/** One channel for every message, or the first pattern matching path + query + hash wins. */
export const channelJsonSchema = z.union([
  channelNameSchema,
  z.object({ byUrl: z.array(z.object({ re: regexJsonSchema, channel: channelNameSchema }).strict()).min(1).max(SPEC_LIMITS.channels) }).strict(),
]);

/** Built-in ids (`zendesk`) or custom ones (`custom:acme-crm`). */
export const adapterIdSchema = z.string().regex(/^(?:custom:)?[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'an adapter id like "custom:acme-crm"');

export const siteSpecJsonSchema = z
  .object({
    id: adapterIdSchema,
    /** Tested on the page's host name. */
    host: regexJsonSchema,
    /** Tested on path + query + hash. */
    path: regexJsonSchema.optional(),
    marker: pickJsonSchema,
    account: pickJsonSchema.optional(),
    name: fieldJsonSchema.optional(),
    ids: z.array(idRuleJsonSchema).max(SPEC_LIMITS.ids),
    key: z.array(namespaceSchema).max(SPEC_LIMITS.keys).optional(),
    thread: threadJsonSchema.optional(),
    channel: channelJsonSchema.optional(),
    reply: pickJsonSchema,
  })
  .strict();

export type RegExpJson = string;
export type PickJson = z.infer<typeof pickJsonSchema>;
export type FieldJson = z.infer<typeof fieldJsonSchema>;
export type IdRuleJson = z.infer<typeof idRuleJsonSchema>;
export type ThreadSpecJson = z.infer<typeof threadJsonSchema>;
export type ChannelJson = z.infer<typeof channelJsonSchema>;
export type SiteSpecJson = z.infer<typeof siteSpecJsonSchema>;

export const customAdapterSchema = z
  .object({
    id: z.string().refine(isCustomId, 'a custom adapter id is "custom:" followed by a slug'),
    name: z.string().trim().min(1).max(SPEC_LIMITS.name),
    /** Bumped on every save; the hub keeps the highest. */
    version: z.number().int().min(1),
    spec: siteSpecJsonSchema,
    /** Epoch milliseconds. */
    createdAt: z.number().int().min(0),
    updatedAt: z.number().int().min(0),
    author: z.string().trim().min(1).max(SPEC_LIMITS.author).optional(),
    /**
     * Set on a local copy of a team adapter (exported from the team list, then imported): the team
     * version it was taken from. A later team version replaces the copy (precedence.ts); without
     * it a local adapter with a team adapter's id is an unrelated one and stays in use.
     */
    sharedFrom: z.object({ version: z.number().int().min(1) }).strict().optional(),
  })
  .strict()
  .refine((adapter) => adapter.spec.id === adapter.id, { message: 'spec.id must equal the adapter id', path: ['spec', 'id'] });
export type CustomAdapter = z.infer<typeof customAdapterSchema>;

export function isCustomId(id: string): boolean {
  return id.startsWith(CUSTOM_PREFIX) && SLUG.test(id.slice(CUSTOM_PREFIX.length));
}

/** "Acme CRM — Fiches" → "acme-crm-fiches" (accents folded, at most 48 characters). */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 48)
    .replace(/^-+|-+$/g, '');
  return slug || 'adapter';
}

/** A fresh `custom:<slug>` id for `name`, numbered when `taken` already holds it. */
export function customAdapterId(name: string, taken: Iterable<string> = []): string {
  const used = new Set(taken);
  const base = slugify(name).slice(0, 44).replace(/-+$/, '');
  for (let n = 1; ; n++) {
    const id = `${CUSTOM_PREFIX}${n === 1 ? base : `${base}-${n}`}`;
    if (!used.has(id)) return id;
  }
}

export interface RejectedAdapter {
  index: number;
  id?: string;
  errors: string[];
}

/**
 * Reads a stored or imported list: valid entries are kept (the last of a duplicated id wins),
 * bad ones are set aside with readable reasons instead of failing the whole list.
 */
export function parseCustomAdapters(input: unknown): { adapters: CustomAdapter[]; rejected: RejectedAdapter[] } {
  const list = Array.isArray(input) ? input.slice(0, SPEC_LIMITS.adapters) : [];
  const byId = new Map<string, CustomAdapter>();
  const rejected: RejectedAdapter[] = [];
  list.forEach((entry, index) => {
    const parsed = customAdapterSchema.safeParse(entry);
    if (parsed.success) {
      byId.delete(parsed.data.id);
      byId.set(parsed.data.id, parsed.data);
      return;
    }
    const id = typeof entry === 'object' && entry && typeof (entry as { id?: unknown }).id === 'string' ? (entry as { id: string }).id : undefined;
    rejected.push({ index, ...(id ? { id } : {}), errors: parsed.error.issues.map((i) => `${i.path.join('.') || '(adapter)'}: ${i.message}`) });
  });
  if (!Array.isArray(input) && input !== undefined && input !== null) rejected.push({ index: -1, errors: ['(list): expected an array of adapters'] });
  return { adapters: [...byId.values()], rejected };
}

export { fromJson, toJson, regexFromJson, regexToJson, splitRegexLiteral, SpecError } from './spec-json';
