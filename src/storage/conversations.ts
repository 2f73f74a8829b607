/** Conversations seen on pages: which customer each showed, to repaint a reopened page at once. */
import type { ContinuumDb, ConversationRecord } from './db';

export async function lastConversationAt(db: ContinuumDb, pageUrl: string): Promise<ConversationRecord | null> {
  const conversations = await db.conversations.where('pageUrl').equals(pageUrl).sortBy('lastSeenAt');
  return conversations.at(-1) ?? null;
}
