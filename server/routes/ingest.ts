import type { Hono } from 'hono';
import { z } from 'zod';
import { audit, revokeAudited } from '../audit.ts';
import { requireRole } from '../auth/roles.ts';
import { readJson } from '../http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { requireAuth } from '../http/require-auth.ts';
import { DisplayName } from '../http/schemas.ts';
import { authenticateApiKey, createApiKey } from '../ingest/api-keys.ts';
import { IngestBodySchema, ingestRows, parseRows } from '../ingest/events.ts';
import { MAX_PUSH_BYTES, commitBatch } from '../sync/push.ts';

const KeyBody = z.object({ name: DisplayName });

export function ingestRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db, fanout } = deps;
  app.use('/v1/api-keys', requireAuth(db));
  app.use('/v1/api-keys/*', requireAuth(db));

  app.post('/v1/api-keys', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const { name } = await readJson(c, KeyBody, SMALL_BODY);
    const created = await db.transaction(async (tx) => {
      const key = await createApiKey(tx, a.teamId, name, a.memberId);
      await audit(tx, { teamId: a.teamId, memberId: a.memberId, action: 'api-key.create', target: key.id, detail: { name } });
      return key;
    });
    return c.json(created, 201);
  });

  app.get('/v1/api-keys', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const rows = await db.query<{ id: string; name: string; created_at: Date; last_used_at: Date | null }>(
      'SELECT id, name, created_at, last_used_at FROM api_keys WHERE team_id = $1 AND revoked_at IS NULL ORDER BY created_at',
      [a.teamId],
    );
    const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
    return c.json({ keys: rows.map((r) => ({ id: r.id, name: r.name, createdAt: iso(r.created_at), lastUsedAt: iso(r.last_used_at) })) });
  });

  app.delete('/v1/api-keys/:id', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const id = c.req.param('id');
    const revoked = await revokeAudited(db, { table: 'api_keys', teamId: a.teamId, id, memberId: a.memberId, action: 'api-key.revoke' });
    if (!revoked) throw new HubError(404, HubErrorCode.NotFound, 'No such API key in your team');
    return c.json({ ok: true });
  });

  app.post('/v1/ingest/events', async (c) => {
    const key = await authenticateApiKey(db, c.req.header('x-api-key'));
    const body = await readJson(c, IngestBodySchema, MAX_PUSH_BYTES);
    const { rows, rejected } = parseRows(body.events, body.defaultRegion);
    const outcome = rows.length
      ? await commitBatch(db, key.teamId, deps.channel, (tx, startSeq) => ingestRows(tx, key, rows, startSeq))
      : { results: [], seq: 0, changed: false };
    if (outcome.changed) fanout.signal(key.teamId, outcome.seq);
    const results = [...outcome.results, ...rejected].sort((x, y) => x.index - y.index);
    return c.json({
      results,
      applied: results.filter((r) => r.status === 'applied').length,
      duplicates: results.filter((r) => r.status === 'duplicate').length,
      rejected: results.filter((r) => r.status === 'rejected').length,
    });
  });
}
