import { v7 as uuidv7 } from 'uuid';
import { newSecret, sha256, splitSecret } from '../auth/secrets.ts';
import type { Queryable } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';

export interface ApiKeyContext {
  teamId: string;
  keyId: string;
}

/** A team API key for systems no browser sees (phone system, till, shop): `<team id>.<secret>`, stored hashed. */
export async function createApiKey(tx: Queryable, teamId: string, name: string, createdBy: string) {
  const key = newSecret(teamId);
  const id = uuidv7();
  await tx.query('INSERT INTO api_keys (team_id, hash, id, name, created_by) VALUES ($1, $2, $3, $4, $5)', [teamId, sha256(key), id, name, createdBy]);
  return { id, key, name };
}

export async function authenticateApiKey(db: Queryable, key: string | undefined): Promise<ApiKeyContext> {
  const parts = key ? splitSecret(key.trim()) : null;
  const [row] = parts
    ? await db.query<{ id: string; stale: boolean }>(
        `SELECT id, (last_used_at IS NULL OR last_used_at < now() - interval '5 minutes') AS stale
           FROM api_keys WHERE team_id = $1 AND hash = $2 AND revoked_at IS NULL`,
        [parts.teamId, parts.hash],
      )
    : [];
  if (!parts || !row) throw new HubError(401, HubErrorCode.Unauthorized, 'Missing, unknown or revoked API key (X-Api-Key)');
  if (row.stale) await db.query('UPDATE api_keys SET last_used_at = now() WHERE team_id = $1 AND hash = $2', [parts.teamId, parts.hash]);
  return { teamId: parts.teamId, keyId: row.id };
}
