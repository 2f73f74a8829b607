/**
 * Development builds only (dist/chrome-dev, dist/firefox-dev): pairing with the local demo hub
 * that `npm start` runs, so the demo syncs out of the box. Store builds never contain this module:
 * its callers test __BUILD_TARGET__ (defined by scripts/build.mjs), which the store builds fold to
 * false, and `npm start` writes the demo secret into the development builds only.
 *
 * - Once per install: a browser that paired this way, or whose user unpaired (pairing.ts), is not
 *   paired again on its own; the settings page offers "Pair with the demo hub" instead.
 * - Only with the hub npm start launched: both sides prove they hold the run's demo secret
 *   (HMAC-SHA256 over a fresh nonce, server/demo.ts), so another program listening on
 *   127.0.0.1:8787 gets neither the secret nor this browser's data.
 */
import { browser } from '../../shared/platform';
import type { ContinuumDb } from '../../storage/db';
import { pairWithHub, userUnpaired } from './pairing';
import { getPairing } from './sync-state';

export const DEMO_HUB_URL = 'http://127.0.0.1:8787';
/** Written into the development builds by scripts/start.mjs: `{ "secret": "<hex>" }`. */
export const DEMO_SECRET_FILE = 'demo-hub.json';
/** In `syncState`, kept across unpairing: this install paired with the demo hub on its own once. */
const AUTO_PAIRED = 'demoAutoPaired';

export type DevPairingOutcome = 'already-paired' | 'declined' | 'no-demo-hub' | 'not-the-demo-hub' | 'paired';

export interface DemoHubOptions {
  /** This run's demo secret; null when `npm start` wrote none (a build loaded without it). */
  secret: string | null;
  hubUrl?: string;
  fetch?: typeof fetch;
}

/** The secret npm start wrote into this build, or null. */
export async function packagedDemoSecret(resourceUrl = browser.runtime.getURL(DEMO_SECRET_FILE)): Promise<string | null> {
  const file = await fetch(resourceUrl).then((response) => (response.ok ? response.json() : null)).catch(() => null);
  const secret = (file as { secret?: unknown } | null)?.secret;
  return typeof secret === 'string' && secret.length >= 32 ? secret : null;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
const fromHex = (text: string) => new Uint8Array((text.match(/^(?:[0-9a-f]{2})+$/)?.[0].match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

/** HMAC-SHA256 under the secret, as server/demo.ts computes it. */
async function demoHmac(secret: string) {
  const key = await crypto.subtle.importKey('raw', utf8(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  return {
    sign: async (text: string) => hex(await crypto.subtle.sign('HMAC', key, utf8(text))),
    verify: (text: string, proof: unknown) => typeof proof === 'string' && crypto.subtle.verify('HMAC', key, fromHex(proof), utf8(text)),
  };
}

const freshNonce = () => hex(crypto.getRandomValues(new Uint8Array(16)).buffer);

/** Fetches JSON from the demo hub; null when nothing (or nothing sensible) answers. */
async function demoJson(options: DemoHubOptions, path: string, init: RequestInit = {}): Promise<Record<string, unknown> | null> {
  const doFetch = options.fetch ?? ((...args) => fetch(...args));
  const response = await doFetch(`${options.hubUrl ?? DEMO_HUB_URL}${path}`, { ...init, signal: AbortSignal.timeout(3000) }).catch(() => null);
  if (!response?.ok) return null;
  const body: unknown = await response.json().catch(() => null);
  return body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
}

/** Whether the hub npm start launched answers (the settings page's "Pair with the demo hub"). */
export async function demoHubAvailable(options: DemoHubOptions): Promise<boolean> {
  if (!options.secret) return false;
  const nonce = freshNonce();
  const answer = await demoJson(options, `/v1/demo?nonce=${nonce}`);
  return Boolean(answer && (await (await demoHmac(options.secret)).verify(`hub|${nonce}`, answer.proof)));
}

/** Pairs with the demo hub now, whatever happened before (the user asked). */
export async function pairWithDemoHub(db: ContinuumDb, options: DemoHubOptions): Promise<DevPairingOutcome> {
  if (!options.secret) return 'no-demo-hub';
  const hmac = await demoHmac(options.secret);
  const nonce = freshNonce();
  const answer = await demoJson(options, '/v1/demo/invite', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ nonce, proof: await hmac.sign(`browser|${nonce}`) }),
  });
  if (!answer || typeof answer.code !== 'string') return 'no-demo-hub';
  if (!(await hmac.verify(`hub|${nonce}|${answer.code}`, answer.proof))) return 'not-the-demo-hub';
  await pairWithHub(db, { hubUrl: options.hubUrl ?? DEMO_HUB_URL, inviteCode: answer.code, deviceName: 'Continuum (development build)' }, options.fetch);
  return 'paired';
}

/** At startup: pairs with the demo hub unless this install is paired, did it once, or was unpaired by its user. */
export async function autoPairWithDemoHub(db: ContinuumDb, options: DemoHubOptions): Promise<DevPairingOutcome> {
  if (await getPairing(db)) return 'already-paired';
  if ((await db.syncState.get(AUTO_PAIRED)) || (await userUnpaired(db))) return 'declined';
  const outcome = await pairWithDemoHub(db, options);
  if (outcome === 'paired') await db.syncState.put({ key: AUTO_PAIRED, value: Date.now() });
  return outcome;
}
