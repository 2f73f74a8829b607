/**
 * Due dates in French and English promises, relative to when the message was sent, in the
 * team's time zone: "d'ici vendredi", "sous 3 jours ouvrés", "within 48 hours", "by March 12".
 * A day means the end of that local day; hours are exact.
 */
import { addBusinessDays, addDays, addMonths, compareDates, daysInMonth, endOfDay, fromLocal, toLocal, type LocalDate, type LocalDateTime } from './calendar';
import { HOUR } from './event';
import type { Language } from './language';

export interface DueMatch {
  dueAt: number;
  /** The words that gave the date, folded. */
  phrase: string;
}

interface Context {
  sentAt: number;
  timeZone: string;
  today: LocalDateTime;
}

interface Rule {
  re: RegExp;
  due(m: RegExpExecArray, ctx: Context): number | null;
}

const NUMBERS: Record<string, number> = {
  un: 1, une: 1, a: 1, an: 1, one: 1, deux: 2, two: 2, trois: 3, three: 3, quatre: 4, four: 4, cinq: 5, five: 5, six: 6, sept: 7, seven: 7,
  huit: 8, eight: 8, neuf: 9, nine: 9, dix: 10, ten: 10, douze: 12, twelve: 12, quinze: 15, fifteen: 15, vingt: 20, twenty: 20, trente: 30,
  thirty: 30, 'vingt-quatre': 24, 'twenty-four': 24, 'quarante-huit': 48, 'forty-eight': 48, 'soixante-douze': 72, 'seventy-two': 72,
};
const NUM_WORDS = Object.keys(NUMBERS).sort((a, b) => b.length - a.length).join('|');
// "48", "quarante-huit", and ranges "24/48", "2 à 3", "1-2": a range promises its upper end.
const NUM = `(\\d{1,3}|${NUM_WORDS})(?:\\s*(?:/|-|a|à|ou|or|to)\\s*(\\d{1,3}))?`;

const WEEKDAYS_FR = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS_FR = ['janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre'];
const MONTHS_EN = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_EN = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)';

const eod = (date: LocalDate, ctx: Context) => endOfDay(date, ctx.timeZone);
const count = (m: RegExpExecArray, i: number) => Number(m[i + 1] ?? NaN) || NUMBERS[m[i] ?? ''] || Number(m[i]);

function inDuration(n: number, unit: string, ctx: Context): number | null {
  if (!Number.isFinite(n) || n <= 0 || n > 400) return null;
  if (/^(?:h|hrs?|heures?|hours?)$/.test(unit)) return ctx.sentAt + n * HOUR;
  if (/ouvr|business|working/.test(unit)) return eod(addBusinessDays(ctx.today, n, ctx.timeZone), ctx);
  if (/^(?:jours?|j|days?)$/.test(unit)) return eod(addDays(ctx.today, n), ctx);
  if (/^(?:semaines?|weeks?)$/.test(unit)) return eod(addDays(ctx.today, 7 * n), ctx);
  return eod(addMonths(ctx.today, n), ctx);
}

/** The next such weekday after today (a promise "by Friday" made on Friday means next Friday). */
function nextWeekday(target: number, ctx: Context, before: boolean): number {
  const date = addDays(ctx.today, (target - ctx.today.weekday + 7) % 7 || 7);
  return eod(before ? addDays(date, -1) : date, ctx);
}

/** Friday of this week (or of next week when today is already the weekend). */
function endOfWeek(ctx: Context, weeksAhead: number): number {
  const toFriday = ctx.today.weekday === 0 || ctx.today.weekday === 6 ? (5 - ctx.today.weekday + 7) % 7 : 5 - ctx.today.weekday;
  return eod(addDays(ctx.today, toFriday + 7 * weeksAhead), ctx);
}

function endOfMonth(ctx: Context, monthsAhead: number): number {
  const month = addMonths({ ...ctx.today, day: 1 }, monthsAhead);
  return eod({ ...month, day: daysInMonth(month.year, month.month) }, ctx);
}

/** A calendar date; without a year, the next one to come. */
function onDate(day: number, month: number, year: string | undefined, before: boolean, ctx: Context): number | null {
  if (month < 1 || month > 12) return null;
  let y = year ? Number(year.length === 2 ? `20${year}` : year) : ctx.today.year;
  if (!year && compareDates({ year: y, month, day }, ctx.today) < 0) y++;
  if (day < 1 || day > daysInMonth(y, month)) return null;
  const date = { year: y, month, day };
  return eod(before ? addDays(date, -1) : date, ctx);
}

const monthEn = (name: string) => MONTHS_EN.findIndex((m) => m.startsWith(name.slice(0, 3))) + 1;

// Ordered: explicit dates first, then durations, then relative days and weeks.
const RULES: Record<Language, Rule[]> = {
  fr: [
    {
      re: new RegExp(`\\b(avant\\s+)?(?:le\\s+)?(\\d{1,2})(?:er)?\\s+(${MONTHS_FR.join('|')})(?:\\s+(\\d{4}))?\\b`),
      due: (m, ctx) => onDate(Number(m[2]), MONTHS_FR.indexOf(m[3] ?? '') + 1, m[4], !!m[1], ctx),
    },
    { re: /\b(avant\s+)?(?:le|du|au)\s+(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2,4}))?\b/, due: (m, ctx) => onDate(Number(m[2]), Number(m[3]), m[4], !!m[1], ctx) },
    { re: /\bdans l'heure\b/, due: (_m, ctx) => ctx.sentAt + HOUR },
    {
      re: new RegExp(`\\b(?:sous|dans|d'ici|en|delai de)\\s+(?:les\\s+|un delai de\\s+|(?:un\\s+)?maximum\\s+(?:de\\s+)?)?${NUM}\\s*(h|heures?|jours?\\s+ouvr(?:es|ables)|jours?|j|semaines?|mois)\\b`),
      due: (m, ctx) => inDuration(count(m, 1), m[3] ?? '', ctx),
    },
    { re: /\bapres[- ]demain\b/, due: (_m, ctx) => eod(addDays(ctx.today, 2), ctx) },
    {
      re: /(?<!apres[- ])\bdemain(?:\s+(matin|midi|apres[- ]midi))?\b/,
      due: (m, ctx) => {
        const hour = { matin: 12, midi: 14 }[m[1] ?? ''] ?? (m[1] ? 18 : undefined);
        return hour ? fromLocal(addDays(ctx.today, 1), ctx.timeZone, hour) : eod(addDays(ctx.today, 1), ctx);
      },
    },
    { re: /\b(?:aujourd'hui|aujourd hui|dans la journee|ce soir|cet apres[- ]midi|en fin de journee|ce jour)\b/, due: (_m, ctx) => eod(ctx.today, ctx) },
    {
      re: new RegExp(`\\b(avant\\s+)?(?:(?:d'ici|pour|jusqu'a|au plus tard|des)\\s+)?(?:(?:ce|le)\\s+)?(${WEEKDAYS_FR.join('|')})(?:\\s+prochain)?\\b`),
      due: (m, ctx) => nextWeekday(WEEKDAYS_FR.indexOf(m[2] ?? ''), ctx, !!m[1]),
    },
    { re: /\b(?:la\s+)?semaine prochaine\b/, due: (_m, ctx) => endOfWeek(ctx, 1) },
    { re: /\bfin (?:de (?:la |cette )?)?semaine\b|\bcette semaine\b/, due: (_m, ctx) => endOfWeek(ctx, 0) },
    { re: /\b(?:le\s+)?mois prochain\b/, due: (_m, ctx) => endOfMonth(ctx, 1) },
    { re: /\bfin (?:du|de ce) mois\b|\bce mois[- ]ci\b/, due: (_m, ctx) => endOfMonth(ctx, 0) },
  ],
  en: [
    {
      re: new RegExp(`\\b(before\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_EN}\\b(?:,?\\s+(\\d{4}))?`),
      due: (m, ctx) => onDate(Number(m[2]), monthEn(m[3] ?? ''), m[4], !!m[1], ctx),
    },
    {
      re: new RegExp(`\\b(before\\s+)?${MONTH_EN}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4}))?`),
      due: (m, ctx) => onDate(Number(m[3]), monthEn(m[2] ?? ''), m[4], !!m[1], ctx),
    },
    { re: /\bwithin the hour\b|\bin an hour\b/, due: (_m, ctx) => ctx.sentAt + HOUR },
    {
      re: new RegExp(`\\b(?:within|in|under|inside)\\s+(?:the\\s+)?(?:next\\s+)?${NUM}\\s*(h|hrs?|hours?|business days?|working days?|days?|weeks?|months?)\\b`),
      due: (m, ctx) => inDuration(count(m, 1), m[3] ?? '', ctx),
    },
    { re: /\bday after tomorrow\b/, due: (_m, ctx) => eod(addDays(ctx.today, 2), ctx) },
    {
      re: /(?<!after )\btomorrow(?:\s+(morning|noon|afternoon))?\b/,
      due: (m, ctx) => {
        const hour = { morning: 12, noon: 14, afternoon: 18 }[m[1] ?? ''];
        return hour ? fromLocal(addDays(ctx.today, 1), ctx.timeZone, hour) : eod(addDays(ctx.today, 1), ctx);
      },
    },
    { re: /\b(?:today|tonight|this (?:afternoon|evening)|end of (?:the )?(?:business )?day|eod|cob|close of business)\b/, due: (_m, ctx) => eod(ctx.today, ctx) },
    {
      re: new RegExp(`\\b(before\\s+)?(?:(?:by|on|until|till|this|next|coming)\\s+)*(${WEEKDAYS_EN.join('|')})\\b`),
      due: (m, ctx) => nextWeekday(WEEKDAYS_EN.indexOf(m[2] ?? ''), ctx, !!m[1]),
    },
    { re: /\bnext week\b/, due: (_m, ctx) => endOfWeek(ctx, 1) },
    { re: /\bend of (?:the |this )?week\b|\bthis week\b/, due: (_m, ctx) => endOfWeek(ctx, 0) },
    { re: /\bnext month\b/, due: (_m, ctx) => endOfMonth(ctx, 1) },
    { re: /\bend of (?:the |this )?month\b|\bthis month\b/, due: (_m, ctx) => endOfMonth(ctx, 0) },
  ],
};

/** The first due date the folded sentence states, trying `language` first, or null. */
export function findDue(folded: string, sentAt: number, language: Language | undefined, timeZone: string): DueMatch | null {
  const ctx: Context = { sentAt, timeZone, today: toLocal(sentAt, timeZone) };
  const order: Language[] = language === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  for (const lang of order) {
    for (const rule of RULES[lang]) {
      const m = rule.re.exec(folded);
      const dueAt = m ? rule.due(m, ctx) : null;
      if (m && dueAt !== null && dueAt > sentAt) return { dueAt, phrase: m[0].trim() };
    }
  }
  return null;
}
