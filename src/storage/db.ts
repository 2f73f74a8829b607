/**
 * The extension's database. Only storage/ imports Dexie, and only extension pages and the
 * background open it: a content script would open the host page's IndexedDB instead.
 *
 * Schema versions are only ever added, never edited: a new version declares the new stores or
 * indexes and, when data must move, an `upgrade` function. tests/unit/storage/upgrade.test.ts
 * upgrades real version-1 data.
 */
import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { AuditEntry, Customer, DismissedSuggestion, MergeRecord, SplitRecord } from '../core/identity/state';
import type { TimelineEvent } from '../core/timeline/event';
import { upgradeToIdentityGraph } from './upgrade-v2';
import { writeGenerationMiddleware } from './write-generation';
import { outboxMiddleware, type OutboxEntry, type PublishedRecord, type RejectedOp, type SyncStateRow } from './outbox';

/** A customer of the identity graph, with its identifier keys indexed for lookups. */
export interface CustomerRow extends Customer {
  /** Every identifier key (strong and weak), indexed multi-entry. */
  keys: string[];
  updatedAt: number;
  /** Set once the customer takes part in a merge or split: only then must a lookup load those. */
  linked?: true;
}

/** A timeline event with the fields its indexes need. */
export type EventRow = TimelineEvent & {
  dedupeKey: string;
  subjectCustomerId: string;
  subjectKey?: string;
};

export interface ConversationRecord {
  key: string;
  /** The member customer the conversation was last seen with. */
  customerId: string;
  site: string;
  /** Page URL without query or fragment, to repaint a reopened page before it is read again. */
  pageUrl: string;
  adapter: string;
  confidence: number;
  lastSeenAt: number;
}

/** A signal for the team's metrics; the rest of its shape belongs to the feature that records it. */
export interface FeedbackRow {
  id: string;
  kind: string;
  at: number;
}

export class ContinuumDb extends Dexie {
  customers!: EntityTable<CustomerRow, 'id'>;
  events!: EntityTable<EventRow, 'id'>;
  merges!: EntityTable<MergeRecord, 'id'>;
  splits!: EntityTable<SplitRecord, 'id'>;
  dismissed!: EntityTable<DismissedSuggestion, 'pair'>;
  audit!: EntityTable<AuditEntry, 'id'>;
  conversations!: EntityTable<ConversationRecord, 'key'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  rejected!: EntityTable<RejectedOp, 'opId'>;
  syncState!: EntityTable<SyncStateRow, 'key'>;
  published!: Table<PublishedRecord, [string, string]>;
  feedback!: EntityTable<FeedbackRow, 'id'>;

  constructor(name = 'continuum') {
    super(name);
    // Version 1: customers with flat identifiers, messages per conversation.
    this.version(1).stores({
      customers: 'id, *keys, updatedAt',
      messages: 'id, customerId, conversationKey, [conversationKey+order]',
      conversations: 'key, customerId, pageUrl, lastSeenAt',
    });
    // Version 2: the identity graph (merges, splits, audit) and one timeline of events.
    this.version(2)
      .stores({
        customers: 'id, *keys, updatedAt',
        // Compound indexes: a customer's latest events come straight from the index, newest first.
        events: 'id, dedupeKey, [subjectCustomerId+at], [subjectKey+at], at, conversationKey',
        merges: 'id, survivorId, absorbedId',
        splits: 'id, customerId, newCustomerId',
        dismissed: 'pair',
        audit: 'id, at',
        conversations: 'key, customerId, pageUrl, lastSeenAt',
        messages: null,
      })
      .upgrade((tx: Transaction) => upgradeToIdentityGraph(tx));
    // Version 3: sync with the team hub. `outbox` holds local writes not yet accepted by the hub
    // (ordered by `seq`, pushed oldest first), `rejected` the ops the hub refused (kept, never
    // retried), `syncState` the pairing and the pull cursor, `published` the hub-owned records
    // (brand guide, templates, promotions, adapters, kill switches) by table and id.
    this.version(3).stores({
      outbox: '++seq, &opId, [table+id]',
      rejected: 'opId, at',
      syncState: 'key',
      published: '[table+id], table',
    });
    // Version 4: feedback signals (suggestions shown/inserted/dismissed, templates used, promotions
    // seen), pushed to the hub for the team's metrics.
    this.version(4).stores({ feedback: 'id, at, kind' });
    // Version 5: alerts recorded for the metrics are looked up by their key (only alert rows have one).
    this.version(5).stores({ feedback: 'id, at, kind, alertKey' });
    // Every local write to a synced table also writes its outbox entry, in the same transaction.
    this.use(outboxMiddleware);
    // Which tables were written since a derived result was computed (see write-generation.ts).
    this.use(writeGenerationMiddleware(this));
  }
}

let shared: ContinuumDb | undefined;
export function db(): ContinuumDb {
  shared ??= new ContinuumDb();
  return shared;
}
