/**
 * Before / after: two periods' figures side by side, group by group, with the absolute change
 * (after − before; for shares that is percentage points as a fraction) and the relative change
 * ((after − before) / before; null when before is 0 or unknown). A group seen in one period only
 * counts 0 contacts in the other, and has no wait figures there.
 */
export interface FigureChange {
  key: string;
  figure: string;
  before: number | null;
  after: number | null;
  change: number | null;
  relativeChange: number | null;
}

export const WAIT_FIGURES = ['contacts', 'count', 'answeredShare', 'mean', 'median', 'p90'] as const;
const COUNTS = new Set<string>(['contacts', 'count']);

type Row = { key: string };

/**
 * Each figure of each group, before and after, in group order then figure order. Works on any rows
 * with a `key` and numeric figures (the wait figures by default); `counts` are 0 when missing.
 */
export function compare<T extends Row>(before: readonly T[], after: readonly T[], figures: readonly (keyof T & string)[] = WAIT_FIGURES as unknown as (keyof T & string)[], counts: ReadonlySet<string> = COUNTS): FigureChange[] {
  const a = new Map(before.map((row) => [row.key, row]));
  const b = new Map(after.map((row) => [row.key, row]));
  const keys = [...new Set([...a.keys(), ...b.keys()])].sort();
  const changes: FigureChange[] = [];
  for (const key of keys) {
    for (const figure of figures) {
      const x = valueOf(a.get(key), figure, counts);
      const y = valueOf(b.get(key), figure, counts);
      const change = x === null || y === null ? null : y - x;
      changes.push({ key, figure, before: x, after: y, change, relativeChange: change === null || !x ? null : change / Math.abs(x) });
    }
  }
  return changes;
}

function valueOf<T extends Row>(row: T | undefined, figure: keyof T & string, counts: ReadonlySet<string>): number | null {
  if (!row) return counts.has(figure) ? 0 : null;
  const value = row[figure];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
