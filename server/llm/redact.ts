/**
 * The hub's second masking pass over every message before it leaves for the provider. The
 * extension masks first (`src/core/masking`) and its placeholders pass through untouched; whatever
 * it missed is replaced here with placeholders numbered after the client's own. The hub keeps no
 * map and restores nothing: a value masked here is simply never forwarded (card numbers included).
 */
import { findEntities, type EntityKind } from '../../src/core/masking/detect.ts';
import { stripInvisible } from '../../src/core/masking/invisible.ts';
import { PLACEHOLDER } from '../../src/core/masking/mask.ts';

const PREFIX: Record<EntityKind, string> = { email: 'EMAIL', phone: 'PHONE', iban: 'IBAN', card: 'CARD', address: 'ADDRESS' };

export interface Redaction {
  texts: string[];
  /** How many values were masked by the hub (the client forgot them). */
  masked: number;
}

/** Masks `texts` as one conversation: one value gets one placeholder across messages. */
export function redactAll(texts: string[]): Redaction {
  const next: Record<string, number> = {};
  // Start after the highest placeholder the client used, so the two passes never collide.
  for (const text of texts) {
    for (const m of text.matchAll(PLACEHOLDER)) next[m[1]!] = Math.max(next[m[1]!] ?? 0, Number(m[2]));
  }
  const byKey = new Map<string, string>();
  let masked = 0;
  const out = texts.map((text) => {
    // Invisible characters first: a card number split by zero-width spaces is still a card number.
    const clean = stripInvisible(text);
    let result = '';
    let at = 0;
    for (const entity of findEntities(clean)) {
      const mapKey = `${entity.kind}:${entity.key}`;
      let placeholder = byKey.get(mapKey);
      if (!placeholder) {
        const prefix = PREFIX[entity.kind];
        next[prefix] = (next[prefix] ?? 0) + 1;
        placeholder = `[${prefix}_${next[prefix]}]`;
        byKey.set(mapKey, placeholder);
      }
      masked++;
      result += clean.slice(at, entity.start) + placeholder;
      at = entity.end;
    }
    return result + clean.slice(at);
  });
  return { texts: out, masked };
}
