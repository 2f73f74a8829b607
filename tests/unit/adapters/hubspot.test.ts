// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { hubspotAdapter } from '../../../src/adapters/hubspot/index';
import { appId, context, email, fixture, phone, readPage } from './site-fixture';

const NADIA = [
  email('nadia.haddad@laposte.net'),
  phone('+33612349876', '+33612349876'),
  appId('hubspot:contact', '51', 0.95),
];

describe('hubspot: conversations inbox', () => {
  const doc = fixture('hubspot', 'inbox');
  const d = readPage(hubspotAdapter, context(doc, 'https://app.hubspot.com/live-messages/2468135/inbox/9876543210'));

  it('reads the contact sidebar and the thread id', () => {
    expect(d.customer.name).toBe('Nadia Haddad');
    expect(d.customer.identifiers).toEqual([...NADIA, appId('hubspot:thread', '9876543210', 0.5)]);
    expect(d.conversation.key).toBe('hubspot:thread:9876543210');
  });

  it('reads the chat without the internal comment', () => {
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', author: 'Nadia Haddad', time: '2026-11-21T15:20:00.000Z', channel: 'chat', text: "Bonjour, un gâteau au chocolat pour 10 personnes samedi, c'est possible ?" },
      { direction: 'outbound', author: 'Jean Martin', time: '2026-11-21T15:40:00.000Z', channel: 'chat', text: "Oui, à retirer samedi à partir de 9 h. 45 € l'entremets." },
    ]);
  });

  it('finds the composer', () => {
    expect(hubspotAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Write a message');
  });
});

describe('hubspot: contact record', () => {
  const doc = fixture('hubspot', 'contact');
  const d = readPage(hubspotAdapter, context(doc, 'https://app-eu1.hubspot.com/contacts/2468135/record/0-1/51'));

  it('reads the highlights and the contact id from the URL', () => {
    expect(d.customer.name).toBe('Nadia Haddad');
    expect(d.customer.identifiers).toEqual(NADIA);
    expect(d.conversation.key).toBe('hubspot:contact:51');
  });

  it('reads the logged e-mails of the timeline, not the note', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.author, m.time, m.text])).toEqual([
      ['outbound', 'Jean Martin', '2026-11-19T09:00:00.000Z', 'Bonjour Nadia, voici notre carte des gâteaux de fête.'],
      ['inbound', 'Nadia Haddad', '2026-11-20T18:30:00.000Z', 'Merci ! Je repasse commander la semaine prochaine.'],
    ]);
  });

  it('has no reply box on the record page', () => {
    expect(hubspotAdapter.findReplyBox(doc)).toBeNull();
  });
});
