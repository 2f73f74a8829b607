import { describe, expect, it } from 'vitest';
import { conversationFacts } from '../../../../src/core/metrics/contacts';
import { repeatContacts } from '../../../../src/core/metrics/repeat-contacts';
import { DAY, HOUR, inbound, outbound } from '../support/timeline';

const T0 = Date.UTC(2025, 2, 10, 9, 0);
const on = (customerId: string, channel: string, at: number, text = `${customerId} on ${channel} at ${at}`) => inbound(at, text, { customerId, channel, tool: channel });

describe('repeat contacts', () => {
  const facts = conversationFacts([
    // a: e-mail, answered, then WhatsApp two days later → repeat (email+whatsapp).
    on('a', 'email', T0),
    outbound(T0 + HOUR, 'answer', { customerId: 'a' }),
    on('a', 'whatsapp', T0 + 2 * DAY),
    // b: e-mail then, before any answer, Instagram an hour later → repeat within one contact.
    on('b', 'email', T0),
    on('b', 'instagram', T0 + HOUR),
    // c: e-mail, then e-mail again: one channel, not a repeat.
    on('c', 'email', T0),
    on('c', 'email', T0 + DAY),
    // d: e-mail, then X four days later: outside the 3-day window.
    on('d', 'email', T0),
    on('d', 'x', T0 + 4 * DAY),
    // e: X before the period, e-mail in it, within 3 days → repeat.
    on('e', 'x', T0 - DAY),
    on('e', 'email', T0 + HOUR),
    // f: only before the period.
    on('f', 'x', T0 - 2 * DAY),
  ]);

  it('finds customers who wrote on two channels within 3 days', () => {
    const period = { from: T0 - HOUR, to: T0 + 7 * DAY };
    // a, b, c, d, e wrote in the period; a, b, e are repeats: 3 / 5.
    expect(repeatContacts(facts, period)).toEqual({
      customers: 5,
      repeatCustomers: 3,
      share: 0.6,
      byChannels: { 'email+whatsapp': 1, 'email+instagram': 1, 'email+x': 1 },
      customerIds: ['a', 'b', 'e'],
    });
  });

  it('gives the same figures for rows in any order', () => {
    const period = { from: T0 - HOUR, to: T0 + 7 * DAY };
    expect(repeatContacts([...facts].reverse(), period)).toEqual(repeatContacts(facts, period));
  });

  it('takes the window in days', () => {
    const period = { from: T0 - HOUR, to: T0 + 7 * DAY };
    expect(repeatContacts(facts, { ...period, windowDays: 5 }).customerIds).toEqual(['a', 'b', 'd', 'e']);
    expect(repeatContacts(facts, { ...period, windowDays: 1 / 24 }).customerIds).toEqual(['b']);
  });
});
