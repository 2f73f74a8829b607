import type { AuthContext } from '../auth/roles.ts';
import type { Database } from '../db/types.ts';
import type { Fanout } from '../live/fanout.ts';

export type HubEnv = { Variables: { auth: AuthContext } };

export interface HubDeps {
  db: Database;
  fanout: Fanout;
  /** The NOTIFY channel shared by every instance of this hub. */
  channel: string;
  version: string;
  pingMs: number;
  /** Seals the team's LLM provider key at rest (server/llm/secret.ts). */
  secretKey: Buffer;
  /** Open live streams, closed when the hub stops. */
  streams: Set<{ close(): void }>;
}

/** Largest body of any route but the sync push. */
export const SMALL_BODY = 64 * 1024;
