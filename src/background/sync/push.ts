/**
 * Pushes the outbox, oldest first, in batches the hub accepts (≤ 500 ops, ≤ 2 MB). At least
 * once: an op leaves the outbox only once the hub answered `applied` or `duplicate` for it, so a
 * push cut anywhere (before the hub commits, or after it commits but before its answer arrives)
 * is sent again and the hub, keyed by op id, applies it once. Refused ops are set aside with
 * their code, never retried. An op refused because it names a customer the hub erased while this
 * browser was offline (`E_ERASED`) also drops that customer here, with every unsent op about them.
 */
import type { ContinuumDb } from '../../storage/db';
import { forgetCustomers } from '../../storage/forget-customers';
import { pendingOps, settleOps, type OutboxEntry, type PushOutcome } from '../../storage/outbox';
import type { HubClient, PushOp } from './hub-client';

export const PUSH_LIMITS = { ops: 500, bytes: 1_800_000 };
const ERASED = 'E_ERASED';

function toPushOp({ opId, table, id, data, deleted }: OutboxEntry): PushOp {
  return deleted ? { opId, table, id, deleted: true } : { opId, table, id, data };
}

/** The ops that fit one request; an op too large to ever fit is refused here, as the hub would. */
function fitBatch(entries: OutboxEntry[], maxBytes: number): { batch: PushOp[]; tooLarge: PushOutcome[] } {
  const batch: PushOp[] = [];
  const tooLarge: PushOutcome[] = [];
  let bytes = 16;
  for (const entry of entries) {
    const op = toPushOp(entry);
    const size = new TextEncoder().encode(JSON.stringify(op)).length + 1;
    if (size + 16 > maxBytes) tooLarge.push({ opId: op.opId, status: 'rejected', code: 'E_SYNC_OP_TOO_LARGE', message: `${size} bytes` });
    else if (bytes + size > maxBytes) break;
    else {
      batch.push(op);
      bytes += size;
    }
  }
  return { batch, tooLarge };
}

export interface PushReport {
  accepted: number;
  rejected: number;
}

export async function pushOutbox(db: ContinuumDb, client: HubClient, limits = PUSH_LIMITS): Promise<PushReport> {
  const report: PushReport = { accepted: 0, rejected: 0 };
  for (;;) {
    const { batch, tooLarge } = fitBatch(await pendingOps(db, limits.ops), limits.bytes);
    if (tooLarge.length) report.rejected += (await settleOps(db, tooLarge)).rejected;
    if (!batch.length) return report;
    const { results } = await client.push(batch);
    const sent = new Set(batch.map((op) => op.opId));
    const answered = results.filter((result) => sent.has(result.opId));
    const erased = answered.flatMap((result) => (result.status === 'rejected' && result.code === ERASED ? (result.customerIds ?? []) : []));
    const settled = await forgetCustomers(db, erased, () => settleOps(db, answered));
    report.accepted += settled.accepted;
    report.rejected += settled.rejected;
    // A hub that answers for none of the ops: stop, they stay queued for the next sync.
    if (!settled.accepted && !settled.rejected) return report;
  }
}
