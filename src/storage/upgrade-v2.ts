/**
 * Version 1 → 2: flat customers become identity-graph customers (identifiers normalised into
 * keyed identifiers), and stored page messages become timeline message events. Nothing is
 * dropped: an identifier the new normalisers reject is kept as an app id under `legacy`.
 */
import type { Transaction } from 'dexie';
import { normaliseIdentifier, type HandleNetwork, type Identifier, type IdentifierKind } from '../core/identity/identifier';
import type { CustomerIdentifier } from '../core/identity/state';
import type { MessageEvent } from '../core/timeline/event';
import { customerRow, eventRow } from './rows';

interface CustomerV1 {
  id: string;
  name?: string;
  keys: string[];
  identifiers: { kind: 'email' | 'phone' | 'handle' | 'app-id'; value: string; network?: string }[];
  createdAt: number;
  updatedAt: number;
}

interface MessageV1 {
  id: string;
  customerId: string;
  conversationKey: string;
  site: string;
  direction: 'inbound' | 'outbound' | 'unknown';
  author?: string;
  time?: string;
  text: string;
  order: number;
  seenAt: number;
}

interface ConversationV1 {
  key: string;
  adapter: string;
  pageUrl: string;
}

function upgradeIdentifier(identifier: CustomerV1['identifiers'][number]): Identifier {
  const kind: IdentifierKind = identifier.kind;
  const network = identifier.network === 'unknown' ? undefined : (identifier.network as HandleNetwork | undefined);
  return (
    normaliseIdentifier(identifier.value, kind, { network }) ?? {
      kind: 'app-id',
      value: identifier.value,
      key: `app:legacy:${identifier.kind}:${identifier.value}`,
      strength: 'strong',
      namespace: 'legacy',
    }
  );
}

export async function upgradeToIdentityGraph(tx: Transaction): Promise<void> {
  const customers = (await tx.table('customers').toArray()) as CustomerV1[];
  const strongKeyOf = new Map<string, string | undefined>();
  const rows = customers.map((old) => {
    const seen = new Set<string>();
    const identifiers: CustomerIdentifier[] = [];
    for (const identifier of old.identifiers.map(upgradeIdentifier)) {
      if (seen.has(identifier.key)) continue;
      seen.add(identifier.key);
      identifiers.push({ ...identifier, firstSeen: old.createdAt, source: { tool: 'generic' } });
    }
    strongKeyOf.set(old.id, identifiers.find((i) => i.strength === 'strong')?.key);
    const customer = { id: old.id, createdAt: old.createdAt, identifiers, ...(old.name ? { displayName: old.name } : {}) };
    return customerRow(customer, old.updatedAt);
  });
  await tx.table('customers').bulkPut(rows);

  const conversations = new Map(((await tx.table('conversations').toArray()) as ConversationV1[]).map((c) => [c.key, c]));
  const messages = (await tx.table('messages').toArray()) as MessageV1[];
  const events = messages.map((message) => {
    const conversation = conversations.get(message.conversationKey);
    const parsed = message.time ? Date.parse(message.time) : Number.NaN;
    const identifierKey = strongKeyOf.get(message.customerId);
    const event: MessageEvent = {
      id: message.id,
      type: 'message',
      subject: identifierKey ? { customerId: message.customerId, identifierKey } : { customerId: message.customerId },
      at: Number.isNaN(parsed) ? message.seenAt + message.order : parsed,
      tool: conversation?.adapter ?? 'generic',
      channel: 'web',
      conversationKey: message.conversationKey,
      direction: message.direction,
      text: message.text,
      seenAt: message.seenAt,
      ...(conversation ? { url: conversation.pageUrl } : {}),
      ...(message.author ? { author: message.author } : {}),
    };
    return eventRow(event);
  });
  await tx.table('events').bulkPut(events);
}
