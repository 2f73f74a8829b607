/** The customer's language from their own messages: French or English, by stop-word counts. */
import { STOP_WORDS, fold, words } from './text';

export type Language = 'fr' | 'en';

export interface LanguageGuess {
  language: Language;
  /** Share of the stop words found that belong to that language (0.5..1). */
  confidence: number;
}

/** Undefined when the texts hold too few stop words to tell (a greeting, an order number). */
export function detectLanguage(texts: Iterable<string>): LanguageGuess | undefined {
  let fr = 0;
  let en = 0;
  for (const text of texts) {
    for (const word of words(fold(text))) {
      // Words both languages use ("a", "on", "me") count for neither.
      const inFr = STOP_WORDS.fr.has(word);
      const inEn = STOP_WORDS.en.has(word);
      if (inFr && !inEn) fr++;
      else if (inEn && !inFr) en++;
    }
  }
  const total = fr + en;
  if (total < 3) return undefined;
  const language: Language = fr >= en ? 'fr' : 'en';
  return { language, confidence: Math.round((Math.max(fr, en) / total) * 100) / 100 };
}
