// `npm run bench -- hub`: the team hub against PostgreSQL at 127.0.0.1:5432 (BENCH_POSTGRES_URL to
// change it), in a fresh database dropped afterwards. Two hub instances run as separate processes
// (`npm run hub` with DATABASE_URL), as behind a load balancer.
// - ingest_events_per_s: BENCH_INGEST_CLIENTS clients post batches of BENCH_INGEST_BATCH events
//   (1000, the API maximum) over HTTP to both instances for BENCH_INGEST_SECONDS (20); applied events per second.
// - fanout_p99_ms: BENCH_CLIENTS live SSE connections (raw http, half on each instance); a lead
//   publishes a promotion on instance 1 BENCH_PUBLISHES times; p99 of publish → delivery over all deliveries.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';

const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const setting = (name, fallback) => Number(process.env[name] ?? fallback);

export async function hubBench() {
  const options = {
    ingestClients: setting('BENCH_INGEST_CLIENTS', 8),
    ingestBatch: setting('BENCH_INGEST_BATCH', 1000),
    ingestSeconds: setting('BENCH_INGEST_SECONDS', 20),
    clients: setting('BENCH_CLIENTS', 1000),
    publishes: setting('BENCH_PUBLISHES', 20),
  };
  const name = `continuum_bench_${randomBytes(5).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const hubs = [];
  try {
    hubs.push(await startInstance(url));
    hubs.push(await startInstance(url));
    const { token, apiKey } = await createTeam(url, hubs[0].url);
    const ingest = await ingestPhase(hubs.map((h) => h.url), apiKey, options);
    const fanout = await fanoutPhase(hubs.map((h) => h.url), token, await teamHead(url), options);
    return { database: 'postgres', instances: hubs.length, ...ingest, ...fanout };
  } finally {
    await Promise.all(hubs.map((h) => h.stop()));
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** One query on its own connection (database creation, the team head). */
async function queryOnce(url, sql) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
const adminQuery = (sql) => queryOnce(ADMIN_URL, sql);

/** One hub process on a free port; resolves once it prints its URL. */
function startInstance(databaseUrl) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`hub instance exited with ${code}: ${out}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /Continuum hub on (http:\/\/\S+)/.exec(out);
      if (match) {
        child.removeAllListeners('exit');
        const stop = () => new Promise((done) => (child.exitCode !== null ? done() : (child.once('exit', done), child.kill('SIGTERM'))));
        resolve({ url: match[1], stop });
      }
    });
  });
}

/** A team with its admin (CLI path, in this process) and an ingest API key. */
async function createTeam(databaseUrl, hubUrl) {
  const { openPostgres } = await tsImport('../server/db/postgres.ts', import.meta.url);
  const { createTeamWithAdmin } = await tsImport('../server/teams.ts', import.meta.url);
  const db = await openPostgres(databaseUrl, 2);
  try {
    const created = await createTeamWithAdmin(db, { team: 'Bench team', name: 'Bench admin' });
    const key = await request(hubUrl, 'POST', '/v1/api-keys', { name: 'bench' }, { authorization: `Bearer ${created.token}` });
    return { token: created.token, apiKey: key.body.key };
  } finally {
    await db.close();
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(base, method, path, body, headers = {}) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, base), { method, agent, headers: { ...headers, ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        try {
          resolve({ status: res.statusCode, body: JSON.parse(text) });
        } catch {
          resolve({ status: res.statusCode, body: text });
        }
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** Each client posts batches back to back (new customers by e-mail, orders and calls), alternating instances. */
async function ingestPhase(urls, apiKey, { ingestClients, ingestBatch, ingestSeconds }) {
  let applied = 0;
  let rejected = 0;
  let batches = 0;
  const latencies = [];
  const started = performance.now();
  const until = started + ingestSeconds * 1000;
  await Promise.all(
    Array.from({ length: ingestClients }, async (_, client) => {
      for (let n = 0; performance.now() < until; n++) {
        const events = Array.from({ length: ingestBatch }, (_, i) => ({
          id: `c${client}-b${n}-${i}`,
          type: i % 2 ? 'order' : 'call',
          at: Date.now() - i * 1000,
          customer: { email: `customer${(client * 7919 + n * 31 + i) % 20_000}@bench.example` },
          source: `bench-${client}`,
          summary: 'Commande passée depuis la boutique',
        }));
        const t0 = performance.now();
        const res = await request(urls[(client + n) % urls.length], 'POST', '/v1/ingest/events', { events }, { 'x-api-key': apiKey });
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`ingest failed: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        applied += res.body.applied;
        rejected += res.body.rejected + res.body.duplicates;
        batches++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    ingest_events_per_s: Math.round(applied / seconds),
    ingest_events: applied,
    ingest_not_applied: rejected,
    ingest_seconds: Number(seconds.toFixed(1)),
    ingest_clients: ingestClients,
    ingest_batch: ingestBatch,
    ingest_batch_p50_ms: round(percentile(latencies, 0.5)),
    ingest_batch_p99_ms: round(percentile(latencies, 0.99)),
    ingest_batches: batches,
  };
}

/** A live connection read with raw http; records when each promotion arrives. */
function openLive(base, token, cursor, onChange) {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(`/v1/live?cursor=${cursor}`, base), { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`live: ${res.statusCode}`));
      res.setEncoding('utf8');
      let buffer = '';
      let ready = false;
      res.on('data', (chunk) => {
        const at = performance.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!ready) {
            ready = true;
            resolve(() => req.destroy());
          }
          if (!block.includes('event: change')) continue;
          const data = block.split('\n').find((l) => l.startsWith('data:'));
          if (data) onChange(JSON.parse(data.slice(5)), at);
        }
      });
      res.on('error', () => {});
    });
    req.on('error', reject);
  });
}

async function fanoutPhase(urls, token, cursor, { clients, publishes }) {
  const sentAt = new Map();
  const delays = [];
  const received = new Map();
  const onChange = (change, at) => {
    if (change.table !== 'promotions' || !sentAt.has(change.id)) return;
    delays.push(at - sentAt.get(change.id));
    received.set(change.id, (received.get(change.id) ?? 0) + 1);
  };
  const closers = [];
  for (let i = 0; i < clients; i += 50) {
    const opening = [];
    for (let j = i; j < Math.min(i + 50, clients); j++) opening.push(openLive(urls[j % urls.length], token, cursor, onChange));
    closers.push(...(await Promise.all(opening)));
  }
  let missed = 0;
  try {
    for (let n = 0; n < publishes; n++) {
      const id = `bench-promo-${n}`;
      const now = Date.now();
      const data = { id, title: `Offre ${n}`, pitch: 'Livraison offerte ce week-end', startsAt: now, endsAt: now + 86_400_000, updatedAt: now };
      sentAt.set(id, performance.now());
      const res = await request(urls[0], 'POST', '/v1/sync/push', { ops: [{ opId: crypto.randomUUID(), table: 'promotions', id, data }] }, { authorization: `Bearer ${token}` });
      if (res.body.results?.[0]?.status !== 'applied') throw new Error(`publish failed: ${JSON.stringify(res.body).slice(0, 300)}`);
      const deadline = performance.now() + 10_000;
      while ((received.get(id) ?? 0) < clients && performance.now() < deadline) await sleep(10);
      missed += clients - (received.get(id) ?? 0);
      await sleep(200);
    }
  } finally {
    for (const close of closers) close();
  }
  return {
    fanout_p99_ms: round(percentile(delays, 0.99)),
    fanout_p50_ms: round(percentile(delays, 0.5)),
    fanout_max_ms: round(Math.max(...delays)),
    clients,
    clients_per_instance: urls.map((_, k) => Math.ceil((clients - k) / urls.length)),
    publishes,
    deliveries: delays.length,
    missed_deliveries: missed,
  };
}

/** The team's sequence after the ingest: live clients start there (an agent that has pulled everything). */
async function teamHead(databaseUrl) {
  return Number((await queryOnce(databaseUrl, 'SELECT max(last_seq) AS seq FROM teams'))[0].seq);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const round = (x) => Math.round(x * 10) / 10;
function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}
