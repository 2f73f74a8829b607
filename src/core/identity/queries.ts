/** Reading the graph: roots, merge trees, the merged view of a customer, event attribution. */
import { exclusiveSlot } from './identifier';
import { canonicalOrder, type Clash, type CustomerIdentifier, type EventSubject, type IdentityState } from './state';

/** The customer this one resolves to (itself when not merged), or undefined when unknown. */
export function rootOf(state: IdentityState, customerId: string): string | undefined {
  if (!state.customers[customerId]) return undefined;
  let id = customerId;
  for (let mergeId = state.mergedInto[id]; mergeId; mergeId = state.mergedInto[id]) {
    const merge = state.merges[mergeId];
    if (!merge) break;
    id = merge.survivorId;
  }
  return id;
}

/** Every customer in `customerId`'s merge tree, root first. */
export function membersOf(state: IdentityState, customerId: string): string[] {
  const root = rootOf(state, customerId);
  if (!root) return [];
  const members = [root];
  for (let i = 0; i < members.length; i++) members.push(...(state.absorbed[members[i] ?? ''] ?? []));
  return members;
}

/** The root customer holding this key (strong keys only), or undefined. */
export function findCustomer(state: IdentityState, key: string): string | undefined {
  const owner = state.owners[key];
  return owner ? rootOf(state, owner) : undefined;
}

export interface CustomerView {
  id: string;
  createdAt: number;
  displayName?: string;
  /** All identifiers of the merge tree, each with the member customer that holds it. */
  identifiers: (CustomerIdentifier & { holderId: string })[];
  members: string[];
}

/** The merged picture of a customer, as the sidebar shows it. */
export function customerView(state: IdentityState, customerId: string): CustomerView | undefined {
  const members = membersOf(state, customerId);
  const root = members[0] ? state.customers[members[0]] : undefined;
  if (!root) return undefined;
  const identifiers: CustomerView['identifiers'] = [];
  let displayName = root.displayName;
  for (const id of members) {
    const member = state.customers[id];
    displayName ??= member?.displayName;
    for (const identifier of member?.identifiers ?? []) identifiers.push({ ...identifier, holderId: id });
  }
  identifiers.sort(canonicalOrder);
  const view: CustomerView = { id: root.id, createdAt: root.createdAt, identifiers, members };
  if (displayName !== undefined) view.displayName = displayName;
  return view;
}

/**
 * The root customer an event belongs to now. Events reach their customer through the identifier
 * they came by (so a split carries them along) and otherwise through the member they were
 * recorded for (so undoing a merge gives each side its own events back). Nothing is rewritten.
 */
export function subjectOwner(state: IdentityState, subject: EventSubject): string | undefined {
  const owner = subject.identifierKey ? state.owners[subject.identifierKey] : undefined;
  return rootOf(state, owner ?? subject.customerId);
}

export interface TimelineScope {
  customerId: string;
  /** Load events recorded for any of these… */
  customerIds: string[];
  /** …or that came through any of these; then keep those whose `subjectOwner` is `customerId`. */
  identifierKeys: string[];
}

/** What storage must query to gather one customer's timeline across merged records. */
export function timelineScope(state: IdentityState, customerId: string): TimelineScope | undefined {
  const members = membersOf(state, customerId);
  if (!members[0]) return undefined;
  const identifierKeys: string[] = [];
  for (const id of members) {
    for (const identifier of state.customers[id]?.identifiers ?? []) if (identifier.strength === 'strong') identifierKeys.push(identifier.key);
  }
  return { customerId: members[0], customerIds: members, identifierKeys };
}

/** Strong identifiers of a merge tree. */
export function strongIdentifiers(state: IdentityState, customerId: string): CustomerIdentifier[] {
  return membersOf(state, customerId).flatMap((id) => (state.customers[id]?.identifiers ?? []).filter((i) => i.strength === 'strong'));
}

/** Exclusive slots where the two trees hold different values: a merge there needs a person. */
export function clashesBetween(state: IdentityState, a: string, b: string): Clash[] {
  const slotsOf = (id: string) => {
    const slots = new Map<string, string[]>();
    for (const identifier of strongIdentifiers(state, id)) {
      const slot = exclusiveSlot(identifier);
      if (slot) slots.set(slot, [...(slots.get(slot) ?? []), identifier.key]);
    }
    return slots;
  };
  const left = slotsOf(a);
  const clashes: Clash[] = [];
  for (const [slot, keys] of slotsOf(b)) {
    const other = left.get(slot);
    if (other) clashes.push({ slot, a: other, b: keys });
  }
  return clashes;
}
