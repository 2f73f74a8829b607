/**
 * Pairing this browser with a team hub (hub URL + invite code from the options page), the status
 * the options page shows, and unpairing. Pairing with a new team queues everything this browser
 * already knows, so the team gets it; the member token goes to `syncState` only (sync-state.ts).
 */
import { ContinuumError, ErrorCode } from '../../shared/errors';
import type { HubStatus } from '../../shared/hub-schemas';
import { IS_FIREFOX } from '../../shared/platform';
import type { ContinuumDb } from '../../storage/db';
import { enqueueExisting, setOutboxCapture } from '../../storage/outbox';
import type { SyncEngine } from './engine';
import { HubError, HubErrorCode, hubClient } from './hub-client';
import { clearSyncState, getHealth, getPairing, setPairing } from './sync-state';

/** `https://hub.example.com/team` without a trailing slash, query or fragment. */
export function normaliseHubUrl(input: string): string {
  const url = new URL(input.trim());
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function asContinuumError(error: unknown): ContinuumError {
  if (!(error instanceof HubError)) return new ContinuumError(ErrorCode.Internal, (error as Error).message);
  if (error.code === HubErrorCode.Unreachable) return new ContinuumError(ErrorCode.HubUnreachable, error.message);
  return new ContinuumError(ErrorCode.HubRefused, `${error.code}: ${error.message}`);
}

/** Drops what belonged to the previous team: unsent ops, refusals, published records, cursor. */
async function forgetTeam(db: ContinuumDb): Promise<void> {
  await db.transaction('rw', [db.outbox, db.rejected, db.published, db.syncState], async () => {
    await Promise.all([db.outbox.clear(), db.rejected.clear(), db.published.clear(), clearSyncState(db), setOutboxCapture(db, false)]);
  });
}

export interface PairRequest {
  hubUrl: string;
  inviteCode: string;
  deviceName?: string;
}

/** Pairs and stores the pairing; the caller restarts the engine (stopped before: see handlers.ts). */
export async function pairWithHub(db: ContinuumDb, request: PairRequest, doFetch?: typeof fetch): Promise<void> {
  const hubUrl = normaliseHubUrl(request.hubUrl);
  const deviceName = request.deviceName ?? `Continuum on ${IS_FIREFOX ? 'Firefox' : 'Chrome'}`;
  const answer = await hubClient({ baseUrl: hubUrl, fetch: doFetch })
    .pair(request.inviteCode.trim(), deviceName)
    .catch((error: unknown) => {
      throw asContinuumError(error);
    });
  const previous = await getPairing(db);
  const sameTeam = previous?.hubUrl === hubUrl && previous.team.id === answer.team.id;
  if (!sameTeam) await forgetTeam(db);
  await setPairing(db, { hubUrl, token: answer.token, member: answer.member, team: answer.team, deviceName, pairedAt: Date.now() });
  await setOutboxCapture(db, true);
  if (!sameTeam) await enqueueExisting(db);
}

/** In `syncState`, kept across unpairing: the user unpaired once, so nothing pairs on its own again (dev-pairing.ts). */
const USER_UNPAIRED = 'userUnpaired';
export const userUnpaired = async (db: ContinuumDb) => Boolean(await db.syncState.get(USER_UNPAIRED));

/** The user's unpair (settings page). */
export async function unpairFromHub(db: ContinuumDb, doFetch?: typeof fetch): Promise<void> {
  const pairing = await getPairing(db);
  // Best effort: the hub forgets this device's token; unpairing works with the hub down too.
  if (pairing && !pairing.revoked) await hubClient({ baseUrl: pairing.hubUrl, token: pairing.token, fetch: doFetch, timeoutMs: 3000 }).revokeToken().catch(() => undefined);
  await forgetTeam(db);
  await db.syncState.put({ key: USER_UNPAIRED, value: Date.now() });
}

export async function hubStatus(db: ContinuumDb, engine: Pick<SyncEngine, 'isLive'>): Promise<HubStatus> {
  const [pairing, health, pending, rejected, recent] = await Promise.all([
    getPairing(db),
    getHealth(db),
    db.outbox.count(),
    db.rejected.count(),
    db.rejected.orderBy('at').reverse().limit(5).toArray(),
  ]);
  return {
    paired: Boolean(pairing),
    hubUrl: pairing?.hubUrl ?? null,
    team: pairing?.team ?? null,
    member: pairing?.member ?? null,
    revoked: pairing?.revoked === true,
    lastSyncAt: health.lastSyncAt,
    reachable: health.reachable,
    lastError: health.lastError,
    live: engine.isLive(),
    pending,
    rejected,
    recentRejections: recent.map(({ table, id, code, message, at }) => ({ table, id, code, message, at })),
  };
}
