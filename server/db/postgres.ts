import pg from 'pg';
import type { Database, Queryable } from './types.ts';

const INT8_OID = 20;
const RECONNECT_MS = 1_000;

// Sequence numbers are bigint in SQL but stay far below 2^53: read them as numbers, as PGlite does.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export async function openPostgres(connectionString: string, poolSize = 10): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: poolSize, types });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  await pool.query('SELECT 1');
  const listeners = new Set<pg.Client>();
  let closed = false;

  return {
    kind: 'postgres',
    async query<T>(sql: string, params?: unknown[]) {
      return (await pool.query(sql, params)).rows as T[];
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Queryable = {
        async query<T>(sql: string, params?: unknown[]) {
          return (await client.query(sql, params)).rows as T[];
        },
      };
      try {
        await client.query('BEGIN');
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload, onReconnect) {
      let client: pg.Client | undefined;
      let stopped = false;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString, types });
        next.on('notification', (message) => {
          if (message.channel === channel && message.payload) onPayload(message.payload);
        });
        next.on('error', () => {
          listeners.delete(next);
          next.end().catch(() => {});
          if (!stopped && !closed) setTimeout(() => void reconnect(), RECONNECT_MS);
        });
        await next.connect();
        await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
        client = next;
        listeners.add(next);
      };
      const reconnect = async () => {
        try {
          await connect();
          onReconnect?.();
        } catch {
          if (!stopped && !closed) setTimeout(() => void reconnect(), RECONNECT_MS);
        }
      };
      await connect();
      return async () => {
        stopped = true;
        if (client) {
          listeners.delete(client);
          await client.end().catch(() => {});
        }
      };
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((c) => c.end().catch(() => {})));
      await pool.end();
    },
  };
}
