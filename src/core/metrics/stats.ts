/**
 * Distributions of waits. Percentiles use the nearest-rank method: the p-th percentile of n
 * sorted values is the value at rank ⌈p·n/100⌉ (1-based). It is always a wait that really
 * happened, the median of an even count is the lower middle value (of 1, 2, 3, 4 minutes: 2),
 * and PostgreSQL's `percentile_disc` gives the same figure, so the hub's SQL and this code agree.
 */

export interface Distribution {
  /** How many values were measured. */
  count: number;
  /** Null when there is no value. */
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Nearest-rank percentile of ascending values; `percent` is an integer 1..100. */
export function nearestRank(sorted: ArrayLike<number>, percent: number): number | null {
  return sorted.length ? (sorted[rankIndex(sorted.length, percent)] ?? null) : null;
}

/** Mean, median and p90 of the values (any order; the array is not changed). */
export function distribution(values: ArrayLike<number>): Distribution {
  const work = Float64Array.from(values);
  const count = work.length;
  if (!count) return { count, mean: null, median: null, p90: null };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += work[i]!;
  // Selection instead of a full sort: linear time, so 100,000 waits take a few milliseconds.
  const p90 = select(work, rankIndex(count, 90), count);
  const median = select(work, rankIndex(count, 50), rankIndex(count, 90) + 1);
  return { count, mean: sum / count, median, p90 };
}

/** 0-based index of the nearest-rank percentile; `percent` is an integer 1..100. */
function rankIndex(n: number, percent: number): number {
  // Integer arithmetic: 0.9 * 30 is 27.000000000000004 in floating point, 90 * 30 / 100 is 27.
  return Math.min(n, Math.max(1, Math.ceil((percent * n) / 100))) - 1;
}

/**
 * The k-th smallest of `a[0..end)` (Hoare's quickselect, median-of-three pivot). Reorders `a`
 * so that everything before k is no larger, which lets a second, smaller k reuse `a[0..k]`.
 */
function select(a: Float64Array, k: number, end: number): number {
  let lo = 0;
  let hi = end - 1;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k]!;
}

/** `part / whole`, or null when there is nothing to divide. */
export function share(part: number, whole: number): number | null {
  return whole ? part / whole : null;
}

/** Code-unit order (not the locale's), so rows sort the same on the hub and in any browser. */
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rows in key order. */
export const byKey = (a: { key: string }, b: { key: string }): number => compareStrings(a.key, b.key);

/** Records oldest first, ties by id: an order that does not depend on arrival. */
export const byTimeThenId = (a: { at: number; id: string }, b: { at: number; id: string }): number => a.at - b.at || compareStrings(a.id, b.id);
