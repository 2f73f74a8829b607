/**
 * What a reply offers, in French and English: discounts, codes, percentages, amounts, refunds,
 * free items or shipping, guarantees, commercial gestures, stacked offers. The guard lets an
 * offer through only when an allowed promotion (or a team template the reply is built from)
 * offers the same thing; everything else is withheld. Matching runs on folded text (lower case,
 * no accents), so "Réduction", "REDUCTION" and "reduction" are one word.
 */
import { fold } from '../timeline/text';
import { containsWord } from './words';

export type OfferKind =
  | 'percent'
  | 'amount'
  | 'code'
  | 'discount'
  | 'gift-card'
  | 'refund'
  | 'free'
  | 'free-shipping'
  | 'guarantee'
  | 'compensation'
  | 'stacking';

export interface OfferMention {
  kind: OfferKind;
  /** Normalised value for percent (`20%`), amount (`20eur`) and code (`bienvenue10`). */
  value?: string;
  /** The words as found (folded), for the agent's explanation. */
  text: string;
}

const NUMBER_WORDS: Record<string, number> = {
  cinq: 5, dix: 10, quinze: 15, vingt: 20, 'vingt-cinq': 25, trente: 30, quarante: 40, cinquante: 50, soixante: 60,
  'soixante-dix': 70, cent: 100, five: 5, ten: 10, fifteen: 15, twenty: 20, 'twenty-five': 25, thirty: 30, forty: 40,
  fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, 'one hundred': 100,
};
const NUM = `(\\d{1,6}(?:[.,]\\d{1,2})?|${Object.keys(NUMBER_WORDS).sort((a, b) => b.length - a.length).join('|')})`;
const PERCENT = new RegExp(`${NUM}\\s*(?:%|pour\\s?cents?|percent|per\\s?cent|pct)`, 'g');
const CURRENCY = '(€|eur(?:os?)?\\b|\\$|usd\\b|dollars?\\b|£|gbp\\b|pounds?\\b|chf\\b|francs?\\b)';
const AMOUNT_AFTER = new RegExp(`${NUM}\\s*${CURRENCY}`, 'g');
const AMOUNT_BEFORE = /(€|\$|£)\s*(\d{1,6}(?:[.,]\d{1,2})?)/g;
const HALF = /\b(?:moitie prix|a moitie prix|half[- ]price|half off|50\/50)\b/g;

const WORDS: Array<[OfferKind, RegExp]> = [
  ['free-shipping', /\b(?:livraison|frais de (?:port|livraison)|port|expedition|retour)s? (?:(?:est|sont|sera|seront|vous est|vous sont) )?(?:gratuite?s?|offerte?s?)\b|\bfree (?:shipping|delivery|returns?|postage)\b|\b(?:shipping|delivery) (?:is |will be )?(?:free|on us|waived)\b/g],
  ['discount', /\b(?:remises?|reductions?|rabais|ristournes?|discount(?:s|ed)?|markdown|money off|\d+\s*(?:%|eur|€|\$|£) off|promo(?:tion)?s?|coupons?|vouchers?|deux pour le prix d'un|buy one get one|bogo|prix (?:special|coutant|reduit)|special price)\b/g],
  ['gift-card', /\b(?:(?:bons?|cheques?) (?:d'achat|cadeaux?|de reduction)|cartes? cadeaux?|gift ?cards?|gift (?:voucher|certificate)s?|store credit|credit (?:sur|en) (?:votre )?compte|(?:account|shop|goodwill) credit|credit note|un avoir|avoirs? de)\b/g],
  ['refund', /\b(?:rembours\w*|refund\w*|reimburs\w*|money back|argent (?:rendu|restitue)|satisfait ou rembourse)\b/g],
  ['guarantee', /\b(?:garanti\w*|guarante\w*|warrant(?:y|ies|ed)|extension de garantie)\b/g],
  ['compensation', /\b(?:geste (?:commercial|de bonne volonte)|dedommag\w*|indemni\w*|compens\w*|goodwill|gesture of goodwill|dommages? et interets)\b/g],
  ['free', /\b(?:gratuit\w*|offerte?s?|a titre gracieux|sans frais|free of charge|complimentary|on the house|at no (?:extra )?cost|for free|(?<!feel |toll[- ])free(?! to\b))\b/g],
  ['stacking', /\b(?:cumul\w*|stack\w*|en plus (?:du|de la|de votre|de ce) (?:code|remise|reduction|promo\w*)|on top of (?:the|your|this) (?:code|discount|offer)|combin\w* (?:with|avec) (?:the|your|this|le|la|votre)? ?(?:code|discount|offer|remise|offre))\b/g],
];
const CODE_WORD = /\b(?:code|coupon|voucher|promo)\b/;
// A code after "code", "coupon"…: `code BIENVENUE10`, `code promo : vip-30`, `use the code "sorry20"`.
const CODE_AFTER = /\b(?:code|coupon|voucher)s?((?:[\s:=«"'“‘(]+[a-z0-9][a-z0-9_-]{1,39}){1,3})/g;
// Upper-case tokens (`VIP30`, `NOEL-2025`, `FREESHIP`) in a sentence that speaks of codes.
const CODE_LIKE = /(?<![\p{L}\p{N}_-])(?:(?=[A-Z0-9_-]*\d)(?=[A-Z0-9_-]*[A-Z]{2})|(?=(?:[A-Z0-9_-]*[A-Z]){4}))[A-Z0-9][A-Z0-9_-]{3,39}(?![\p{L}\p{N}_-])/gu;
// Other codes customers and agents speak of: a postcode or a tracking number is not an offer.
const OTHER_CODES = new Set(['postal', 'post', 'zip', 'pin', 'client', 'secret', 'source', 'qr', 'barre', 'bar', 'suivi', 'tracking', 'confirmation', 'verification', 'acces', 'access', 'porte', 'door', 'wifi', 'erreur', 'error', 'article', 'produit', 'product', 'sku']);

const NOT_WORDS = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}.-]+|\b(?:https?:\/\/|www\.)\S+|(?<![\p{L}\p{N}])@[\p{L}\p{N}_.]+/gu;

export function normaliseNumber(raw: string): string {
  const n = NUMBER_WORDS[raw] ?? Number(raw.replace(',', '.'));
  return String(Math.round(n * 100) / 100);
}

function currency(raw: string): string {
  if (raw === '€' || raw.startsWith('eur')) return 'eur';
  if (raw === '$' || raw.startsWith('usd') || raw.startsWith('dollar')) return 'usd';
  if (raw === '£' || raw.startsWith('gbp') || raw.startsWith('pound')) return 'gbp';
  return raw.startsWith('franc') ? 'chf' : raw;
}

/** Every offer in `text`. `knownCodes` (folded) are found wherever they appear. */
export function findOffers(raw: string, knownCodes: Iterable<string> = []): OfferMention[] {
  // Addresses and links are not words: "lea@free.fr" offers nothing, "/promo-ete" neither.
  const text = raw.replace(NOT_WORDS, ' ');
  const folded = fold(text);
  const mentions: OfferMention[] = [];
  for (const m of folded.matchAll(PERCENT)) mentions.push({ kind: 'percent', value: `${normaliseNumber(m[1]!)}%`, text: m[0] });
  for (const m of folded.matchAll(HALF)) mentions.push({ kind: 'percent', value: '50%', text: m[0] });
  for (const m of folded.matchAll(AMOUNT_AFTER)) mentions.push({ kind: 'amount', value: `${normaliseNumber(m[1]!)}${currency(m[2]!)}`, text: m[0] });
  for (const m of folded.matchAll(AMOUNT_BEFORE)) mentions.push({ kind: 'amount', value: `${normaliseNumber(m[2]!)}${currency(m[1]!)}`, text: m[0] });
  for (const [kind, re] of WORDS) for (const m of folded.matchAll(re)) mentions.push({ kind, text: m[0] });
  const codes = new Set<string>();
  for (const m of folded.matchAll(CODE_AFTER)) {
    for (const token of m[1]!.split(/[\s:=«"'“‘(]+/)) {
      if (OTHER_CODES.has(token)) break;
      if (/\d/.test(token)) codes.add(token);
    }
  }
  for (const sentence of text.split(/(?<=[.!?\n])/)) {
    if (!CODE_WORD.test(fold(sentence))) continue;
    for (const m of sentence.matchAll(CODE_LIKE)) codes.add(m[0].toLowerCase());
  }
  for (const code of knownCodes) if (containsWord(folded, code, '_-')) codes.add(code);
  for (const code of codes) mentions.push({ kind: 'code', value: code, text: code });
  return mentions;
}

/** What a set of approved sources (promotions, team templates) offers. */
export class OfferCoverage {
  private readonly kinds = new Set<OfferKind>();
  private readonly values = new Set<string>();
  /** Kinds the team's own wording (a template) uses, which need no value to be named. */
  private readonly worded = new Set<OfferKind>();

  /** `wording`: the text is the team's (a template), so its words are approved as they are. */
  addText(text: string, options: { wording?: boolean } = {}): void {
    const mentions = findOffers(text);
    // An offer with no value or code to name it ("livraison offerte") is named by its words.
    const wording = options.wording === true || mentions.every((m) => m.value === undefined);
    for (const mention of mentions) this.addMention(mention, wording);
  }

  addCode(code: string): void {
    this.addMention({ kind: 'code', value: fold(code), text: code }, false);
  }

  /** The mentions of `text` no approved source offers. */
  uncovered(mentions: readonly OfferMention[]): OfferMention[] {
    const valued = mentions.filter((m) => m.value !== undefined);
    const named = valued.length > 0 && valued.every((m) => this.values.has(`${m.kind}:${m.value}`));
    return mentions.filter((m) => {
      if (m.value !== undefined) return !this.values.has(`${m.kind}:${m.value}`);
      // "Une remise" alone promises something vague: it must come with the promotion's own
      // value or code ("10 %", "BIENVENUE10"), unless the team's template words it so.
      return !this.kinds.has(m.kind) || (!named && !this.worded.has(m.kind));
    });
  }

  private addMention(mention: OfferMention, wording: boolean): void {
    this.kinds.add(mention.kind);
    if (wording) this.worded.add(mention.kind);
    if (mention.value !== undefined) this.values.add(`${mention.kind}:${mention.value}`);
    // A percentage, an amount or a code is a discount; free shipping is something free.
    if (mention.kind === 'percent' || mention.kind === 'amount' || mention.kind === 'code') this.kinds.add('discount');
    if (mention.kind === 'free-shipping') this.kinds.add('free');
  }
}
