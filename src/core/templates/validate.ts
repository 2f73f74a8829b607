/** Authoring checks for templates: the schema, then what the schema cannot see in a body. */
import { TemplateSchema, type Template } from '../brand/model';
import { fieldError, zodFieldErrors, type FieldError, type Validation } from '../brand/validation';
import { FILTERS, parseBody, VARIABLES, type ParseError } from './parse';

const PARSE_KEYS: Record<ParseError['code'], string> = {
  'unknown-variable': 'templateUnknownVariable',
  'unknown-filter': 'templateUnknownFilter',
  'bad-filter': 'templateBadFilter',
  'unclosed-variable': 'templateUnclosedVariable',
  'unclosed-fill': 'templateUnclosedFill',
  'empty-fill': 'templateEmptyFill',
  'bad-placeholder': 'templateBadPlaceholder',
};

/** Errors in a body (or a greeting, a sign-off) written in the template language, at `path`. */
export function bodyErrors(body: string, path: Array<string | number>): FieldError[] {
  return parseBody(body).errors.map((e) =>
    fieldError(path, PARSE_KEYS[e.code], { subject: e.subject, start: e.start, end: e.end, variables: VARIABLES.join(', '), filters: FILTERS.join(', ') }),
  );
}

function rawVariants(input: unknown): unknown[] {
  const variants = (input as { variants?: unknown } | null)?.variants;
  return Array.isArray(variants) ? variants : [];
}

/**
 * Field-level errors for a template the lead is saving: schema errors, placeholders in every
 * variant's body (unknown variables, unclosed `{{`), two variants for one language and channel,
 * and a shortcut another template already uses.
 */
export function validateTemplate(input: unknown, others: readonly Template[] = []): Validation<Template> {
  const parsed = TemplateSchema.safeParse(input);
  const errors = parsed.success ? [] : zodFieldErrors(parsed.error);
  const seen = new Set<string>();
  rawVariants(input).forEach((v, i) => {
    const { body, language, channel = 'default' } = (v ?? {}) as { body?: unknown; language?: unknown; channel?: unknown };
    if (typeof body === 'string') errors.push(...bodyErrors(body, ['variants', i, 'body']));
    const key = `${String(language)}|${String(channel)}`;
    if (seen.has(key)) errors.push(fieldError(['variants', i], 'templateDuplicateVariant', { language: String(language), channel: String(channel) }));
    seen.add(key);
  });
  if (parsed.success && parsed.data.shortcut) {
    const shortcut = parsed.data.shortcut.toLowerCase();
    const taken = others.find((t) => !t.deleted && t.id !== parsed.data.id && t.shortcut?.toLowerCase() === shortcut);
    if (taken) errors.push(fieldError(['shortcut'], 'templateShortcutTaken', { title: taken.title }));
  }
  return parsed.success && !errors.length ? { ok: true, value: parsed.data } : { ok: false, errors };
}
