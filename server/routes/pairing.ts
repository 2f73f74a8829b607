import type { Hono } from 'hono';
import { z } from 'zod';
import { audit, revokeAudited } from '../audit.ts';
import { atLeast, requireRole } from '../auth/roles.ts';
import { readJson } from '../http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { requireAuth } from '../http/require-auth.ts';
import { DisplayName, RoleSchema } from '../http/schemas.ts';
import { createInvite, pair } from '../teams.ts';

const PairBody = z.object({
  inviteCode: z.string().min(1).max(200),
  deviceName: DisplayName,
  /** The new member's name; defaults to the name the invite was made for, then the device name. */
  name: DisplayName.optional(),
});

const InviteBody = z.object({
  role: RoleSchema,
  name: DisplayName.optional(),
  maxUses: z.number().int().min(1).max(1000).default(1),
  expiresInHours: z.number().positive().max(24 * 30).default(72),
});

interface InviteRow {
  id: string;
  role: string;
  name: string | null;
  max_uses: number;
  uses: number;
  expires_at: Date;
  created_by: string | null;
  created_at: Date;
}

export function pairingRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db } = deps;

  app.post('/v1/pair', async (c) => {
    const body = await readJson(c, PairBody, SMALL_BODY);
    return c.json(await pair(db, body));
  });

  app.use('/v1/invites', requireAuth(db));
  app.use('/v1/invites/*', requireAuth(db));

  app.post('/v1/invites', async (c) => {
    const auth = c.get('auth');
    requireRole(auth, 'lead');
    const body = await readJson(c, InviteBody, SMALL_BODY);
    if (!atLeast(auth.role, body.role)) throw new HubError(403, HubErrorCode.Forbidden, `A ${auth.role} cannot invite a ${body.role}`);
    const invite = await db.transaction(async (tx) => {
      const created = await createInvite(tx, auth.teamId, auth.memberId, body);
      await audit(tx, { teamId: auth.teamId, memberId: auth.memberId, action: 'invite.create', target: created.id, detail: { role: body.role, maxUses: body.maxUses } });
      return created;
    });
    return c.json(invite, 201);
  });

  app.get('/v1/invites', async (c) => {
    const auth = c.get('auth');
    requireRole(auth, 'lead');
    const rows = await db.query<InviteRow>(
      `SELECT id, role, name, max_uses, uses, expires_at, created_by, created_at FROM invites
        WHERE team_id = $1 AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses ORDER BY created_at`,
      [auth.teamId],
    );
    return c.json({
      invites: rows.map((r) => ({
        id: r.id,
        role: r.role,
        name: r.name,
        maxUses: r.max_uses,
        uses: r.uses,
        expiresAt: new Date(r.expires_at).toISOString(),
        createdBy: r.created_by,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    });
  });

  app.delete('/v1/invites/:id', async (c) => {
    const auth = c.get('auth');
    requireRole(auth, 'lead');
    const id = c.req.param('id');
    const revoked = await revokeAudited(db, { table: 'invites', teamId: auth.teamId, id, memberId: auth.memberId, action: 'invite.revoke' });
    if (!revoked) throw new HubError(404, HubErrorCode.NotFound, 'No such active invite in your team');
    return c.json({ ok: true });
  });
}
