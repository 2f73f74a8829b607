import { createHash, randomBytes } from 'node:crypto';

const TEAM_ID = /^[a-z2-7]{16}$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Team ids are short and URL-safe: they prefix every token and invite code (see splitSecret). */
export function newTeamId(): string {
  const bytes = randomBytes(16);
  let id = '';
  for (let i = 0; i < 16; i++) id += BASE32[bytes[i]! & 31];
  return id;
}

/**
 * A secret names its team (`<team id>.<32 random bytes, base64url>`), so the lookup of its hash is
 * keyed by team id like every other query, and lands on one shard when distributed.
 */
export function newSecret(teamId: string): string {
  return `${teamId}.${randomBytes(32).toString('base64url')}`;
}

export function splitSecret(secret: string): { teamId: string; hash: string } | null {
  const dot = secret.indexOf('.');
  const teamId = secret.slice(0, dot);
  if (dot < 0 || !TEAM_ID.test(teamId) || secret.length > 200) return null;
  return { teamId, hash: sha256(secret) };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
