/** Which wording of a template to use for a language and channel. */
import type { BrandChannel, Language, Template, TemplateVariant } from '../brand/model';

/** How far the choice is from what was asked, so the sidebar can say "English wording" or "written for e-mail". */
export type VariantFallback = 'exact' | 'default-channel' | 'other-channel' | 'other-language';

/**
 * Same language and channel, then the same language's default wording, then the same language
 * written for another channel, and only then the other language: a French customer is better
 * served by the French e-mail wording than by an English one written for X.
 */
export function pickVariant(template: Pick<Template, 'variants'>, language: Language, channel: BrandChannel): { variant: TemplateVariant; fallback: VariantFallback } {
  const { variants } = template;
  const find = (lang: Language | undefined, ch: BrandChannel | undefined) => variants.find((v) => (!lang || v.language === lang) && (!ch || v.channel === ch));
  const exact = find(language, channel);
  if (exact) return { variant: exact, fallback: 'exact' };
  const byDefault = find(language, 'default');
  if (byDefault) return { variant: byDefault, fallback: 'default-channel' };
  const sameLanguage = find(language, undefined);
  if (sameLanguage) return { variant: sameLanguage, fallback: 'other-channel' };
  const other = find(undefined, channel) ?? find(undefined, 'default') ?? variants[0];
  if (!other) throw new RangeError('A template has at least one variant');
  return { variant: other, fallback: 'other-language' };
}
