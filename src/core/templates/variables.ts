/** Values for template variables, from the customer on screen, the agent and a promotion. */
import type { CustomerFacts, Language, Promotion } from '../brand/model';
import type { Filter, VariableName } from './parse';

export interface TemplateValues {
  language: Language;
  customer?: Partial<CustomerFacts>;
  agent?: { name?: string };
  promotion?: Pick<Promotion, 'code' | 'title' | 'pitch' | 'endsAt'>;
  /** Time zone for dates (promotion end); Europe/Paris unless told. */
  timeZone?: string;
  /** When given, a date in another year shows its year. */
  now?: number;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(language: Language, timeZone: string, withYear: boolean): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${withYear}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-US', { day: 'numeric', month: 'long', ...(withYear ? { year: 'numeric' } : {}), timeZone });
    dateFormats.set(key, f);
  }
  return f;
}

/** "31 décembre" / "December 31", with the year when it is not the year of `now`. */
export function formatDay(epochMs: number, language: Language, timeZone = 'Europe/Paris', now?: number): string {
  const day = new Date(epochMs);
  const year = (ms: number) => dateFormat('en', timeZone, true).formatToParts(ms).find((p) => p.type === 'year')?.value;
  const withYear = now !== undefined && year(day.getTime()) !== year(now);
  const text = dateFormat(language, timeZone, withYear).format(day);
  return language === 'fr' ? text.replace(/^1 /, '1er ') : text;
}

function present(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export function variableValue(name: VariableName, values: TemplateValues): string | undefined {
  const { customer, promotion } = values;
  switch (name) {
    case 'customer.firstName':
      return present(customer?.firstName);
    case 'customer.lastName':
      return present(customer?.lastName);
    case 'customer.fullName':
      return present(customer?.fullName) ?? present([customer?.firstName, customer?.lastName].filter(Boolean).join(' '));
    case 'agent.name':
      return present(values.agent?.name);
    case 'promotion.code':
      return present(promotion?.code);
    case 'promotion.title':
      return present(promotion?.title);
    case 'promotion.pitch':
      return present(promotion?.pitch);
    case 'promotion.endsAt':
      // The end is exclusive: a promotion ending at 1 January 00:00 runs "until 31 December".
      return promotion ? formatDay(promotion.endsAt - 1, values.language, values.timeZone, values.now) : undefined;
  }
}

/** Applies filters left to right; `default` only fills a missing value. */
export function applyFilters(value: string | undefined, filters: readonly Filter[], language: Language): string | undefined {
  const locale = language === 'fr' ? 'fr-FR' : 'en-US';
  let v = value;
  for (const f of filters) {
    if (f.name === 'default') v = v ?? present(f.arg);
    else if (v === undefined) continue;
    else if (f.name === 'upper') v = v.toLocaleUpperCase(locale);
    else if (f.name === 'lower') v = v.toLocaleLowerCase(locale);
    else v = v.charAt(0).toLocaleUpperCase(locale) + v.slice(1);
  }
  return v;
}
