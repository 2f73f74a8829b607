/**
 * The serialisable form of a site adapter (`SiteSpec`, kit/spec.ts) and of a custom adapter:
 * what teach mode saves, what import/export and the team hub carry, and what the background
 * sends a content script. Data only, never code: regular expressions are strings (`"/^a$/i"`)
 * checked to compile, bounded in length and free of nested quantifiers (a hostile or careless
 * pattern must not hang the host page), and a channel chosen by URL is a list of patterns.
 *
 * The converters live in spec-json.ts (no zod) so the content script can use them without
 * shipping the validator; they are re-exported here.
 */
import { z } from 'zod';
import { splitRegexLiteral } from './spec-json';

// Extension pages forbid eval (MV3 CSP): tell zod not to try its compiled fast path.
z.config({ jitless: true });

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

/** Why a regular-expression literal is refused, or null when it is fine. */
export function regexProblem(literal: string): string | null {
  const parts = splitRegexLiteral(literal);
  if (!parts) return 'must be written /pattern/flags with flags among i, m, s, u';
  const [source, flags] = parts;
  if (source.length > SPEC_LIMITS.regex) return `pattern longer than ${SPEC_LIMITS.regex} characters`;
  if (hasNestedRepetition(source)) return 'nested quantifiers (like (a+)+ or (a|b)*) can hang the page';
  try {
    new RegExp(source, flags);
  } catch (error) {
    return `does not compile: ${(error as Error).message}`;
  }
  return null;
}

const REPEAT = /^(?:[+*]|\{\d+,\d*\})/;

/**
 * True when a repeated group holds a quantifier or an alternation, at any depth (`(a+)+`,
 * `((a)b*)*`, `(a|a)*`): the shapes behind catastrophic backtracking. `?` and `{n}` after a
 * group are harmless and allowed.
 */
export function hasNestedRepetition(source: string): boolean {
  // One flag per open group: does it hold a quantifier or `|` so far?
  const open: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
    } else if (inClass) {
      inClass = c !== ']';
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(') {
      open.push(false);
    } else if (c === ')') {
      const risky = open.pop() ?? false;
      const repeated = REPEAT.test(source.slice(i + 1));
      if (risky && repeated) return true;
      if (open.length && (risky || repeated)) open[open.length - 1] = true;
    } else if (open.length && (c === '|' || REPEAT.test(source.slice(i)))) {
      open[open.length - 1] = true;
    }
  }
  return false;
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
  const steps = selector.split('>>>').map((s) => s.trim());
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
