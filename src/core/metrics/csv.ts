/**
 * CSV export (RFC 4180): comma-separated, CRLF line ends, a header row, and a field in double
 * quotes when it holds a comma, a quote, CR or LF (quotes doubled inside). Numbers are written
 * as JavaScript prints them (dot decimals); null and undefined are empty fields.
 *
 * Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a
 * leading apostrophe, since agent names and template titles come from users. Numbers are never
 * changed, so -12 stays a number.
 */

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => CsvValue;
}

/** Columns are field names (header = name) or a header with a getter. */
export function toCsv<T>(rows: readonly T[], columns: readonly ((keyof T & string) | CsvColumn<T>)[]): string {
  const resolved = columns.map((column) => (typeof column === 'string' ? { header: column, value: (row: T) => row[column] as CsvValue } : column));
  const lines = [resolved.map((c) => field(c.header)).join(',')];
  for (const row of rows) lines.push(resolved.map((c) => field(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

function field(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
