import { v7 as uuidv7 } from 'uuid';
import { audit } from './audit.ts';
import type { Role } from './auth/roles.ts';
import { newSecret, newTeamId, sha256, splitSecret } from './auth/secrets.ts';
import type { Database, Queryable } from './db/types.ts';
import { HubError, HubErrorCode } from './http/errors.ts';

export interface MemberView {
  id: string;
  name: string;
  role: Role;
}
export interface TeamView {
  id: string;
  name: string;
}

export interface InviteOptions {
  role: Role;
  /** Pairing with a bound invite adds a device to this member instead of creating one. */
  memberId?: string;
  name?: string;
  maxUses: number;
  expiresInHours: number;
}

export interface CreatedInvite {
  id: string;
  code: string;
  role: Role;
  name: string | null;
  maxUses: number;
  expiresAt: string;
}

/** A new team with its first admin, a token for that admin, and a one-use invite to pair a browser as them. */
export async function createTeamWithAdmin(db: Database, input: { team: string; name: string }) {
  return db.transaction(async (tx) => {
    const team: TeamView = { id: newTeamId(), name: input.team };
    const member: MemberView = { id: uuidv7(), name: input.name, role: 'admin' };
    await tx.query('INSERT INTO teams (id, name) VALUES ($1, $2)', [team.id, team.name]);
    await insertMember(tx, team.id, member);
    const token = await issueToken(tx, team.id, member.id, 'command line');
    const invite = await createInvite(tx, team.id, null, { role: 'admin', memberId: member.id, maxUses: 1, expiresInHours: 72 });
    await audit(tx, { teamId: team.id, memberId: null, action: 'team.create', target: team.id, detail: { name: team.name, admin: member.id } });
    return { team, member, token: token.token, invite };
  });
}

export async function createInvite(tx: Queryable, teamId: string, createdBy: string | null, options: InviteOptions): Promise<CreatedInvite> {
  const id = uuidv7();
  const code = newSecret(teamId);
  const expiresAt = new Date(Date.now() + options.expiresInHours * 3_600_000).toISOString();
  await tx.query(
    `INSERT INTO invites (team_id, id, hash, role, member_id, name, max_uses, expires_at, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [teamId, id, sha256(code), options.role, options.memberId ?? null, options.name ?? null, options.maxUses, expiresAt, createdBy],
  );
  return { id, code, role: options.role, name: options.name ?? null, maxUses: options.maxUses, expiresAt };
}

interface InviteRow {
  id: string;
  role: Role;
  member_id: string | null;
  name: string | null;
  max_uses: number;
  uses: number;
  expired: boolean;
  revoked_at: Date | null;
}

/** Redeems an invite code for a new device token (and a new member unless the invite is bound to one). */
export async function pair(db: Database, input: { inviteCode: string; deviceName: string; name?: string }) {
  const parts = splitSecret(input.inviteCode);
  if (!parts) throw new HubError(403, HubErrorCode.InviteInvalid, 'Unknown invite code');
  return db.transaction(async (tx) => {
    // Row lock: two devices racing for the last use of an invite cannot both get it.
    const [invite] = await tx.query<InviteRow>(
      `SELECT id, role, member_id, name, max_uses, uses, expires_at < now() AS expired, revoked_at
         FROM invites WHERE team_id = $1 AND hash = $2 FOR UPDATE`,
      [parts.teamId, parts.hash],
    );
    if (!invite || invite.revoked_at) throw new HubError(403, HubErrorCode.InviteInvalid, 'Unknown or revoked invite code');
    if (invite.expired) throw new HubError(403, HubErrorCode.InviteExpired, 'This invite code has expired');
    if (invite.uses >= invite.max_uses) throw new HubError(403, HubErrorCode.InviteUsedUp, 'This invite code has been used');
    await tx.query('UPDATE invites SET uses = uses + 1 WHERE team_id = $1 AND id = $2', [parts.teamId, invite.id]);

    let member: MemberView;
    if (invite.member_id) {
      const [row] = await tx.query<MemberView>(
        'SELECT id, name, role FROM members WHERE team_id = $1 AND id = $2 AND revoked_at IS NULL',
        [parts.teamId, invite.member_id],
      );
      if (!row) throw new HubError(403, HubErrorCode.InviteInvalid, 'The member this invite was for has been removed');
      member = row;
    } else {
      member = { id: uuidv7(), name: input.name ?? invite.name ?? input.deviceName, role: invite.role };
      await insertMember(tx, parts.teamId, member);
    }
    const token = await issueToken(tx, parts.teamId, member.id, input.deviceName);
    const [team] = await tx.query<TeamView>('SELECT id, name FROM teams WHERE id = $1', [parts.teamId]);
    await audit(tx, {
      teamId: parts.teamId,
      memberId: member.id,
      action: 'member.pair',
      target: member.id,
      detail: { invite: invite.id, device: input.deviceName, token: token.id },
    });
    return { token: token.token, member, team: team! };
  });
}

async function insertMember(tx: Queryable, teamId: string, member: MemberView) {
  await tx.query('INSERT INTO members (team_id, id, name, role) VALUES ($1, $2, $3, $4)', [teamId, member.id, member.name, member.role]);
}

async function issueToken(tx: Queryable, teamId: string, memberId: string, deviceName: string) {
  const token = newSecret(teamId);
  const id = uuidv7();
  await tx.query('INSERT INTO tokens (team_id, hash, id, member_id, device_name) VALUES ($1, $2, $3, $4, $5)', [
    teamId,
    sha256(token),
    id,
    memberId,
    deviceName,
  ]);
  return { token, id };
}
