/**
 * Local dates in a time zone, and business days. DOM-free: Intl only (service worker and Node).
 * French public holidays apply to Europe/Paris; other zones count weekends only.
 */

export interface LocalDate {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

export const PARIS = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function toLocal(t: number, timeZone: string): LocalDateTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(t))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const date = { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1 };
  return { ...date, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0, weekday: weekday(date) };
}

/** The instant a local wall-clock time denotes (a time skipped by DST resolves one hour later). */
export function fromLocal(date: LocalDate, timeZone: string, hour = 0, minute = 0, second = 0, ms = 0): number {
  const wall = Date.UTC(date.year, date.month - 1, date.day, hour, minute, second, ms);
  const guess = wall - offsetAt(wall, timeZone);
  const again = wall - offsetAt(guess, timeZone);
  return Math.max(guess, again);
}

/** Local minus UTC, in ms, at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  const l = toLocal(t, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - (t - (((t % 1000) + 1000) % 1000));
}

/** The last millisecond of a local day. */
export function endOfDay(date: LocalDate, timeZone: string): number {
  return fromLocal(date, timeZone, 23, 59, 59, 999);
}

export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function addMonths(date: LocalDate, months: number): LocalDate {
  const first = new Date(Date.UTC(date.year, date.month - 1 + months, 1));
  const year = first.getUTCFullYear();
  const month = first.getUTCMonth() + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function weekday(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easter(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return { year, month, day: ((h + l - 7 * m + 114) % 31) + 1 };
}

const holidayCache = new Map<number, Set<string>>();

const dateKey = (date: LocalDate) => `${date.month}-${date.day}`;

/** French public holidays (metropolitan): fixed dates plus Easter Monday, Ascension, Whit Monday. */
export function frenchHolidays(year: number): Set<string> {
  let set = holidayCache.get(year);
  if (!set) {
    const e = easter(year);
    set = new Set(['1-1', '5-1', '5-8', '7-14', '8-15', '11-1', '11-11', '12-25', ...[1, 39, 50].map((n) => dateKey(addDays(e, n)))]);
    holidayCache.set(year, set);
  }
  return set;
}

export function isBusinessDay(date: LocalDate, timeZone: string): boolean {
  const day = weekday(date);
  if (day === 0 || day === 6) return false;
  return timeZone !== PARIS || !frenchHolidays(date.year).has(dateKey(date));
}

/** `days` business days after `date` ("sous 3 jours ouvrés" sent on Monday: Thursday). */
export function addBusinessDays(date: LocalDate, days: number, timeZone: string): LocalDate {
  let current = date;
  for (let left = days; left > 0; ) {
    current = addDays(current, 1);
    if (isBusinessDay(current, timeZone)) left--;
  }
  return current;
}
