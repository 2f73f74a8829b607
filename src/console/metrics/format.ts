/** Formatting and periods for the metrics view (DOM-free, unit tested). */
import type { Locale } from '../../shared/i18n';

const DAY = 86_400_000;

/** A wait in milliseconds as `45 s`, `12 min`, `3 h 05 min`, `2 d 4 h` (fr: `2 j 4 h`); a dash when none. */
export function formatWait(ms: number | null | undefined, locale: Locale): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} ${locale === 'fr' ? 'j' : 'd'} ${hours % 24} h`;
}

export function formatShare(share: number | null | undefined, locale: Locale): string {
  if (share === null || share === undefined) return '—';
  return new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

/** The change of one figure: waits as durations, shares in percentage points, counts as numbers; relative change in brackets. */
export function formatChange(figure: string, change: number | null, relative: number | null, locale: Locale): string {
  if (change === null) return '—';
  const sign = change > 0 ? '+' : change < 0 ? '−' : '±';
  const size = Math.abs(change);
  const text = figure === 'answeredShare' ? `${sign}${(size * 100).toFixed(1)} pt` : figure === 'contacts' || figure === 'count' ? `${sign}${size}` : `${sign}${formatWait(size, locale)}`;
  return relative === null ? text : `${text} (${relative > 0 ? '+' : ''}${Math.round(relative * 100)} %)`;
}

/** `YYYY-MM-DD` of a UTC instant, for date inputs. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * A period from two date inputs (UTC days, the last one included) as the hub's `[from, to)` in
 * epoch ms; null when a date is missing or the period is empty.
 */
export function periodOf(fromDay: string, toDay: string): { from: number; to: number } | null {
  const from = Date.parse(`${fromDay}T00:00:00Z`);
  const last = Date.parse(`${toDay}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(last) || last < from) return null;
  return { from, to: last + DAY };
}

/** The last `days` full days before `now` (UTC), as date input values. */
export function lastDays(now: number, days: number): { from: string; to: string } {
  const today = Math.floor(now / DAY) * DAY;
  return { from: dayOf(today - days * DAY), to: dayOf(today - DAY) };
}

/**
 * The table's rows: the wait figures of each group and, grouped by agent, that agent's signals on
 * the same row (the hub keys both by the member's name); agents with signals only get a row too.
 */
export function tableRows<W extends { key: string }, U extends { key: string }>(groups: readonly W[], agents: readonly U[] | undefined): Array<{ key: string; wait: W | null; usage: U | null }> {
  const rows = new Map<string, { key: string; wait: W | null; usage: U | null }>();
  for (const wait of groups) rows.set(wait.key, { key: wait.key, wait, usage: null });
  for (const usage of agents ?? []) rows.set(usage.key, { key: usage.key, wait: rows.get(usage.key)?.wait ?? null, usage });
  return [...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
