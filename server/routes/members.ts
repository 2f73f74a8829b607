import type { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { type AuthContext, type Role, atLeast, requireRole } from '../auth/roles.ts';
import type { Queryable } from '../db/types.ts';
import { parseWith, readJson } from '../http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { requireAuth } from '../http/require-auth.ts';
import { QueryInt, RoleSchema } from '../http/schemas.ts';

const RoleBody = z.object({ role: RoleSchema });
const AuditQuery = z.object({
  limit: QueryInt(1000).optional(),
  before: z.iso.datetime({ offset: true }).optional(),
});

interface MemberRow {
  id: string;
  name: string;
  role: Role;
  created_at: Date;
  revoked_at: Date | null;
}
interface TokenRow {
  id: string;
  member_id: string;
  device_name: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const notFound = () => new HubError(404, HubErrorCode.NotFound, 'No such member in your team');

export function memberRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db } = deps;
  for (const path of ['/v1/me', '/v1/me/*', '/v1/members', '/v1/members/*', '/v1/tokens/*', '/v1/audit']) app.use(path, requireAuth(db));

  app.get('/v1/me', (c) => {
    const a = c.get('auth');
    return c.json({ member: { id: a.memberId, name: a.memberName, role: a.role }, team: { id: a.teamId, name: a.teamName }, token: { id: a.tokenId } });
  });

  // Unpairing: the calling device gives up its own token.
  app.delete('/v1/me/token', async (c) => {
    const a = c.get('auth');
    await revokeTokens(db, a, 'token.revoke', 'id = $2', a.tokenId);
    return c.json({ ok: true });
  });

  app.get('/v1/members', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    const [members, tokens] = await Promise.all([
      db.query<MemberRow>('SELECT id, name, role, created_at, revoked_at FROM members WHERE team_id = $1 ORDER BY created_at', [a.teamId]),
      db.query<TokenRow>('SELECT id, member_id, device_name, created_at, last_used_at, revoked_at FROM tokens WHERE team_id = $1 ORDER BY created_at', [a.teamId]),
    ]);
    return c.json({
      members: members.map((m) => ({
        id: m.id,
        name: m.name,
        role: m.role,
        createdAt: iso(m.created_at),
        revokedAt: iso(m.revoked_at),
        devices: tokens
          .filter((t) => t.member_id === m.id)
          .map((t) => ({ id: t.id, deviceName: t.device_name, createdAt: iso(t.created_at), lastUsedAt: iso(t.last_used_at), revokedAt: iso(t.revoked_at) })),
      })),
    });
  });

  app.post('/v1/members/:id/revoke', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    const id = c.req.param('id');
    await db.transaction(async (tx) => {
      const target = await lockMember(tx, a.teamId, id);
      if (!atLeast(a.role, 'admin') && target.role !== 'agent') throw new HubError(403, HubErrorCode.Forbidden, 'A lead can only remove agents');
      if (target.role === 'admin') await keepOneAdmin(tx, a.teamId);
      await tx.query('UPDATE members SET revoked_at = now() WHERE team_id = $1 AND id = $2', [a.teamId, id]);
      await tx.query('UPDATE tokens SET revoked_at = now() WHERE team_id = $1 AND member_id = $2 AND revoked_at IS NULL', [a.teamId, id]);
      await audit(tx, { teamId: a.teamId, memberId: a.memberId, action: 'member.revoke', target: id, detail: { name: target.name, role: target.role } });
    });
    return c.json({ ok: true });
  });

  app.post('/v1/members/:id/role', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const id = c.req.param('id');
    const { role } = await readJson(c, RoleBody, SMALL_BODY);
    await db.transaction(async (tx) => {
      const target = await lockMember(tx, a.teamId, id);
      if (target.role === 'admin' && role !== 'admin') await keepOneAdmin(tx, a.teamId);
      await tx.query('UPDATE members SET role = $3 WHERE team_id = $1 AND id = $2', [a.teamId, id, role]);
      await audit(tx, { teamId: a.teamId, memberId: a.memberId, action: 'member.role', target: id, detail: { from: target.role, to: role } });
    });
    return c.json({ ok: true });
  });

  // Revokes one device: the member's own, or anyone's for an admin.
  app.post('/v1/tokens/:id/revoke', async (c) => {
    const a = c.get('auth');
    const id = c.req.param('id');
    const scope = atLeast(a.role, 'admin') ? 'id = $2' : 'id = $2 AND member_id = $3';
    const revoked = await revokeTokens(db, a, 'token.revoke', scope, id);
    if (!revoked) throw new HubError(404, HubErrorCode.NotFound, 'No such active token of yours');
    return c.json({ ok: true });
  });

  app.get('/v1/audit', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    const q = parseWith(AuditQuery, c.req.query(), 'query');
    const limit = q.limit || 100;
    const rows = await db.query<{ id: string; at: Date; member_id: string | null; action: string; target: string | null; detail: unknown }>(
      `SELECT id, at, member_id, action, target, detail FROM audit
        WHERE team_id = $1 AND ($2::timestamptz IS NULL OR at < $2::timestamptz)
        ORDER BY at DESC, id DESC LIMIT $3`,
      [a.teamId, q.before ?? null, limit],
    );
    return c.json({
      entries: rows.map((r) => ({ id: r.id, at: iso(r.at), member: r.member_id, action: r.action, target: r.target, detail: r.detail })),
    });
  });
}

async function lockMember(tx: Queryable, teamId: string, id: string) {
  const [row] = await tx.query<MemberRow>('SELECT id, name, role FROM members WHERE team_id = $1 AND id = $2 AND revoked_at IS NULL FOR UPDATE', [teamId, id]);
  if (!row) throw notFound();
  return row;
}

/** A team never loses its last admin (nobody could invite leads or admins again). */
async function keepOneAdmin(tx: Queryable, teamId: string) {
  // Lock the team row so two admins cannot remove each other at the same time.
  await tx.query('SELECT 1 FROM teams WHERE id = $1 FOR UPDATE', [teamId]);
  const [row] = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM members WHERE team_id = $1 AND role = 'admin' AND revoked_at IS NULL", [teamId]);
  if ((row?.n ?? 0) <= 1) throw new HubError(409, HubErrorCode.LastAdmin, 'The team would have no admin left');
}

async function revokeTokens(db: HubDeps['db'], a: AuthContext, action: string, where: string, id: string) {
  return db.transaction(async (tx) => {
    const params = where.includes('$3') ? [a.teamId, id, a.memberId] : [a.teamId, id];
    const rows = await tx.query<{ id: string }>(`UPDATE tokens SET revoked_at = now() WHERE team_id = $1 AND ${where} AND revoked_at IS NULL RETURNING id`, params);
    if (rows.length) await audit(tx, { teamId: a.teamId, memberId: a.memberId, action, target: id });
    return rows.length > 0;
  });
}
