import { describe, expect, it } from 'vitest';
import { formatChange, formatShare, formatWait, lastDays, periodOf, tableRows } from '../../../src/console/metrics/format';

describe('metrics formatting', () => {
  it('writes waits the way a lead reads them', () => {
    expect(formatWait(null, 'en')).toBe('—');
    expect(formatWait(45_000, 'en')).toBe('45 s');
    expect(formatWait(20 * 60_000, 'en')).toBe('20 min');
    expect(formatWait(8 * 3_600_000 + 20 * 60_000, 'fr')).toBe('8 h 20 min');
    expect(formatWait(2 * 86_400_000 + 4 * 3_600_000, 'fr')).toBe('2 j 4 h');
    expect(formatWait(2 * 86_400_000 + 4 * 3_600_000, 'en')).toBe('2 d 4 h');
  });

  it('writes shares and changes with their unit', () => {
    expect(formatShare(2 / 3, 'en')).toBe('66.7%');
    expect(formatShare(null, 'fr')).toBe('—');
    expect(formatChange('median', -5 * 60_000, -0.25, 'en')).toBe('−5 min (-25 %)');
    expect(formatChange('answeredShare', 0.05, 0.0625, 'en')).toBe('+5.0 pt (+6 %)');
    expect(formatChange('contacts', 3, null, 'en')).toBe('+3');
    expect(formatChange('p90', null, null, 'en')).toBe('—');
  });

  it('turns two dates (last one included) into the hub period, and refuses an empty one', () => {
    expect(periodOf('2026-02-01', '2026-02-28')).toEqual({ from: Date.UTC(2026, 1, 1), to: Date.UTC(2026, 2, 1) });
    expect(periodOf('2026-02-01', '2026-02-01')).toEqual({ from: Date.UTC(2026, 1, 1), to: Date.UTC(2026, 1, 2) });
    expect(periodOf('2026-02-02', '2026-02-01')).toBeNull();
    expect(periodOf('', '2026-02-01')).toBeNull();
    expect(lastDays(Date.UTC(2026, 2, 1, 15), 90)).toEqual({ from: '2025-12-01', to: '2026-02-28' });
  });

  it('puts an agent’s signals on the row of their response times, and gives agents with signals only a row', () => {
    const rows = tableRows([{ key: '(unanswered)' }, { key: 'Élodie Dupont' }], [{ key: 'Élodie Dupont', alerts: 1 }, { key: 'Bob', alerts: 2 }]);
    expect(rows).toEqual([
      { key: '(unanswered)', wait: { key: '(unanswered)' }, usage: null },
      { key: 'Bob', wait: null, usage: { key: 'Bob', alerts: 2 } },
      { key: 'Élodie Dupont', wait: { key: 'Élodie Dupont' }, usage: { key: 'Élodie Dupont', alerts: 1 } },
    ]);
    expect(tableRows([{ key: 'email' }], undefined)).toEqual([{ key: 'email', wait: { key: 'email' }, usage: null }]);
  });
});
