import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { wrapPglite } from '../../../server/db/pglite.ts';
import { openPostgres } from '../../../server/db/postgres.ts';
import type { Database, DatabaseKind } from '../../../server/db/types.ts';

/** Every server suite runs against both databases the hub supports. */
export const BACKENDS: DatabaseKind[] = ['pglite', 'postgres'];

const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  kind: DatabaseKind;
  /** A second connection to the same database (PostgreSQL: a second pool, as a second instance would have). */
  open(): Promise<Database>;
  dispose(): Promise<void>;
}

/** A fresh, empty database: in-memory PGlite, or a new PostgreSQL database dropped on dispose. */
/**
 * Starting PGlite compiles and boots Postgres (seconds on a busy machine); cloning a booted empty
 * instance is several times faster. The server project runs its files in one worker without
 * isolation, so they all share this template.
 */
let template: Promise<PGlite> | undefined;

export async function createBackend(kind: DatabaseKind): Promise<Backend> {
  if (kind === 'pglite') {
    template ??= PGlite.create();
    const db = wrapPglite(await (await template).clone());
    // One PGlite instance is the whole database: every "instance" of the hub shares it.
    const shared: Database = { ...db, close: async () => {} };
    return { kind, open: async () => shared, dispose: () => db.close() };
  }
  const name = `continuum_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  const opened: Database[] = [];
  return {
    kind,
    async open() {
      const db = await openPostgres(url);
      opened.push(db);
      return db;
    },
    async dispose() {
      await Promise.all(opened.map((db) => db.close().catch(() => {})));
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
