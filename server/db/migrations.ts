import { METRICS_IDENTITY_MIGRATION, METRICS_MIGRATION } from '../metrics/migration.ts';
import { LLM_MIGRATION, LLM_SEALED_KEY_MIGRATION } from '../llm/migration.ts';
import { ERASED_CUSTOMERS_MIGRATION, PRIVACY_MIGRATION } from '../privacy/migration.ts';
import type { Database } from './types.ts';

/**
 * Numbered migrations, applied in order at start and recorded in `hub_migrations`; never edited
 * once released, only added to. Every team-owned table has `team_id` leading its primary key and
 * every index, so the team id can be the distribution column on Citus (all of a team's rows on one
 * shard; foreign keys include it).
 */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'teams, members, tokens, invites, records, applied ops, audit',
    sql: `
      CREATE TABLE teams (
        id text PRIMARY KEY,
        name text NOT NULL,
        last_seq bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE members (
        team_id text NOT NULL REFERENCES teams (id),
        id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (team_id, id)
      );
      CREATE TABLE tokens (
        team_id text NOT NULL,
        hash text NOT NULL,
        id text NOT NULL,
        member_id text NOT NULL,
        device_name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (team_id, hash),
        UNIQUE (team_id, id),
        FOREIGN KEY (team_id, member_id) REFERENCES members (team_id, id)
      );
      CREATE INDEX tokens_member ON tokens (team_id, member_id);
      CREATE TABLE invites (
        team_id text NOT NULL REFERENCES teams (id),
        id text NOT NULL,
        hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
        member_id text,
        name text,
        max_uses integer NOT NULL CHECK (max_uses > 0),
        uses integer NOT NULL DEFAULT 0,
        expires_at timestamptz NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        PRIMARY KEY (team_id, id),
        UNIQUE (team_id, hash),
        FOREIGN KEY (team_id, member_id) REFERENCES members (team_id, id)
      );
      CREATE TABLE records (
        team_id text NOT NULL REFERENCES teams (id),
        table_name text NOT NULL,
        id text NOT NULL,
        data jsonb,
        deleted boolean NOT NULL DEFAULT false,
        seq bigint NOT NULL,
        updated_by text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, table_name, id)
      );
      CREATE UNIQUE INDEX records_seq ON records (team_id, seq);
      CREATE TABLE applied_ops (
        team_id text NOT NULL REFERENCES teams (id),
        op_id text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (team_id, op_id)
      );
      CREATE TABLE audit (
        team_id text NOT NULL REFERENCES teams (id),
        id text NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        member_id text,
        action text NOT NULL,
        target text,
        detail jsonb,
        PRIMARY KEY (team_id, id)
      );
      CREATE INDEX audit_at ON audit (team_id, at DESC);
      CREATE TABLE live_tickets (
        team_id text NOT NULL REFERENCES teams (id),
        hash text NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (team_id, hash)
      );
    `,
  },
  {
    version: 2,
    name: 'team API keys and the identifier index for ingest',
    sql: `
      CREATE TABLE api_keys (
        team_id text NOT NULL REFERENCES teams (id),
        hash text NOT NULL,
        id text NOT NULL,
        name text NOT NULL,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        PRIMARY KEY (team_id, hash),
        UNIQUE (team_id, id)
      );
      CREATE TABLE identifier_owners (
        team_id text NOT NULL REFERENCES teams (id),
        key text NOT NULL,
        customer_id text NOT NULL,
        PRIMARY KEY (team_id, key)
      );
      CREATE INDEX identifier_owners_customer ON identifier_owners (team_id, customer_id);
    `,
  },
  // Metrics (server/metrics/): a number of its own, far from the hub's sequence.
  METRICS_MIGRATION,
  METRICS_IDENTITY_MIGRATION,
  // LLM proxy (server/llm/): 70, apart from the hub's and metrics' numbers.
  LLM_MIGRATION,
  LLM_SEALED_KEY_MIGRATION,
  // Personal data (server/privacy/): 60 and up.
  PRIVACY_MIGRATION,
  ERASED_CUSTOMERS_MIGRATION,
];

/** Any constant shared by every hub instance: serialises concurrent starts on one database. */
const MIGRATION_LOCK = 727_011;

export async function migrate(db: Database): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS hub_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await tx.query<{ version: number }>('SELECT version FROM hub_migrations')).map((r) => r.version));
    const applied: number[] = [];
    // By number, whatever the order of the list (features own separate number ranges).
    for (const migration of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      // Statements one by one: the extended protocol takes a single statement per query.
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO hub_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

function splitStatements(sql: string): string[] {
  return sql.split(/;\s*\n/).map((s) => s.trim().replace(/;$/, '')).filter(Boolean);
}
