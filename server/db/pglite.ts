import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import type { Database, Queryable } from './types.ts';

/** The embedded database: real Postgres in WASM, stored in `dataDir` (in memory when omitted). */
export async function openPglite(dataDir?: string): Promise<Database> {
  return wrapPglite(await PGlite.create(dataDir ? { dataDir } : {}));
}

/** The hub's interface over an open PGlite (tests hand in clones of one template instance). */
export function wrapPglite(pg: PGliteInterface): Database {
  const wrap = (q: Pick<PGliteInterface, 'query'>): Queryable => ({
    async query<T>(sql: string, params?: unknown[]) {
      return (await q.query<T>(sql, params as unknown[] | undefined)).rows;
    },
  });
  const base = wrap(pg);
  return {
    kind: 'pglite',
    query: base.query,
    // PGlite serialises transactions itself: a single session, so the team row lock is never contended.
    transaction: (fn) => pg.transaction((tx) => fn(wrap(tx))),
    // In-process: NOTIFY inside PGlite reaches listeners of the same PGlite instance after commit.
    async listen(channel, onPayload) {
      const unlisten = await pg.listen(channel, onPayload);
      return () => unlisten();
    },
    close: () => pg.close(),
  };
}
