import type { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../auth/roles.ts';
import { parseWith, readJson } from '../http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from '../http/env.ts';
import { requireAuth } from '../http/require-auth.ts';
import { eraseCustomer } from './erase.ts';
import { exportCustomer } from './export.ts';
import { getRetention, purgeTeam, setRetention } from './retention.ts';

/** An identifier key as the extension writes them: `kind:value` (`email:x@y.fr`, `phone:+33…`). */
const IdentifierKey = z.string().trim().min(3).max(512).regex(/^[a-z][a-z0-9-]*(:[a-z0-9-]+)*:\S/, 'An identifier key, e.g. email:marie@example.fr');
const KeyQuery = z.object({ key: IdentifierKey });
const RetentionBody = z.object({ months: z.number().int().min(1).max(1200).nullable() });

export function privacyRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db, fanout, channel } = deps;
  for (const path of ['/v1/customers/*', '/v1/team/retention', '/v1/team/retention/*']) app.use(path, requireAuth(db));

  app.get('/v1/customers/export', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    const { key } = parseWith(KeyQuery, c.req.query(), 'query');
    return c.json(await exportCustomer(db, a, key));
  });

  app.post('/v1/customers/erase', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    const { key } = await readJson(c, KeyQuery, SMALL_BODY);
    const { seq, changed, ...erased } = await eraseCustomer(db, a, key, channel);
    if (changed) fanout.signal(a.teamId, seq);
    return c.json(erased);
  });

  app.get('/v1/team/retention', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    return c.json({ months: await getRetention(db, a.teamId) });
  });

  app.put('/v1/team/retention', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const { months } = await readJson(c, RetentionBody, SMALL_BODY);
    await setRetention(db, a.teamId, a.memberId, months);
    return c.json({ months });
  });

  // Runs the purge now (it also runs at start and every 6 hours).
  app.post('/v1/team/retention/purge', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const result = await purgeTeam(db, a.teamId, channel, Date.now(), a.memberId);
    if (result?.events) fanout.signal(a.teamId, result.seq);
    return c.json(result ? { months: result.months, cutoff: result.cutoff, events: result.events } : { months: null, cutoff: null, events: 0 });
  });
}
