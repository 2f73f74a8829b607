/**
 * The extension's database. Only storage/ imports Dexie, and only extension pages and the
 * background open it: a content script would open the host page's IndexedDB instead.
 *
 * Schema versions are only ever added, never edited: a new version declares the new stores or
 * indexes and, when data must move, an `upgrade` function. tests/unit/storage upgrades real
 * version-1 data.
 */
import { Dexie, type EntityTable } from 'dexie';

export interface CustomerRecord {
  id: string;
  name?: string;
  /** `kind:value` keys (normalised), indexed multi-entry for lookups. */
  keys: string[];
  identifiers: { kind: 'email' | 'phone' | 'handle' | 'app-id'; value: string; network?: string }[];
  createdAt: number;
  updatedAt: number;
}

export interface MessageRecord {
  /** Content hash of conversation + direction + author + time + text: re-reads do not duplicate. */
  id: string;
  customerId: string;
  conversationKey: string;
  site: string;
  direction: 'inbound' | 'outbound' | 'unknown';
  author?: string;
  time?: string;
  text: string;
  /** Position on the page when read, to keep page order for messages without a time. */
  order: number;
  seenAt: number;
}

export interface ConversationRecord {
  key: string;
  customerId: string;
  site: string;
  /** Page URL without query or fragment, to repaint a reopened page before it is read again. */
  pageUrl: string;
  adapter: string;
  confidence: number;
  lastSeenAt: number;
}

export class ContinuumDb extends Dexie {
  customers!: EntityTable<CustomerRecord, 'id'>;
  messages!: EntityTable<MessageRecord, 'id'>;
  conversations!: EntityTable<ConversationRecord, 'key'>;

  constructor(name = 'continuum') {
    super(name);
    this.version(1).stores({
      customers: 'id, *keys, updatedAt',
      messages: 'id, customerId, conversationKey, [conversationKey+order]',
      conversations: 'key, customerId, pageUrl, lastSeenAt',
    });
  }
}

let shared: ContinuumDb | undefined;
export function db(): ContinuumDb {
  shared ??= new ContinuumDb();
  return shared;
}
