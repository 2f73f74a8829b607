// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { frontAdapter } from '../../../src/adapters/front/index';
import { appId, context, email, fixture, phone, readPage } from './site-fixture';

const URL = 'https://app.frontapp.com/inboxes/teammates/7654321/inbox/open/0/cnv_1a2b3c4d';

describe('front: conversation view', () => {
  const doc = fixture('front', 'conversation');
  const d = readPage(frontAdapter, context(doc, URL, { domains: ['boulangerie-bernard.fr'], signatures: [] }));

  it('reads the contact panel and the ids', () => {
    expect(d.customer.name).toBe('Lucie Garnier');
    expect(d.customer.identifiers).toEqual([
      email('lucie.garnier@atelier-garnier.fr'),
      phone('+33 6 45 67 89 01', '+33645678901'),
      appId('front:contact', 'crd_8f7e6d5c', 0.95),
      appId('front:conversation', 'cnv_1a2b3c4d', 0.5),
    ]);
    expect(d.conversation.key).toBe('front:conversation:cnv_1a2b3c4d');
  });

  it('reads messages across channels, without the internal comment', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.author, m.time, m.channel])).toEqual([
      ['inbound', 'Lucie Garnier', '2026-11-18T10:00:00.000Z', 'email'],
      ['outbound', 'Jean Martin', '2026-11-18T14:12:00.000Z', 'email'],
      ['inbound', 'Lucie Garnier', '2026-11-21T08:45:00.000Z', 'sms'],
    ]);
    expect(d.conversation.messages[2]?.text).toBe("C'est validé pour nous, merci !");
    expect(JSON.stringify(d)).not.toContain('tarif entreprise');
  });

  it('finds the composer', () => {
    expect(frontAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Reply');
  });
});
