/**
 * Field-level errors for what leads author (brand guide, templates, promotions): each error names
 * the field (`['variants', 0, 'body']`) and carries an i18n key, so the console shows it next to
 * the field in the lead's language. Nothing is saved unless the whole record is valid.
 */
import type { z } from 'zod';

export interface FieldError {
  path: Array<string | number>;
  message: { key: string; params: Record<string, string | number> };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function fieldError(path: Array<string | number>, key: string, params: Record<string, string | number> = {}): FieldError {
  return { path, message: { key, params } };
}

/** Our own rules whose wording the console should show, by the field they sit on. */
const FORMAT_KEYS: Record<string, string> = { shortcut: 'fieldBadShortcut', code: 'fieldBadCode', url: 'fieldBadUrl', endsAt: 'fieldEndBeforeStart' };

function keyFor(issue: z.core.$ZodIssue): FieldError['message'] {
  const field = String(issue.path[issue.path.length - 1] ?? '');
  const i = issue as z.core.$ZodIssue & { origin?: string; minimum?: number | bigint; maximum?: number | bigint; input?: unknown };
  switch (issue.code) {
    case 'invalid_type':
      return i.input === undefined ? { key: 'fieldRequired', params: {} } : { key: 'fieldInvalid', params: { detail: issue.message } };
    case 'too_small': {
      const min = Number(i.minimum);
      if (i.origin === 'string') return min <= 1 ? { key: 'fieldRequired', params: {} } : { key: 'fieldTooShort', params: { min } };
      if (i.origin === 'array') return { key: 'fieldTooFew', params: { min } };
      return { key: 'fieldTooLow', params: { min } };
    }
    case 'too_big': {
      const max = Number(i.maximum);
      if (i.origin === 'string') return { key: 'fieldTooLong', params: { max } };
      if (i.origin === 'array') return { key: 'fieldTooMany', params: { max } };
      return { key: 'fieldTooHigh', params: { max } };
    }
    case 'invalid_format':
    case 'custom': {
      const key = FORMAT_KEYS[field];
      return key ? { key, params: {} } : { key: 'fieldInvalid', params: { detail: issue.message } };
    }
    default:
      return { key: 'fieldInvalid', params: { detail: issue.message } };
  }
}

export function zodFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({ path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)), message: keyFor(issue) }));
}

/** Parses with the schema, then runs the record's own checks; errors from both, in field order. */
export function validateWith<S extends z.ZodType>(schema: S, input: unknown, extra: (value: z.infer<S>) => FieldError[]): Validation<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const errors = extra(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, value: parsed.data };
}
