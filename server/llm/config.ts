import { z } from 'zod';
import type { Queryable } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';

export const DEFAULT_REQUESTS_PER_MINUTE = 20;
export const DEFAULT_MAX_TOKENS = 2_000;

/** The team's provider as stored; the key never leaves the hub except towards the provider. */
export interface LlmConfig {
  baseURL: string;
  model: string;
  apiKey: string | null;
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
  base_url: string;
  model: string;
  api_key: string | null;
  requests_per_minute: number;
  max_tokens: number;
  updated_at: Date;
}

export async function readConfig(db: Queryable, teamId: string): Promise<LlmConfig | null> {
  const [row] = await db.query<ConfigRow>(
    'SELECT base_url, model, api_key, requests_per_minute, max_tokens, updated_at FROM llm_config WHERE team_id = $1',
    [teamId],
  );
  if (!row) return null;
  return {
    baseURL: row.base_url,
    model: row.model,
    apiKey: row.api_key,
    requestsPerMinute: row.requests_per_minute,
    maxTokens: row.max_tokens,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function requireConfig(db: Queryable, teamId: string): Promise<LlmConfig> {
  const config = await readConfig(db, teamId);
  if (!config) throw new HubError(503, HubErrorCode.LlmNotConfigured, 'No LLM provider is configured for this team (an admin sets it with PUT /v1/llm/config)');
  return config;
}

export async function writeConfig(db: Queryable, teamId: string, memberId: string, body: ConfigBody): Promise<void> {
  // `apiKey` omitted keeps the stored one (COALESCE on a flag, since null means "remove").
  await db.query(
    `INSERT INTO llm_config (team_id, base_url, model, api_key, requests_per_minute, max_tokens, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, now())
     ON CONFLICT (team_id) DO UPDATE SET base_url = $2, model = $3,
       api_key = CASE WHEN $8 THEN llm_config.api_key ELSE $4 END,
       requests_per_minute = $5, max_tokens = $6, updated_by = $7, updated_at = now()`,
    [teamId, body.baseURL, body.model, body.apiKey ?? null, body.requestsPerMinute, body.maxTokens, memberId, body.apiKey === undefined],
  );
}

/** What any member may see: never the key, only whether one is set. */
export function publicConfig(config: LlmConfig | null) {
  if (!config) return { configured: false as const };
  const { apiKey, ...rest } = config;
  return { configured: true as const, ...rest, hasApiKey: apiKey !== null };
}
