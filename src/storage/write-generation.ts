/**
 * A counter per table, raised each time a write to it is issued. Results derived from a table
 * (the sidebar view) can be reused while the counters they read are unchanged, instead of
 * being read again on every request.
 *
 * Raised when the write is issued, not when it commits: IndexedDB runs a read transaction
 * created after a write transaction on the same store only once that write is done, so a result
 * computed after the raise already sees the write. Only writes made in this context are
 * counted: another extension page writing the database directly is not seen, so a reused result
 * must also have an age limit.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

const counters = new WeakMap<object, Map<string, number>>();

function tableCounters(db: object): Map<string, number> {
  let map = counters.get(db);
  if (!map) counters.set(db, (map = new Map()));
  return map;
}

const changesRows = (req: DBCoreMutateRequest): boolean => req.type === 'deleteRange' || (('values' in req ? req.values : req.keys)?.length ?? 0) > 0;

/** The middleware for one database object (`owner`: the Dexie instance the counters belong to). */
export function writeGenerationMiddleware(owner: object): Middleware<DBCore> {
  const map = tableCounters(owner);
  return {
    stack: 'dbcore',
    name: 'continuum-write-generation',
    create(down) {
      return {
        ...down,
        table(name) {
          const table = down.table(name);
          return {
            ...table,
            mutate(req) {
              if (changesRows(req)) map.set(name, (map.get(name) ?? 0) + 1);
              return table.mutate(req);
            },
          };
        },
      };
    },
  };
}

/** One value that changes whenever any of `tables` is written in `db`. */
export function writeGeneration(db: object, tables: readonly string[]): string {
  const map = tableCounters(db);
  return tables.map((name) => map.get(name) ?? 0).join('.');
}

/**
 * Keeps the last result of `compute` per key while the tables it reads are unwritten and it is
 * younger than `maxAgeMs` (results that depend on the clock). Concurrent callers share one
 * computation; a failed one is not kept.
 */
export function reuseWhileUnwritten<K, T>(tables: readonly string[], maxAgeMs: number) {
  const kept = new Map<K, { db: object; stamp: string; at: number; value: Promise<T> }>();
  return {
    get(db: object, key: K, now: number, compute: () => Promise<T>, extra = ''): Promise<T> {
      const stamp = `${writeGeneration(db, tables)}|${extra}`;
      const hit = kept.get(key);
      if (hit && hit.db === db && hit.stamp === stamp && Math.abs(now - hit.at) < maxAgeMs) return hit.value;
      const value = compute();
      const entry = { db, stamp, at: now, value };
      kept.set(key, entry);
      value.catch(() => {
        if (kept.get(key) === entry) kept.delete(key);
      });
      return value;
    },
    forget(key: K): void {
      kept.delete(key);
    },
  };
}
