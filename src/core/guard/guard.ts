/**
 * The guard: deterministic checks on every suggestion, whatever wrote it (a model, a template,
 * a past reply), before the agent sees it. A suggestion is shown as it is (`ok`), shown after a
 * safe fix (`fixed`: a banned term replaced, trimmed to the channel's length), or `withheld`
 * with the reasons: an offer no allowed promotion makes, another customer's identifier, personal
 * data in a public reply, a placeholder that cannot be restored, a brand rule it cannot fix.
 */
import type { BrandGuide, CustomerFacts, Language, Promotion, Template } from '../brand/model';
import { findEntities } from '../masking/detect';
import { stripInvisible } from '../masking/invisible';
import { PLACEHOLDER } from '../masking/mask';
import { fold } from '../timeline/text';
import { checkBrand } from './brand-rules';
import { IdentityChecker, mentionedIdentifiers, identifierKeys, type IdentityScope } from './identifiers';
import { findOffers, OfferCoverage } from './offers';
import { containsWord } from './words';
import { allowedPromotions, brandChannel } from './promotions';

export type GuardVerdict = 'ok' | 'fixed' | 'withheld';

export type GuardCode =
  | 'empty'
  | 'offer-not-approved'
  | 'other-customer-data'
  | 'unknown-contact'
  | 'personal-data-public'
  | 'unresolved-placeholder'
  | 'brand-fixed'
  | 'brand-rule';

export interface GuardReason {
  /** A brand rule's own code (`banned-term`, `formality`…) comes with `brand-fixed` / `brand-rule`. */
  code: GuardCode;
  rule?: string;
  /** i18n message key for the sidebar. */
  key: string;
  params: Record<string, string | number>;
}

export interface GuardResult {
  verdict: GuardVerdict;
  /** The text to show: fixed when `fixed`, empty when `withheld` (never show withheld text). */
  text: string;
  reasons: GuardReason[];
}

export interface GuardContext {
  /** The conversation's channel (`email`, `instagram`, `comment`…). */
  channel: string;
  language: Language;
  now: number;
  customer: CustomerFacts;
  /** Every promotion known; the guard keeps the active ones this customer is eligible for. */
  promotions: readonly Promotion[];
  guide?: BrandGuide;
  identity: IdentityScope;
  /** Team templates the suggestion is built from: their wording is approved by the team. */
  templates?: readonly Template[];
  /** A comment or public post: no personal data at all. `channel === 'comment'` implies it. */
  publicChannel?: boolean;
}

const KEYS: Record<GuardCode, string> = {
  empty: 'guardEmpty',
  'offer-not-approved': 'guardOfferNotApproved',
  'other-customer-data': 'guardOtherCustomerData',
  'unknown-contact': 'guardUnknownContact',
  'personal-data-public': 'guardPersonalDataPublic',
  'unresolved-placeholder': 'guardUnresolvedPlaceholder',
  'brand-fixed': 'guardBrandFixed',
  'brand-rule': 'guardBrandRule',
};

const reason = (code: GuardCode, params: Record<string, string | number> = {}): GuardReason => ({ code, key: KEYS[code], params });

/** What the allowed promotions and the templates used offer: computed once per context. */
export function offerCoverage(ctx: Pick<GuardContext, 'promotions' | 'customer' | 'channel' | 'language' | 'now' | 'templates'>): OfferCoverage {
  const allowed = allowedPromotions(ctx.promotions, ctx);
  const allowedIds = new Set(allowed.map((p) => p.id));
  const coverage = new OfferCoverage();
  for (const p of allowed) {
    coverage.addText([p.title, p.pitch, ...p.offers].join('\n'));
    if (p.code) coverage.addCode(p.code);
  }
  for (const t of ctx.templates ?? []) {
    // A template tied to a promotion this customer may not have approves nothing.
    if (t.promotionId && !allowedIds.has(t.promotionId)) continue;
    for (const v of t.variants) coverage.addText(v.body, { wording: true });
  }
  return coverage;
}

/** Every promotion code known, folded, so a code is recognised wherever a reply writes it. */
export function knownCodes(promotions: readonly Promotion[]): string[] {
  return promotions.flatMap((p) => (p.code ? [fold(p.code)] : []));
}

export function guard(draft: string, ctx: GuardContext, prepared?: PreparedGuard): GuardResult {
  const { coverage, codes, identities } = prepared ?? prepareGuard(ctx);
  let text = stripInvisible(draft).trim();
  const reasons: GuardReason[] = [];
  if (!text) return { verdict: 'withheld', text: '', reasons: [reason('empty')] };

  const brand = checkBrand(text, { ...(ctx.guide ? { guide: ctx.guide } : {}), channel: brandChannel(ctx.channel), language: ctx.language, promotions: ctx.promotions, customer: ctx.customer, now: ctx.now });
  text = brand.text;
  // Brand findings keep the draft check's own message key, so the sidebar says them the same way.
  for (const f of brand.fixed) reasons.push({ code: 'brand-fixed', rule: f.code, key: f.key, params: f.params });
  const blocking: GuardReason[] = brand.errors.map((f) => ({ code: 'brand-rule', rule: f.code, key: f.key, params: f.params }));

  for (const m of text.matchAll(PLACEHOLDER)) blocking.push(reason('unresolved-placeholder', { placeholder: m[0] }));
  const offers = new Set<string>();
  for (const mention of coverage.uncovered(findOffers(text, codes))) offers.add(mention.text);
  for (const offer of offers) blocking.push(reason('offer-not-approved', { offer }));
  for (const finding of identities.check(text)) {
    blocking.push(reason(finding.kind === 'other-customer' ? 'other-customer-data' : 'unknown-contact', { value: finding.value }));
  }
  if (ctx.publicChannel || ctx.channel === 'comment') {
    for (const value of personalData(text, ctx)) blocking.push(reason('personal-data-public', { value }));
  }
  if (blocking.length) return { verdict: 'withheld', text: '', reasons: [...blocking, ...reasons] };
  return { verdict: reasons.length ? 'fixed' : 'ok', text, reasons };
}

export interface PreparedGuard {
  coverage: OfferCoverage;
  codes: string[];
  identities: IdentityChecker;
}

/** The parts of a check that depend only on the context, for checking many drafts (and partial streams). */
export function prepareGuard(ctx: GuardContext): PreparedGuard {
  return { coverage: offerCoverage(ctx), codes: knownCodes(ctx.promotions), identities: new IdentityChecker(ctx.identity) };
}

/** Personal data in a public reply: any contact detail, card, IBAN or address, the customer's references or last name. */
function personalData(text: string, ctx: GuardContext): string[] {
  const found = findEntities(text, { defaultRegion: ctx.identity.defaultRegion }).map((e) => e.value);
  const own = new Set(ctx.identity.customer.flatMap((raw) => identifierKeys(raw, ctx.identity.defaultRegion)));
  for (const { key, value } of mentionedIdentifiers(text, ctx.identity.defaultRegion)) {
    if (key.startsWith('ref:') && own.has(key)) found.push(value);
  }
  const last = ctx.customer.lastName?.trim();
  if (last && containsWord(fold(text), fold(last))) found.push(last);
  return [...new Set(found)];
}
