/**
 * Text helpers shared by dedupe, search, topics, language and wording: folding (case, accents,
 * typographic quotes), tokens without stop words, and a small string hash.
 */
import { foldText } from '../identifiers';

/** Folded for matching: lower case, no accents, straight apostrophes, single spaces. */
export function fold(text: string): string {
  return foldText(text.replace(/[’‘`´ʼ]/g, "'"));
}

// Characters tools add, drop or render differently for the same message.
const CHAR_MAP: Record<string, string> = {
  '\u00ad': '', '\u200b': '', '\u200c': '', '\u200d': '', '\u200e': '', '\u200f': '', '\u2060': '', '\ufeff': '',
  '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"',
  '’': "'", '‘': "'", '‚': "'", '‛': "'", '′': "'", '`': "'", '´': "'",
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-',
  '…': '...',
};
const CHARS = new RegExp(`[${Object.keys(CHAR_MAP).join('')}]`, 'g');
const QUOTED_TAIL = /\n(?:>.*(?:\n|$))+$|\n(?:le .{5,80} a [ée]crit ?:|on .{5,80} wrote:)[\s\S]*$/i;
const EDITED_MARK = /\s*\((?:edited|modifi[ée]|[ée]dit[ée])\)\s*$/i;

/**
 * The form two renderings of one message share: quotes and dashes straightened, invisible
 * characters and "(edited)" marks dropped, the quoted previous message of an e-mail cut,
 * whitespace and case folded. Runs once per message read: kept to a few passes.
 */
export function messageFingerprintText(text: string): string {
  let s = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKC').replace(CHARS, (c) => CHAR_MAP[c] ?? '') : text;
  if (s.includes('\n') || s.includes('\r')) s = s.replace(/\r\n?/g, '\n').replace(QUOTED_TAIL, '');
  if (/\)\s*$/.test(s)) s = s.replace(EDITED_MARK, '');
  return (
    s
      // French typography spaces guillemets and ?!:; ("« oui » ?"); other tools drop those spaces.
      .replace(/«\s*|\s*»/g, '"')
      .replace(/\s+(?=[?!:;])/g, '')
      .replace(/\s+/g, ' ')
      .trim()
      .toLowerCase()
  );
}

export const STOP_WORDS = {
  fr: new Set(
    "le la les l un une des du de d et ou mais donc or ni car je j tu il elle on nous vous ils elles me m te t se s mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs ce cet cette ces c ca cela ceci qui que qu quoi dont ou est sont suis es etes sommes etait ai as avons avez ont avais avait pas ne n plus tres bien aussi pour par avec sans sur sous dans en au aux chez vers entre comme si tout tous toute toutes rien deja encore toujours bonjour bonsoir merci madame monsieur cordialement svp oui non alors quand comment pourquoi fait faire peut pouvez veux voudrais y a".split(' '),
  ),
  en: new Set(
    "the a an and or but so nor i me my mine you your yours he him his she her it its we us our they them their this that these those is are was were be been being am have has had do does did not no yes to of in on at by for with without from into about as if then than there here what which who whom when where why how all any some just very too also can could would should will shall may might must please thanks thank hello hi dear regards ok okay".split(' '),
  ),
} as const;

/** Folded words (letters and digits). */
export function words(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * Topic keywords: content words of 4+ letters (plural `s`/`x` dropped) and reference numbers
 * (4+ digits: orders, tickets), without French or English stop words.
 */
export function keywords(text: string): Set<string> {
  const result = new Set<string>();
  for (const word of words(fold(text))) {
    if (/^\d+$/.test(word)) {
      if (word.length >= 4) result.add(word);
    } else if (word.length >= 4 && !STOP_WORDS.fr.has(word) && !STOP_WORDS.en.has(word)) {
      result.add(word.length > 4 ? word.replace(/[sx]$/, '') : word);
    }
  }
  return result;
}

/** cyrb53: a fast 53-bit string hash, as base 36. Not for security, for keys. */
export function hash53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
