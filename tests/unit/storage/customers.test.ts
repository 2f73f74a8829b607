import { afterEach, describe, expect, test } from 'vitest';
import { ContinuumDb } from '../../../src/storage/db';
import { conversationView, lastConversationAt, saveConversation, upsertCustomer } from '../../../src/storage/customers';
import type { Detection } from '../../../src/adapters/types';

let counter = 0;
const opened: ContinuumDb[] = [];
function freshDb(): ContinuumDb {
  const db = new ContinuumDb(`continuum-test-${++counter}`);
  opened.push(db);
  return db;
}
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
});

const detection = (messages: Detection['conversation']['messages'], key = 'https://desk.example.com/t/1'): Detection => ({
  adapter: 'generic',
  confidence: 0.8,
  customer: { name: 'Élodie Rousseau', identifiers: [] },
  conversation: { key, messages },
});

describe('schema', () => {
  test('version 1 declares the customer, message and conversation stores with their indexes', async () => {
    const db = freshDb();
    await db.open();
    expect(db.verno).toBe(1);
    expect(db.customers.schema.indexes.map((i) => i.name).sort()).toEqual(['keys', 'updatedAt']);
    expect(db.customers.schema.indexes.find((i) => i.name === 'keys')?.multi).toBe(true);
    expect(db.messages.schema.indexes.map((i) => i.name).sort()).toEqual(['[conversationKey+order]', 'conversationKey', 'customerId']);
    expect(db.conversations.schema.indexes.map((i) => i.name).sort()).toEqual(['customerId', 'lastSeenAt', 'pageUrl']);
  });

  test('what was written survives closing and reopening the database', async () => {
    const db = freshDb();
    const customer = await upsertCustomer(db, 'Karim', [{ kind: 'email', value: 'karim@exemple.com' }]);
    db.close();
    const again = new ContinuumDb(db.name);
    opened.push(again);
    expect(await again.customers.get(customer.id)).toMatchObject({ name: 'Karim', keys: ['email:karim@exemple.com'] });
  });
});

describe('customers', () => {
  test('identifiers seen together link to one customer, and new ones are added to it', async () => {
    const db = freshDb();
    const first = await upsertCustomer(db, 'Élodie Rousseau', [{ kind: 'email', value: 'elodie@exemple.fr' }]);
    const second = await upsertCustomer(db, undefined, [
      { kind: 'email', value: 'elodie@exemple.fr' },
      { kind: 'phone', value: '+33612345678' },
    ]);
    expect(second.id).toBe(first.id);
    expect(second.name).toBe('Élodie Rousseau');
    expect(second.keys).toEqual(['email:elodie@exemple.fr', 'phone:+33612345678']);
    const third = await upsertCustomer(db, 'Élodie', [{ kind: 'phone', value: '+33612345678' }]);
    expect(third.id).toBe(first.id);
    expect(await db.customers.count()).toBe(1);
  });

  test("another customer's identifier on the page neither switches customers nor merges them", async () => {
    const db = freshDb();
    const ottilie = await upsertCustomer(db, 'Ottilie', [{ kind: 'email', value: 'ottilie@exemple.org' }]);
    const bastien = await upsertCustomer(db, 'Bastien', [
      { kind: 'email', value: 'bastien@exemple.net' },
      { kind: 'phone', value: '+33758621904' },
    ]);
    // Best first: Ottilie's address ranks first, Bastien's (sorting first in the index) after it.
    const read = await upsertCustomer(db, undefined, [
      { kind: 'email', value: 'ottilie@exemple.org' },
      { kind: 'email', value: 'bastien@exemple.net' },
      { kind: 'phone', value: '+33647819325' },
    ]);
    expect(read.id).toBe(ottilie.id);
    expect(read.keys).toEqual(['email:ottilie@exemple.org', 'phone:+33647819325']);
    expect((await db.customers.get(bastien.id))?.keys).toEqual(['email:bastien@exemple.net', 'phone:+33758621904']);
  });

  test('unrelated identifiers make a new customer with a time-ordered id', async () => {
    const db = freshDb();
    const a = await upsertCustomer(db, 'A', [{ kind: 'email', value: 'a@exemple.fr' }]);
    const b = await upsertCustomer(db, 'B', [{ kind: 'email', value: 'b@exemple.fr' }]);
    expect(b.id).not.toBe(a.id);
    expect(a.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-/);
  });
});

describe('conversations', () => {
  test('re-reading the same page stores each message once, in page order', async () => {
    const db = freshDb();
    const customer = await upsertCustomer(db, 'Élodie', [{ kind: 'email', value: 'elodie@exemple.fr' }]);
    const messages = [
      { direction: 'inbound' as const, text: 'Bonjour, ma lampe est cassée', time: '2026-11-20T08:14:00.000Z' },
      { direction: 'outbound' as const, text: 'Pouvez-vous envoyer une photo ?', time: '2026-11-20T09:02:00.000Z' },
    ];
    await saveConversation(db, customer.id, 'https://desk.example.com', 'https://desk.example.com/t/1', detection(messages));
    await saveConversation(db, customer.id, 'https://desk.example.com', 'https://desk.example.com/t/1', detection(messages));
    await saveConversation(db, customer.id, 'https://desk.example.com', 'https://desk.example.com/t/1', detection([...messages, { direction: 'inbound', text: 'Voici la photo' }]));
    const view = await conversationView(db, 'https://desk.example.com/t/1');
    expect(view?.customer.id).toBe(customer.id);
    expect(view?.messages.map((m) => m.text)).toEqual(['Bonjour, ma lampe est cassée', 'Pouvez-vous envoyer une photo ?', 'Voici la photo']);
  });

  test('a reopened page finds the conversation last read there', async () => {
    const db = freshDb();
    const customer = await upsertCustomer(db, 'Élodie', [{ kind: 'email', value: 'elodie@exemple.fr' }]);
    await saveConversation(db, customer.id, 'https://desk.example.com', 'https://desk.example.com/t', detection([], 'key-old'), 1_000);
    await saveConversation(db, customer.id, 'https://desk.example.com', 'https://desk.example.com/t', detection([], 'key-new'), 2_000);
    expect((await lastConversationAt(db, 'https://desk.example.com/t'))?.key).toBe('key-new');
    expect(await lastConversationAt(db, 'https://desk.example.com/other')).toBeNull();
  });
});
