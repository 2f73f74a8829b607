/**
 * Which promotions are live, and who may be offered one. Pure and clock-free (`now` is passed),
 * so the sidebar, the suggestion guard and the hub agree on the same answer.
 */
import type { BrandChannel, CustomerFacts, Language, Promotion } from '../brand/model';

export type IneligibleReason = 'channel' | 'language' | 'segment' | 'tag' | 'new-customers-only' | 'existing-customers-only' | 'stage' | 'customer-unknown';

export interface Eligibility {
  eligible: boolean;
  /** Every condition that fails, in a stable order; empty when eligible. */
  reasons: IneligibleReason[];
}

export function isActive(p: Promotion, now: number): boolean {
  return !p.deleted && p.startsAt <= now && now < p.endsAt;
}

const fold = (s: string) => s.trim().toLowerCase();

/** Within one list a single match is enough ("VIP" or "Gold"); every non-empty list must match. */
function meetsList(required: readonly string[], has: readonly string[]): boolean {
  if (!required.length) return true;
  const own = new Set(has.map(fold));
  return required.some((r) => own.has(fold(r)));
}

function customerConditions(e: Promotion['eligibility']): boolean {
  return e.segments.length > 0 || e.tags.length > 0 || e.stages.length > 0 || e.customerKind !== 'any';
}

/**
 * Whether `customer` may be offered `p` on this channel and in this language. Without a known
 * customer, a promotion with customer conditions is not eligible ("customer-unknown"): the
 * condition cannot be checked, so the offer is not made.
 */
export function isEligible(p: Promotion, customer: CustomerFacts | undefined, channel: BrandChannel, language: Language): Eligibility {
  const reasons: IneligibleReason[] = [];
  if (p.channels.length && !p.channels.includes(channel)) reasons.push('channel');
  if (p.languages.length && !p.languages.includes(language)) reasons.push('language');
  const e = p.eligibility;
  if (!customer) {
    if (customerConditions(e)) reasons.push('customer-unknown');
  } else {
    if (!meetsList(e.segments, customer.segments)) reasons.push('segment');
    if (!meetsList(e.tags, customer.tags)) reasons.push('tag');
    if (e.customerKind === 'new' && customer.kind !== 'new') reasons.push('new-customers-only');
    if (e.customerKind === 'existing' && customer.kind !== 'existing') reasons.push('existing-customers-only');
    if (e.stages.length && !(customer.stage && meetsList(e.stages, [customer.stage]))) reasons.push('stage');
  }
  return { eligible: reasons.length === 0, reasons };
}

/** Higher priority first, then the one ending soonest (the more urgent to mention), then by id. */
export function byPriority(a: Promotion, b: Promotion): number {
  return b.priority - a.priority || a.endsAt - b.endsAt || a.id.localeCompare(b.id);
}

/** Live promotions, for the notice every agent sees. */
export function activePromotions(all: readonly Promotion[], now: number): Promotion[] {
  return all.filter((p) => isActive(p, now)).sort(byPriority);
}

/** Live promotions this customer may be offered here: the cards, and the only offers a suggestion may make. */
export function activePromotionsFor(customer: CustomerFacts | undefined, channel: BrandChannel, language: Language, now: number, all: readonly Promotion[]): Promotion[] {
  return activePromotions(all, now).filter((p) => isEligible(p, customer, channel, language).eligible);
}

/** When the set of live promotions next changes (one starts or ends), to refresh without polling. */
export function nextChange(all: readonly Promotion[], now: number): number | undefined {
  let next: number | undefined;
  for (const p of all) {
    if (p.deleted) continue;
    for (const t of [p.startsAt, p.endsAt]) if (t > now && (next === undefined || t < next)) next = t;
  }
  return next;
}
