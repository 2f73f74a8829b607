/**
 * The LLM proxy's tables (migration 70, a number of its own like metrics' 90): the team's
 * provider, one rate-limit bucket per member, and the usage log. Every table leads with `team_id`.
 */
export const LLM_MIGRATION = {
  version: 70,
  name: 'llm proxy: team provider config, member rate buckets, usage log',
  sql: `
    CREATE TABLE llm_config (
      team_id text PRIMARY KEY REFERENCES teams (id),
      base_url text NOT NULL,
      model text NOT NULL,
      api_key text,
      requests_per_minute integer NOT NULL,
      max_tokens integer NOT NULL,
      updated_by text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE llm_buckets (
      team_id text NOT NULL REFERENCES teams (id),
      member_id text NOT NULL,
      tokens double precision NOT NULL,
      at timestamptz NOT NULL,
      PRIMARY KEY (team_id, member_id)
    );
    CREATE TABLE llm_usage (
      team_id text NOT NULL REFERENCES teams (id),
      id text NOT NULL,
      at timestamptz NOT NULL DEFAULT now(),
      member_id text NOT NULL,
      model text,
      stream boolean NOT NULL,
      status integer NOT NULL,
      code text,
      prompt_tokens integer,
      completion_tokens integer,
      masked integer NOT NULL DEFAULT 0,
      duration_ms integer NOT NULL,
      PRIMARY KEY (team_id, id)
    );
    CREATE INDEX llm_usage_at ON llm_usage (team_id, at);
  `,
};

/**
 * Migration 75: the provider key encrypted at rest (server/llm/secret.ts). `api_key` is the clear
 * column of earlier hubs: the hub seals what it holds at start (sealClearKeys) and leaves it NULL.
 */
export const LLM_SEALED_KEY_MIGRATION = {
  version: 75,
  name: 'llm proxy: provider key encrypted at rest',
  sql: `ALTER TABLE llm_config ADD COLUMN api_key_sealed text`,
};
