/** The `hub/*` messages (options page only: the router accepts them from `console` senders). */
import { ContinuumError, ErrorCode } from '../../shared/errors';
import { db } from '../../storage/db';
import type { Handlers } from '../router';
import { demoHubAvailable, packagedDemoSecret, pairWithDemoHub } from './dev-pairing';
import { syncEngine } from './index';
import { hubStatus, pairWithHub, unpairFromHub } from './pairing';

type HubMessage = 'hub/pair' | 'hub/status' | 'hub/sync' | 'hub/unpair' | 'hub/demo' | 'hub/demo-pair';

/** Folded to false in the store builds, which then contain no demo pairing code. */
const DEV_BUILD = typeof __BUILD_TARGET__ === 'string' && (__BUILD_TARGET__ === 'chrome-dev' || __BUILD_TARGET__ === 'firefox-dev');

/** Pairs (with `pair`) while sync is stopped: no live change of the previous team may land after the switch. */
async function switchTeam(pair: () => Promise<void>) {
  await syncEngine().stop();
  try {
    await pair();
  } finally {
    syncEngine().start();
  }
  return hubStatus(db(), syncEngine());
}

export const syncHandlers = {
  async 'hub/pair'(request) {
    return switchTeam(() => pairWithHub(db(), request));
  },
  async 'hub/status'() {
    return hubStatus(db(), syncEngine());
  },
  async 'hub/sync'() {
    await syncEngine().sync();
    return hubStatus(db(), syncEngine());
  },
  async 'hub/unpair'() {
    await syncEngine().stop();
    await unpairFromHub(db());
    return hubStatus(db(), syncEngine());
  },
  async 'hub/demo'() {
    return { available: DEV_BUILD && (await demoHubAvailable({ secret: await packagedDemoSecret() })) };
  },
  async 'hub/demo-pair'() {
    if (!DEV_BUILD) throw new ContinuumError(ErrorCode.HubRefused, 'Only development builds pair with the demo hub');
    return switchTeam(async () => {
      const outcome = await pairWithDemoHub(db(), { secret: await packagedDemoSecret() });
      if (outcome !== 'paired') throw new ContinuumError(ErrorCode.HubUnreachable, `The demo hub did not pair this browser (${outcome})`);
    });
  },
} satisfies Pick<Handlers, HubMessage>;
