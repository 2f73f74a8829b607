/**
 * UI strings for extension pages. The strings live in public/_locales (the browser's own i18n
 * format, also used for the manifest); pages load both languages so the agent can pick one in
 * settings instead of being stuck with the browser's.
 */
import en from '../../public/_locales/en/messages.json';
import fr from '../../public/_locales/fr/messages.json';
import type { Settings } from './schemas';

export type Locale = 'en' | 'fr';
export type MessageKey = keyof typeof en;

const catalogs: Record<Locale, Record<string, { message: string }>> = { en, fr };

export function resolveLocale(preference: Settings['language'], browserLanguage = globalThis.navigator?.language ?? 'en'): Locale {
  if (preference !== 'auto') return preference;
  return browserLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** `t('key', { name: 'Marie' })` replaces `{name}`; a missing French string falls back to English. */
export function translator(locale: Locale) {
  return (key: MessageKey, values: Record<string, string | number> = {}): string => {
    const template = catalogs[locale][key]?.message ?? en[key]?.message ?? key;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
  };
}

export type Translate = ReturnType<typeof translator>;
