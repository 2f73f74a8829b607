import type { Hono } from 'hono';
import type { HubDeps, HubEnv } from '../http/env.ts';

export function healthRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  app.get('/health', async (c) => {
    await deps.db.query('SELECT 1');
    return c.json({ ok: true, version: deps.version, database: deps.db.kind });
  });
}
