/**
 * `npm run bench -- metrics`: a 50-agent team with 1,000,000 events over a year in a fresh
 * PostgreSQL database (dropped after). Events are generated, turned into facts by the core
 * (as the hub's catch-up does) and bulk inserted; then the console's dashboard (summary + usage
 * of a 90-day period, in parallel, as the console loads it) is timed through the real HTTP API.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { commitmentFacts, conversationFacts } from '../../src/core/metrics/index.ts';
import { openPostgres } from '../db/postgres.ts';
import { startHub } from '../start.ts';
import { createTeamWithAdmin } from '../teams.ts';
import { insertContactFacts, insertSignals, rollUpEntities } from './facts.ts';
import { signalOf, signalRow } from './signals.ts';
import { insertRows } from './insert-rows.ts';
import { random, syntheticEvents } from './synthetic.ts';

export interface MetricsBenchOptions {
  events: number;
  agents: number;
  customers: number;
  samples: number;
  adminUrl?: string;
}

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_END = Date.UTC(2026, 0, 1);

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(0.95 * values.length) - 1]!;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(0.5 * values.length) - 1]!;
const round = (n: number) => Math.round(n * 10) / 10;

export async function runMetricsBench(o: MetricsBenchOptions) {
  const adminUrl = o.adminUrl ?? process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `continuum_bench_metrics_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const db = await openPostgres(adminUrl.replace(/\/[^/]*$/, `/${name}`));
  const hub = await startHub({ db, port: 0, pingMs: 60_000 });
  try {
    const created = await createTeamWithAdmin(db, { team: 'Bench team', name: 'Bench lead' });
    const teamId = created.team.id;
    await db.query(`INSERT INTO members (team_id, id, name, role) SELECT $1, 'agent-' || g, 'Agent ' || g, 'agent' FROM generate_series(1, $2) g`, [teamId, o.agents - 1]);

    const seedStart = performance.now();
    const seeded = await seed(db, teamId, o);
    await db.transaction((tx) => rollUpEntities(tx, teamId, null));
    await db.query('VACUUM ANALYZE metric_contacts');
    await db.query('VACUUM ANALYZE metric_inbound');
    await db.query('VACUUM ANALYZE metric_signals');
    await db.query('VACUUM ANALYZE metric_entities');
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const get = async (path: string) => {
      const started = performance.now();
      const res = await fetch(`${hub.url}${path}`, { headers: { authorization: `Bearer ${created.token}` } });
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      await res.json();
      return performance.now() - started;
    };
    const rnd = random(11);
    const loads: number[] = [];
    const summaries: number[] = [];
    const usages: number[] = [];
    for (let i = 0; i < o.samples + 3; i++) {
      // A 90-day period ending on a random day of the year's second half.
      const to = YEAR_START + (180 + Math.floor(rnd() * 180)) * DAY;
      const period = `from=${to - 90 * DAY}&to=${to}`;
      const groupBy = ['channel', 'tool', 'agent', 'none'][i % 4];
      const started = performance.now();
      const [s, u] = await Promise.all([get(`/v1/metrics/summary?${period}&groupBy=${groupBy}&measure=${i % 2 ? 'frt' : 'asa'}`), get(`/v1/metrics/usage?${period}`)]);
      if (i < 3) continue; // warm-up
      loads.push(performance.now() - started);
      summaries.push(s);
      usages.push(u);
    }
    return {
      database: 'postgresql',
      agents: o.agents,
      customers: o.customers,
      events: seeded.events,
      contact_facts: seeded.contacts,
      signals: seeded.signals,
      seed_s: round(seedSeconds),
      period_days: 90,
      samples: loads.length,
      dashboard_p95_ms: round(p95(loads)),
      dashboard_median_ms: round(median(loads)),
      summary_p95_ms: round(p95(summaries)),
      usage_p95_ms: round(p95(usages)),
      target_dashboard_p95_ms: 500,
    };
  } finally {
    await hub.close();
    await db.close();
    // BENCH_KEEP=1 keeps the database to study query plans (drop it by hand after).
    if (process.env.BENCH_KEEP === '1') console.error(`kept database ${name}`);
    else await admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Generates the events customer chunk by chunk and stores the facts the hub would derive from them. */
async function seed(db: Awaited<ReturnType<typeof openPostgres>>, teamId: string, o: MetricsBenchOptions) {
  const chunks = 20;
  let events = 0;
  let contacts = 0;
  let signals = 0;
  // The database writes one chunk while the next is generated: both cores busy.
  let writing: Promise<void> = Promise.resolve();
  for (let chunk = 0; chunk < chunks; chunk++) {
    const generated = syntheticEvents({ seed: 1000 + chunk, customers: o.customers / chunks, agents: o.agents, events: o.events / chunks, from: YEAR_START, to: YEAR_END, prefix: `b${chunk}` });
    events += generated.length;
    const facts = conversationFacts(generated);
    contacts += facts.length;
    const commitments = commitmentFacts(generated);
    const rows = suggestionSignals(facts, chunk);
    signals += rows.length;
    await writing;
    writing = db.transaction(async (tx) => {
      await insertContactFacts(tx, teamId, facts);
      await insertRows(tx, 'metric_commitments', teamId, ['customer_id', 'key', 'due_at', 'fact'], ['text', 'text', 'bigint', 'jsonb'], commitments.map((f) => [f.commitment?.customerId ?? '', f.key, f.commitment?.dueAt ?? null, f]));
      await insertSignals(tx, teamId, rows);
    });
  }
  await writing;
  return { events, contacts, signals };
}

/** About one suggestion shown per answered contact in five, inserted in half of them. */
function suggestionSignals(facts: ReturnType<typeof conversationFacts>, chunk: number): unknown[][] {
  const rnd = random(500 + chunk);
  const rows: unknown[][] = [];
  for (const fact of facts) {
    if (fact.answeredAt === null || rnd() > 0.2) continue;
    const suggestionId = uuidv7();
    const base = { suggestionId, source: rnd() < 0.5 ? 'template' : 'llm', templateIds: [], promotionIds: [], channel: fact.channel, tool: fact.tool };
    const at = fact.answeredAt - 30_000;
    const agent = fact.answeredBy ?? '(unknown)';
    for (const record of [{ id: uuidv7(), kind: 'shown', at, ...base }, ...(rnd() < 0.5 ? [{ id: uuidv7(), kind: 'inserted', at: at + 5_000, ...base }] : [])]) {
      rows.push(signalRow(record.id, signalOf(record, agent)!));
    }
  }
  return rows;
}

async function admin(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
