/**
 * Masking before anything leaves the browser: personal data becomes placeholders (`[EMAIL_1]`,
 * `[PHONE_2]`…) that a model can use in its reply, and `unmask` puts the real values back
 * locally. One `Masker` per suggestion run, so a value seen in several messages keeps one
 * placeholder.
 *
 * Card numbers are special: the map keeps only their last four digits, and `unmask` writes
 * `•••• 1234` instead of the number, so a card never comes back into a reply or a stored map.
 */
import { hash53 } from '../timeline/text';
import { findEntities, type DetectOptions, type EntityKind } from './detect';
import { stripInvisible } from './invisible';

export interface MaskEntry {
  kind: Exclude<EntityKind, 'card'>;
  value: string;
}

/** Placeholder → original value. Local only; cards are listed by their last four digits. */
export interface MaskMap {
  entries: Record<string, MaskEntry>;
  cards: Record<string, string>;
}

/** What was masked, for the UI: counts of distinct values per kind. */
export type MaskSummary = Record<EntityKind, number> & { total: number };

const PREFIX: Record<EntityKind, string> = { email: 'EMAIL', phone: 'PHONE', iban: 'IBAN', card: 'CARD', address: 'ADDRESS' };
export const PLACEHOLDER = /\[(EMAIL|PHONE|IBAN|CARD|ADDRESS)_(\d{1,4})\]/g;

export class Masker {
  readonly map: MaskMap = { entries: {}, cards: {} };
  private readonly byKey = new Map<string, string>();
  private readonly counts: Record<EntityKind, number> = { email: 0, phone: 0, iban: 0, card: 0, address: 0 };

  constructor(private readonly options: DetectOptions = {}) {}

  /**
   * Invisible characters dropped, placeholder look-alikes the text already held defused (a
   * customer typing `[EMAIL_1]` must not get someone's address back), then entities replaced.
   */
  mask(text: string): string {
    const clean = stripInvisible(text).replace(PLACEHOLDER, '($1_$2)');
    let out = '';
    let at = 0;
    for (const entity of findEntities(clean, this.options)) {
      out += clean.slice(at, entity.start) + this.placeholderFor(entity.kind, entity.key, entity.value);
      at = entity.end;
    }
    return out + clean.slice(at);
  }

  summary(): MaskSummary {
    const c = this.counts;
    return { ...c, total: c.email + c.phone + c.iban + c.card + c.address };
  }

  private placeholderFor(kind: EntityKind, key: string, value: string): string {
    // Cards are remembered by hash only: the raw number is never kept.
    const mapKey = `${kind}:${kind === 'card' ? hash53(key) : key}`;
    const known = this.byKey.get(mapKey);
    if (known) return known;
    const placeholder = `[${PREFIX[kind]}_${++this.counts[kind]}]`;
    this.byKey.set(mapKey, placeholder);
    if (kind === 'card') this.map.cards[placeholder] = key.slice(-4);
    else this.map.entries[placeholder] = { kind, value };
    return placeholder;
  }
}

/** Placeholders back to their values; cards as `•••• 1234`; unknown placeholders left as they are. */
export function unmask(text: string, map: MaskMap): string {
  return text.replace(PLACEHOLDER, (placeholder) => {
    const entry = map.entries[placeholder];
    if (entry) return entry.value;
    const last4 = map.cards[placeholder];
    return last4 ? `•••• ${last4}` : placeholder;
  });
}

/** Placeholders in `text` that `map` cannot restore (a model inventing `[EMAIL_9]`). */
export function unknownPlaceholders(text: string, map: MaskMap): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[0]).filter((p) => !map.entries[p] && !map.cards[p]);
}
