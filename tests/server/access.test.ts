import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/types.ts';
import type { RunningHub } from '../../server/start.ts';
import { createTeamWithAdmin } from '../../server/teams.ts';
import { BACKENDS } from './support/backends.ts';
import { Client, type HubFixture, type TestTeam, hubFixture } from './support/hub.ts';

describe.each(BACKENDS)('hub access on %s', (kind) => {
  let fixture: HubFixture;
  let db: Database;
  let hub: RunningHub;
  let team: TestTeam;
  let anon: Client;

  beforeAll(async () => {
    fixture = await hubFixture(kind, 'Maison Lumière');
    ({ db, hub, team } = fixture);
    anon = new Client(hub.url);
  });
  afterAll(() => fixture?.close());

  it('reports health with the database kind', async () => {
    const res = await anon.get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, version: expect.any(String), database: kind });
  });

  it('pairs with an invite and tells the member who they are', async () => {
    const me = await team.agent.get('/v1/me');
    expect(me.status).toBe(200);
    expect(me.body.member).toEqual({ id: team.agentId, name: 'Maison Lumière agent', role: 'agent' });
    expect(me.body.team).toEqual({ id: team.id, name: 'Maison Lumière' });
    const stored = await db.query<{ hash: string }>('SELECT hash FROM tokens WHERE team_id = $1', [team.id]);
    // Tokens are stored as sha-256 hashes only.
    expect(stored.every((t) => /^[0-9a-f]{64}$/.test(t.hash))).toBe(true);
    expect(stored.some((t) => team.agent.token!.includes(t.hash))).toBe(false);
  });

  it('refuses requests without a valid token', async () => {
    for (const token of [undefined, '', 'nope', `${team.id}.forged`, team.agent.token!.slice(0, -2) + 'xx']) {
      const res = await anon.as(token).get('/v1/me');
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('E_UNAUTHORIZED');
    }
  });

  it('uses an invite at most maxUses times and never after it expires or is revoked', async () => {
    const once = await team.lead.post('/v1/invites', { role: 'agent' });
    expect(once.status).toBe(201);
    expect((await anon.post('/v1/pair', { inviteCode: once.body.code, deviceName: 'A' })).status).toBe(200);
    const again = await anon.post('/v1/pair', { inviteCode: once.body.code, deviceName: 'B' });
    expect(again.status).toBe(403);
    expect(again.body.error.code).toBe('E_INVITE_USED_UP');

    const twice = await team.lead.post('/v1/invites', { role: 'agent', maxUses: 2, name: 'Shared laptop' });
    const pairs = await Promise.all([1, 2, 3].map((n) => anon.post('/v1/pair', { inviteCode: twice.body.code, deviceName: `D${n}` })));
    expect(pairs.map((p) => p.status).sort()).toEqual([200, 200, 403]);
    expect(pairs.find((p) => p.status === 200)!.body.member.name).toBe('Shared laptop');

    const revoked = await team.lead.post('/v1/invites', { role: 'agent' });
    expect((await team.lead.delete(`/v1/invites/${revoked.body.id}`)).status).toBe(200);
    const useRevoked = await anon.post('/v1/pair', { inviteCode: revoked.body.code, deviceName: 'X' });
    expect(useRevoked.status).toBe(403);
    expect(useRevoked.body.error.code).toBe('E_INVITE_INVALID');
    const listed = await team.lead.get('/v1/invites');
    expect(listed.body.invites.map((i: { id: string }) => i.id)).not.toContain(revoked.body.id);
    expect(JSON.stringify(listed.body)).not.toContain(revoked.body.code);
  });

  it("pairs the admin's browser with the CLI's invite as the admin, once", async () => {
    const created = await createTeamWithAdmin(db, { team: 'CLI team', name: 'Noor' });
    const paired = await anon.post('/v1/pair', { inviteCode: created.invite.code, deviceName: 'Firefox' });
    expect(paired.status).toBe(200);
    expect(paired.body.member).toEqual({ id: created.member.id, name: 'Noor', role: 'admin' });
    expect(paired.body.team).toEqual({ id: created.team.id, name: 'CLI team' });
    expect((await anon.post('/v1/pair', { inviteCode: created.invite.code, deviceName: 'Again' })).status).toBe(403);
    const tokens = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tokens WHERE team_id = $1 AND member_id = $2', [created.team.id, created.member.id]);
    expect(tokens[0]!.n).toBe(2);
  });

  it('refuses an expired invite', async () => {
    const invite = await team.admin.post('/v1/invites', { role: 'agent', expiresInHours: 1 });
    await db.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE team_id = $1 AND id = $2", [team.id, invite.body.id]);
    const res = await anon.post('/v1/pair', { inviteCode: invite.body.code, deviceName: 'Late' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('E_INVITE_EXPIRED');
  });

  it('enforces roles: agents cannot invite, leads cannot invite admins or remove leads', async () => {
    const agentInvite = await team.agent.post('/v1/invites', { role: 'agent' });
    expect(agentInvite.status).toBe(403);
    expect(agentInvite.body.error.code).toBe('E_FORBIDDEN');
    expect((await team.lead.post('/v1/invites', { role: 'admin' })).status).toBe(403);
    expect((await team.lead.post('/v1/invites', { role: 'lead' })).status).toBe(201);
    for (const path of ['/v1/members', '/v1/audit', '/v1/invites']) expect((await team.agent.get(path)).status).toBe(403);
    expect((await team.agent.post(`/v1/members/${team.leadId}/revoke`)).status).toBe(403);
    expect((await team.lead.post(`/v1/members/${team.adminId}/revoke`)).status).toBe(403);
    expect((await team.lead.post(`/v1/members/${team.agentId}/role`, { role: 'admin' })).status).toBe(403);
    expect((await team.agent.push([{ table: 'promotions', id: 'p1', data: {} }])).body.results[0].code).toBe('E_FORBIDDEN_TABLE');
  });

  it('revokes a member: their tokens stop working at once and the audit log says who did it', async () => {
    const invite = await team.lead.post('/v1/invites', { role: 'agent' });
    const paired = await anon.post('/v1/pair', { inviteCode: invite.body.code, deviceName: 'Temp' });
    const temp = anon.as(paired.body.token);
    expect((await temp.get('/v1/me')).status).toBe(200);
    expect((await team.lead.post(`/v1/members/${paired.body.member.id}/revoke`)).status).toBe(200);
    const after = await temp.get('/v1/me');
    expect(after.status).toBe(401);
    expect((await temp.push([{ table: 'customers', id: 'x', data: { a: 1 } }])).status).toBe(401);
    const audit = await team.admin.get('/v1/audit');
    expect(audit.body.entries).toContainEqual(expect.objectContaining({ action: 'member.revoke', target: paired.body.member.id, member: team.leadId }));
    const members = await team.admin.get('/v1/members');
    const revoked = members.body.members.find((m: { id: string }) => m.id === paired.body.member.id);
    expect(revoked.revokedAt).toEqual(expect.any(String));
    expect(revoked.devices[0].revokedAt).toEqual(expect.any(String));
  });

  it('revokes a single device token (unpair) while the member keeps other devices', async () => {
    const invite = await team.admin.post('/v1/invites', { role: 'agent' });
    const first = await anon.post('/v1/pair', { inviteCode: invite.body.code, deviceName: 'One' });
    const member = first.body.member.id;
    const one = anon.as(first.body.token);
    expect((await one.delete('/v1/me/token')).status).toBe(200);
    expect((await one.get('/v1/me')).status).toBe(401);
    const admins = await team.admin.get('/v1/members');
    const device = admins.body.members.find((m: { id: string }) => m.id === member).devices[0];
    expect(device.revokedAt).toEqual(expect.any(String));
    expect((await team.admin.post(`/v1/tokens/${device.id}/revoke`)).status).toBe(404);
  });

  it('never removes or demotes the last admin', async () => {
    const res = await team.admin.post(`/v1/members/${team.adminId}/revoke`);
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('E_LAST_ADMIN');
    expect((await team.admin.post(`/v1/members/${team.adminId}/role`, { role: 'agent' })).body.error.code).toBe('E_LAST_ADMIN');
    expect((await team.admin.post(`/v1/members/${team.leadId}/role`, { role: 'admin' })).status).toBe(200);
    expect((await team.lead.get('/v1/me')).body.member.role).toBe('admin');
    expect((await team.lead.post(`/v1/members/${team.leadId}/role`, { role: 'lead' })).status).toBe(200);
  });
});
