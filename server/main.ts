/**
 * `npm run hub` starts the team hub; `npm run hub -- create-admin --team "…" --name "…"` creates a
 * team and its first admin. Settings by environment: PORT (8787), HOST (127.0.0.1), HUB_DATA
 * (./data, for the embedded PGlite), DATABASE_URL (postgres://…, to use a PostgreSQL server),
 * HUB_SECRET_KEY or HUB_SECRET_FILE (the secret that encrypts the team's LLM key: server/llm/secret.ts).
 */
import { parseArgs } from 'node:util';
import { lockDataDir } from './db/data-lock.ts';
import type { Database } from './db/types.ts';
import { openDatabase } from './db/open.ts';
import { migrate } from './db/migrations.ts';
import { loadSecretKey } from './llm/secret.ts';
import { startHub } from './start.ts';
import { createTeamWithAdmin } from './teams.ts';
import { purgeAll } from './privacy/retention.ts';

const env = {
  port: Number(process.env.PORT ?? 8787),
  host: process.env.HOST ?? '127.0.0.1',
  dataDir: process.env.HUB_DATA ?? './data',
  databaseUrl: process.env.DATABASE_URL || undefined,
};

/** Opens the configured database; PGlite's directory is locked to this process until `release`. */
async function open(): Promise<{ db: Database; release: () => void }> {
  const release = env.databaseUrl ? () => {} : lockDataDir(env.dataDir);
  try {
    return { db: await openDatabase(env), release };
  } catch (error) {
    release();
    throw error;
  }
}

async function createAdmin(args: string[]) {
  const { values } = parseArgs({ args, options: { team: { type: 'string' }, name: { type: 'string' } } });
  const team = values.team?.trim();
  const name = values.name?.trim();
  if (!team || !name) {
    console.error('Usage: npm run hub -- create-admin --team "Team name" --name "Admin name"');
    process.exit(2);
  }
  const { db, release } = await open();
  try {
    await migrate(db);
    const created = await createTeamWithAdmin(db, { team, name });
    console.log(`Team "${created.team.name}" (${created.team.id}) with admin "${created.member.name}".`);
    console.log(`Admin token (for the API; keep it secret):\n  ${created.token}`);
    console.log(`Invite code to pair the admin's browser (one use, expires ${created.invite.expiresAt}):\n  ${created.invite.code}`);
  } finally {
    await db.close();
    release();
  }
}

/** `npm run hub -- purge`: the retention purge of every team, now (a running hub also does it every 6 h). */
async function purge() {
  const { db, release } = await open();
  try {
    await migrate(db);
    const results = await purgeAll(db, 'continuum_hub');
    for (const r of results) console.log(`Team ${r.teamId}: ${r.events} events older than ${r.cutoff} (${r.months} months) purged.`);
    if (!results.length) console.log('No team has a retention period (PUT /v1/team/retention).');
  } finally {
    await db.close();
    release();
  }
}

async function serve() {
  const { db, release } = await open();
  const secretKey = loadSecretKey({ env: process.env, dataDir: env.dataDir });
  const running = await startHub({ db, port: env.port, host: env.host, secretKey });
  console.log(`Continuum hub on ${running.url} (database: ${db.kind}${db.kind === 'pglite' ? `, data in ${env.dataDir}` : ''})`);
  const [teams] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM teams');
  if (!teams?.n) console.log('No team yet: create one with  npm run hub -- create-admin --team "Team name" --name "Your name"');
  const shutdown = async () => {
    await running.close();
    await db.close();
    release();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'create-admin') await createAdmin(rest);
  else if (command === 'purge') await purge();
  else if (command === undefined || command === 'serve') await serve();
  else {
    console.error(`Unknown command "${command}". Commands: serve (default), create-admin, purge`);
    process.exit(2);
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
