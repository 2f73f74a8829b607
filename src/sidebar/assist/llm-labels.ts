/**
 * What the agent reads about a model run: what was masked before sending and what was left
 * out of the context ("3 e-mail addresses, 1 card number masked before sending").
 */
import type { LeftOut } from '../../ai/context';
import type { EntityKind } from '../../core/masking/detect';
import type { MaskSummary } from '../../core/masking/mask';
import type { Locale, MessageKey, Translate } from '../../shared/i18n';

type Plural = readonly [one: MessageKey, many: MessageKey];

const MASKED: Record<EntityKind, Plural> = {
  email: ['llmMaskedEmailOne', 'llmMaskedEmailMany'],
  phone: ['llmMaskedPhoneOne', 'llmMaskedPhoneMany'],
  iban: ['llmMaskedIbanOne', 'llmMaskedIbanMany'],
  card: ['llmMaskedCardOne', 'llmMaskedCardMany'],
  address: ['llmMaskedAddressOne', 'llmMaskedAddressMany'],
};

const LEFT_OUT: Record<LeftOut['section'], Plural> = {
  message: ['llmLeftOutMessageOne', 'llmLeftOutMessageMany'],
  history: ['llmLeftOutHistoryOne', 'llmLeftOutHistoryMany'],
  commitment: ['llmLeftOutCommitmentOne', 'llmLeftOutCommitmentMany'],
  promotion: ['llmLeftOutPromotionOne', 'llmLeftOutPromotionMany'],
  template: ['llmLeftOutTemplateOne', 'llmLeftOutTemplateMany'],
};

// French uses the singular for 0 and 1, English for 1 only.
const isOne = (count: number, locale: Locale) => (locale === 'fr' ? count <= 1 : count === 1);

function counted(entries: Array<[Plural, number]>, t: Translate, locale: Locale): string {
  return entries
    .filter(([, count]) => count > 0)
    .map(([[one, many], count]) => t(isOne(count, locale) ? one : many, { count }))
    .join(', ');
}

/** "3 e-mail addresses, 1 card number masked before sending", or that nothing needed masking. */
export function maskedLabel(masked: MaskSummary, t: Translate, locale: Locale): string {
  const list = counted((Object.keys(MASKED) as EntityKind[]).map((kind) => [MASKED[kind], masked[kind]]), t, locale);
  return list ? t('llmMasked', { list }) : t('llmMaskedNone');
}

/** "2 older messages, 1 template left out of the context", or '' when everything fitted. */
export function leftOutLabel(leftOut: readonly LeftOut[], t: Translate, locale: Locale): string {
  const counts = new Map<LeftOut['section'], number>();
  for (const item of leftOut) counts.set(item.section, (counts.get(item.section) ?? 0) + 1);
  const list = counted((Object.keys(LEFT_OUT) as Array<LeftOut['section']>).map((section) => [LEFT_OUT[section], counts.get(section) ?? 0]), t, locale);
  return list ? t('llmLeftOut', { list }) : '';
}
