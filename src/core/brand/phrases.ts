/**
 * Finds many phrases (terms, keywords, names) in a tokenised draft in one pass: phrases are
 * indexed by their first folded word, so the cost grows with the draft, not with the guide.
 * Matching is whole-word, case- and accent-insensitive; "l’erreur" holds the word "erreur".
 */
import { joinsPhrase, type Token } from './text';

export interface PhraseOptions {
  /** Single words also match with a plural -s, or -x after -au/-eu/-ou ("souci" finds "soucis", "cadeau" "cadeaux"). */
  plural?: boolean;
  /** The last word matches as a prefix ("rembours" finds "remboursement"). */
  prefix?: boolean;
}

interface Entry<T> {
  words: string[];
  value: T;
  options: PhraseOptions;
}

export interface PhraseMatch<T> {
  value: T;
  /** Token indexes, end exclusive. */
  first: number;
  last: number;
  start: number;
  end: number;
  /** Matched through the plural form. */
  plural: boolean;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  /** Single-word prefixes, by their first three letters, so a token only meets its few candidates. */
  private readonly prefixed = new Map<string, Entry<T>[]>();

  add(words: readonly string[], value: T, options: PhraseOptions = {}): void {
    const [head] = words;
    if (!head) return;
    const entry: Entry<T> = { words: [...words], value, options };
    if (options.prefix && words.length === 1 && head.length >= 3) {
      push(this.prefixed, head.slice(0, 3), entry);
      return;
    }
    for (const key of options.plural && words.length === 1 && head.length >= 3 ? [head, `${head}s`, ...(/(au|eu|ou)$/.test(head) ? [`${head}x`] : [])] : [head]) {
      push(this.byFirst, key, entry);
    }
  }

  get size(): number {
    return this.byFirst.size + this.prefixed.size;
  }

  /** Longest match at each position, left to right, never overlapping. */
  find(text: string, tokens: readonly Token[]): PhraseMatch<T>[] {
    const matches: PhraseMatch<T>[] = [];
    for (let i = 0; i < tokens.length; ) {
      const best = this.longestAt(text, tokens, i);
      if (best) {
        matches.push(best);
        i = best.last;
      } else i++;
    }
    return matches;
  }

  private longestAt(text: string, tokens: readonly Token[], i: number): PhraseMatch<T> | undefined {
    const token = tokens[i];
    if (!token) return undefined;
    let best: PhraseMatch<T> | undefined;
    const consider = (entry: Entry<T>, plural: boolean) => {
      const last = i + entry.words.length;
      if (best && last <= best.last) return;
      const end = tokens[last - 1]?.end ?? token.end;
      best = { value: entry.value, first: i, last, start: token.start, end, plural };
    };
    for (const entry of this.byFirst.get(token.folded) ?? []) {
      if (entry.words.length === 1) {
        consider(entry, token.folded !== entry.words[0]);
        continue;
      }
      if (this.matchesFrom(text, tokens, i, entry.words, entry.options.prefix)) consider(entry, false);
    }
    for (const entry of this.prefixed.get(token.folded.slice(0, 3)) ?? []) {
      if (token.folded.startsWith(entry.words[0] ?? '')) consider(entry, false);
    }
    return best;
  }

  private matchesFrom(text: string, tokens: readonly Token[], i: number, words: readonly string[], prefix?: boolean): boolean {
    for (let k = 1; k < words.length; k++) {
      const token = tokens[i + k];
      const previous = tokens[i + k - 1];
      const word = words[k] ?? '';
      if (!token || !previous || !joinsPhrase(text, previous.end, token.start)) return false;
      const last = k === words.length - 1;
      if (!(token.folded === word || (last && prefix && token.folded.startsWith(word)))) return false;
    }
    return true;
  }
}
