// The demo hub `npm start` runs (with `node --import tsx`, as the hub is TypeScript): the team
// hub on PGlite in HUB_DATA (./data) with the "Maison Lumière" demo team, and, with HUB_DEMO=1,
// the invite route the development builds pair through (server/demo.ts), guarded by the demo
// secret scripts/start.mjs generates for the run (HUB_DEMO_SECRET).
import { lockDataDir } from '../server/db/data-lock.ts';
import { openDatabase } from '../server/db/open.ts';
import { DEMO_INVITE_PATH, DEMO_TEAM, demoRoutes, seedDemo } from '../server/demo.ts';
import { loadSecretKey } from '../server/llm/secret.ts';
import { startHub } from '../server/start.ts';

const port = Number(process.env.HUB_PORT ?? 8787);
const dataDir = process.env.HUB_DATA ?? './data';
const demo = process.env.HUB_DEMO === '1';
if (demo && !process.env.HUB_DEMO_SECRET) throw new Error('HUB_DEMO=1 needs HUB_DEMO_SECRET (npm start sets both)');

const release = lockDataDir(dataDir);
const db = await openDatabase({ dataDir });
const seed = await seedDemo(db);
const secretKey = loadSecretKey({ env: process.env, dataDir });
const running = await startHub({ db, port, host: '127.0.0.1', secretKey, routes: demo ? demoRoutes(process.env.HUB_DEMO_SECRET) : undefined });

console.log(`Team hub: ${running.url}  (PGlite, data in ${dataDir}; team "${DEMO_TEAM}" ${seed.created ? 'created' : 'found'})`);
if (seed.adminToken) console.log(`  Admin API token (Claire Fontaine; shown once, keep it): ${seed.adminToken}`);
if (demo) console.log(`  Demo invites: ${running.url}${DEMO_INVITE_PATH} (the development builds of this run pair through it once)`);

// Stops serving, closes the database and frees the data directory for the next start.
const shutdown = () =>
  running
    .close()
    .then(() => db.close())
    .finally(() => {
      release();
      process.exit(0);
    });
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => void shutdown());
