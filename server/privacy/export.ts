import { audit } from '../audit.ts';
import type { AuthContext } from '../auth/roles.ts';
import type { Database } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { AGENT_TABLES } from '../sync/tables.ts';
import { customerScope, keyDigest, normaliseKey } from './customer-records.ts';

/**
 * Everything the team's hub holds about the person behind `key` (a subject access request), by
 * table: customer records, events, merges and splits involving them, dismissed suggestions,
 * conversations, notes, feedback. The export itself is audited (who, the key's digest).
 */
export async function exportCustomer(db: Database, auth: Pick<AuthContext, 'teamId' | 'teamName' | 'memberId'>, rawKey: string) {
  const key = normaliseKey(rawKey);
  const scope = await customerScope(db, auth.teamId, key);
  if (!scope.customerIds.length) throw new HubError(404, HubErrorCode.NotFound, `No customer of your team holds ${key}`);
  const records: Record<string, Array<{ id: string; data: unknown; updatedAt: string; updatedBy: string | null }>> = {};
  for (const table of AGENT_TABLES) records[table] = [];
  for (const r of scope.records) records[r.table]!.push({ id: r.id, data: r.data, updatedAt: new Date(r.updated_at).toISOString(), updatedBy: r.updated_by });
  await audit(db, { teamId: auth.teamId, memberId: auth.memberId, action: 'customer.export', target: keyDigest(auth.teamId, key), detail: { records: scope.records.length } });
  return {
    key,
    team: { id: auth.teamId, name: auth.teamName },
    exportedAt: new Date().toISOString(),
    customerIds: scope.customerIds,
    identifierKeys: scope.identifierKeys,
    records,
  };
}
