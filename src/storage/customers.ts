/**
 * Customers and what the page showed of them. Identifiers seen together on one screen belong to
 * one customer; the full identity graph (weak links, suggested and reversible merges) builds on
 * this in core/identity.
 */
import { v7 as uuidv7 } from 'uuid';
import type { ContinuumDb, CustomerRecord, MessageRecord } from './db';
import type { Detection } from '../adapters/types';

export type NormalisedIdentifier = CustomerRecord['identifiers'][number];

export function identifierKey(identifier: { kind: string; value: string }): string {
  return `${identifier.kind}:${identifier.value}`;
}

/**
 * Finds the customer holding these identifiers, or creates one; merges in what is new.
 * Identifiers come best first: the customer is the one holding the best-ranked known identifier,
 * and identifiers another customer already holds stay theirs, so a page that also shows (or
 * hides) someone else's address neither switches customers nor merges two of them.
 */
export async function upsertCustomer(
  db: ContinuumDb,
  name: string | undefined,
  identifiers: NormalisedIdentifier[],
  now = Date.now(),
): Promise<CustomerRecord> {
  const keys = [...new Set(identifiers.map(identifierKey))];
  return db.transaction('rw', db.customers, async () => {
    const holders = keys.length ? await db.customers.where('keys').anyOf(keys).toArray() : [];
    const existing = keys.map((key) => holders.find((customer) => customer.keys.includes(key))).find(Boolean);
    if (!existing) {
      const created: CustomerRecord = { id: uuidv7(), name, keys, identifiers, createdAt: now, updatedAt: now };
      await db.customers.add(created);
      return created;
    }
    const known = new Set(existing.keys);
    const others = new Set(holders.filter((customer) => customer.id !== existing.id).flatMap((customer) => customer.keys));
    const added = identifiers.filter((identifier) => !known.has(identifierKey(identifier)) && !others.has(identifierKey(identifier)));
    const updated: CustomerRecord = {
      ...existing,
      name: existing.name ?? name,
      keys: [...existing.keys, ...added.map(identifierKey)],
      identifiers: [...existing.identifiers, ...added],
      updatedAt: now,
    };
    await db.customers.put(updated);
    return updated;
  });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Stores the conversation on screen; a message read twice is stored once. */
export async function saveConversation(
  db: ContinuumDb,
  customerId: string,
  site: string,
  pageUrl: string,
  detection: Detection,
  now = Date.now(),
): Promise<void> {
  const { key, messages } = detection.conversation;
  const records: MessageRecord[] = await Promise.all(
    messages.map(async (message, order) => ({
      id: await sha256Hex(JSON.stringify([key, message.direction, message.author ?? '', message.time ?? '', message.text])),
      customerId,
      conversationKey: key,
      site,
      direction: message.direction,
      author: message.author,
      time: message.time,
      text: message.text,
      order,
      seenAt: now,
    })),
  );
  await db.transaction('rw', db.messages, db.conversations, async () => {
    await db.conversations.put({
      key,
      customerId,
      site,
      pageUrl,
      adapter: detection.adapter,
      confidence: detection.confidence,
      lastSeenAt: now,
    });
    const existing = new Set((await db.messages.bulkGet(records.map((record) => record.id))).filter(Boolean).map((r) => r!.id));
    await db.messages.bulkPut(records.filter((record) => !existing.has(record.id)));
  });
}

export async function conversationView(db: ContinuumDb, key: string) {
  const conversation = await db.conversations.get(key);
  if (!conversation) return null;
  const customer = await db.customers.get(conversation.customerId);
  if (!customer) return null;
  const messages = await db.messages.where('[conversationKey+order]').between([key, -Infinity], [key, Infinity]).toArray();
  return { conversation, customer, messages };
}

export async function lastConversationAt(db: ContinuumDb, pageUrl: string) {
  const conversations = await db.conversations.where('pageUrl').equals(pageUrl).sortBy('lastSeenAt');
  return conversations.at(-1) ?? null;
}
