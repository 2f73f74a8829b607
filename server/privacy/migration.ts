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

/**
 * Migration 61: the customers an erasure removed, so a browser that was offline during it cannot
 * push them back. Only the record ids (random, meaningless once the data is gone) and which
 * erasure took them: never an identifier or any other personal data.
 */
export const ERASED_CUSTOMERS_MIGRATION = {
  version: 61,
  name: 'privacy: erased customers',
  sql: `
    CREATE TABLE erased_customers (
      team_id text NOT NULL REFERENCES teams (id),
      customer_id text NOT NULL,
      erasure_id text NOT NULL,
      erased_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (team_id, customer_id)
    );
    CREATE INDEX erased_customers_erasure ON erased_customers (team_id, erasure_id);
  `,
};
