/**
 * The file custom adapters travel in between agents (export / import in settings; the team hub
 * later carries the same records). Versioned, validated as a whole: a file with any bad entry is
 * refused with every problem listed, and nothing is imported from it.
 */
import { z } from 'zod';
import { customAdapterSchema, SPEC_LIMITS, type CustomAdapter } from './schema';

export const FILE_FORMAT = 'continuum-custom-adapters';
export const FILE_VERSION = 1;
/** Larger than any sane export (200 adapters of a few KB). */
export const MAX_FILE_BYTES = 2_000_000;

export interface AdapterFile {
  format: typeof FILE_FORMAT;
  version: typeof FILE_VERSION;
  exportedAt: string;
  adapters: CustomAdapter[];
}

const envelopeSchema = z.object({
  format: z.literal(FILE_FORMAT, { message: `is not "${FILE_FORMAT}": this is not a Continuum adapters file` }),
  version: z.number().int().refine((v) => v <= FILE_VERSION, `is newer than this version of Continuum reads (${FILE_VERSION})`),
  exportedAt: z.string().optional(),
  adapters: z.array(z.unknown()).min(1, 'holds no adapter').max(SPEC_LIMITS.adapters),
});

export function toFile(adapters: readonly CustomAdapter[], now = new Date()): AdapterFile {
  return { format: FILE_FORMAT, version: FILE_VERSION, exportedAt: now.toISOString(), adapters: [...adapters] };
}

export function fileName(adapters: readonly CustomAdapter[], now = new Date()): string {
  const what = adapters.length === 1 ? adapters[0]!.id.replace(/^custom:/, '') : 'adapters';
  return `continuum-${what}-${now.toISOString().slice(0, 10)}.json`;
}

const where = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');

/** The adapters in a file's text, or every reason it is refused (`adapters[0].spec.host: …`). */
export function parseFile(text: string): { ok: true; adapters: CustomAdapter[] } | { ok: false; errors: string[] } {
  if (text.length > MAX_FILE_BYTES) return { ok: false, errors: [`the file is larger than ${MAX_FILE_BYTES / 1e6} MB`] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${(error as Error).message}`] };
  }
  const envelope = envelopeSchema.safeParse(data);
  if (!envelope.success) return { ok: false, errors: envelope.error.issues.map((i) => `${where(i.path) || '(file)'}: ${i.message}`) };
  const errors: string[] = [];
  const adapters: CustomAdapter[] = [];
  const seen = new Set<string>();
  envelope.data.adapters.forEach((entry, index) => {
    const parsed = customAdapterSchema.safeParse(entry);
    if (!parsed.success) {
      errors.push(...parsed.error.issues.map((i) => `${where(['adapters', index, ...i.path])}: ${i.message}`));
      return;
    }
    if (seen.has(parsed.data.id)) errors.push(`adapters[${index}].id: ${parsed.data.id} appears twice`);
    seen.add(parsed.data.id);
    adapters.push(parsed.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, adapters };
}
