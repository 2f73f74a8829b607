/**
 * Turns identifiers read from a page into the normalised identifiers stored for a customer.
 * Content scripts send raw readings (they stay small and cannot be trusted); phone numbers are
 * checked and put in E.164 here, and anything unusable is dropped.
 */
import type { DetectedIdentifier } from '../adapters/types';
import { normalizePhone } from './phone';

export interface NormalisedIdentifier {
  kind: DetectedIdentifier['kind'];
  value: string;
  network?: string;
}

/**
 * Below this score an identifier is more likely someone else on the page (a list of other
 * conversations, a footer) than the customer, and is not linked to them.
 */
export const MIN_LINK_SCORE = 0.35;

const EMAIL = /^[^\s@<>()[\]",;:]+@[^\s@<>()[\]",;:]+\.[a-z]{2,}$/i;

export function normaliseDetectedIdentifiers(identifiers: DetectedIdentifier[], defaultRegion: string): NormalisedIdentifier[] {
  const seen = new Set<string>();
  const result: NormalisedIdentifier[] = [];
  for (const identifier of identifiers) {
    if (identifier.score < MIN_LINK_SCORE) continue;
    const value = normaliseValue(identifier, defaultRegion);
    if (!value || seen.has(`${identifier.kind}:${value}`)) continue;
    seen.add(`${identifier.kind}:${value}`);
    result.push(identifier.network ? { kind: identifier.kind, value, network: identifier.network } : { kind: identifier.kind, value });
  }
  return result;
}

function normaliseValue(identifier: DetectedIdentifier, defaultRegion: string): string | null {
  switch (identifier.kind) {
    case 'email': {
      const email = identifier.value.trim().toLowerCase();
      return EMAIL.test(email) ? email : null;
    }
    case 'phone':
      return normalizePhone(identifier.raw, defaultRegion);
    case 'handle':
    case 'app-id': {
      const value = identifier.value.trim().toLowerCase();
      return value.length > 1 ? value : null;
    }
  }
}
