/**
 * Which promotions a reply mentions, by code (any case, whole token) or by title (whole words,
 * case- and accent-insensitive): the hub records where each promotion was used.
 */
import type { Promotion } from '../brand/model';
import { PhraseIndex } from '../brand/phrases';
import { foldedWords, foldWord, tokenize } from '../brand/text';

export interface Mention {
  promotion: Promotion;
  by: 'code' | 'title';
  /** The first mention in the text. */
  start: number;
  end: number;
}

const CODE = /(?<![\p{L}\p{N}_-])[\p{L}\p{N}_-]{2,40}(?![\p{L}\p{N}_-])/gu;

export function mentionedPromotions(text: string, promotions: readonly Promotion[]): Mention[] {
  const live = promotions.filter((p) => !p.deleted);
  const byCode = new Map(live.filter((p) => p.code).map((p) => [foldWord(p.code ?? ''), p]));
  const found = new Map<string, Mention>();
  const note = (mention: Mention) => {
    const earlier = found.get(mention.promotion.id);
    if (!earlier || mention.start < earlier.start) found.set(mention.promotion.id, mention);
  };
  if (byCode.size) {
    for (const m of text.matchAll(CODE)) {
      const promotion = byCode.get(foldWord(m[0]));
      if (promotion) note({ promotion, by: 'code', start: m.index, end: m.index + m[0].length });
    }
  }
  const titles = new PhraseIndex<Promotion>();
  // A one-word title ("Soldes") is too common a word to prove a mention; codes cover those.
  for (const p of live) {
    const words = foldedWords(p.title);
    if (words.length >= 2) titles.add(words, p);
  }
  if (titles.size) {
    for (const m of titles.find(text, tokenize(text))) note({ promotion: m.value, by: 'title', start: m.start, end: m.end });
  }
  return [...found.values()].sort((a, b) => a.start - b.start);
}
