/**
 * One page read by two adapters: the generic adapter read the Atelier CRM page (tests/fixtures/
 * teach/) before a custom adapter was taught for it, gluing each message's author and time to its
 * text and reading no time; then the custom adapter read the same three messages apart from their
 * headers. The customer's history shows each message once.
 */
import { describe, expect, it } from 'vitest';
import { dedupeEvents } from '../../../../src/core/timeline/dedupe';
import type { MessageEvent } from '../../../../src/core/timeline/event';
import { DAY, inbound, MINUTE, outbound } from '../support/timeline';

const KEY = 'http://127.0.0.1:4300/teach/2026-11-23-atelier-crm#/clients/4821';
const READ_AT = Date.UTC(2026, 10, 23, 9, 0);
const TEXTS = [
  'Bonjour, la lampe Lumen reçue samedi ne s’allume plus. Pouvez-vous m’aider ?',
  'Bonjour Jeanne, pouvez-vous nous envoyer une photo de l’étiquette sous le pied ?',
  'Voici la photo, la référence est LM-220.',
];
const HEADERS = ['Jeanne Moreau18/11/2026 09:12 ', 'Paul Girard18/11/2026 10:40 ', 'Jeanne Moreau19/11/2026 08:05 '];
const SENT = [Date.UTC(2026, 10, 18, 8, 12), Date.UTC(2026, 10, 18, 9, 40), Date.UTC(2026, 10, 19, 7, 5)];

/** The generic reading: headers glued on, no time read (page order just before the reading). */
const genericReading = (): MessageEvent[] => [
  inbound(READ_AT - 3, HEADERS[0]! + TEXTS[0]!, { tool: 'generic', conversationKey: KEY, seenAt: READ_AT }),
  outbound(READ_AT - 2, HEADERS[1]! + TEXTS[1]!, { tool: 'generic', conversationKey: KEY, seenAt: READ_AT }),
  inbound(READ_AT - 1, HEADERS[2]! + TEXTS[2]!, { tool: 'generic', conversationKey: KEY, seenAt: READ_AT }),
  // The generic reader did not tell the author apart.
].map(({ author: _author, ...m }) => m);

/** The taught reading, a few minutes later: text, author and time apart; the agent's direction unknown. */
const taughtReading = (): MessageEvent[] => {
  const seenAt = READ_AT + 5 * MINUTE;
  const o = { tool: 'custom:atelier-crm', conversationKey: KEY, seenAt };
  return [
    inbound(SENT[0]!, TEXTS[0]!, { ...o, author: 'Jeanne Moreau' }),
    { ...outbound(SENT[1]!, TEXTS[1]!, { ...o, author: 'Paul Girard' }), direction: 'unknown' },
    inbound(SENT[2]!, TEXTS[2]!, { ...o, author: 'Jeanne Moreau' }),
  ];
};

const messages = (events: ReturnType<typeof dedupeEvents>) => events.filter((e): e is MessageEvent => e.type === 'message');

describe('dedupeEvents: one conversation read by two adapters', () => {
  it('shows each message once, with the taught reading’s text, author and time', () => {
    const taught = taughtReading();
    const shown = messages(dedupeEvents([...genericReading(), ...taught]));
    expect(shown.map((m) => m.text)).toEqual(TEXTS);
    expect(shown.map((m) => m.at)).toEqual(SENT);
    expect(shown.map((m) => m.author)).toEqual(['Jeanne Moreau', 'Paul Girard', 'Jeanne Moreau']);
    // The generic reader knew this one was the agent's: kept.
    expect(shown.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    expect(shown.map((m) => m.id)).toEqual(taught.map((m) => m.id));
    expect(shown[0]!.seenIn?.map((s) => s.tool).sort()).toEqual(['custom:atelier-crm', 'generic']);
  });

  it('keeps the taught reading’s text when the generic adapter read the page again afterwards', () => {
    const taught = taughtReading();
    const later = READ_AT + 10 * MINUTE;
    const generic = genericReading().map((m, i) => ({ ...m, at: later - 3 + i, seenAt: later }));
    for (const events of [[...taught, ...generic], [...generic, ...taught]]) {
      const shown = messages(dedupeEvents(events));
      expect(shown.map((m) => m.text)).toEqual(TEXTS);
      expect(shown.map((m) => m.at)).toEqual(SENT);
      expect(shown.map((m) => m.author)).toEqual(['Jeanne Moreau', 'Paul Girard', 'Jeanne Moreau']);
      expect(shown.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    }
  });

  it('folds two readings that both show a time only when the times agree', () => {
    const o = { conversationKey: KEY };
    const taught = inbound(SENT[0]!, TEXTS[0]!, { ...o, tool: 'custom:atelier-crm', author: 'Jeanne Moreau', seenAt: READ_AT });
    // The generic adapter read the time this time, and glued the header on.
    const glued = inbound(SENT[0]! + MINUTE, HEADERS[0]! + TEXTS[0]!, { ...o, tool: 'generic', seenAt: READ_AT + MINUTE });
    expect(messages(dedupeEvents([glued, taught])).map((m) => [m.text, m.at])).toEqual([[TEXTS[0], SENT[0]]]);
    // 13 days later, another message that starts with the same thanks.
    const thanks = inbound(Date.UTC(2026, 10, 10, 9, 30), 'Merci pour votre retour rapide', { ...o, tool: 'custom:atelier-crm', seenAt: READ_AT });
    const complaint = inbound(Date.UTC(2026, 10, 23, 8, 45), 'Merci pour votre retour rapide. Par contre le colis est arrivé abîmé, le pied est tordu.', {
      ...o,
      tool: 'generic',
      seenAt: READ_AT,
    });
    expect(messages(dedupeEvents([thanks, complaint])).map((m) => m.text)).toEqual([thanks.text, complaint.text]);
  });

  it('keeps apart what is not the same message', () => {
    const [first] = taughtReading();
    const generic = genericReading()[0]!;
    // Another conversation, or the same text in the other direction.
    expect(messages(dedupeEvents([first!, { ...generic, conversationKey: `${KEY}-other` }]))).toHaveLength(2);
    expect(messages(dedupeEvents([first!, { ...generic, direction: 'outbound' }]))).toHaveLength(2);
    // A short reply may repeat on its own: not folded into a longer message that ends with it.
    const short = inbound(SENT[0]!, 'Merci !', { tool: 'custom:atelier-crm', conversationKey: KEY });
    const long = inbound(READ_AT, 'Jeanne Moreau 20/11 Merci !', { tool: 'generic', conversationKey: KEY });
    expect(messages(dedupeEvents([short, long]))).toHaveLength(2);
    // Text in the middle of another message is a quote, not a header glued on.
    const quoted = inbound(READ_AT, `Vous m’aviez écrit « ${TEXTS[2]} » et rien depuis.`, { tool: 'generic', conversationKey: KEY });
    expect(messages(dedupeEvents([taughtReading()[2]!, quoted]))).toHaveLength(2);
    // Two messages of one reader never fold into one another, even days apart.
    const again = inbound(SENT[2]! + 2 * DAY, `Relance : ${TEXTS[2]}`, { tool: 'custom:atelier-crm', conversationKey: KEY });
    expect(messages(dedupeEvents([taughtReading()[2]!, again]))).toHaveLength(2);
  });
});
