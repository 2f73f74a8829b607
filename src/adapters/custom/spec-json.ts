/**
 * `SiteSpec` ⇄ its JSON form (schema.ts). Kept free of zod so the content script can turn the
 * spec the background sent into a live one without shipping the validator: the background
 * validates every spec before sending it, and these converters still refuse a bad pattern.
 *
 * The two forms have the same shape; only regular expressions differ (`RegExp` ⇄ `"/a/i"`), and
 * they sit under these keys wherever they appear (host, path, an id rule's url, a field's or a
 * channel rule's re).
 */
import type { SiteSpec } from '../kit/spec';
import type { SiteSpecJson } from './schema';

const REGEX_KEYS = new Set(['host', 'path', 'url', 're']);
const LITERAL = /^\/(.+)\/([imsu]*)$/s;

export class SpecError extends Error {
  readonly code = 'E_BAD_SPEC';
}

export function regexToJson(re: RegExp): string {
  if (/[gy]/.test(re.flags)) throw new SpecError(`/${re.source}/${re.flags}: the g and y flags are stateful and not allowed`);
  return `/${re.source}/${re.flags}`;
}

/** `"/source/flags"` → [source, flags], or null when it is not a literal with allowed flags. */
export function splitRegexLiteral(literal: string): [string, string] | null {
  const m = LITERAL.exec(literal);
  return m ? [m[1]!, m[2]!] : null;
}

export function regexFromJson(literal: string): RegExp {
  const parts = splitRegexLiteral(literal);
  if (!parts) throw new SpecError(`${literal.slice(0, 60)}: not a /pattern/flags literal`);
  try {
    return new RegExp(...parts);
  } catch (error) {
    throw new SpecError(`${literal.slice(0, 60)}: ${(error as Error).message}`);
  }
}

/** A deep copy with every regular expression converted; absent optional fields stay absent. */
function convert(value: unknown, regex: (v: never) => unknown, key?: string): unknown {
  if (key && REGEX_KEYS.has(key)) return regex(value as never);
  if (Array.isArray(value)) return value.map((v) => convert(v, regex));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, convert(v, regex, k)]),
    );
  }
  return value;
}

export function toJson(spec: SiteSpec): SiteSpecJson {
  return convert(spec, regexToJson) as SiteSpecJson;
}

/** Throws `SpecError` on a pattern that does not compile. */
export function fromJson(json: SiteSpecJson): SiteSpec {
  return convert(json, regexFromJson) as SiteSpec;
}
