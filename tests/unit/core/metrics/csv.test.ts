import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../../src/core/metrics/csv';

describe('toCsv (RFC 4180)', () => {
  const rows = [
    { key: 'email', mean: 1200000.5, share: 0.75, note: 'plain' },
    { key: 'Léa, "the boss"', mean: null, share: 1, note: 'line one\r\nline two' },
    { key: '=HYPERLINK("http://x")', mean: -12, share: undefined, note: '@SUM(A1)' },
  ];

  it('quotes fields with commas, quotes and line breaks, CRLF between records', () => {
    const csv = toCsv(rows, ['key', 'mean', { header: 'answered %', value: (r) => (r.share === undefined ? null : r.share * 100) }]);
    expect(csv).toBe(['key,mean,answered %', 'email,1200000.5,75', '"Léa, ""the boss""",,100', `"'=HYPERLINK(""http://x"")",-12,`, ''].join('\r\n'));
  });

  it('reads back with a standard CSV parser to the same values', () => {
    const csv = toCsv(rows, ['key', 'note']);
    const parsed = Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([
      ['key', 'note'],
      ['email', 'plain'],
      ['Léa, "the boss"', 'line one\r\nline two'],
      [`'=HYPERLINK("http://x")`, `'@SUM(A1)`],
    ]);
  });

  it('writes only the header for no rows', () => {
    expect(toCsv([] as { a: number }[], ['a'])).toBe('a\r\n');
  });
});
