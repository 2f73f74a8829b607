/** Authoring checks for promotions: the schema, then a code no other promotion uses at the same time. */
import { PromotionSchema, type Promotion } from '../brand/model';
import { fieldError, zodFieldErrors, type Validation } from '../brand/validation';

/**
 * Field-level errors for a promotion the lead is saving. A code may be reused once the earlier
 * promotion has ended, never while both run: a draft's code must name one offer.
 */
export function validatePromotion(input: unknown, others: readonly Promotion[] = []): Validation<Promotion> {
  const parsed = PromotionSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: zodFieldErrors(parsed.error) };
  const p = parsed.data;
  const code = p.code?.toLowerCase();
  const clash = code
    ? others.find((o) => !o.deleted && o.id !== p.id && o.code?.toLowerCase() === code && o.startsAt < p.endsAt && p.startsAt < o.endsAt)
    : undefined;
  return clash ? { ok: false, errors: [fieldError(['code'], 'promotionCodeTaken', { title: clash.title })] } : { ok: true, value: p };
}
