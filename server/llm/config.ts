import { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { open, seal } from './secret.ts';

export const DEFAULT_REQUESTS_PER_MINUTE = 20;
export const DEFAULT_MAX_TOKENS = 2_000;

/** The team's provider as stored; the key never leaves the hub except towards the provider. */
export interface LlmConfig {
  baseURL: string;
  model: string;
  apiKey: string | null;
  /** A key is stored but this hub's secret key does not open it (the secret changed). */
  apiKeyUnreadable: boolean;
  requestsPerMinute: number;
  maxTokens: number;
  updatedAt: string;
}

const HttpUrl = z
  .url({ protocol: /^https?$/, message: 'Expected an http(s) URL' })
  .max(500)
  .transform((s) => s.replace(/\/+$/, ''));
const Text = (max: number) => z.string().trim().min(1).max(max).regex(/^[^\u0000-\u001f\u007f]*$/, 'Control characters are not allowed');

export const ConfigBody = z.strictObject({
  baseURL: HttpUrl,
  model: Text(200),
  /** Omitted: keep the stored key. `null`: remove it (for endpoints that need none). */
  apiKey: Text(500).nullable().optional(),
  requestsPerMinute: z.number().int().min(1).max(600).default(DEFAULT_REQUESTS_PER_MINUTE),
  maxTokens: z.number().int().min(1).max(100_000).default(DEFAULT_MAX_TOKENS),
});
export type ConfigBody = z.infer<typeof ConfigBody>;

interface ConfigRow {
  team_id: string;
  base_url: string;
  model: string;
  api_key_sealed: string | null;
  requests_per_minute: number;
  max_tokens: number;
  updated_at: Date;
}

/** `secretKey` opens the stored provider key (server/llm/secret.ts). */
export async function readConfig(db: Queryable, teamId: string, secretKey: Buffer): Promise<LlmConfig | null> {
  const [row] = await db.query<ConfigRow>(
    'SELECT team_id, base_url, model, api_key_sealed, requests_per_minute, max_tokens, updated_at FROM llm_config WHERE team_id = $1',
    [teamId],
  );
  if (!row) return null;
  const apiKey = row.api_key_sealed === null ? null : open(secretKey, row.api_key_sealed, row.team_id);
  return {
    baseURL: row.base_url,
    model: row.model,
    apiKey,
    apiKeyUnreadable: row.api_key_sealed !== null && apiKey === null,
    requestsPerMinute: row.requests_per_minute,
    maxTokens: row.max_tokens,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function requireConfig(db: Queryable, teamId: string, secretKey: Buffer): Promise<LlmConfig> {
  const config = await readConfig(db, teamId, secretKey);
  if (!config) throw new HubError(503, HubErrorCode.LlmNotConfigured, 'No LLM provider is configured for this team (an admin sets it with PUT /v1/llm/config)');
  if (config.apiKeyUnreadable) {
    throw new HubError(
      503,
      HubErrorCode.LlmKeyUnreadable,
      "The team's LLM provider key cannot be decrypted with this hub's secret key (HUB_SECRET_KEY or its key file changed): an admin sets the key again in the Team tab (PUT /v1/llm/config)",
    );
  }
  return config;
}

export async function writeConfig(db: Queryable, teamId: string, memberId: string, body: ConfigBody, secretKey: Buffer): Promise<void> {
  // `apiKey` omitted keeps the stored one (COALESCE on a flag, since null means "remove").
  const sealed = body.apiKey ? seal(secretKey, body.apiKey, teamId) : null;
  await db.query(
    `INSERT INTO llm_config (team_id, base_url, model, api_key_sealed, requests_per_minute, max_tokens, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (team_id) DO UPDATE SET base_url = $2, model = $3,
       api_key_sealed = CASE WHEN $8 THEN llm_config.api_key_sealed ELSE $4 END,
       requests_per_minute = $5, max_tokens = $6, updated_by = $7, updated_at = now()`,
    [teamId, body.baseURL, body.model, sealed, body.requestsPerMinute, body.maxTokens, memberId, body.apiKey === undefined],
  );
}

/**
 * At start: seals the keys earlier hubs stored in clear (`api_key`), in place; a row another
 * instance sealed meanwhile is left alone, so running it again changes nothing. Counts the
 * sealed keys this secret key cannot open, for the start-up log.
 */
export async function sealClearKeys(db: Queryable, secretKey: Buffer): Promise<{ sealed: number; unreadable: number }> {
  const clear = await db.query<{ team_id: string; api_key: string }>('SELECT team_id, api_key FROM llm_config WHERE api_key IS NOT NULL');
  let sealed = 0;
  for (const row of clear) {
    const updated = await db.query<{ team_id: string }>(
      'UPDATE llm_config SET api_key_sealed = $3, api_key = NULL WHERE team_id = $1 AND api_key = $2 RETURNING team_id',
      [row.team_id, row.api_key, seal(secretKey, row.api_key, row.team_id)],
    );
    sealed += updated.length;
  }
  const stored = await db.query<{ team_id: string; api_key_sealed: string }>('SELECT team_id, api_key_sealed FROM llm_config WHERE api_key_sealed IS NOT NULL');
  return { sealed, unreadable: stored.filter((row) => open(secretKey, row.api_key_sealed, row.team_id) === null).length };
}

/** What any member may see: never the key, only whether one is set. */
export function publicConfig(config: LlmConfig | null) {
  if (!config) return { configured: false as const };
  const { apiKey, apiKeyUnreadable, ...rest } = config;
  return { configured: true as const, ...rest, hasApiKey: apiKey !== null || apiKeyUnreadable, apiKeyUnreadable };
}
