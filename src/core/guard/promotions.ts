/** The promotions a reply may offer: live, for this channel and language, and for this customer. */
import { BRAND_CHANNELS, type BrandChannel, type CustomerFacts, type Language, type Promotion } from '../brand/model';
import { activePromotionsFor } from '../promotions/eligibility';

export interface OfferScope {
  customer: CustomerFacts;
  channel: string;
  language: Language;
  now: number;
}

/** A conversation channel as the brand guide and promotions name it (`default` when unknown). */
export function brandChannel(channel: string): BrandChannel {
  return (BRAND_CHANNELS as readonly string[]).includes(channel) ? (channel as BrandChannel) : 'default';
}

export function allowedPromotions(promotions: readonly Promotion[], scope: OfferScope): Promotion[] {
  return activePromotionsFor(scope.customer, brandChannel(scope.channel), scope.language, scope.now, promotions);
}
