/**
 * Identifiers that must never link customers: the team's own (agents' addresses, the brand's
 * handles, a signature's phone) and shared ones (the shared support inbox, the shop's phone).
 * Linking through them would merge every customer who ever wrote to the shop.
 */
import { compileOwn, isPlaceholderEmail, isRoleAddress, type OwnIdentityLike } from '../identifiers';
import { normaliseIdentifier, type Identifier, type IdentifierKind } from './identifier';

export type ExclusionReason = 'own' | 'shared' | 'role' | 'placeholder';

export interface ExclusionLists {
  /** Settings' team domains and signatures (names, addresses, handles, phones as typed). */
  ownIdentities: OwnIdentityLike;
  /** Addresses several people use: `support@…`, the shop's phone, a shared WhatsApp number. */
  sharedAddresses: readonly string[];
  defaultRegion?: string;
}

export interface Exclusions {
  /** Why this identifier must not link anyone, or null when it may. */
  reasonFor(identifier: Identifier): ExclusionReason | null;
}

const SHARED_KINDS: readonly IdentifierKind[] = ['email', 'phone', 'handle', 'app-id'];

export function compileExclusions(lists: ExclusionLists): Exclusions {
  const own = compileOwn(lists.ownIdentities);
  const shared = new Set<string>();
  // A shared handle is shared on every network it is written for (`@acme_fr`).
  const sharedHandles = new Set<string>();
  for (const entry of lists.sharedAddresses) {
    const identifier = SHARED_KINDS.map((kind) => normaliseIdentifier(entry, kind, { defaultRegion: lists.defaultRegion })).find((i) => i !== null);
    if (!identifier) continue;
    shared.add(identifier.key);
    if (identifier.kind === 'handle') sharedHandles.add(identifier.value.toLowerCase());
  }
  return {
    reasonFor(identifier) {
      if (shared.has(identifier.key) || (identifier.kind === 'handle' && sharedHandles.has(identifier.value.toLowerCase()))) return 'shared';
      switch (identifier.kind) {
        case 'email':
          if (own.email(identifier.value)) return 'own';
          if (isRoleAddress(identifier.value)) return 'role';
          return isPlaceholderEmail(identifier.value) ? 'placeholder' : null;
        case 'phone':
          return own.phone(identifier.value) ? 'own' : null;
        case 'handle':
          return own.handle(identifier.value) ? 'own' : null;
        case 'name':
          return own.name(identifier.value) ? 'own' : null;
        default:
          return null;
      }
    },
  };
}

// Settings objects are long-lived: compile each once, not on every sighting.
const cache = new WeakMap<OwnIdentityLike, WeakMap<readonly string[], Map<string, Exclusions>>>();

/** `compileExclusions`, memoised on the (unchanged) settings objects. */
export function exclusionsFor(lists: ExclusionLists): Exclusions {
  let byShared = cache.get(lists.ownIdentities);
  if (!byShared) cache.set(lists.ownIdentities, (byShared = new WeakMap()));
  let byRegion = byShared.get(lists.sharedAddresses);
  if (!byRegion) byShared.set(lists.sharedAddresses, (byRegion = new Map()));
  const region = lists.defaultRegion ?? 'FR';
  let compiled = byRegion.get(region);
  if (!compiled) byRegion.set(region, (compiled = compileExclusions(lists)));
  return compiled;
}
