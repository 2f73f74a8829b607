/**
 * Sync with the team hub, wired into the background. `startSync` runs once, synchronously, at
 * the top level of the background (listeners must be registered there to wake a stopped worker).
 *
 * When it syncs: at every wake (startup and the alarm every 30 s, re-created at each start since
 * alarms may not survive a browser restart), 1.5 s after local writes, and whenever the live
 * channel shows a gap. Between wakes nothing is lost: the outbox and the cursor are in IndexedDB.
 */
import { browser } from '../../shared/platform';
import { db } from '../../storage/db';
import { onOutboxWrite } from '../../storage/outbox';
import { broadcastPageConfig, setHubAdapterSource, setHubKillSwitchSource } from '../adapter-config';
import { autoPairWithDemoHub, packagedDemoSecret } from './dev-pairing';
import { createSyncEngine, type SyncEngine } from './engine';
import { hubDisabledAdapters, publishedRecords } from './published';

export const SYNC_ALARM = 'continuum-sync';
/** Chrome's shortest alarm period (30 s). */
const SYNC_PERIOD_MINUTES = 0.5;
const WRITE_DEBOUNCE_MS = 1500;

let engine: SyncEngine | undefined;
export function syncEngine(): SyncEngine {
  engine ??= createSyncEngine({ db: db() });
  return engine;
}

export function startSync(): void {
  void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES, delayInMinutes: SYNC_PERIOD_MINUTES });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM) syncEngine().start();
  });
  let debounce: ReturnType<typeof setTimeout> | undefined;
  onOutboxWrite(() => {
    clearTimeout(debounce);
    debounce = setTimeout(() => void syncEngine().sync(), WRITE_DEBOUNCE_MS);
  });
  setHubKillSwitchSource(() => hubDisabledAdapters(db()));
  setHubAdapterSource(() => publishedRecords(db(), 'adapters'));
  syncEngine().onPublished((tables) => {
    if (tables.has('kill-switches') || tables.has('adapters')) void broadcastPageConfig().catch(() => undefined);
  });
  syncEngine().start();
  // Development builds pair with the local demo hub (`npm start`) on their own, once.
  if (typeof __BUILD_TARGET__ === 'string' && (__BUILD_TARGET__ === 'chrome-dev' || __BUILD_TARGET__ === 'firefox-dev')) {
    void packagedDemoSecret()
      .then((secret) => autoPairWithDemoHub(db(), { secret }))
      .then((outcome) => outcome === 'paired' && syncEngine().start())
      .catch(() => undefined);
  }
}
