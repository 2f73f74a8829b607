import { v7 as uuidv7 } from 'uuid';
import { audit } from '../audit.ts';
import type { AuthContext } from '../auth/roles.ts';
import type { Database } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { commitBatch } from '../sync/push.ts';
import { countByTable, customerScope, keyDigest, normaliseKey, tombstone } from './customer-records.ts';
import { rememberErasure } from './erased.ts';

/** Tables derived from records (server/metrics/) that name customers: their rows go too. */
const DERIVED_TABLES = ['metric_contacts', 'metric_inbound', 'metric_commitments'] as const;

/**
 * Erases one person from the team's hub: every record about them becomes a tombstone (the data
 * is gone from the hub, and each agent's next pull deletes its copy), the identifier index and
 * metric facts forget them, their customer ids are remembered so a browser that was offline
 * cannot push them back (erased.ts), and the audit log says who erased which key (by digest)
 * and how many records. One transaction under the team lock: a push racing the erase lands
 * before or after it, whole.
 */
export async function eraseCustomer(db: Database, auth: Pick<AuthContext, 'teamId' | 'memberId'>, rawKey: string, notifyChannel: string) {
  const key = normaliseKey(rawKey);
  return commitBatch(db, auth.teamId, notifyChannel, async (tx, startSeq) => {
    const scope = await customerScope(tx, auth.teamId, key);
    if (!scope.customerIds.length) throw new HubError(404, HubErrorCode.NotFound, `No customer of your team holds ${key}`);
    const seq = await tombstone(tx, auth.teamId, auth.memberId, scope.records, startSeq);
    await tx.query('DELETE FROM identifier_owners WHERE team_id = $1 AND (customer_id = ANY($2::text[]) OR key = ANY($3::text[]))', [auth.teamId, scope.customerIds, scope.identifierKeys]);
    for (const table of DERIVED_TABLES) await tx.query(`DELETE FROM ${table} WHERE team_id = $1 AND customer_id = ANY($2::text[])`, [auth.teamId, scope.customerIds]);
    // The facts' identity map names customers and, for split identifiers, the identifier keys themselves.
    await tx.query(
      `DELETE FROM metric_aliases WHERE team_id = $1 AND (customer_id = ANY($2::text[]) OR (kind = 'customer' AND alias = ANY($2::text[])) OR (kind = 'key' AND alias = ANY($3::text[])))`,
      [auth.teamId, scope.customerIds, scope.identifierKeys],
    );
    const erasure = uuidv7();
    await rememberErasure(tx, auth.teamId, erasure, scope.customerIds);
    const erased = countByTable(scope.records);
    await audit(tx, { teamId: auth.teamId, memberId: auth.memberId, action: 'customer.erase', target: keyDigest(auth.teamId, key), detail: { erasure, records: scope.records.length, erased } });
    return { seq, key, customers: scope.customerIds.length, records: scope.records.length, erased };
  });
}
