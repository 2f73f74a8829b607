/**
 * The sync engine: push the outbox, then pull, one run at a time (a request during a run makes
 * it run once more), and follow the live channel while the background is awake. The hub being
 * down is a normal state: the run records it in the health row and the next wake catches up.
 */
import type { ContinuumDb } from '../../storage/db';
import { applyChanges, type ApplyResult, type HubOwnedTable } from './apply';
import { HubError, HubErrorCode, hubClient, type HubChange } from './hub-client';
import { followLive } from './live';
import { pullChanges } from './pull';
import { pushOutbox } from './push';
import { getCursor, getPairing, setPairing, updateHealth, type Pairing } from './sync-state';

export type SyncOutcome =
  | { status: 'not-paired' | 'revoked' }
  | { status: 'ok'; pushed: number; pulled: number; rejected: number }
  | { status: 'error'; code: string; message: string };

export interface SyncEngineOptions {
  db: ContinuumDb;
  fetch?: typeof fetch;
  /** Waits between live reconnections, growing up to the last one. */
  reconnectDelays?: readonly number[];
}

export function createSyncEngine({ db, fetch, reconnectDelays = [1000, 2000, 5000, 10_000, 30_000] }: SyncEngineOptions) {
  const publishedListeners = new Set<(tables: Set<HubOwnedTable>) => void>();
  let running: Promise<SyncOutcome> | null = null;
  let again = false;
  let live: AbortController | null = null;
  let liveOpen = false;
  let failures = 0;

  const clientFor = (pairing: Pairing) => hubClient({ baseUrl: pairing.hubUrl, token: pairing.token, fetch });

  function notify(result: ApplyResult): void {
    if (result.published.size) for (const listener of publishedListeners) listener(result.published);
  }

  async function failed(error: unknown, pairing: Pairing): Promise<SyncOutcome> {
    const hubError = error instanceof HubError ? error : null;
    if (hubError?.unauthorised) await setPairing(db, { ...pairing, revoked: true });
    const code = hubError?.code ?? 'E_INTERNAL';
    await updateHealth(db, { reachable: hubError ? hubError.code !== HubErrorCode.Unreachable : null, lastError: code });
    return { status: 'error', code, message: (error as Error).message };
  }

  async function runOnce(): Promise<SyncOutcome> {
    const pairing = await getPairing(db);
    if (!pairing) return { status: 'not-paired' };
    if (pairing.revoked) return { status: 'revoked' };
    const client = clientFor(pairing);
    await updateHealth(db, { lastAttemptAt: Date.now() });
    try {
      const pushed = await pushOutbox(db, client);
      const pulled = await pullChanges(db, client, notify);
      await updateHealth(db, { lastSyncAt: Date.now(), reachable: true, lastError: null });
      return { status: 'ok', pushed: pushed.accepted, pulled: pulled.applied, rejected: pushed.rejected + pulled.rejected };
    } catch (error) {
      return failed(error, pairing);
    }
  }

  /** Runs a sync now, or once more after the one running. */
  function sync(): Promise<SyncOutcome> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let outcome: SyncOutcome;
      do {
        again = false;
        outcome = await runOnce();
      } while (again && outcome.status === 'ok');
      return outcome;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  async function onLiveChange(change: HubChange, after: number): Promise<void> {
    const result = await applyChanges(db, [change], change.seq, { after });
    notify(result);
    // The cursor is behind the stream (it went back, a change failed to apply): the pull fills it.
    if (!result.contiguous) await sync();
  }

  /** Opens the live channel if it is not open; reconnects with growing waits while paired. */
  async function connectLive(): Promise<void> {
    if (live) return;
    const pairing = await getPairing(db);
    if (!pairing || pairing.revoked || live) return;
    const controller = new AbortController();
    live = controller;
    try {
      await followLive(
        clientFor(pairing),
        await getCursor(db),
        {
          onChange: onLiveChange,
          onOpen: () => {
            liveOpen = true;
            failures = 0;
            // Whatever happened while the stream was closed comes from a pull.
            void sync();
          },
        },
        controller.signal,
      );
    } catch (error) {
      if (error instanceof HubError && error.unauthorised) await failed(error, pairing);
    } finally {
      liveOpen = false;
      if (live === controller) live = null;
    }
    if (controller.signal.aborted) return;
    const delay = reconnectDelays[Math.min(failures++, reconnectDelays.length - 1)];
    setTimeout(() => void connectLive(), delay);
  }

  return {
    sync,
    /** On every wake: catch up and (re)open the live channel. */
    start(): void {
      void sync();
      void connectLive();
    },
    /** Closes the live channel and waits for a running sync to end (before pairing changes). */
    async stop(): Promise<void> {
      live?.abort();
      live = null;
      await running?.catch(() => undefined);
    },
    /** Whether the live stream is open right now. */
    isLive: () => liveOpen,
    onPublished(listener: (tables: Set<HubOwnedTable>) => void): () => void {
      publishedListeners.add(listener);
      return () => publishedListeners.delete(listener);
    },
  };
}

export type SyncEngine = ReturnType<typeof createSyncEngine>;
