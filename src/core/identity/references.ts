/**
 * Which customer ids a synced record may name, as the hub's export and erasure find them
 * (server/privacy/customer-records.ts): a customer by its own id, a dismissed suggestion by the
 * two sides of its `a|b` pair, any other record by any string in its data (event subjects, merge
 * and split sides, conversations, notes, feedback). Used by the hub to refuse writes about an
 * erased customer and by the extension to drop what it still holds about one.
 */

/** Longer strings are not ids (the hub takes record ids up to 256 characters). */
const MAX_ID_LENGTH = 256;

export function customerReferences(table: string, id: string, data: unknown): string[] {
  if (table === 'customers') return [id];
  if (table === 'dismissed') return id.split('|');
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.length <= MAX_ID_LENGTH) found.add(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(data);
  return [...found];
}

export function namesAnyOf(table: string, id: string, data: unknown, customerIds: ReadonlySet<string>): boolean {
  return customerReferences(table, id, data).some((ref) => customerIds.has(ref));
}
