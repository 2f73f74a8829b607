import type { Queryable } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import type { AuthContext, Role } from './roles.ts';
import { splitSecret } from './secrets.ts';

interface Row {
  team_name: string;
  member_id: string;
  member_name: string;
  role: Role;
  token_id: string;
  stale: boolean;
}

const unauthorized = () => new HubError(401, HubErrorCode.Unauthorized, 'Missing, unknown or revoked token');

/** Resolves a member token to its member and team; revoked tokens and revoked members are refused alike. */
export async function authenticate(db: Queryable, token: string | undefined): Promise<AuthContext> {
  const parts = token ? splitSecret(token) : null;
  if (!parts) throw unauthorized();
  return authenticateHash(db, parts);
}

/** The same check from a stored token hash (live tickets keep the hash of the token they stand for). */
export async function authenticateHash(db: Queryable, parts: { teamId: string; hash: string }): Promise<AuthContext> {
  const [row] = await db.query<Row>(
    `SELECT t.name AS team_name, m.id AS member_id, m.name AS member_name, m.role, k.id AS token_id,
            (k.last_used_at IS NULL OR k.last_used_at < now() - interval '5 minutes') AS stale
       FROM tokens k
       JOIN members m ON m.team_id = k.team_id AND m.id = k.member_id
       JOIN teams t ON t.id = k.team_id
      WHERE k.team_id = $1 AND k.hash = $2 AND k.revoked_at IS NULL AND m.revoked_at IS NULL`,
    [parts.teamId, parts.hash],
  );
  if (!row) throw unauthorized();
  // Touch last use at most every few minutes: no write on every request.
  if (row.stale) await db.query('UPDATE tokens SET last_used_at = now() WHERE team_id = $1 AND hash = $2', [parts.teamId, parts.hash]);
  return {
    teamId: parts.teamId,
    teamName: row.team_name,
    memberId: row.member_id,
    memberName: row.member_name,
    role: row.role,
    tokenId: row.token_id,
    tokenHash: parts.hash,
  };
}

export function bearer(header: string | undefined): string | undefined {
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1];
}
