import { describe, expect, it } from 'vitest';
import { aggregate } from '../../../../src/core/metrics/aggregate';
import { conversationFacts, mergeCustomerFacts, type ContactFact } from '../../../../src/core/metrics/contacts';
import { inbound, MINUTE, outbound } from '../support/timeline';

/** 10 March 2025 at hh:mm UTC. */
const at = (hh: number, mm = 0, day = 10) => Date.UTC(2025, 2, day, hh, mm);
const contacts = (facts: ContactFact[]) => facts.filter((f) => f.kind === 'contact');
const ALL_TIME = { from: 0, to: Number.MAX_SAFE_INTEGER };

describe('contact facts', () => {
  it('waits from the first unanswered message when the customer wrote twice', () => {
    const facts = conversationFacts([
      inbound(at(9, 0), 'Where is my order 123?', { conversationKey: 't1' }),
      inbound(at(9, 20), 'Any news please?', { conversationKey: 't1' }),
      outbound(at(9, 50), 'It ships today.', { conversationKey: 't1', author: 'Camille' }),
      outbound(at(9, 52), 'Tracking: FR123.', { conversationKey: 't1', author: 'Camille' }),
      inbound(at(10, 30), 'Thanks, and the invoice?', { conversationKey: 't1' }),
      outbound(at(10, 35), 'Attached.', { conversationKey: 't1', author: 'Léa' }),
    ]);
    expect(contacts(facts).map((f) => [f.openedAt, f.inboundCount, f.waitMs, f.answeredBy, f.opensConversation, f.outbound.length])).toEqual([
      [at(9, 0), 2, 50 * MINUTE, 'Camille', true, 2],
      [at(10, 30), 1, 5 * MINUTE, 'Léa', false, 1],
    ]);
    // ASA over both waits: (50 + 5) / 2 = 27.5 min; FRT only on the contact opening the conversation.
    const [asa] = aggregate(facts, ALL_TIME);
    expect(asa).toMatchObject({ contacts: 2, count: 2, mean: 27.5 * MINUTE, median: 5 * MINUTE, p90: 50 * MINUTE, answeredShare: 1 });
    expect(aggregate(facts, { ...ALL_TIME, measure: 'frt' })[0]).toMatchObject({ contacts: 1, count: 1, mean: 50 * MINUTE });
  });

  it('measures an answer across midnight in calendar time, no business hours', () => {
    const facts = conversationFacts([inbound(at(23, 50, 10), 'Still waiting for my refund.'), outbound(at(0, 10, 11), 'Refund sent.')]);
    expect(contacts(facts)[0]?.waitMs).toBe(20 * MINUTE);
    // Overnight: 18:00 → 09:30 next morning is 15 h 30 min, not the 30 business minutes.
    const overnight = conversationFacts([inbound(at(18, 0, 10), 'Hello?'), outbound(at(9, 30, 11), 'Good morning!')]);
    expect(contacts(overnight)[0]?.waitMs).toBe(15 * 60 * MINUTE + 30 * MINUTE);
  });

  it('compares instants across time zones (a customer in Paris, an agent in New York)', () => {
    const asked = Date.parse('2025-03-10T23:50:00+01:00'); // 22:50 UTC, 10 March in Paris
    const answered = Date.parse('2025-03-10T18:05:00-05:00'); // 23:05 UTC, still 10 March in New York
    const facts = conversationFacts([inbound(asked, 'Ma commande ?'), outbound(answered, 'Shipped today.', { author: 'Sam (NY)' })]);
    expect(contacts(facts)[0]).toMatchObject({ waitMs: 15 * MINUTE, answeredBy: 'Sam (NY)' });
    // The contact belongs to the UTC period of its first message: 10 March 22:50Z.
    expect(aggregate(facts, { from: at(0, 0, 10), to: at(0, 0, 11) })[0]?.contacts).toBe(1);
    expect(aggregate(facts, { from: at(0, 0, 11), to: at(0, 0, 12) })).toEqual([]);
  });

  it('answers a contact by the first reply on any tool when the conversation moved', () => {
    const text = "Bonjour, ma commande 123 n'est pas arrivée, pouvez-vous vérifier ?";
    const facts = conversationFacts([
      inbound(at(9, 0), text, { tool: 'gmail', conversationKey: 'g1' }),
      // The helpdesk imported the e-mail into a ticket: the same message, read a few seconds later.
      inbound(at(9, 0) + 20_000, text, { tool: 'zendesk', conversationKey: 'z7' }),
      outbound(at(9, 40), 'Nous vérifions.', { tool: 'zendesk', conversationKey: 'z7', author: 'Camille' }),
      inbound(at(10, 0), 'Merci !', { tool: 'zendesk', conversationKey: 'z7' }),
      outbound(at(10, 5), 'Avec plaisir.', { tool: 'zendesk', conversationKey: 'z7', author: 'Camille' }),
    ]);
    expect(contacts(facts).map((f) => [f.tool, f.answerTool, f.inboundCount, f.waitMs, f.opensConversation])).toEqual([
      ['gmail', 'zendesk', 1, 40 * MINUTE, true],
      // Not a new conversation: the ticket already held the team's reply.
      ['zendesk', 'zendesk', 1, 5 * MINUTE, false],
    ]);
    expect(aggregate(facts, { ...ALL_TIME, groupBy: 'tool' }).map((g) => [g.key, g.count, g.mean])).toEqual([
      ['gmail', 1, 40 * MINUTE],
      ['zendesk', 1, 5 * MINUTE],
    ]);
    expect(aggregate(facts, { ...ALL_TIME, measure: 'frt' })[0]).toMatchObject({ count: 1, mean: 40 * MINUTE });
  });

  it('answers a customer who wrote on two channels with one reply, from the first message', () => {
    const facts = conversationFacts([
      inbound(at(9, 0), 'Order 123 is late', { channel: 'email', tool: 'gmail' }),
      inbound(at(9, 30), 'Hello? order 123', { channel: 'whatsapp', tool: 'whatsapp-web' }),
      outbound(at(9, 45), 'On its way!', { channel: 'whatsapp', tool: 'whatsapp-web', author: 'Léa' }),
    ]);
    expect(contacts(facts)).toHaveLength(1);
    expect(contacts(facts)[0]).toMatchObject({ channel: 'email', channels: ['email', 'whatsapp'], waitMs: 45 * MINUTE, answerChannel: 'whatsapp' });
  });

  it('counts unanswered contacts in the answered share only', () => {
    const facts = conversationFacts([
      inbound(at(9, 0), 'A', { customerId: 'a' }),
      outbound(at(9, 10), 'a1', { customerId: 'a' }),
      inbound(at(9, 0), 'B', { customerId: 'b' }),
      outbound(at(9, 30), 'b1', { customerId: 'b' }),
      inbound(at(11, 0), 'C, nobody answers', { customerId: 'c' }),
    ]);
    expect(contacts(facts).find((f) => f.customerId === 'c')).toMatchObject({ answeredAt: null, answeredBy: null, waitMs: null });
    // Waits 10 and 30 min; 2 of 3 contacts answered.
    expect(aggregate(facts, ALL_TIME)[0]).toEqual({ key: 'all', contacts: 3, count: 2, answeredShare: 2 / 3, mean: 20 * MINUTE, median: 10 * MINUTE, p90: 30 * MINUTE });
  });

  it('does not double count a message read in two agents’ browsers', () => {
    const facts = conversationFacts([
      // The same host message (same externalId), read by Camille's and Léa's browsers.
      inbound(at(9, 0), 'Is the blue lamp back in stock?', { id: 'camille-1', externalId: 'msg-1', conversationKey: 't1' }),
      inbound(at(9, 1), 'Is the blue lamp back in stock?', { id: 'lea-1', externalId: 'msg-1', conversationKey: 't1', seenAt: at(9, 5) }),
      // The reply read twice without a host id: same text, minutes apart.
      outbound(at(9, 20), 'Yes, since Monday.', { id: 'camille-2', conversationKey: 't1', author: 'Camille' }),
      outbound(at(9, 22), 'Yes, since Monday.', { id: 'lea-2', conversationKey: 't1', author: 'Camille' }),
    ]);
    expect(contacts(facts)).toHaveLength(1);
    expect(contacts(facts)[0]).toMatchObject({ inboundCount: 1, waitMs: 20 * MINUTE, outbound: [expect.objectContaining({ id: 'camille-2' })] });
    expect(contacts(facts)[0]?.inbound[0]?.id).toBe('camille-1');
  });

  it('keeps two messages with the same text apart when they are far apart in time', () => {
    const facts = conversationFacts([inbound(at(9, 0), 'ok'), inbound(at(9, 8), 'ok'), inbound(at(9, 16), 'ok'), inbound(at(10, 0), 'ok'), outbound(at(10, 5), 'Noted')]);
    // 9:00, 9:08 and 9:16 chain into one message (each within 10 min of the next); 10:00 is another.
    expect(contacts(facts)[0]).toMatchObject({ inboundCount: 2, waitMs: 65 * MINUTE });
  });

  it('keeps the team writing first as an outreach row, never a contact', () => {
    const facts = conversationFacts([outbound(at(8, 0), 'Your parcel is delayed.'), inbound(at(8, 30), 'How long?'), outbound(at(8, 40), 'Two days.')]);
    expect(facts.map((f) => [f.kind, f.waitMs, f.opensConversation])).toEqual([
      ['outreach', null, false],
      ['contact', 10 * MINUTE, false],
    ]);
    expect(aggregate(facts, { ...ALL_TIME, measure: 'frt' })).toEqual([]);
  });

  it('ignores notes, calls and messages of unknown direction', () => {
    const facts = conversationFacts([
      inbound(at(9, 0), 'Hi'),
      { ...inbound(at(9, 5), 'from the page, direction unread'), direction: 'unknown' },
      { id: 'n1', type: 'note', subject: { customerId: 'c1' }, at: at(9, 6), tool: 'zendesk', channel: 'email', author: 'Camille', text: 'VIP' },
      outbound(at(9, 9), 'Hello!'),
    ]);
    expect(contacts(facts).map((f) => f.waitMs)).toEqual([9 * MINUTE]);
  });

  it('recomputes two customers the identity graph merged as one', () => {
    // Known as an e-mail address (a) and a WhatsApp number (b) until the graph merged b into a.
    const events = [
      inbound(at(9, 0), 'My lamp arrived broken', { customerId: 'a', channel: 'email', tool: 'gmail' }),
      inbound(at(9, 10), 'Photo of the broken lamp', { customerId: 'b', channel: 'whatsapp', tool: 'whatsapp-web' }),
      outbound(at(9, 30), 'A new one ships today.', { customerId: 'b', channel: 'whatsapp', tool: 'whatsapp-web', author: 'Léa' }),
      outbound(at(9, 31), 'A new one ships today.', { customerId: 'a', channel: 'email', tool: 'gmail', author: 'Léa' }),
    ];
    const apart = conversationFacts(events);
    expect(contacts(apart).map((f) => [f.customerId, f.waitMs])).toEqual([
      ['a', 31 * MINUTE],
      ['b', 20 * MINUTE],
    ]);
    const merged = mergeCustomerFacts(apart, 'a');
    // One contact from 9:00, answered at 9:30 on WhatsApp; the same reply sent to both a minute apart is one message.
    expect(merged).toEqual(conversationFacts(events, { customerOf: () => 'a' }));
    expect(contacts(merged).map((f) => [f.inboundCount, f.channels, f.waitMs, f.answerChannel, f.outbound.length])).toEqual([[2, ['email', 'whatsapp'], 30 * MINUTE, 'whatsapp', 1]]);
  });
});
