import { createHash } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import { Readable, Transform } from 'node:stream';
import Papa from 'papaparse';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { IngestEventSchema } from './events.ts';

/** The columns a CSV import reads (header row, any order, case-insensitive); others are ignored. */
export const CSV_COLUMNS = ['type', 'at', 'email', 'phone', 'key', 'source', 'source_id', 'channel', 'direction', 'text', 'reference', 'amount', 'currency'] as const;
type Column = (typeof CSV_COLUMNS)[number];
const KNOWN: ReadonlySet<string> = new Set(CSV_COLUMNS);
/** French and older exports: `summary` for `text`, `id` for `source_id`. */
const ALIASES: Record<string, Column> = { summary: 'text', id: 'source_id', date: 'at', montant: 'amount', devise: 'currency' };

export interface CsvRowError {
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: number;
  column: string;
  code: string;
  message: string;
}

export type CsvRecord = Record<string, string | string[] | undefined>;

/** Lower-cased, trimmed, aliases resolved; Papa already drops a UTF-8 BOM. */
export function headerName(raw: string): string {
  const name = raw.replace(/^\uFEFF/, '').trim().toLowerCase().replace(/\s+/g, '_');
  return ALIASES[name] ?? name;
}

/**
 * Streams the rows of a CSV body (comma, semicolon or tab, detected from the first lines; quoted
 * fields may hold separators and newlines), stopping with 413 past `maxBytes` or `maxRows`.
 */
export async function* csvRecords(body: ReadableStream<Uint8Array>, limits: { maxBytes: number; maxRows: number }): AsyncGenerator<CsvRecord> {
  let bytes = 0;
  // Decoded here, across chunk boundaries: Papa would decode each chunk alone and split "é" in two.
  const decoder = new StringDecoder('utf8');
  const limiter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > limits.maxBytes) done(new HubError(413, HubErrorCode.TooLarge, `The CSV file exceeds ${limits.maxBytes} bytes`));
      else done(null, decoder.write(chunk));
    },
    flush(done) {
      done(null, decoder.end());
    },
  });
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: 'greedy', transformHeader: headerName, delimitersToGuess: [',', ';', '\t'] });
  const source = Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>);
  source.on('error', (error) => limiter.destroy(error));
  limiter.on('error', (error) => parser.destroy(error));
  source.pipe(limiter).pipe(parser);
  let rows = 0;
  for await (const record of parser as AsyncIterable<CsvRecord>) {
    if (++rows > limits.maxRows) {
      source.destroy();
      throw new HubError(413, HubErrorCode.TooLarge, `The CSV file has more than ${limits.maxRows} rows`);
    }
    yield record;
  }
}

/** Checks the header (from the first record's keys): what is missing is a 400, unknown columns are listed. */
export function checkHeader(fields: string[], defaultSource: string | undefined): { ignored: string[] } {
  const missing = ['type', 'at'].filter((c) => !fields.includes(c));
  if (!fields.some((f) => f === 'email' || f === 'phone' || f === 'key')) missing.push('email, phone or key');
  if (!defaultSource && !fields.includes('source')) missing.push('source (or ?source=)');
  if (missing.length) throw new HubError(400, HubErrorCode.Validation, `The header row lacks: ${missing.join('; ')}. Columns: ${CSV_COLUMNS.join(',')}`);
  return { ignored: fields.filter((f) => !KNOWN.has(f) && f !== '__parsed_extra') };
}

const field = (record: CsvRecord, column: Column) => {
  const value = record[column];
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
};

/** `59,90` (French Excel) or `59.90`; thousands separators (space, NBSP) are dropped. */
function parseAmount(raw: string): number {
  const cleaned = raw.replace(/[\s\u00a0\u202f]/g, '');
  return /^-?\d+([.,]\d+)?$/.test(cleaned) ? Number(cleaned.replace(',', '.')) : NaN;
}

/** Which CSV column a zod issue of the ingest event is about. */
function columnOf(path: PropertyKey[]): string {
  const [head, sub] = path.map(String);
  if (head === 'customer') return 'email|phone|key';
  if (head === 'summary') return 'text';
  if (head === 'id') return 'source_id';
  if (head === 'amount') return sub === 'currency' ? 'currency' : 'amount';
  return head ?? '*';
}

/**
 * Turns one CSV record into the JSON ingest's event, or a row error. A row without `source_id`
 * gets an id hashed from its content, so importing the same file twice adds nothing.
 */
export function recordToEvent(record: CsvRecord, row: number, defaultSource: string | undefined): { event: unknown } | { error: CsvRowError } {
  if (record.__parsed_extra) return { error: { row, column: '*', code: HubErrorCode.Validation, message: 'More fields than columns (an unquoted separator?)' } };
  const at = field(record, 'at');
  const amount = field(record, 'amount');
  const event: Record<string, unknown> = {
    type: field(record, 'type')?.toLowerCase(),
    at: at && /^\d+$/.test(at) ? Number(at) : at,
    customer: Object.fromEntries((['email', 'phone', 'key'] as const).flatMap((c) => (field(record, c) ? [[c, field(record, c)]] : []))),
    source: field(record, 'source') ?? defaultSource,
  };
  for (const [column, key] of [['channel', 'channel'], ['direction', 'direction'], ['text', 'summary'], ['reference', 'reference']] as const) {
    const value = field(record, column);
    if (value !== undefined) event[key] = column === 'direction' ? value.toLowerCase() : value;
  }
  if (amount !== undefined) event.amount = { value: parseAmount(amount), currency: field(record, 'currency')?.toUpperCase() ?? '' };
  event.id = field(record, 'source_id') ?? `csv-${createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 32)}`;
  const parsed = IngestEventSchema.safeParse(event);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const column = columnOf(issue.path);
    const message = column === 'at' ? 'Not a date: use ISO 8601 with its offset (2026-11-20T09:30:00+01:00) or epoch milliseconds' : issue.message;
    return { error: { row, column, code: HubErrorCode.Validation, message } };
  }
  return { event };
}
