/**
 * Which customer a message or commitment counts for, once agents merged or split customers.
 *
 * The identity graph's records (`merges`, `splits`) travel as sync records; the hub reads the
 * live ones (not undone, not deleted) and derives one answer per event, whatever order the
 * records and events arrived in:
 *
 * - **Merges** join customers. Applied oldest first (time, then id), each puts the absorbed
 *   side's current root under the survivor's current root, so A→B then B→C makes A, B and C one
 *   customer named C. Conflicting records from two browsers (A into B here, B into A there) still
 *   give one customer: a merge whose sides are already one is skipped.
 * - **Splits** move identifiers to a new customer: an event that came through a moved identifier
 *   (`subject.identifierKey`) counts for the split's new customer (the latest live split moving
 *   that key), then for whatever that customer was merged into. Other events stay with the
 *   customer they were recorded for, as `subjectOwner` reads the graph in the browser.
 *
 * Facts computed with `ownerOf(identity)` equal facts of the same events recorded directly for
 * their owners, so figures follow merges and splits exactly.
 */
import type { TimelineEvent } from '../timeline/event';
import type { CustomerOf } from './points';
import { compareStrings } from './stats';

export interface MergeLink {
  id: string;
  survivorId: string;
  absorbedId: string;
  at: number;
}

export interface SplitMove {
  id: string;
  newCustomerId: string;
  /** The identifier keys the split moved. */
  keys: string[];
  at: number;
}

export interface CustomerIdentity {
  /** Customer id → the customer it counts as now; only ids that count as another one. */
  customers: Map<string, string>;
  /** Identifier key → the customer its events count as now; only keys moved by a live split. */
  keys: Map<string, string>;
}

const byTimeThenId = (a: { at: number; id: string }, b: { at: number; id: string }) => a.at - b.at || compareStrings(a.id, b.id);

/** The identity the live merges and splits give (pass only records not undone nor deleted). */
export function customerIdentity(merges: readonly MergeLink[], splits: readonly SplitMove[]): CustomerIdentity {
  const parent = new Map<string, string>();
  const root = (id: string): string => {
    let current = id;
    for (let next = parent.get(current); next !== undefined; next = parent.get(current)) current = next;
    return current;
  };
  for (const merge of [...merges].sort(byTimeThenId)) {
    const absorbed = root(merge.absorbedId);
    const survivor = root(merge.survivorId);
    if (absorbed !== survivor) parent.set(absorbed, survivor);
  }
  const customers = new Map<string, string>();
  for (const id of parent.keys()) customers.set(id, root(id));
  const moved = new Map<string, string>();
  for (const split of [...splits].sort(byTimeThenId)) for (const key of split.keys) moved.set(key, split.newCustomerId);
  const keys = new Map<string, string>();
  for (const [key, customerId] of moved) keys.set(key, customers.get(customerId) ?? customerId);
  return { customers, keys };
}

/** The customer an event counts for under `identity`. */
export function ownerOf(identity: CustomerIdentity): CustomerOf {
  return (event: TimelineEvent) => {
    const { customerId, identifierKey } = event.subject;
    return (identifierKey !== undefined ? identity.keys.get(identifierKey) : undefined) ?? identity.customers.get(customerId) ?? customerId;
  };
}

/**
 * The customers whose facts differ between two identities, given for each identifier key whose
 * routing changed the customers its events were recorded for (`recordedFor`). Recomputing these
 * customers from their events (and deleting the rows of those that no longer exist) brings facts
 * kept under `before` to exactly what `after` gives.
 */
export function affectedCustomers(before: CustomerIdentity, after: CustomerIdentity, recordedFor: (key: string) => readonly string[]): Set<string> {
  const affected = new Set<string>();
  const rootIn = (identity: CustomerIdentity, id: string) => identity.customers.get(id) ?? id;
  for (const id of new Set([...before.customers.keys(), ...after.customers.keys()])) {
    const was = rootIn(before, id);
    const now = rootIn(after, id);
    if (was !== now) affected.add(was).add(now);
  }
  for (const key of changedKeys(before, after)) {
    for (const target of [before.keys.get(key), after.keys.get(key)]) if (target !== undefined) affected.add(target);
    for (const id of recordedFor(key)) affected.add(rootIn(before, id)).add(rootIn(after, id));
  }
  return affected;
}

/** Keys routed differently by the two identities. */
export function changedKeys(before: CustomerIdentity, after: CustomerIdentity): string[] {
  return [...new Set([...before.keys.keys(), ...after.keys.keys()])].filter((key) => before.keys.get(key) !== after.keys.get(key)).sort(compareStrings);
}

/**
 * What to read to recompute `customers` under `identity`: events recorded for any of
 * `customerIds` or that came through any of `keys`; keep those whose `ownerOf` is in `customers`.
 */
export function eventScope(identity: CustomerIdentity, customers: ReadonlySet<string>): { customerIds: string[]; keys: string[] } {
  const customerIds = new Set<string>();
  for (const id of customers) if (!identity.customers.has(id)) customerIds.add(id);
  for (const [id, root] of identity.customers) if (customers.has(root)) customerIds.add(id);
  const keys = [...identity.keys].filter(([, root]) => customers.has(root)).map(([key]) => key);
  return { customerIds: [...customerIds].sort(compareStrings), keys: keys.sort(compareStrings) };
}
