import type { Hono } from 'hono';
import { z } from 'zod';
import { parseWith, readJson } from '../http/body.ts';
import type { HubDeps, HubEnv } from '../http/env.ts';
import { requireAuth } from '../http/require-auth.ts';
import { QueryInt } from '../http/schemas.ts';
import { pull } from '../sync/pull.ts';
import { MAX_PUSH_BYTES, PushBodySchema, push } from '../sync/push.ts';

const PullQuery = z.object({
  cursor: QueryInt(Number.MAX_SAFE_INTEGER).default(0),
  limit: QueryInt(1000).pipe(z.number().min(1)).default(500),
});

export function syncRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db, fanout } = deps;
  app.use('/v1/sync/*', requireAuth(db));

  app.post('/v1/sync/push', async (c) => {
    const auth = c.get('auth');
    const body = await readJson(c, PushBodySchema, MAX_PUSH_BYTES);
    const outcome = await push(db, auth, body.ops, deps.channel);
    // Live clients on this instance hear of it at once; other instances through NOTIFY.
    if (outcome.changed) fanout.signal(auth.teamId, outcome.cursor);
    return c.json({ results: outcome.results, cursor: outcome.cursor });
  });

  app.get('/v1/sync/pull', async (c) => {
    const auth = c.get('auth');
    const q = parseWith(PullQuery, c.req.query(), 'query');
    return c.json(await pull(db, auth.teamId, q.cursor, q.limit));
  });
}
