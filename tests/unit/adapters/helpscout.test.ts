// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { helpscoutAdapter } from '../../../src/adapters/helpscout/index';
import { appId, context, email, fixture, phone, readPage } from './site-fixture';

const URL = 'https://secure.helpscout.net/conversation/2847365019/1234?folderId=5551234';

describe('helpscout: conversation view', () => {
  const doc = fixture('helpscout', 'conversation');
  const d = readPage(helpscoutAdapter, context(doc, URL));

  it('reads the customer sidebar and the ids', () => {
    expect(d.customer.name).toBe('Lucas Moreau');
    expect(d.customer.identifiers).toEqual([
      email('lucas.moreau@gmail.com'),
      phone('+33478123456', '+33478123456'),
      appId('helpscout:customer', '391827465', 0.95),
      appId('helpscout:conversation', '2847365019', 0.5),
    ]);
    expect(d.conversation.key).toBe('helpscout:conversation:2847365019');
  });

  it('reads customer threads and replies, not the note', () => {
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', author: 'Lucas Moreau', time: '2026-11-19T16:20:00.000Z', channel: 'email', text: 'Bonjour, je voudrais suspendre mon abonnement pain du mardi pendant les vacances (du 21/12 au 4/01).' },
      { direction: 'outbound', author: 'Jean Martin', time: '2026-11-19T17:05:00.000Z', channel: 'email', text: "Bonjour Lucas, c'est noté : pas de livraison du 21/12 au 4/01, rien ne vous sera facturé." },
      { direction: 'inbound', author: 'Lucas Moreau', time: '2026-11-22T08:10:00.000Z', channel: 'email', text: 'Merci beaucoup, bonnes fêtes !' },
    ]);
  });

  it('finds the Slate reply editor', () => {
    expect(helpscoutAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Reply Editor');
  });
});
