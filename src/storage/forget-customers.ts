/**
 * Forgetting customers the team hub erased while this browser was offline: the hub refused a push
 * naming them (`E_ERASED`), so this browser still holds what the erasure's tombstones would have
 * deleted. Drops it the way the erasure found it on the hub (src/core/identity/references.ts):
 * the customers, their events (by customer and by their strong keys), the merges, splits,
 * dismissed suggestions, conversations and feedback naming them, the local audit entries about
 * them, and every unsent op about any of it. Nothing is pushed (the hub has erased them already);
 * refused ops about them stay listed, with their code, but without their data.
 *
 * `settle` (recording the hub's answers) runs first in the same transaction: a background stopped
 * halfway leaves both undone, and the ops are pushed and refused again.
 */
import { Dexie } from 'dexie';
import { namesAnyOf } from '../core/identity/references';
import type { ContinuumDb } from './db';
import { withoutOutbox } from './outbox';

export async function forgetCustomers<T>(db: ContinuumDb, customerIds: readonly string[], settle: () => Promise<T>): Promise<T> {
  const ids = [...new Set(customerIds)];
  if (!ids.length) return settle();
  const named = new Set(ids);
  const names = (table: string, id: string, data: unknown) => namesAnyOf(table, id, data, named);
  const tables = [db.customers, db.events, db.merges, db.splits, db.dismissed, db.conversations, db.feedback, db.audit, db.outbox, db.rejected];
  return withoutOutbox(db, tables, async () => {
    const settled = await settle();
    const strongKeys = (await db.customers.bulkGet(ids)).flatMap((row) => row?.identifiers.filter((i) => i.strength === 'strong').map((i) => i.key) ?? []);
    const eventsBy = (index: '[subjectCustomerId+at]' | '[subjectKey+at]', value: string) =>
      db.events.where(index).between([value, Dexie.minKey], [value, Dexie.maxKey]).primaryKeys();
    const gone: Array<[table: string, keys: string[]]> = [
      ['customers', ids],
      ['events', (await Promise.all([...ids.map((id) => eventsBy('[subjectCustomerId+at]', id)), ...strongKeys.map((key) => eventsBy('[subjectKey+at]', key))])).flat()],
      ['merges', [...(await db.merges.where('survivorId').anyOf(ids).primaryKeys()), ...(await db.merges.where('absorbedId').anyOf(ids).primaryKeys())]],
      ['splits', [...(await db.splits.where('customerId').anyOf(ids).primaryKeys()), ...(await db.splits.where('newCustomerId').anyOf(ids).primaryKeys())]],
      ['conversations', await db.conversations.where('customerId').anyOf(ids).primaryKeys()],
      ['dismissed', await db.dismissed.filter((row) => names('dismissed', row.pair, row)).primaryKeys()],
      ['feedback', await db.feedback.filter((row) => names('feedback', row.id, row)).primaryKeys()],
    ];
    const goneKeys = new Set<string>();
    for (const [table, keys] of gone) {
      await db.table(table).bulkDelete(keys);
      for (const key of keys) goneKeys.add(`${table}\u0000${key}`);
    }
    await db.audit.filter((entry) => entry.customerIds.some((id) => named.has(id))).delete();
    const about = (op: { table: string; id: string; data: unknown }) => goneKeys.has(`${op.table}\u0000${op.id}`) || names(op.table, op.id, op.data);
    await db.outbox.filter(about).delete();
    const refused = await db.rejected.filter((op) => op.data !== null && about(op)).toArray();
    await db.rejected.bulkPut(refused.map((op) => ({ ...op, data: null })));
    return settled;
  });
}
