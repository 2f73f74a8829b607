// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { zendeskAdapter } from '../../../src/adapters/zendesk/index';
import { appId, context, email, fixture, phone, readPage, values } from './site-fixture';

const URL = 'https://acme-cafe.zendesk.com/agent/tickets/48213';

describe('zendesk: Agent Workspace ticket', () => {
  const doc = fixture('zendesk', 'ticket');
  const d = readPage(zendeskAdapter, context(doc, URL));

  it('reads the requester from the context panel and the requester field', () => {
    expect(d.adapter).toBe('zendesk');
    expect(d.customer.name).toBe('Marie Dupont');
    expect(d.customer.identifiers).toEqual([
      email('marie.dupont@orange.fr'),
      phone('+33 6 12 34 56 78', '+33612345678'),
      appId('zendesk:user', '90211', 0.95),
      appId('zendesk:ticket', '48213', 0.5),
    ]);
    expect(d.confidence).toBe(0.95);
  });

  it('never takes the signed-in agent (header menu) for the customer', () => {
    expect(values(d).join(' ')).not.toMatch(/jean|acme-cafe|10002/);
  });

  it('reads the public conversation oldest first, without the internal note', () => {
    expect(d.conversation.messages).toEqual([
      {
        direction: 'inbound',
        author: 'Marie Dupont',
        time: '2026-11-20T09:15:00.000Z',
        channel: 'email',
        text: "Bonjour, j'ai reçu hier le moulin à café (commande 48213) et le réservoir est fêlé. Pouvez-vous m'en envoyer un autre ?",
      },
      {
        direction: 'outbound',
        author: 'Jean Martin',
        time: '2026-11-20T10:02:00.000Z',
        channel: 'web',
        text: "Bonjour Marie, désolé pour ce désagrément. Un nouveau réservoir part aujourd'hui. Jean – Acme Café, jean.martin@acme-cafe.fr",
      },
      {
        direction: 'inbound',
        author: 'Marie Dupont',
        time: '2026-11-21T17:40:00.000Z',
        channel: 'messaging',
        text: "Merci ! Je n'ai toujours pas de numéro de suivi.",
      },
    ]);
    expect(JSON.stringify(d)).not.toContain('Lot défectueux');
  });

  it('keys the conversation on the ticket id', () => {
    expect(d.conversation.key).toBe('zendesk:ticket:48213');
  });

  it('finds the CKEditor composer', () => {
    expect(zendeskAdapter.findReplyBox(doc)?.getAttribute('data-test-id')).toBe('omnicomposer-rich-text-ckeditor');
  });

  it('does not apply outside the agent interface', () => {
    expect(zendeskAdapter.matches(context(doc, 'https://acme-cafe.zendesk.com/hc/fr'))).toBe(false);
    expect(zendeskAdapter.matches(context(new DOMParser().parseFromString('<p>hi</p>', 'text/html'), URL))).toBe(false);
  });
});
