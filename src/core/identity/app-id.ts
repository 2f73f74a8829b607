/**
 * Ids that host apps and back offices give a customer or their orders, in a namespaced form:
 * `zendesk:user:123`, `freshdesk:contact:9`, `order:88213`, `customer:C-55012`.
 */

export interface ParsedAppId {
  /** `zendesk:user`, lower case. */
  namespace: string;
  /** The id as written, without `#` or `n°`. */
  id: string;
  /** `zendesk:user:123`: namespace plus the matching form of the id. */
  match: string;
}

const SEGMENT = /^[a-z][a-z0-9_-]{0,31}$/;
const ID = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,127}$/u;
// "#88213", "n° 88213", "No. 88213" in front of order and customer numbers.
const NUMBER_SIGN = /^(?:#|n[°º]\s*|no\.?\s+|num[ée]ro\s+)/i;

/**
 * `raw` is either fully namespaced (`zendesk:user:123`) or a bare id with `namespace` given
 * (`#88213` in namespace `order`). A bare id without a namespace means nothing and is refused.
 */
export function parseAppId(raw: string, namespace?: string): ParsedAppId | null {
  const s = raw.normalize('NFKC').trim();
  let segments: string[];
  let id: string;
  if (namespace) {
    segments = namespace.toLowerCase().split(':');
    id = s;
  } else {
    const parts = s.split(':');
    id = parts.pop() ?? '';
    segments = parts.map((part) => part.trim().toLowerCase());
  }
  id = id.trim().replace(NUMBER_SIGN, '').trim();
  if (!segments.length || !segments.every((segment) => SEGMENT.test(segment)) || !ID.test(id)) return null;
  const ns = segments.join(':');
  // Salesforce ids are documented case-sensitive; everywhere else a case slip is not another customer.
  const matchId = ns.startsWith('salesforce') ? id : id.toLowerCase();
  return { namespace: ns, id, match: `${ns}:${matchId}` };
}

// Namespaces that name one person's account in one system (a person has one, so two differ).
const PERSON_SEGMENT = /^(?:user|users|contact|contacts|customer|customers|client|clients|member|account|requester|person|people|profile|lead)$/;

/** True when the namespace holds one id per person (`zendesk:user`), false for orders, tickets… */
export function isPersonNamespace(namespace: string): boolean {
  return namespace.split(':').some((segment) => PERSON_SEGMENT.test(segment));
}
