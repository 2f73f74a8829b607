/**
 * What the sync remembers between wakes of the background, in the extension's IndexedDB
 * (`syncState`): the pairing (hub URL, member token, member and team), the pull cursor and the
 * last sync's health.
 *
 * Why the token lives here and not in `storage.local`: content scripts can read
 * `storage.local` (Chrome's `storage.setAccessLevel` exists for `storage.session` only), while
 * the extension origin's IndexedDB is out of a content script's reach — it runs in the page's
 * origin. No message handler returns the token either: `hub/status` sends the team, member and
 * counts, never the pairing row (tests/unit/sync/handlers.test.ts checks it).
 */
import { z } from 'zod';
import type { ContinuumDb } from '../../storage/db';

const memberSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'lead', 'admin']) });
const pairingSchema = z.object({
  hubUrl: z.string(),
  token: z.string(),
  member: memberSchema,
  team: z.object({ id: z.string(), name: z.string() }),
  deviceName: z.string(),
  pairedAt: z.number(),
  /** Set when the hub refused the token (revoked): syncing stops until the agent pairs again. */
  revoked: z.boolean().optional(),
});
export type Pairing = z.infer<typeof pairingSchema>;

const healthSchema = z.object({
  lastSyncAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  reachable: z.boolean().nullable(),
  lastError: z.string().nullable(),
});
export type SyncHealth = z.infer<typeof healthSchema>;
const NO_HEALTH: SyncHealth = { lastSyncAt: null, lastAttemptAt: null, reachable: null, lastError: null };

const PAIRING = 'pairing';
const CURSOR = 'cursor';
const HEALTH = 'health';

async function read<T>(db: ContinuumDb, key: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const parsed = schema.safeParse((await db.syncState.get(key))?.value);
  return parsed.success ? parsed.data : undefined;
}

export const getPairing = (db: ContinuumDb) => read(db, PAIRING, pairingSchema);
export const setPairing = (db: ContinuumDb, pairing: Pairing) => db.syncState.put({ key: PAIRING, value: pairing });

/** Inside the apply transaction, so a change and the cursor past it commit together. */
export async function getCursor(db: ContinuumDb): Promise<number> {
  return (await read(db, CURSOR, z.number().int().nonnegative())) ?? 0;
}
export const setCursor = (db: ContinuumDb, cursor: number) => db.syncState.put({ key: CURSOR, value: cursor });

export async function getHealth(db: ContinuumDb): Promise<SyncHealth> {
  return (await read(db, HEALTH, healthSchema)) ?? NO_HEALTH;
}
export async function updateHealth(db: ContinuumDb, patch: Partial<SyncHealth>): Promise<void> {
  await db.syncState.put({ key: HEALTH, value: { ...(await getHealth(db)), ...patch } });
}

/** Forgets the hub: pairing, cursor and health (the local records stay). */
export async function clearSyncState(db: ContinuumDb): Promise<void> {
  await db.syncState.bulkDelete([PAIRING, CURSOR, HEALTH]);
}
