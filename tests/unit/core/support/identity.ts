import { normaliseIdentifier, type Identifier, type IdentifierKind, type NormaliseContext } from '../../../../src/core/identity/identifier';
import { emptyIdentityState, resolveSighting, type IdentityState, type SightingOptions, type SightingResult } from '../../../../src/core/identity/graph';

export function ident(raw: string, kind: IdentifierKind, ctx: NormaliseContext = {}): Identifier {
  const identifier = normaliseIdentifier(raw, kind, ctx);
  if (!identifier) throw new Error(`test fixture: ${raw} is not a valid ${kind}`);
  return identifier;
}

export const email = (raw: string) => ident(raw, 'email');
export const phone = (raw: string) => ident(raw, 'phone');
export const handle = (raw: string, network: 'x' | 'instagram' | 'facebook' | 'unknown' = 'x') => ident(raw, 'handle', { network });
export const app = (raw: string) => ident(raw, 'app-id');
export const city = (raw: string) => ident(raw, 'city');

/** Deterministic ids: c1, c2… */
export function idMaker(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

export const OWN = { domains: ['maisonlumiere.fr'], signatures: ['Jean Martin', 'jean.martin.sav@gmail.com', '@maisonlumiere', '01 84 60 00 00'] };
export const SHARED = ['contact@boutique-lumiere.fr', '+33 1 40 00 00 00', '@lumiere_paris'];

/** A small world: each call to `see` resolves one screen against the current state. */
export class World {
  state: IdentityState = emptyIdentityState();
  now = Date.UTC(2025, 2, 10, 9, 0);
  readonly newId = idMaker('c');

  options(extra: Partial<SightingOptions> = {}): SightingOptions {
    return { ownIdentities: OWN, sharedAddresses: SHARED, now: this.now, newId: this.newId, actor: 'agent:camille', ...extra };
  }

  see(identifiers: Identifier[], displayName?: string, tool = 'zendesk', channel = 'email'): SightingResult {
    this.now += 60_000;
    const result = resolveSighting(this.state, { identifiers, tool, channel, ...(displayName ? { displayName } : {}) }, this.options());
    this.state = result.state;
    return result;
  }

  /** Creates a customer from one screen and returns its id. */
  customer(identifiers: Identifier[], displayName?: string): string {
    const result = this.see(identifiers, displayName);
    if (!result.customerId) throw new Error(`test fixture: no customer (${result.outcome})`);
    return result.customerId;
  }
}
