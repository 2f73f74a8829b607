/**
 * Complaint and urgency wording in French and English, matched on folded text (no accents, lower
 * case) so "Inadmissible", "INADMISSIBLE !" and "inadmissible" count alike. A negation just
 * before a term ("pas urgent", "not urgent") cancels it.
 */
import { fold } from './text';

export type WordingCategory = 'legal' | 'fraud' | 'anger' | 'refund' | 'cancel' | 'urgency' | 'repeat';

/** Points per category, once per message: the worst categories dominate acuity. */
export const WORDING_WEIGHTS: Record<WordingCategory, number> = {
  legal: 30,
  fraud: 25,
  anger: 15,
  refund: 10,
  cancel: 10,
  urgency: 8,
  repeat: 8,
};

const LEXICON: Record<WordingCategory, string[]> = {
  legal: [
    'avocats?', 'mise en demeure', 'mettre en demeure', 'tribunal', 'justice', 'plainte', 'porter plainte', 'dgccrf', 'ufc(?: que choisir)?',
    '60 millions de consommateurs', 'mediateur', 'huissier', 'litige', 'conciliateur', 'action en justice', 'lawyers?', 'attorneys?', 'legal action',
    'sue', 'suing', 'small claims', 'chargebacks?', 'dispute the charge', 'trading standards', 'ombudsman', 'better business bureau', 'bbb',
  ],
  fraud: ['arnaques?', 'arnaquee?s?', 'escroc\\w*', 'escroquerie', 'voleurs?', 'vol manifeste', 'fraude', 'frauduleu\\w*', 'scam\\w*', 'fraud\\w*', 'rip ?off', 'thie(?:f|ves)', 'stolen'],
  anger: [
    'inadmissible', 'inacceptable', 'scandal\\w*', 'honteu\\w*', 'honte', 'lamentable', 'deplorable', 'ridicule', 'n\'importe quoi', 'j\'en ai marre', 'marre',
    'furieu\\w*', 'degoute\\w*', 'exaspere\\w*', 'decu\\w*', 'pire', 'catastroph\\w*', 'unacceptable', 'outrage\\w*', 'disgrace\\w*', 'disgust\\w*', 'ridiculous',
    'furious', 'angry', 'appalling', 'terrible', 'worst', 'fed up', 'sick of', 'shameful', 'disappointed',
  ],
  refund: ['rembours\\w*', 'refund\\w*', 'money back', 'reimburse\\w*'],
  cancel: ['annul\\w*', 'resili\\w*', 'desabonn\\w*', 'desinscri\\w*', 'cancel\\w*', 'unsubscribe', 'terminate', 'close my account', 'fermer mon compte'],
  urgency: ['urgent\\w*', 'urgence', 'immediatement', 'au plus vite', 'des que possible', 'asap', 'right now', 'immediately', 'as soon as possible', 'emergency'],
  repeat: [
    'encore une fois', 'toujours pas', 'toujours rien', 'troisieme fois', 'deuxieme fois', 'plusieurs fois', 'relance', 'je relance', 'sans reponse',
    'still no', 'still not', 'still waiting', 'third time', 'second time', 'several times', 'no answer', 'no reply', 'no response',
  ],
};

const NEGATION = "(?<!\\b(?:pas|plus|non|not|no|isn't|n'est pas)\\s)";
const PATTERNS = Object.entries(LEXICON).map(([category, terms]) => ({
  category: category as WordingCategory,
  re: new RegExp(`${NEGATION}\\b(?:${terms.join('|')})\\b`, 'g'),
}));

export interface WordingSignal {
  category: WordingCategory;
  /** The terms found, as folded. */
  terms: string[];
}

/** Categories of complaint wording found in a text. */
export function wordingSignals(text: string): WordingSignal[] {
  const folded = fold(text);
  const signals: WordingSignal[] = [];
  for (const { category, re } of PATTERNS) {
    const terms = [...new Set(Array.from(folded.matchAll(re), (m) => m[0]))];
    if (terms.length) signals.push({ category, terms });
  }
  return signals;
}

/** Shouting: mostly capitals over a real length, or a run of exclamation marks. */
export function isShouting(text: string): boolean {
  const letters = text.replace(/\P{L}/gu, '');
  const upper = letters.replace(/\P{Lu}/gu, '').length;
  return (letters.length >= 12 && upper / letters.length > 0.7) || /!{3,}/.test(text);
}

/** Wording that makes a message a complaint (not merely a refund or a cancel request). */
export const COMPLAINT_CATEGORIES: ReadonlySet<WordingCategory> = new Set(['legal', 'fraud', 'anger']);
