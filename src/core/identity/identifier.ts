/**
 * The identifier model: every way a customer can be recognised, normalised to one stable `key`
 * that the identity graph and storage index on.
 *
 *   email:marie@orange.fr        phone:+33612345678        handle:x:@jules_w
 *   app:zendesk:user:123         name:dupont marie         city:saint etienne
 */
import { parsePhone } from '../phone';
import { isPersonNamespace, parseAppId } from './app-id';
import { parseEmail } from './email';
import { parseHandle, whatsappLinkNumber, type HandleNetwork } from './handle';
import { parseCity, parsePersonName } from './person-name';

export type { HandleNetwork } from './handle';

export type IdentifierKind = 'email' | 'phone' | 'handle' | 'app-id' | 'name' | 'city';

/**
 * Strong identifiers belong to one person and link automatically; weak ones (a name, a city, a
 * handle on an unknown network) are shared by many and only ever suggest a merge.
 */
export type IdentifierStrength = 'strong' | 'weak';

export interface Identifier {
  kind: IdentifierKind;
  /** What the agent reads: `Marie.Dupont+shop@gmail.com` keeps its tag, phones are E.164. */
  value: string;
  /** Stable matching form; two identifiers with one key are the same identifier. */
  key: string;
  strength: IdentifierStrength;
  /** Handles: the network. Phones: `whatsapp` when seen as a WhatsApp number. */
  network?: HandleNetwork;
  /** App ids: `zendesk:user`. */
  namespace?: string;
  /** Phones: the extension, which is not part of the key. */
  extension?: string;
}

export interface NormaliseContext {
  /** Region for phone numbers without a country code (ISO 3166 alpha-2). France by default. */
  defaultRegion?: string;
  /** For handles: the network the page belongs to. `whatsapp` turns the handle into a phone. */
  network?: HandleNetwork;
  /** For app ids written bare (`#88213`): their namespace (`order`). */
  namespace?: string;
}

/** The normalised identifier, or null when `raw` is not a valid identifier of that kind. */
export function normaliseIdentifier(raw: string, kind: IdentifierKind, ctx: NormaliseContext = {}): Identifier | null {
  switch (kind) {
    case 'email': {
      const email = parseEmail(raw);
      return email && { kind, value: email.address, key: `email:${email.matchKey}`, strength: 'strong' };
    }
    case 'phone':
      return phoneIdentifier(raw, ctx.defaultRegion, ctx.network === 'whatsapp');
    case 'handle': {
      // WhatsApp identifies people by phone number: a WhatsApp "handle" is a phone.
      const waLink = whatsappLinkNumber(raw);
      if (waLink || ctx.network === 'whatsapp') return phoneIdentifier(waLink ?? raw, ctx.defaultRegion, true);
      const handle = parseHandle(raw, ctx.network);
      if (!handle) return null;
      return {
        kind,
        value: handle.display,
        key: `handle:${handle.network}:${handle.matchBody}`,
        strength: handle.network === 'unknown' ? 'weak' : 'strong',
        network: handle.network,
      };
    }
    case 'app-id': {
      const app = parseAppId(raw, ctx.namespace);
      return app && { kind, value: `${app.namespace}:${app.id}`, key: `app:${app.match}`, strength: 'strong', namespace: app.namespace };
    }
    case 'name': {
      const name = parsePersonName(raw);
      return name && { kind, value: name.display, key: `name:${name.match}`, strength: 'weak' };
    }
    case 'city': {
      const city = parseCity(raw);
      return city && { kind, value: city.display, key: `city:${city.match}`, strength: 'weak' };
    }
  }
}

function phoneIdentifier(raw: string, defaultRegion = 'FR', whatsapp = false): Identifier | null {
  const phone = parsePhone(raw, defaultRegion);
  if (!phone) return null;
  const identifier: Identifier = { kind: 'phone', value: phone.e164, key: `phone:${phone.e164}`, strength: 'strong' };
  if (whatsapp) identifier.network = 'whatsapp';
  if (phone.extension) identifier.extension = phone.extension;
  return identifier;
}

export interface RawIdentifier {
  kind: IdentifierKind;
  /** As read on the page. */
  raw: string;
  network?: HandleNetwork;
  namespace?: string;
}

/** Normalises a batch, dropping invalid ones and keeping the first of each key. */
export function normaliseIdentifiers(raws: readonly RawIdentifier[], ctx: NormaliseContext = {}): Identifier[] {
  const seen = new Set<string>();
  const result: Identifier[] = [];
  for (const raw of raws) {
    const identifier = normaliseIdentifier(raw.raw, raw.kind, { ...ctx, network: raw.network ?? ctx.network, namespace: raw.namespace ?? ctx.namespace });
    if (identifier && !seen.has(identifier.key)) {
      seen.add(identifier.key);
      result.push(identifier);
    }
  }
  return result;
}

/**
 * Identifiers a person holds one of in a given system: two customers with different values in
 * the same slot (two Zendesk user ids, two X handles) are probably two people. Emails and phones
 * count too: when two customers already hold different ones, a screen showing both asks first.
 * Null for identifiers one person holds many of (orders, tickets) and for weak ones.
 */
export function exclusiveSlot(identifier: Pick<Identifier, 'kind' | 'strength' | 'network' | 'namespace'>): string | null {
  if (identifier.strength === 'weak') return null;
  switch (identifier.kind) {
    case 'email':
    case 'phone':
      return identifier.kind;
    case 'handle':
      return `handle:${identifier.network ?? 'unknown'}`;
    case 'app-id':
      return identifier.namespace && isPersonNamespace(identifier.namespace) ? `app:${identifier.namespace}` : null;
    default:
      return null;
  }
}

/**
 * Keys under which weak evidence is compared across customers: the identifier's own key for
 * names and cities, and the bare handle for every handle, so `@jules_w` on an unknown network
 * suggests the customer known as `@jules_w` on X.
 */
export function evidenceKeys(identifier: Pick<Identifier, 'kind' | 'key' | 'value'>): string[] {
  if (identifier.kind === 'name' || identifier.kind === 'city') return [identifier.key];
  if (identifier.kind === 'handle') return [`handle:*:${identifier.value.toLowerCase()}`];
  return [];
}

// Which identifier best anchors events: personal identifiers before system ids.
const ANCHOR_RANK: Record<IdentifierKind, number> = { email: 0, phone: 1, handle: 2, 'app-id': 3, name: 9, city: 9 };

/** Sort comparator: the most telling identifier first. */
export function byAnchorRank(a: Pick<Identifier, 'kind' | 'key'>, b: Pick<Identifier, 'kind' | 'key'>): number {
  return ANCHOR_RANK[a.kind] - ANCHOR_RANK[b.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
