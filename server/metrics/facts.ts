/**
 * Keeps the metrics tables in step with the team's records. A per-team cursor (`metric_cursors`)
 * holds the last record sequence number folded in; `catchUp` reads the `events`, `feedback`,
 * `merges` and `splits` records after it, applies any change of identity (identity.ts), updates
 * the facts of the customers the events count for, and moves the cursor in the same transaction.
 * Sequence numbers are assigned in commit order under the team lock, so nothing committed can be
 * skipped, and a crash only means the next run does the batch again.
 */
import type { CommitmentFact, ContactFact } from '../../src/core/metrics/index.ts';
import { updateCommitmentFacts, updateFacts } from '../../src/core/metrics/index.ts';
import type { TimelineEvent } from '../../src/core/timeline/event.ts';
import type { Database, Queryable } from '../db/types.ts';
import { applyIdentity, ownersOf } from './identity.ts';
import { insertRows } from './insert-rows.ts';
import { restoreNul } from './nul-escape.ts';
import { contactRow, inboundRows } from './rows.ts';
import { signalOf, signalRow } from './signals.ts';

const BATCH = 2000;

interface RecordRow {
  table_name: string;
  id: string;
  data: Record<string, unknown>;
  seq: string | number;
  updated_by: string | null;
}

/** Folds every new record of the team into the facts; returns how many records were read. */
export async function catchUp(db: Database, teamId: string): Promise<number> {
  let total = 0;
  for (;;) {
    const read = await db.transaction((tx) => catchUpBatch(tx, teamId));
    total += read;
    if (read < BATCH) return total;
  }
}

async function catchUpBatch(tx: Queryable, teamId: string): Promise<number> {
  await tx.query('INSERT INTO metric_cursors (team_id) VALUES ($1) ON CONFLICT (team_id) DO NOTHING', [teamId]);
  // The row lock makes concurrent catch-ups of one team (two hub instances) take turns.
  const [cursor] = await tx.query<{ seq: string | number; identity_stale: boolean }>('SELECT seq, identity_stale FROM metric_cursors WHERE team_id = $1 FOR UPDATE', [teamId]);
  // Merges and splits count when they change in any way, deletion included (identity.ts).
  const records = await tx.query<RecordRow>(
    `SELECT table_name, id, data, seq, updated_by FROM records
      WHERE team_id = $1 AND seq > $2 AND (table_name IN ('merges', 'splits') OR (table_name IN ('events', 'feedback') AND NOT deleted))
      ORDER BY seq LIMIT $3`,
    [teamId, Number(cursor!.seq), BATCH],
  );
  if (cursor!.identity_stale || records.some((r) => r.table_name === 'merges' || r.table_name === 'splits')) await applyIdentity(tx, teamId, isTimelineEvent);
  const last = records.length ? Number(records[records.length - 1]!.seq) : Number(cursor!.seq);
  if (records.length) {
    const events = records.filter((r) => r.table_name === 'events').map((r): unknown => r.data).filter(isTimelineEvent);
    await applyEvents(tx, teamId, events);
    await applySignals(tx, teamId, records.filter((r) => r.table_name === 'feedback'));
  }
  await tx.query('UPDATE metric_cursors SET seq = $2, identity_stale = false WHERE team_id = $1', [teamId, last]);
  return records.length;
}

/**
 * Folds events into the contact, inbound and commitment rows of the customers they count for
 * (their owners under the stored identity: a merged-away customer's events go to the survivor).
 */
export async function applyEvents(tx: Queryable, teamId: string, events: TimelineEvent[]): Promise<void> {
  const messages = events.filter((e) => e.type === 'message');
  const promises = events.filter((e) => e.type === 'commitment' || e.type === 'commitment-update');
  if (!messages.length && !promises.length) return;
  const customerOf = await ownersOf(tx, teamId, [...messages, ...promises]);
  if (messages.length) {
    const customers = [...new Set(messages.map(customerOf))];
    const existing = await tx.query<{ fact: ContactFact }>('SELECT fact FROM metric_contacts WHERE team_id = $1 AND customer_id = ANY($2::text[])', [teamId, customers]);
    const facts = updateFacts(existing.map((r) => restoreNul(r.fact)), messages, { customerOf });
    await tx.query('DELETE FROM metric_contacts WHERE team_id = $1 AND customer_id = ANY($2::text[])', [teamId, customers]);
    await tx.query('DELETE FROM metric_inbound WHERE team_id = $1 AND customer_id = ANY($2::text[])', [teamId, customers]);
    await insertContactFacts(tx, teamId, facts);
  }
  if (promises.length) {
    const customers = [...new Set(promises.map(customerOf))];
    const existing = await tx.query<{ customer_id: string; fact: CommitmentFact }>(
      'SELECT customer_id, fact FROM metric_commitments WHERE team_id = $1 AND customer_id = ANY($2::text[])',
      [teamId, customers],
    );
    await tx.query('DELETE FROM metric_commitments WHERE team_id = $1 AND customer_id = ANY($2::text[])', [teamId, customers]);
    const facts = customers.map((customerId) => {
      const own = promises.filter((e) => customerOf(e) === customerId);
      return [customerId, updateCommitmentFacts(existing.filter((r) => r.customer_id === customerId).map((r) => restoreNul(r.fact)), own, { customerOf })] as const;
    });
    await insertCommitmentFacts(tx, teamId, facts);
  }
}

/** Writes commitment facts, per customer. */
export async function insertCommitmentFacts(tx: Queryable, teamId: string, facts: ReadonlyArray<readonly [string, readonly CommitmentFact[]]>): Promise<void> {
  const rows = facts.flatMap(([customerId, own]) => own.map((fact) => [customerId, fact.key, fact.commitment?.dueAt ?? null, fact]));
  await insertRows(tx, 'metric_commitments', teamId, ['customer_id', 'key', 'due_at', 'fact'], ['text', 'text', 'bigint', 'jsonb'], rows);
}

/** Writes contact facts (sorted by customer, as `updateFacts` returns them) and their inbound messages. */
export async function insertContactFacts(tx: Queryable, teamId: string, facts: readonly ContactFact[]): Promise<void> {
  await insertRows(tx, 'metric_contacts', teamId, CONTACT_COLUMNS, CONTACT_TYPES, facts.map((f) => contactRow(f)));
  await insertRows(tx, 'metric_inbound', teamId, ['customer_id', 'id', 'at', 'channel', 'repeat_pairs'], ['text', 'text', 'bigint', 'text', 'text[]'], inboundRows(facts));
  // The author names seen, so the per-agent figures can put each under its member (queries.ts).
  const authors = [...new Set(facts.map((f) => f.answeredBy).filter((a): a is string => a !== null))].map((a) => [a]);
  await insertRows(tx, 'metric_authors', teamId, ['author'], ['text'], authors, 'ON CONFLICT DO NOTHING');
}

export const CONTACT_COLUMNS = ['customer_id', 'id', 'kind', 'opened_at', 'channel', 'tool', 'opens_conversation', 'answered_at', 'answered_by', 'wait_ms', 'fact'];
const CONTACT_TYPES = ['text', 'text', 'text', 'bigint', 'text', 'text', 'boolean', 'bigint', 'text', 'bigint', 'jsonb'];

async function applySignals(tx: Queryable, teamId: string, records: RecordRow[]): Promise<void> {
  const rows: unknown[][] = [];
  const seen = new Set<string>();
  // Newest write first wins within a batch: ON CONFLICT cannot touch one row twice in a statement.
  for (const record of [...records].reverse()) {
    const signal = signalOf(record.data, record.updated_by);
    if (!signal || seen.has(record.id)) continue;
    seen.add(record.id);
    rows.push(signalRow(record.id, signal));
  }
  await insertSignals(tx, teamId, rows);
  await rollUpEntities(tx, teamId, rows.map((r) => [r[1] as string, r[2] as string]));
}

/** Entities the console counts once each (suggestions, brand issues), by their first record. */
const ENTITY_SIGNALS = ['suggestion', 'brand-issue'];

/**
 * Recomputes `metric_entities` for these (signal, entity) pairs, or for every entity of the team
 * (null): each entity's first record time, detail and member, and whether it has a record of each kind.
 */
export async function rollUpEntities(tx: Queryable, teamId: string, pairs: Array<[string, string]> | null): Promise<void> {
  const wanted = pairs?.filter(([signal]) => ENTITY_SIGNALS.includes(signal));
  if (wanted && !wanted.length) return;
  const filter = wanted ? 'AND (signal, entity) IN (SELECT s, e FROM unnest($2::text[], $3::text[]) AS p(s, e))' : 'AND signal = ANY($2::text[])';
  const params = wanted ? [teamId, wanted.map((p) => p[0]), wanted.map((p) => p[1])] : [teamId, ENTITY_SIGNALS];
  await tx.query(
    `INSERT INTO metric_entities (team_id, signal, entity, first_at, detail, agent, inserted, edited, dismissed, fixed)
     SELECT $1, signal, entity, min(at), (array_agg(detail ORDER BY at, id COLLATE "C"))[1], (array_agg(data->>'agent' ORDER BY at, id COLLATE "C"))[1],
            bool_or(kind IN ('inserted', 'edited')), bool_or(kind = 'edited'), bool_or(kind = 'dismissed'), bool_or(kind = 'fixed')
       FROM metric_signals WHERE team_id = $1 ${filter}
      GROUP BY signal, entity
     ON CONFLICT (team_id, signal, entity) DO UPDATE SET first_at = EXCLUDED.first_at, detail = EXCLUDED.detail, agent = EXCLUDED.agent,
        inserted = EXCLUDED.inserted, edited = EXCLUDED.edited, dismissed = EXCLUDED.dismissed, fixed = EXCLUDED.fixed`,
    params,
  );
}

const SIGNAL_COLUMNS = ['id', 'signal', 'entity', 'at', 'kind', 'detail', 'refs', 'data'];
const SIGNAL_TYPES = ['text', 'text', 'text', 'bigint', 'text', 'text', 'text[]', 'jsonb'];

/** Upserts signal rows (`signalRow`): a feedback record written again replaces its signal. */
export async function insertSignals(tx: Queryable, teamId: string, rows: unknown[][]): Promise<void> {
  const update = SIGNAL_COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
  await insertRows(tx, 'metric_signals', teamId, SIGNAL_COLUMNS, SIGNAL_TYPES, rows, `ON CONFLICT (team_id, id) DO UPDATE SET ${update}`);
}

const isText = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Records are whatever agents pushed: only events the core can read safely are folded in. */
export function isTimelineEvent(data: unknown): data is TimelineEvent {
  const e = data as Record<string, any> | null;
  if (!e || typeof e !== 'object' || !isText(e.id) || !isTime(e.at) || !isText(e.tool) || !isText(e.channel) || !isText(e.subject?.customerId)) return false;
  if (e.conversationKey !== undefined && typeof e.conversationKey !== 'string') return false;
  switch (e.type) {
    case 'message':
      return typeof e.text === 'string' && (e.author === undefined || typeof e.author === 'string') && (e.externalId === undefined || typeof e.externalId === 'string');
    case 'commitment':
      return typeof e.text === 'string' && isTime(e.dueAt) && ['open', 'done', 'cancelled'].includes(e.status);
    case 'commitment-update':
      return isText(e.commitmentId) && ['open', 'done', 'cancelled'].includes(e.status);
    default:
      return false;
  }
}
