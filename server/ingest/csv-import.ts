import type { Context, Hono } from 'hono';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { authenticate, bearer } from '../auth/authenticate.ts';
import { requireRole } from '../auth/roles.ts';
import type { Database } from '../db/types.ts';
import { parseWith } from '../http/body.ts';
import type { HubDeps, HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { DisplayName } from '../http/schemas.ts';
import { commitBatch } from '../sync/push.ts';
import { type ApiKeyContext, authenticateApiKey } from './api-keys.ts';
import { type CsvRecord, type CsvRowError, checkHeader, csvRecords, recordToEvent } from './csv-rows.ts';
import { MAX_INGEST_EVENTS, ingestRows, parseRows } from './events.ts';

export const MAX_CSV_BYTES = 50 * 1024 * 1024;
export const MAX_CSV_ROWS = 200_000;

const CsvQuery = z.object({
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
  defaultRegion: z.string().regex(/^[A-Z]{2}$/).default('FR'),
  /** The source of rows that leave the `source` column empty (or have none). */
  source: DisplayName.optional(),
});

/**
 * A team API key (X-Api-Key) or a lead's or admin's token. Rows imported by a member are written
 * as by `key:<member id>`, as the JSON ingest writes `key:<key id>`.
 */
async function csvAuth(c: Context<HubEnv>, db: Database): Promise<ApiKeyContext> {
  if (c.req.header('x-api-key')) return authenticateApiKey(db, c.req.header('x-api-key'));
  const auth = await authenticate(db, bearer(c.req.header('authorization')));
  requireRole(auth, 'lead');
  return { teamId: auth.teamId, keyId: auth.memberId };
}

/**
 * `POST /v1/ingest/csv`: the body is parsed as it arrives, each row checked on its own, and the
 * good rows ingested 1,000 at a time through the JSON ingest's path (idempotent by source id).
 * The answer is NDJSON, written as the import goes: one `row-error` line per bad row, one
 * `progress` line per batch, and a final `done` line (or `failed`, when the file breaks a limit
 * mid-way: the batches before it are in, and importing the file again adds only the rest).
 */
export function csvImportRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db, fanout, channel } = deps;
  app.post('/v1/ingest/csv', async (c) => {
    const key = await csvAuth(c, db);
    const query = parseWith(CsvQuery, c.req.query(), 'query');
    const type = c.req.header('content-type') ?? '';
    if (!/^(text\/csv|text\/plain|application\/octet-stream)\b/i.test(type)) throw new HubError(415, HubErrorCode.Validation, 'Send the file as text/csv (UTF-8)');
    if (Number(c.req.header('content-length') ?? 0) > MAX_CSV_BYTES) throw new HubError(413, HubErrorCode.TooLarge, `The CSV file exceeds ${MAX_CSV_BYTES} bytes`);
    if (!c.req.raw.body) throw new HubError(400, HubErrorCode.Validation, 'The CSV file is empty');
    const records = csvRecords(c.req.raw.body, { maxBytes: MAX_CSV_BYTES, maxRows: MAX_CSV_ROWS });
    // The header is checked before answering, so a wrong file is a plain 400.
    const first = await records.next();
    if (first.done) throw new HubError(400, HubErrorCode.Validation, 'The CSV file has no data rows under its header');
    const { ignored } = checkHeader(Object.keys(first.value), query.source);

    c.header('content-type', 'application/x-ndjson; charset=utf-8');
    return stream(c, async (out) => {
      const line = (value: object) => out.write(`${JSON.stringify(value)}\n`);
      const totals = { rows: 0, applied: 0, duplicates: 0, rejected: 0 };
      let batch: Array<{ row: number; event: unknown }> = [];
      const flush = async () => {
        const outcome = await importBatch(deps.db, key, batch, query.defaultRegion, channel);
        if (outcome.changed) fanout.signal(key.teamId, outcome.seq);
        totals.applied += outcome.applied;
        totals.duplicates += outcome.duplicates;
        totals.rejected += outcome.errors.length;
        for (const error of outcome.errors) await line({ type: 'row-error', ...error });
        batch = [];
        await line({ type: 'progress', ...totals });
      };
      const take = async (record: CsvRecord) => {
        const row = ++totals.rows + 1;
        const parsed = recordToEvent(record, row, query.source);
        if ('error' in parsed) {
          totals.rejected++;
          await line({ type: 'row-error', ...parsed.error });
        } else batch.push({ row, event: parsed.event });
        if (batch.length >= MAX_INGEST_EVENTS) await flush();
      };
      try {
        await take(first.value);
        for await (const record of records) await take(record);
        if (batch.length) await flush();
        await line({ type: 'done', ...totals, ignoredColumns: ignored });
      } catch (error) {
        const known = error instanceof HubError ? error : null;
        if (!known) console.error('[hub] CSV import failed', error);
        await line({ type: 'failed', ...totals, code: known?.code ?? HubErrorCode.Internal, message: known?.message ?? 'Internal error' });
      }
    });
  });
}

/** One batch through the JSON ingest's path; its rejections (unknown identifiers) become row errors. */
async function importBatch(db: Database, key: ApiKeyContext, batch: Array<{ row: number; event: unknown }>, region: string, channel: string) {
  const { rows, rejected } = parseRows(batch.map((b) => b.event), region);
  const outcome = rows.length ? await commitBatch(db, key.teamId, channel, (tx, startSeq) => ingestRows(tx, key, rows, startSeq)) : { results: [], seq: 0, changed: false };
  const errors: CsvRowError[] = [...rejected, ...outcome.results.filter((r) => r.status === 'rejected')]
    .map((r) => ({ row: batch[r.index]!.row, column: 'email|phone|key', code: r.code ?? HubErrorCode.Validation, message: r.message ?? 'rejected' }))
    .sort((a, b) => a.row - b.row);
  return {
    applied: outcome.results.filter((r) => r.status === 'applied').length,
    duplicates: outcome.results.filter((r) => r.status === 'duplicate').length,
    errors,
    seq: outcome.seq,
    changed: outcome.changed,
  };
}
