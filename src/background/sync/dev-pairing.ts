/**
 * Development builds only (dist/chrome-dev, dist/firefox-dev): when this browser is not paired,
 * ask the local demo hub (`npm start`) for an invite and pair with it, so the demo syncs out of
 * the box. Store builds never contain this module: index.ts calls it behind a test of
 * __BUILD_TARGET__ (defined by scripts/build.mjs) that the store builds fold to false.
 */
import type { ContinuumDb } from '../../storage/db';
import { pairWithHub } from './pairing';
import { getPairing } from './sync-state';

export const DEMO_HUB_URL = 'http://127.0.0.1:8787';

export type DevPairingOutcome = 'already-paired' | 'no-demo-hub' | 'paired';

export async function pairWithDemoHub(db: ContinuumDb, hubUrl = DEMO_HUB_URL, doFetch: typeof fetch = (...args) => fetch(...args)): Promise<DevPairingOutcome> {
  if (await getPairing(db)) return 'already-paired';
  // No demo hub running, or one without the demo route (HUB_DEMO unset): nothing happens.
  const response = await doFetch(`${hubUrl}/v1/demo/invite`, { signal: AbortSignal.timeout(3000) }).catch(() => null);
  if (!response?.ok) return 'no-demo-hub';
  const { code } = (await response.json().catch(() => ({}))) as { code?: unknown };
  if (typeof code !== 'string') return 'no-demo-hub';
  await pairWithHub(db, { hubUrl, inviteCode: code, deviceName: 'Continuum (development build)' }, doFetch);
  return 'paired';
}
