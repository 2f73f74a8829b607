/**
 * The metrics tables (migration 90, kept apart from the hub's own numbers). Facts are derived
 * from the team's `events` and `feedback` records by `catchUp`; every table leads with `team_id`.
 */
export const METRICS_MIGRATION = {
  version: 90,
  name: 'metrics: contact facts, inbound messages, commitments, signals and their entities, facts cursor',
  sql: `
    CREATE TABLE metric_cursors (
      team_id text PRIMARY KEY REFERENCES teams (id),
      seq bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE metric_contacts (
      team_id text NOT NULL REFERENCES teams (id),
      customer_id text NOT NULL,
      id text NOT NULL,
      kind text NOT NULL,
      opened_at bigint NOT NULL,
      channel text NOT NULL,
      tool text NOT NULL,
      opens_conversation boolean NOT NULL,
      answered_at bigint,
      answered_by text,
      wait_ms bigint,
      fact jsonb NOT NULL,
      PRIMARY KEY (team_id, customer_id, id)
    );
    CREATE INDEX metric_contacts_opened ON metric_contacts (team_id, opened_at)
      INCLUDE (kind, opens_conversation, channel, tool, answered_at, answered_by, wait_ms);
    CREATE TABLE metric_inbound (
      team_id text NOT NULL REFERENCES teams (id),
      customer_id text NOT NULL,
      id text NOT NULL,
      at bigint NOT NULL,
      channel text NOT NULL,
      repeat_pairs text[] NOT NULL DEFAULT '{}',
      PRIMARY KEY (team_id, customer_id, id)
    );
    CREATE INDEX metric_inbound_at ON metric_inbound (team_id, at) INCLUDE (customer_id);
    CREATE INDEX metric_inbound_repeat ON metric_inbound (team_id, at) INCLUDE (customer_id, repeat_pairs) WHERE cardinality(repeat_pairs) > 0;
    CREATE TABLE metric_commitments (
      team_id text NOT NULL REFERENCES teams (id),
      customer_id text NOT NULL,
      key text NOT NULL,
      due_at bigint,
      fact jsonb NOT NULL,
      PRIMARY KEY (team_id, customer_id, key)
    );
    CREATE INDEX metric_commitments_due ON metric_commitments (team_id, due_at);
    CREATE TABLE metric_signals (
      team_id text NOT NULL REFERENCES teams (id),
      id text NOT NULL,
      signal text NOT NULL,
      entity text NOT NULL,
      at bigint NOT NULL,
      kind text,
      detail text,
      refs text[] NOT NULL DEFAULT '{}',
      data jsonb NOT NULL,
      PRIMARY KEY (team_id, id)
    );
    CREATE INDEX metric_signals_at ON metric_signals (team_id, signal, at) INCLUDE (entity, refs);
    CREATE INDEX metric_signals_entity ON metric_signals (team_id, signal, entity) INCLUDE (at, id, kind, detail);
    CREATE TABLE metric_entities (
      team_id text NOT NULL REFERENCES teams (id),
      signal text NOT NULL,
      entity text NOT NULL,
      first_at bigint NOT NULL,
      detail text,
      inserted boolean NOT NULL,
      edited boolean NOT NULL,
      dismissed boolean NOT NULL,
      fixed boolean NOT NULL,
      PRIMARY KEY (team_id, signal, entity)
    );
    CREATE INDEX metric_entities_first ON metric_entities (team_id, signal, first_at) INCLUDE (detail, inserted, edited, dismissed, fixed);
  `,
};

/**
 * Migration 91: facts follow merges and splits (`metric_aliases`, events found by customer and
 * identifier key for recomputing), and one row per agent (`metric_authors`, `member_aliases`,
 * the first record's member of each suggestion and brand issue).
 */
export const METRICS_IDENTITY_MIGRATION = {
  version: 91,
  name: 'metrics: customer aliases from merges and splits, events by customer, agent names and aliases',
  sql: `
    CREATE TABLE metric_aliases (
      team_id text NOT NULL REFERENCES teams (id),
      kind text NOT NULL CHECK (kind IN ('customer', 'key')),
      alias text NOT NULL,
      customer_id text NOT NULL,
      PRIMARY KEY (team_id, kind, alias)
    );
    CREATE INDEX metric_aliases_customer ON metric_aliases (team_id, customer_id);
    CREATE INDEX records_event_customer ON records (team_id, (data->'subject'->>'customerId')) WHERE table_name = 'events';
    CREATE INDEX records_event_key ON records (team_id, (data->'subject'->>'identifierKey')) WHERE table_name = 'events' AND data->'subject' ? 'identifierKey';
    ALTER TABLE metric_cursors ADD COLUMN identity_stale boolean NOT NULL DEFAULT false;
    UPDATE metric_cursors c SET identity_stale = true WHERE EXISTS (SELECT 1 FROM records r WHERE r.team_id = c.team_id AND r.table_name IN ('merges', 'splits'));
    CREATE TABLE metric_authors (
      team_id text NOT NULL REFERENCES teams (id),
      author text NOT NULL,
      PRIMARY KEY (team_id, author)
    );
    INSERT INTO metric_authors (team_id, author) SELECT DISTINCT team_id, answered_by FROM metric_contacts WHERE answered_by IS NOT NULL;
    CREATE TABLE member_aliases (
      team_id text NOT NULL,
      member_id text NOT NULL,
      alias text NOT NULL,
      PRIMARY KEY (team_id, member_id, alias),
      FOREIGN KEY (team_id, member_id) REFERENCES members (team_id, id)
    );
    ALTER TABLE metric_entities ADD COLUMN agent text;
    UPDATE metric_entities e SET agent = s.agent
      FROM (SELECT team_id, signal, entity, (array_agg(data->>'agent' ORDER BY at, id COLLATE "C"))[1] AS agent
              FROM metric_signals GROUP BY team_id, signal, entity) s
     WHERE e.team_id = s.team_id AND e.signal = s.signal AND e.entity = s.entity;
  `,
};
