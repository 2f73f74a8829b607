/**
 * The identity graph in IndexedDB. The graph's functions work on a slice: the customers that
 * hold the keys on screen, with their whole merge trees, loaded here; what an operation changed
 * is written back in one transaction.
 */
import { buildIdentityState, type IdentityChanges, type IdentityState } from '../core/identity/graph';
import type { DismissedSuggestion, MergeRecord, SplitRecord } from '../core/identity/state';
import type { ContinuumDb, CustomerRow } from './db';
import { customerOf, customerRow } from './rows';

/** Customers holding any of these keys, the customers merged with them, and their records. */
export async function loadSlice(db: ContinuumDb, keys: readonly string[], customerIds: readonly string[] = []): Promise<IdentityState> {
  return db.transaction('r', [db.customers, db.merges, db.splits, db.dismissed], async () => {
    const customers = new Map<string, CustomerRow>();
    const merges = new Map<string, MergeRecord>();
    const splits = new Map<string, SplitRecord>();
    let frontier = (
      await Promise.all([
        // One exact index lookup per key: cheaper than one anyOf() cursor over a large index.
        ...keys.map((key) => db.customers.where('keys').equals(key).toArray()),
        customerIds.length ? db.customers.bulkGet([...customerIds]) : [],
      ])
    )
      .flat()
      .filter((row, index, rows): row is CustomerRow => row !== undefined && rows.findIndex((other) => other?.id === row.id) === index);
    // Follow merges (both ways) until the trees are closed: a few rounds for real data.
    while (frontier.length) {
      for (const row of frontier) customers.set(row.id, row);
      // Most customers were never merged or split: no need to look for their records.
      const ids = frontier.filter((row) => row.linked).map((row) => row.id);
      if (!ids.length) break;
      const [survived, absorbed, splitFrom, splitTo] = await Promise.all([
        db.merges.where('survivorId').anyOf(ids).toArray(),
        db.merges.where('absorbedId').anyOf(ids).toArray(),
        db.splits.where('customerId').anyOf(ids).toArray(),
        db.splits.where('newCustomerId').anyOf(ids).toArray(),
      ]);
      for (const split of [...splitFrom, ...splitTo]) splits.set(split.id, split);
      const missing = new Set<string>();
      for (const merge of [...survived, ...absorbed]) {
        merges.set(merge.id, merge);
        for (const id of [merge.survivorId, merge.absorbedId]) if (!customers.has(id)) missing.add(id);
      }
      frontier = missing.size ? (await db.customers.bulkGet([...missing])).filter((row): row is CustomerRow => row !== undefined) : [];
    }
    const ids = [...customers.keys()];
    const pairs = ids.flatMap((a, i) => ids.slice(i + 1).map((b) => (a < b ? `${a}|${b}` : `${b}|${a}`)));
    const dismissed = pairs.length ? (await db.dismissed.bulkGet(pairs)).filter((row): row is DismissedSuggestion => row !== undefined) : [];
    return buildIdentityState({
      customers: [...customers.values()].map(customerOf),
      merges: [...merges.values()],
      splits: [...splits.values()],
      dismissed,
    });
  });
}

/** Writes what one graph operation changed. */
export async function saveChanges(db: ContinuumDb, changes: IdentityChanges, now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.customers, db.merges, db.splits, db.dismissed, db.audit], async () => {
    const linkedIds = new Set([
      ...changes.merges.flatMap((merge) => [merge.survivorId, merge.absorbedId]),
      ...changes.splits.flatMap((split) => [split.customerId, split.newCustomerId]),
    ]);
    const previous = new Map(
      (await db.customers.bulkGet([...new Set([...linkedIds, ...changes.customers.map((c) => c.id)])]))
        .filter((row): row is CustomerRow => row !== undefined)
        .map((row) => [row.id, row]),
    );
    const rows = new Map(changes.customers.map((customer) => [customer.id, customerRow(customer, now)]));
    for (const id of linkedIds) {
      const row = rows.get(id) ?? previous.get(id);
      if (row) rows.set(id, { ...row, linked: true });
    }
    // A row once linked stays linked (its merge records still exist, even undone).
    for (const [id, row] of rows) if (previous.get(id)?.linked) row.linked = true;
    await db.customers.bulkPut([...rows.values()]);
    if (changes.removedCustomers.length) await db.customers.bulkDelete(changes.removedCustomers);
    await db.merges.bulkPut(changes.merges);
    await db.splits.bulkPut(changes.splits);
    await db.dismissed.bulkPut(changes.dismissed);
    await db.audit.bulkPut(changes.audit);
  });
}
