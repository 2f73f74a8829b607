/**
 * Brand issues caught and fixed. An issue belongs to the period and group of its first record; it
 * was caught if it has any record and fixed if it has a `fixed` one. Per issue code, or per
 * agent / channel / tool.
 */
import { byEntity, inPeriod, signalGroup, type BrandIssueSignal, type Period, type SignalGroupBy } from './signals';
import { byKey, share } from './stats';

export interface BrandIssueFigures {
  key: string;
  caught: number;
  fixed: number;
  /** fixed / caught. */
  fixedShare: number | null;
}

export function brandIssues(records: readonly BrandIssueSignal[], period: Period, groupBy: SignalGroupBy | 'code' = 'code'): BrandIssueFigures[] {
  const rows = new Map<string, { caught: number; fixed: number }>();
  for (const list of byEntity(records, (r) => r.issueId).values()) {
    const first = list[0]!;
    if (!inPeriod(first.at, period)) continue;
    const key = groupBy === 'code' ? first.code : signalGroup(first, groupBy);
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { caught: 0, fixed: 0 }));
    row.caught++;
    if (list.some((r) => r.kind === 'fixed')) row.fixed++;
  }
  return [...rows].map(([key, r]) => ({ key, ...r, fixedShare: share(r.fixed, r.caught) })).sort(byKey);
}
