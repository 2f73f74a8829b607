/** The `hub/*` messages (options page only: the router accepts them from `console` senders). */
import { db } from '../../storage/db';
import type { Handlers } from '../router';
import { syncEngine } from './index';
import { hubStatus, pairWithHub, unpairFromHub } from './pairing';

type HubMessage = 'hub/pair' | 'hub/status' | 'hub/sync' | 'hub/unpair';

export const syncHandlers = {
  async 'hub/pair'(request) {
    // Stopped first: no live change of the previous team may land after the switch.
    await syncEngine().stop();
    try {
      await pairWithHub(db(), request);
    } finally {
      syncEngine().start();
    }
    return hubStatus(db(), syncEngine());
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
} satisfies Pick<Handlers, HubMessage>;
