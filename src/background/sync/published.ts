/**
 * The hub-owned records (brand guide, templates, promotions, custom adapters, kill switches),
 * as the last pull or live change left them in the `published` store. Features read them here.
 */
import { z } from 'zod';
import type { ContinuumDb } from '../../storage/db';
import type { HubOwnedTable } from './apply';

export async function publishedRecords(db: ContinuumDb, table: HubOwnedTable): Promise<{ id: string; data: unknown }[]> {
  const rows = await db.published.where('table').equals(table).toArray();
  return rows.map(({ id, data }) => ({ id, data }));
}

const killSwitchSchema = z.object({ disabled: z.boolean() });

/** Adapter ids the team switched off (kill switches with `disabled: true`). */
export async function hubDisabledAdapters(db: ContinuumDb): Promise<string[]> {
  return (await publishedRecords(db, 'kill-switches')).filter(({ data }) => killSwitchSchema.safeParse(data).data?.disabled === true).map(({ id }) => id);
}
