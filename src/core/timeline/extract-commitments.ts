/**
 * Promises in the team's own messages ("je vous rembourse d'ici vendredi", "we'll call you back
 * tomorrow", "refund within 48 hours"), each with a due date computed from when it was sent.
 * Run on outbound messages only: a customer asking "can you refund me by Friday?" promises nothing.
 */
import { addBusinessDays, endOfDay, PARIS, toLocal } from './calendar';
import { findDue } from './due-date';
import type { CommitmentKind } from './event';
import type { Language } from './language';
import { fold } from './text';

export interface ExtractedCommitment {
  /** The sentence holding the promise, as written. */
  text: string;
  kind: CommitmentKind;
  dueAt: number;
  /** The words that gave the due date; absent when none was said (then two business days). */
  duePhrase?: string;
}

export interface ExtractOptions {
  timeZone?: string;
  /** Business days given to a promise without a date. Default 2. */
  defaultBusinessDays?: number;
}

// Object pronouns between subject and verb: "je vous le", "nous nous en", "on t'".
const SUBJECT = "\\b(?:je|j'|nous|on)\\s*(?:(?:vous|te|t'|le|la|les|l'|lui|leur|m'|me|nous|en|y)\\s*)*";
const pattern = (source: string) => new RegExp(source);

/** Promises in any case, dated or not: future tense, "going to", engagements. */
const PROMISE: Record<Language, RegExp[]> = {
  fr: [
    pattern(`${SUBJECT}(?:vais|allons|va)\\s+(?:(?:vous|le|la|les|l'|en|y)\\s*)*(?:rembours|rappel|recontact|renvo|envo|expedi|fair|ten|reven|transmettr|proced|occup|charg|relanc|ecrir|repondr|livr|remplac|mettr|achemin|effectu|vers|verifi|regard|contact)\\w*`),
    pattern(`${SUBJECT}(?:rembourser|rappeller|recontacter|renverr|enverr|expedier|fer|tiendr|reviendr|transmettr|proceder|occuper|charger|relancer|ecrir|repondr|livrer|remplacer|mettr|effectuer|verser|verifier|contacter)(?:ai|ons|a)\\b`),
    /\b(?:je m'engage|nous nous engageons|je m'en occupe|nous nous en occupons|je reviens vers vous|nous revenons vers vous|je vous tiens (?:au courant|informe)|nous vous tenons (?:au courant|informe))/,
    /\bvous (?:serez|allez etre) (?:rembours|rappel|recontact|livr|contact|credit)\w*|\bvous (?:recevrez|allez recevoir)\b/,
    /\bvous (?:sera|seront) (?:envoye|rembourse|expedie|livre|verse|credite|adresse|transmis|renvoye)\w*/,
  ],
  en: [
    /\b(?:i|we)(?:'ll|\s+will|\s+shall|'m going to|\s+am going to|'re going to|\s+are going to|\s+promise to)\s+(?:\w+\s+){0,2}?(?:refund|call|ring|phone|send|ship|get back|follow up|update|check|look into|email|e-mail|contact|reply|process|issue|arrange|replace|credit|investigate|escalate|make sure|keep you|deliver|reimburse|return)/,
    /\byou(?:'ll|\s+will)\s+(?:receive|get|be refunded|be credited|hear)\b/,
    /\b(?:your|the|a)\s+(?:refund|replacement|parcel|package|order|credit|reply|callback|exchange)\s+(?:will|is going to)\b/,
    /\bget back to you\b/,
  ],
};

/** Promises only when a due date is said: "je vous rembourse d'ici vendredi", "refund by Friday". */
const PROMISE_IF_DATED = [
  pattern(`${SUBJECT}(?:rembours|rappel|recontact|renvo|envo|expedi|fai|transmet|proced|relanc|livr|remplac|achemin|effectu|vers|confirm|verifi|appel|ecri|repond)\\w*`),
  /\b(?:sera|seront) (?:effectue|traite|envoye|expedie|livre|verse|credite)\w*/,
  /\b(?:remboursement|rappel|reponse|retour|livraison|envoi|echange|remplacement|colis|refund|replacement|callback|call back|reply|answer|update|delivery|exchange|parcel|package)\b/,
];

// Refusals, and "nous vous rappelons que…" (a reminder, not a call back).
const NOT_A_PROMISE = /\b(?:ne|n')\s*(?:\S+\s+){0,3}?(?:pas|plus|jamais|aucun)\b|\bimpossible\b|\brappel\w* (?:que|qu')|\b(?:won't|will not|can't|cannot|unable|not able|couldn't|no longer|not going to)\b/;

const KINDS: [CommitmentKind, RegExp][] = [
  ['refund', /rembours|refund|avoir|credit|money back|virement/],
  ['callback', /rappel|call (?:you )?back|callback|recontact|appel|call you|phone you|ring you/],
  ['shipment', /envo|expedi|ship|send|sent|livr|deliver|colis|parcel|package|remplac|replacement|exchange|echange/],
  ['reply', /revien|get back|repon|reply|answer|update|tien\w* au courant|keep you posted|inform|hear from/],
];

/** Promises in an agent's message, in order. `locale` tries that language first (French by default). */
export function extractCommitments(text: string, sentAt: number, locale?: string, options: ExtractOptions = {}): ExtractedCommitment[] {
  const timeZone = options.timeZone ?? PARIS;
  const language: Language | undefined = locale?.toLowerCase().startsWith('en') ? 'en' : locale?.toLowerCase().startsWith('fr') ? 'fr' : undefined;
  const languages: Language[] = language === 'en' ? ['en', 'fr'] : ['fr', 'en'];
  const found: ExtractedCommitment[] = [];
  for (const sentence of sentences(text)) {
    if (/\?\s*$/.test(sentence)) continue;
    const folded = fold(sentence);
    if (NOT_A_PROMISE.test(folded)) continue;
    const promiseIn = languages.find((lang) => PROMISE[lang].some((re) => re.test(folded)));
    const due = findDue(folded, sentAt, promiseIn ?? language, timeZone);
    if (!promiseIn && !(due && PROMISE_IF_DATED.some((re) => re.test(folded)))) continue;
    const kind = KINDS.find(([, re]) => re.test(folded))?.[0] ?? 'other';
    if (due) found.push({ text: sentence, kind, dueAt: due.dueAt, duePhrase: due.phrase });
    else found.push({ text: sentence, kind, dueAt: endOfDay(addBusinessDays(toLocal(sentAt, timeZone), options.defaultBusinessDays ?? 2, timeZone), timeZone) });
  }
  return found;
}

/** Sentences, keeping dates ("12.03", "M. Dupont") whole enough for matching. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+(?=[\p{Lu}\d"«(])|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 3);
}
