// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmailAdapter } from '../../../src/adapters/gmail/index';
import { appId, context, email, fixture, local, readPage, values } from './site-fixture';

const URL = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvBJkvnGRHNbZKrWvzc';

describe('gmail: thread view on a team mailbox', () => {
  const doc = fixture('gmail', 'thread');
  const d = readPage(gmailAdapter, context(doc, URL));

  it('reads the correspondent, not the signed-in account or the team mailbox', () => {
    expect(d.customer.name).toBe('Marie Dupont');
    expect(d.customer.identifiers).toEqual([
      email('marie.dupont@orange.fr'),
      appId('gmail:thread', '19353a1b2c3d4e5f', 0.5),
    ]);
    // support@ shares the signed-in agent's company domain.
    expect(values(d)).not.toContain('support@acme-cafe.fr');
  });

  it('reads the expanded messages with directions from the sender address', () => {
    const m = d.conversation.messages;
    expect(m.map((x) => [x.direction, x.author, x.time, x.channel])).toEqual([
      ['inbound', 'Marie Dupont', local(2026, 11, 20, 10, 15), 'email'],
      ['outbound', 'Jean Martin', local(2026, 11, 20, 14, 30), 'email'],
      ['inbound', 'Marie Dupont', local(2026, 11, 21, 18, 40), 'email'],
    ]);
    expect(m[0]?.text).toBe("Bonjour, J'ai reçu le moulin à café (commande 48213) avec le réservoir fêlé. Pouvez-vous m'en renvoyer un ? Marie Dupont 06 12 34 56 78");
    expect(m[2]?.text).toBe("Merci, mais je n'ai pas reçu de numéro de suivi.");
  });

  it('keys the conversation on the legacy thread id and finds the reply body', () => {
    expect(d.conversation.key).toBe('gmail:thread:19353a1b2c3d4e5f');
    expect(gmailAdapter.findReplyBox(doc)?.id).toBe(':5f');
  });

  it('treats messages from the settings identity as outbound even without a Google bar', () => {
    const bare = fixture('gmail', 'thread');
    bare.querySelector('header')?.remove();
    const again = readPage(gmailAdapter, context(bare, URL, { domains: ['acme-cafe.fr'], signatures: [] }));
    expect(again.conversation.messages.map((x) => x.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    const none = readPage(gmailAdapter, context(fixture('gmail', 'thread'), URL, { domains: [], signatures: [] }));
    expect(none.customer.name).toBe('Marie Dupont');
  });
});
