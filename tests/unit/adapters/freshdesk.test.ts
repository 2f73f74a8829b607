// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { freshdeskAdapter } from '../../../src/adapters/freshdesk/index';
import { appId, context, email, fixture, phone, readPage } from './site-fixture';

const URL = 'https://boulangerie-bernard.freshdesk.com/a/tickets/5521';

describe('freshdesk: ticket details', () => {
  const doc = fixture('freshdesk', 'ticket');
  const d = readPage(freshdeskAdapter, context(doc, URL));

  it('reads the requester widget and the ids', () => {
    expect(d.customer.name).toBe('Lucas Moreau');
    expect(d.customer.identifiers).toEqual([
      email('lucas.moreau@gmail.com'),
      phone('04 78 12 34 56', '+33478123456'),
      appId('freshdesk:contact', '9', 0.95),
      appId('freshdesk:ticket', '5521', 0.5),
    ]);
    expect(d.conversation.key).toBe('freshdesk:ticket:5521');
  });

  it('reads the conversation without the private note; replies by author', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.author, m.time, m.text])).toEqual([
      ['inbound', 'Lucas Moreau', '2026-11-21T07:58:00.000Z', "Bonjour, ma commande de samedi (n° 5521) n'est pas arrivée. Lucas"],
      ['outbound', 'Jean Martin', '2026-11-21T08:20:00.000Z', 'Bonjour Lucas, le livreur passe ce matin avant 11 h. Toutes nos excuses.'],
      ['inbound', 'Lucas Moreau', '2026-11-21T10:41:00.000Z', 'Bien reçue, merci !'],
    ]);
  });

  it('finds the Froala reply editor', () => {
    expect(freshdeskAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Éditeur de réponse');
  });

  it('does not apply to the customer portal of the same account', () => {
    expect(freshdeskAdapter.matches(context(doc, 'https://boulangerie-bernard.freshdesk.com/support/tickets/5521'))).toBe(false);
  });
});
