// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { whatsappAdapter } from '../../../src/adapters/whatsapp/index';
import { appId, context, fixture, local, phone, readPage } from './site-fixture';

describe('whatsapp: open one-to-one chat', () => {
  const doc = fixture('whatsapp', 'chat');
  const d = readPage(whatsappAdapter, context(doc, 'https://web.whatsapp.com/'));

  it('reads the contact name from the header and the number from the message ids', () => {
    expect(d.customer.name).toBe('Camille Petit');
    expect(d.customer.identifiers).toEqual([
      phone('33611223344', '+33611223344'),
      appId('whatsapp:chat', '33611223344@c.us', 0.5),
    ]);
    expect(d.conversation.key).toBe('whatsapp:chat:33611223344@c.us');
  });

  it('reads directions from message-in/out and times from the pre-plain text', () => {
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', author: 'Camille Petit', time: local(2026, 11, 20, 9, 12), channel: 'whatsapp', text: 'Bonjour ! Vous faites des tartes aux pommes pour 12 personnes ?' },
      { direction: 'outbound', author: 'Boulangerie Bernard', time: local(2026, 11, 20, 9, 20), channel: 'whatsapp', text: 'Bonjour Camille, oui, comptez 36 € la tarte, à commander 48 h avant.' },
      { direction: 'inbound', author: 'Camille Petit', time: local(2026, 11, 22, 8, 3), channel: 'whatsapp', text: 'Parfait, je prends deux tartes pour samedi. Et pour la tarte au citron ?' },
    ]);
  });

  it('finds the compose box, not the search box', () => {
    expect(whatsappAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Taper un message');
  });

  it('does not read a group chat number as a customer phone', () => {
    const group = fixture('whatsapp', 'chat');
    for (const el of group.querySelectorAll('[data-id]')) el.setAttribute('data-id', el.getAttribute('data-id')!.replace('33611223344@c.us', '120363041234567890@g.us'));
    const g = readPage(whatsappAdapter, context(group, 'https://web.whatsapp.com/'));
    expect(g.customer.identifiers.map((i) => i.value)).toEqual(['whatsapp:group:120363041234567890@g.us']);
    expect(g.conversation.key).toBe('whatsapp:group:120363041234567890@g.us');
    expect(g.conversation.messages).toHaveLength(3);
  });
});
