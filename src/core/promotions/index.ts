export { activePromotions, activePromotionsFor, byPriority, isActive, isEligible, nextChange, type Eligibility, type IneligibleReason } from './eligibility';
export { mentionedPromotions, type Mention } from './mentions';
export { validatePromotion } from './validate';
