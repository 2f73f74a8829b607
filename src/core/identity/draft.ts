/**
 * Writing the graph: a copy-on-write draft per operation, the index upkeep that goes with each
 * write, and the records an operation changed (what storage persists).
 */
import { evidenceKeys, type Identifier } from './identifier';
import {
  canonicalOrder,
  emptyIdentityState,
  type AuditEntry,
  type Customer,
  type CustomerIdentifier,
  type DismissedSuggestion,
  type IdentityState,
  type MergeRecord,
  type SplitRecord,
} from './state';

export interface IdentityRecords {
  customers: readonly Customer[];
  merges?: readonly MergeRecord[];
  splits?: readonly SplitRecord[];
  dismissed?: readonly DismissedSuggestion[];
  audit?: readonly AuditEntry[];
}

/** State from persisted records (a whole store or a slice of it), indexes rebuilt. */
export function buildIdentityState(records: IdentityRecords): IdentityState {
  const draft = new StateDraft(emptyIdentityState());
  for (const customer of records.customers) {
    draft.set('customers', customer.id, customer);
    indexIdentifiers(draft, customer.id, customer.identifiers);
  }
  for (const merge of records.merges ?? []) {
    draft.set('merges', merge.id, merge);
    if (!merge.undone) linkMerge(draft, merge);
  }
  for (const split of records.splits ?? []) draft.set('splits', split.id, split);
  for (const dismissed of records.dismissed ?? []) draft.set('dismissed', dismissed.pair, dismissed);
  for (const entry of records.audit ?? []) draft.log(entry);
  return draft.finish();
}

type TableName = Exclude<keyof IdentityState, 'audit'>;
type Row<K extends TableName> = IdentityState[K][string];

/** The records one operation wrote: what storage puts and deletes (indexes are not persisted). */
export interface IdentityChanges {
  customers: Customer[];
  removedCustomers: string[];
  merges: MergeRecord[];
  splits: SplitRecord[];
  dismissed: DismissedSuggestion[];
  audit: AuditEntry[];
}

export interface OperationResult {
  state: IdentityState;
  changes: IdentityChanges;
}

export function noChanges(): IdentityChanges {
  return { customers: [], removedCustomers: [], merges: [], splits: [], dismissed: [], audit: [] };
}

type Persisted = 'customers' | 'merges' | 'splits' | 'dismissed';

/**
 * Copy-on-write builder for one operation: each table is copied at most once, then written in
 * place; `finish` returns the base itself when nothing changed. Copying is linear in the table,
 * which is why operations run on a slice of the store, not all of it.
 */
export class StateDraft {
  // Tables copied by this draft; typed loosely here, precisely through get/set.
  private readonly tables: Partial<Record<TableName, Record<string, unknown>>> = {};
  private readonly touched = new Map<TableName, Set<string>>();
  private readonly added: AuditEntry[] = [];
  constructor(private readonly base: IdentityState) {}

  /** The current state, writes included (a fresh shallow object: call again after writing). */
  get state(): IdentityState {
    return { ...this.base, ...(this.tables as Partial<IdentityState>), audit: this.added.length ? [...this.base.audit, ...this.added] : this.base.audit };
  }

  get<K extends TableName>(name: K, id: string): Row<K> | undefined {
    return ((this.tables[name] ?? this.base[name]) as Record<string, Row<K>>)[id];
  }

  set<K extends TableName>(name: K, id: string, row: Row<K>): void {
    this.writable(name)[id] = row;
    this.touch(name, id);
  }

  delete(name: TableName, id: string): void {
    delete this.writable(name)[id];
    this.touch(name, id);
  }

  log(entry: AuditEntry): void {
    this.added.push(entry);
  }

  finish(): IdentityState {
    return Object.keys(this.tables).length || this.added.length ? this.state : this.base;
  }

  changes(): IdentityChanges {
    const rows = <K extends Persisted>(name: K) =>
      [...(this.touched.get(name) ?? [])].map((id) => this.get(name, id)).filter((row): row is Row<K> => row !== undefined);
    return {
      customers: rows('customers'),
      removedCustomers: [...(this.touched.get('customers') ?? [])].filter((id) => !this.get('customers', id)),
      merges: rows('merges'),
      splits: rows('splits'),
      dismissed: rows('dismissed'),
      audit: [...this.added],
    };
  }

  private writable(name: TableName): Record<string, unknown> {
    let table = this.tables[name];
    if (!table) {
      table = { ...this.base[name] };
      this.tables[name] = table;
    }
    return table;
  }

  private touch(name: TableName, id: string): void {
    const ids = this.touched.get(name);
    if (ids) ids.add(id);
    else this.touched.set(name, new Set([id]));
  }
}

function withId(list: readonly string[] | undefined, id: string): string[] {
  return [...(list ?? []).filter((x) => x !== id), id].sort();
}

function editList(draft: StateDraft, name: 'holders' | 'absorbed', key: string, id: string, add: boolean): void {
  const list = add ? withId(draft.get(name, key), id) : (draft.get(name, key) ?? []).filter((x) => x !== id);
  if (list.length) draft.set(name, key, list);
  else if (draft.get(name, key)) draft.delete(name, key);
}

export function indexIdentifiers(draft: StateDraft, customerId: string, identifiers: readonly Identifier[]): void {
  for (const identifier of identifiers) {
    if (identifier.strength === 'strong') draft.set('owners', identifier.key, customerId);
    for (const key of evidenceKeys(identifier)) editList(draft, 'holders', key, customerId, true);
  }
}

/** Call after the customer record lost `identifiers`: evidence others still give is kept. */
function unindexIdentifiers(draft: StateDraft, customerId: string, identifiers: readonly Identifier[]): void {
  const kept = new Set((draft.get('customers', customerId)?.identifiers ?? []).flatMap(evidenceKeys));
  for (const identifier of identifiers) {
    if (draft.get('owners', identifier.key) === customerId) draft.delete('owners', identifier.key);
    for (const key of evidenceKeys(identifier)) if (!kept.has(key)) editList(draft, 'holders', key, customerId, false);
  }
}

export function linkMerge(draft: StateDraft, merge: MergeRecord): void {
  draft.set('mergedInto', merge.absorbedId, merge.id);
  editList(draft, 'absorbed', merge.survivorId, merge.absorbedId, true);
}

export function unlinkMerge(draft: StateDraft, merge: MergeRecord): void {
  draft.delete('mergedInto', merge.absorbedId);
  editList(draft, 'absorbed', merge.survivorId, merge.absorbedId, false);
}

/** Adds identifiers to a customer in canonical order, indexes included. */
export function addIdentifiers(draft: StateDraft, customerId: string, identifiers: readonly CustomerIdentifier[]): void {
  const customer = draft.get('customers', customerId);
  if (!customer || !identifiers.length) return;
  draft.set('customers', customerId, { ...customer, identifiers: [...customer.identifiers, ...identifiers].sort(canonicalOrder) });
  indexIdentifiers(draft, customerId, identifiers);
}

/** Removes identifiers by key from a customer, returning what was removed. */
export function removeIdentifiers(draft: StateDraft, customerId: string, keys: ReadonlySet<string>): CustomerIdentifier[] {
  const customer = draft.get('customers', customerId);
  if (!customer) return [];
  const removed = customer.identifiers.filter((identifier) => keys.has(identifier.key));
  if (!removed.length) return [];
  draft.set('customers', customerId, { ...customer, identifiers: customer.identifiers.filter((identifier) => !keys.has(identifier.key)) });
  unindexIdentifiers(draft, customerId, removed);
  return removed;
}
