/**
 * Team settings for personal data (migration 60, apart from the hub's, LLM's and metrics' numbers):
 * how long the hub keeps timeline events. No row, or a NULL, means events are kept.
 */
export const PRIVACY_MIGRATION = {
  version: 60,
  name: 'privacy: team retention setting',
  sql: `
    CREATE TABLE team_settings (
      team_id text PRIMARY KEY REFERENCES teams (id),
      retention_months integer CHECK (retention_months BETWEEN 1 AND 1200),
      updated_by text,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
  `,
};
