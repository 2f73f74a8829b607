import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { migrate } from './db/migrations.ts';
import type { Database } from './db/types.ts';
import type { HubDeps, HubEnv } from './http/env.ts';
import { HubErrorCode, errorBody, sendError } from './http/errors.ts';
import { Fanout } from './live/fanout.ts';
import { healthRoutes } from './routes/health.ts';
import { ingestRoutes } from './routes/ingest.ts';
import { liveRoutes } from './routes/live.ts';
import { memberRoutes } from './routes/members.ts';
import { pairingRoutes } from './routes/pairing.ts';
import { syncRoutes } from './routes/sync.ts';
import { HUB_VERSION } from './version.ts';
import { metricsRoutes } from './metrics/routes.ts';
import { watchMetricFacts } from './metrics/watch.ts';
import { llmRoutes } from './llm/routes.ts';
import { sealClearKeys } from './llm/config.ts';
import { privacyRoutes } from './privacy/routes.ts';
import { csvImportRoutes } from './ingest/csv-import.ts';
import { scheduleRetention } from './privacy/retention.ts';

export interface HubOptions {
  db: Database;
  /** NOTIFY channel shared by all instances of one hub (default `continuum_hub`). */
  channel?: string;
  /** Interval of live `ping` events and token re-checks (default 15 s). */
  pingMs?: number;
  /** Interval of the live feed's safety poll for missed notifications (default 5 s). */
  pollMs?: number;
  /** Extra routes, registered with the others (the demo hub's invite route: server/demo.ts). */
  routes?: (app: Hono<HubEnv>, deps: HubDeps) => void;
  /**
   * The hub's secret key, which seals the team's LLM provider key at rest (server/llm/secret.ts:
   * main.ts and the demo hub load it). Default: a random key for this process only (tests), with
   * which a key stored by an earlier run cannot be read.
   */
  secretKey?: Buffer;
}

export interface Hub {
  app: Hono<HubEnv>;
  fetch: (request: Request) => Response | Promise<Response>;
  fanout: Fanout;
  /** Ends live streams and stops listening; the database stays open (its owner closes it). */
  close(): Promise<void>;
}

/** Builds a hub over an open database: applies pending migrations, starts the live fan-out. */
export async function createHub(options: HubOptions): Promise<Hub> {
  const { db } = options;
  await migrate(db);
  const secretKey = options.secretKey ?? randomBytes(32);
  const sealing = await sealClearKeys(db, secretKey);
  if (sealing.sealed) console.log(`[hub] ${sealing.sealed} LLM provider key(s) stored in clear by an earlier version are now encrypted.`);
  if (sealing.unreadable) console.warn(`[hub] ${sealing.unreadable} team(s)' LLM provider key cannot be decrypted with this secret key: an admin sets it again (Team tab).`);
  const channel = options.channel ?? 'continuum_hub';
  const fanout = new Fanout(db, channel, options.pollMs);
  await fanout.start();
  const deps: HubDeps = { db, fanout, channel, version: HUB_VERSION, pingMs: options.pingMs ?? 15_000, secretKey, streams: new Set() };

  const app = new Hono<HubEnv>();
  app.onError((error, c) => sendError(c, error));
  // Bearer tokens, no cookies: any origin may call (the extension's pages and worker, scripts).
  app.use('*', cors({ origin: '*', allowHeaders: ['Authorization', 'Content-Type', 'Last-Event-ID'], maxAge: 600 }));
  app.notFound((c) => c.json(errorBody(HubErrorCode.NotFound, `No route ${c.req.method} ${c.req.path}`), 404));
  healthRoutes(app, deps);
  pairingRoutes(app, deps);
  memberRoutes(app, deps);
  syncRoutes(app, deps);
  liveRoutes(app, deps);
  metricsRoutes(app, deps);
  const stopMetrics = await watchMetricFacts(db, channel);
  ingestRoutes(app, deps);
  llmRoutes(app, deps);
  options.routes?.(app, deps);
  privacyRoutes(app, deps);
  csvImportRoutes(app, deps);
  // Retention purge: at start, then every 6 hours; each instance runs it (the team lock serialises them).
  const stopRetention = scheduleRetention(db, channel, (purged) => fanout.signal(purged.teamId, purged.seq));

  return {
    app,
    fetch: app.fetch,
    fanout,
    async close() {
      for (const stream of deps.streams) stream.close();
      await fanout.stop();
      await stopMetrics();
      await stopRetention();
    },
  };
}
