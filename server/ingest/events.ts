import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { type Identifier, normaliseIdentifier } from '../../src/core/identity/identifier.ts';
import type { Queryable } from '../db/types.ts';
import { HubErrorCode } from '../http/errors.ts';
import { DisplayName } from '../http/schemas.ts';
import { unstorableText } from '../sync/json-safety.ts';
import { type ReadyOp, applyOps } from '../sync/push.ts';
import type { ApiKeyContext } from './api-keys.ts';

export const MAX_INGEST_EVENTS = 1000;

const Text = (max: number) => z.string().max(max).refine((s) => !unstorableText(s), 'NUL or unpaired surrogate characters');

/** One event from a system no browser sees. `id` is the source's own id: sending it again is a duplicate. */
export const IngestEventSchema = z.object({
  id: DisplayName.optional(),
  type: z.enum(['call', 'visit', 'order', 'return']),
  /** Epoch milliseconds or an ISO 8601 time with its offset. */
  at: z.union([z.number().int().nonnegative().max(8.64e15), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))]),
  customer: z
    .object({ email: z.string().max(320).optional(), phone: z.string().max(64).optional(), key: z.string().max(512).optional() })
    .refine((c) => c.email || c.phone || c.key, 'Give the customer\'s email, phone or identifier key'),
  source: DisplayName,
  channel: DisplayName.optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  summary: Text(5000).optional(),
  reference: Text(200).optional(),
  amount: z.object({ value: z.number().finite(), currency: z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code, e.g. EUR') }).optional(),
});
export type IngestEvent = z.infer<typeof IngestEventSchema>;

export const IngestBodySchema = z.object({
  events: z.array(z.unknown()).min(1).max(MAX_INGEST_EVENTS),
  /** Region for phone numbers written without a country code (ISO 3166 alpha-2). */
  defaultRegion: z.string().regex(/^[A-Z]{2}$/).default('FR'),
});

export interface IngestResult {
  index: number;
  status: 'applied' | 'duplicate' | 'rejected';
  id?: string;
  customerId?: string;
  code?: string;
  message?: string;
}

const DEFAULT_CHANNEL: Record<IngestEvent['type'], string> = { call: 'phone', visit: 'store', order: 'web', return: 'store' };

type Row = { index: number; event: IngestEvent; identifier: Identifier | { key: string } };

/** Validates each row on its own: a bad row is reported with its index, the others still go in. */
export function parseRows(raw: unknown[], defaultRegion: string): { rows: Row[]; rejected: IngestResult[] } {
  const rows: Row[] = [];
  const rejected: IngestResult[] = [];
  raw.forEach((value, index) => {
    const parsed = IngestEventSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      rejected.push({ index, status: 'rejected', code: HubErrorCode.Validation, message: `${issue?.path.join('.') || 'event'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    const { customer } = parsed.data;
    const identifier =
      (customer.email && normaliseIdentifier(customer.email, 'email')) ||
      (customer.phone && normaliseIdentifier(customer.phone, 'phone', { defaultRegion })) ||
      (customer.key && /^[a-z-]+:\S/.test(customer.key) ? { key: customer.key } : null);
    if (!identifier) {
      rejected.push({ index, status: 'rejected', code: HubErrorCode.Validation, message: 'customer: not a valid e-mail address, phone number or identifier key' });
      return;
    }
    rows.push({ index, event: parsed.data, identifier });
  });
  return { rows, rejected };
}

/**
 * Writes the rows as timeline events, under the team lock: each finds the customer holding its
 * identifier (from the customers agents pushed), or a new customer is created for it, once per
 * identifier even when several rows name it. A bare key nobody holds is rejected.
 */
export async function ingestRows(tx: Queryable, key: ApiKeyContext, rows: Row[], startSeq: number) {
  const keys = [...new Set(rows.map((r) => r.identifier.key))];
  const owners = new Map(
    keys.length
      ? (await tx.query<{ key: string; customer_id: string }>('SELECT key, customer_id FROM identifier_owners WHERE team_id = $1 AND key = ANY($2::text[])', [key.teamId, keys])).map((r) => [r.key, r.customer_id])
      : [],
  );
  const now = Date.now();
  const ops: ReadyOp[] = [];
  const results: IngestResult[] = [];
  const eventOps = new Map<string, Row & { customerId: string; eventId: string }>();
  for (const row of rows) {
    let customerId = owners.get(row.identifier.key);
    if (!customerId) {
      if (!('kind' in row.identifier)) {
        results.push({ index: row.index, status: 'rejected', code: HubErrorCode.Validation, message: `No customer holds ${row.identifier.key}` });
        continue;
      }
      customerId = uuidv7();
      owners.set(row.identifier.key, customerId);
      const identifiers = [{ ...row.identifier, firstSeen: now, source: { tool: 'hub', channel: row.event.channel ?? DEFAULT_CHANNEL[row.event.type] } }];
      ops.push({ opId: uuidv7(), table: 'customers', id: customerId, data: { id: customerId, createdAt: now, identifiers }, deleted: false });
    }
    const e = row.event;
    const eventId = e.id ? `hub:${e.source}:${e.id}` : uuidv7();
    const data: Record<string, unknown> = {
      id: eventId,
      type: e.type,
      subject: { customerId, identifierKey: row.identifier.key },
      at: e.at,
      tool: 'hub',
      channel: e.channel ?? DEFAULT_CHANNEL[e.type],
      source: e.source,
    };
    for (const field of ['direction', 'summary', 'reference', 'amount'] as const) if (e[field] !== undefined) data[field] = e[field];
    const opId = uuidv7();
    ops.push({ opId, table: 'events', id: eventId, data, deleted: false });
    eventOps.set(opId, { ...row, customerId, eventId });
  }
  const applied = await applyOps(tx, { teamId: key.teamId, memberId: `key:${key.keyId}` }, ops, startSeq);
  for (const result of applied.results) {
    const row = eventOps.get(result.opId);
    if (row) results.push({ index: row.index, status: result.status, id: row.eventId, customerId: row.customerId, ...(result.code ? { code: result.code } : {}) });
  }
  return { results, seq: applied.seq };
}
