/**
 * The metrics figures, read from the facts tables. Wait figures are one indexed SQL aggregate:
 * PostgreSQL's `percentile_disc` is the core's nearest-rank percentile, so the hub and
 * `aggregate()` give the same numbers. Usage figures read the (small) signal and commitment rows
 * of the period and reuse the core's functions.
 */
import {
  ALL,
  UNANSWERED,
  UNKNOWN_AGENT,
  alertCounts,
  byKey,
  compareStrings,
  commitmentOutcomes,
  compare,
  promotionReach,
  share,
  templateUse,
  type AlertSignal,
  type CommitmentFact,
  type GroupBy,
  type Measure,
  type Period,
  type PromotionMentionSignal,
  type PromotionSeenSignal,
  type SuggestionSignal,
  type TemplateUseSignal,
  type WaitFigures,
} from '../../src/core/metrics/index.ts';
import type { Database, Queryable } from '../db/types.ts';
import { decodeNul, encodeNul, restoreNul } from './nul-escape.ts';
import { authorNames } from './agents.ts';
import type { SignalName } from './signals.ts';

const GROUP_SQL: Record<GroupBy, string> = {
  channel: 'channel',
  tool: 'tool',
  agent: `CASE WHEN answered_at IS NULL THEN '${UNANSWERED}' ELSE coalesce(answered_by, '${UNKNOWN_AGENT}') END`,
  none: `'${ALL}'`,
};
/** Per agent when some author names count as a member (`names`, joined in `summary`). */
const NAMED_AGENT_SQL = `CASE WHEN answered_at IS NULL THEN '${UNANSWERED}' ELSE coalesce(names.agent, answered_by, '${UNKNOWN_AGENT}') END`;

interface WaitRow {
  key: string;
  contacts: number;
  count: number;
  mean: number | null;
  median: number | null;
  p90: number | null;
}

/** Wait figures per group for contacts opened in `[from, to)`, sorted by key like `aggregate`. */
export async function summary(db: Database, teamId: string, q: Period & { groupBy: GroupBy; measure: Measure }): Promise<WaitFigures[]> {
  // Only when some author name counts as a member under another name: the join costs a little.
  const names = q.groupBy === 'agent' ? await authorNames(db, teamId).then((n) => (n.size ? n : null)) : null;
  const rows = await roomy(db, (tx) => tx.query<WaitRow>(
    `SELECT (${names ? NAMED_AGENT_SQL : GROUP_SQL[q.groupBy]}) COLLATE "C" AS key, count(*)::int AS contacts, count(wait_ms)::int AS count, avg(wait_ms)::float8 AS mean,
            (percentile_disc(0.5) WITHIN GROUP (ORDER BY wait_ms))::float8 AS median,
            (percentile_disc(0.9) WITHIN GROUP (ORDER BY wait_ms))::float8 AS p90
       FROM metric_contacts ${names ? 'LEFT JOIN unnest($4::text[], $5::text[]) AS names (author, agent) ON names.author = answered_by' : ''}
      WHERE team_id = $1 AND opened_at >= $2 AND opened_at < $3 AND kind = 'contact' ${q.measure === 'frt' ? 'AND opens_conversation' : ''}
      GROUP BY 1`,
    names ? [teamId, q.from, q.to, [...names.keys()].map(encodeNul), [...names.values()]] : [teamId, q.from, q.to],
  ));
  return rows
    .map((r) => ({ key: decodeNul(r.key), contacts: r.contacts, answeredShare: share(r.count, r.contacts), count: r.count, mean: r.mean, median: r.median, p90: r.p90 }))
    .sort(byKey);
}

export async function comparePeriods(db: Database, teamId: string, q: { a: Period; b: Period; groupBy: GroupBy; measure: Measure }) {
  const [before, after] = await Promise.all([summary(db, teamId, { ...q.a, groupBy: q.groupBy, measure: q.measure }), summary(db, teamId, { ...q.b, groupBy: q.groupBy, measure: q.measure })]);
  return { before, after, changes: compare(before, after) };
}

/** Customers who wrote in the period, and those who wrote on two channels within the window (see rows.ts). */
export async function repeatContactFigures(db: Database, teamId: string, period: Period) {
  const params = [teamId, period.from, period.to];
  // Two scans in parallel: every writing customer (narrow index), and the few repeat messages (partial index).
  const [[totals], [row]] = await Promise.all([
    roomy(db, (tx) => tx.query<{ customers: number }>('SELECT count(*)::int AS customers FROM (SELECT customer_id FROM metric_inbound WHERE team_id = $1 AND at >= $2 AND at < $3 GROUP BY 1) c', params)),
    db.query<{ repeat: number; pairs: Record<string, number>; ids: string[] }>(
      `WITH m AS (SELECT customer_id COLLATE "C" AS customer_id, repeat_pairs FROM metric_inbound
                   WHERE team_id = $1 AND at >= $2 AND at < $3 AND cardinality(repeat_pairs) > 0)
       SELECT (SELECT count(DISTINCT customer_id) FROM m)::int AS repeat,
              (SELECT coalesce(json_object_agg(pair, n), '{}') FROM (
                 SELECT pair, count(DISTINCT customer_id)::int AS n FROM m, unnest(repeat_pairs) AS pair GROUP BY pair) p) AS pairs,
              (SELECT coalesce(array_agg(customer_id ORDER BY customer_id), '{}') FROM (
                 SELECT DISTINCT customer_id FROM m ORDER BY customer_id LIMIT $4) r) AS ids`,
      [...params, MAX_IDS],
    ),
  ]);
  const customers = totals?.customers ?? 0;
  const { repeat = 0, pairs = {}, ids = [] } = row ?? {};
  const byChannels: Record<string, number> = {};
  for (const pair of Object.keys(pairs).sort(compareStrings)) byChannels[decodeNul(pair)] = pairs[pair]!;
  return { customers, repeatCustomers: repeat, share: share(repeat, customers), byChannels, customerIds: ids.map(decodeNul) };
}

/** Sorting and hashing a quarter of contacts fits in memory instead of spilling to disk. */
function roomy<T>(db: Database, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query("SET LOCAL work_mem = '64MB'");
    return fn(tx);
  });
}

/** Repeat customers' ids are listed up to this many (the count is always exact). */
export const MAX_IDS = 1000;

/** The signals recorded in the period (kinds counted record by record). */
async function signals<T>(db: Queryable, teamId: string, signal: SignalName, period: Period): Promise<T[]> {
  const rows = await db.query<{ data: T }>('SELECT data FROM metric_signals WHERE team_id = $1 AND signal = $2 AND at >= $3 AND at < $4', [teamId, signal, period.from, period.to]);
  return rows.map((r) => restoreNul(r.data));
}

/**
 * Suggestions and brand issues first recorded in the period, per source or code, from their
 * roll-up (facts.ts `rollUpEntities`): the core's `suggestionUse` and `brandIssues` rules.
 */
async function entityFigures(db: Queryable, teamId: string, signal: SignalName, period: Period) {
  return db.query<{ detail: string | null; n: number; inserted: number; edited: number; dismissed: number; fixed: number }>(
    `SELECT detail, count(*)::int AS n, count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE edited)::int AS edited,
            count(*) FILTER (WHERE dismissed)::int AS dismissed, count(*) FILTER (WHERE fixed)::int AS fixed
       FROM metric_entities WHERE team_id = $1 AND signal = $2 AND first_at >= $3 AND first_at < $4 GROUP BY detail`,
    [teamId, signal, period.from, period.to],
  );
}

function suggestionRow(key: string, rows: Array<{ n: number; inserted: number; edited: number; dismissed: number }>) {
  const sum = (f: 'n' | 'inserted' | 'edited' | 'dismissed') => rows.reduce((t, r) => t + r[f], 0);
  const [shown, inserted, edited, dismissed] = [sum('n'), sum('inserted'), sum('edited'), sum('dismissed')];
  return { key, shown, inserted, edited, dismissed, insertRate: share(inserted, shown), editRate: share(edited, inserted), dismissRate: share(dismissed, shown) };
}

export async function usage(db: Database, teamId: string, period: Period, now = Date.now()) {
  const [suggestions, templated, templateUses, seen, mentions, issues, alerts, commitments, repeat] = await Promise.all([
    entityFigures(db, teamId, 'suggestion', period),
    templatedSuggestions(db, teamId, period),
    signals<TemplateUseSignal>(db, teamId, 'template-use', period),
    signals<PromotionSeenSignal>(db, teamId, 'promotion-seen', period),
    signals<PromotionMentionSignal>(db, teamId, 'promotion-mention', period),
    entityFigures(db, teamId, 'brand-issue', period),
    signals<AlertSignal>(db, teamId, 'alert', period),
    db.query<{ fact: CommitmentFact }>('SELECT fact FROM metric_commitments WHERE team_id = $1 AND due_at >= $2 AND due_at < $3', [teamId, period.from, period.to]),
    repeatContactFigures(db, teamId, period),
  ]);
  const bySource = suggestions.map((r) => ({ ...r, detail: r.detail ?? '(unknown)' })).sort((a, b) => byKey({ key: a.detail }, { key: b.detail }));
  return {
    suggestions: suggestions.length ? suggestionRow(ALL, suggestions) : null,
    suggestionsBySource: bySource.map((r) => suggestionRow(r.detail, [r])),
    templates: templateUse(templateUses, templated, period),
    promotions: promotionReach(seen, mentions, period),
    brandIssues: issues.map((r) => ({ key: r.detail ?? '(unknown)', caught: r.n, fixed: r.fixed, fixedShare: share(r.fixed, r.n) })).sort(byKey),
    alerts: alertCounts(alerts, period, 'none'),
    commitments: commitmentOutcomes(
      commitments.map((r) => restoreNul(r.fact)),
      { ...period, now },
      'none',
    )[0] ?? null,
    repeatContacts: repeat,
  };
}

/** Every record of the suggestions built from templates that have a record in the period (for template use). */
async function templatedSuggestions(db: Queryable, teamId: string, period: Period): Promise<SuggestionSignal[]> {
  const rows = await db.query<{ data: SuggestionSignal }>(
    `SELECT data FROM metric_signals WHERE team_id = $1 AND signal = 'suggestion' AND entity IN (
       SELECT entity FROM metric_signals WHERE team_id = $1 AND signal = 'suggestion' AND at >= $2 AND at < $3 AND cardinality(refs) > 0)`,
    [teamId, period.from, period.to],
  );
  return rows.map((r) => restoreNul(r.data));
}
