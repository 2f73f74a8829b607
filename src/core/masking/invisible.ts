/**
 * Characters a reader cannot see but a model reads: zero-width spaces and joiners, bidi
 * overrides and isolates, the soft hyphen, the word joiner family and the Unicode tags block
 * (U+E0000–U+E007F, used to smuggle ASCII instructions). Customer and page text loses them
 * before it is indexed, shown to a model or checked.
 */
const INVISIBLE = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]|[\udb40][\udd00-\uddef]/g;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  const found = INVISIBLE.test(text);
  INVISIBLE.lastIndex = 0;
  return found;
}
