import { describe, expect, it } from 'vitest';
import { dedupeEvents, dedupeKey } from '../../../../src/core/timeline/dedupe';
import type { MessageEvent } from '../../../../src/core/timeline/event';
import { messageFingerprintText } from '../../../../src/core/timeline/text';
import { commitment, external, HOUR, inbound, MINUTE, MONDAY, outbound } from '../support/timeline';

const LONG = 'Bonjour, ma commande 88213 n’est toujours pas arrivée, pouvez-vous vérifier ?';

describe('dedupeKey', () => {
  it('is the same for renderings of one message', () => {
    const variants = [
      LONG,
      "Bonjour, ma commande 88213 n'est toujours pas arrivée, pouvez-vous vérifier ?",
      '  Bonjour,   ma commande 88213\nn’est toujours pas arrivée, pouvez-vous vérifier ?  ',
      'Bonjour,\u00a0ma commande 88213 n’est toujours pas arrivée,\u200b pouvez-vous vérifier ?',
      `${LONG} (modifié)`,
      `${LONG} (edited)`,
      `${LONG}\n\nLe lun. 10 mars 2025 à 09:58, Maison Lumière <sav@maisonlumiere.fr> a écrit :\n> Bonjour Marie`,
      `${LONG}\n> previous message\n> quoted`,
      'BONJOUR, MA COMMANDE 88213 N’EST TOUJOURS PAS ARRIVÉE, POUVEZ-VOUS VÉRIFIER ?',
      'Bonjour, ma commande 88213 n’est toujours pas arrivée, pouvez-vous vérifier?',
      'Bonjour, ma commande 88213 n’est toujours pas arrivée, pouvez-vous vérifier\u202f?',
    ];
    const keys = new Set(variants.map((text) => dedupeKey(inbound(MONDAY, text))));
    expect(keys.size).toBe(1);
  });

  it('differs by direction, customer and text', () => {
    const key = dedupeKey(inbound(MONDAY, LONG));
    expect(dedupeKey(outbound(MONDAY, LONG))).not.toBe(key);
    expect(dedupeKey(inbound(MONDAY, LONG, { customerId: 'c2' }))).not.toBe(key);
    expect(dedupeKey(inbound(MONDAY, `${LONG} Merci`))).not.toBe(key);
    expect(dedupeKey(inbound(MONDAY, LONG), 'root')).toBe(dedupeKey(inbound(MONDAY, LONG, { customerId: 'c9' }), 'root'));
  });

  it('uses the source reference for orders and the id otherwise', () => {
    expect(dedupeKey(external('order', MONDAY, { reference: '88213' }))).toBe('order:shopify:88213');
    expect(dedupeKey(external('call', MONDAY, { id: 'call-1' }))).toBe('call:call-1');
    expect(dedupeKey(inbound(MONDAY, '   ', { id: 'blank' }))).toBe('message:blank');
  });

  it('straightens typography and drops quoted tails', () => {
    expect(messageFingerprintText('« Très bien » — merci…')).toBe('"très bien" - merci...');
    expect(messageFingerprintText('Oui\n\nOn Mon, Mar 10, 2025 at 10:00 AM Maison <a@b.fr> wrote:\n> hi')).toBe('oui');
  });
});

describe('dedupeEvents', () => {
  it('folds the same message read twice', () => {
    const first = inbound(MONDAY, LONG, { id: 'read-1', seenAt: MONDAY + MINUTE, conversationKey: 't1' });
    const again = inbound(MONDAY, LONG, { id: 'read-2', seenAt: MONDAY + HOUR, conversationKey: 't1' });
    const result = dedupeEvents([first, again]);
    expect(result).toHaveLength(1);
    expect(result[0]?.id).toBe('read-1');
  });

  it('folds one message shown by two tools, remembering both', () => {
    const desk = inbound(MONDAY, LONG, { id: 'z1', tool: 'zendesk', conversationKey: 'zd-4821', url: 'https://acme.zendesk.com/agent/tickets/4821' });
    const mail = inbound(MONDAY + 40_000, LONG, { id: 'g1', tool: 'gmail', conversationKey: 'thread-abc' });
    const [only, ...rest] = dedupeEvents([mail, desk]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ id: 'z1', at: MONDAY, url: 'https://acme.zendesk.com/agent/tickets/4821' });
    expect((only as MessageEvent).seenIn).toEqual([
      { eventId: 'z1', tool: 'zendesk', channel: 'email', conversationKey: 'zd-4821', url: 'https://acme.zendesk.com/agent/tickets/4821' },
      { eventId: 'g1', tool: 'gmail', channel: 'email', conversationKey: 'thread-abc' },
    ]);
  });

  it('keeps the edited text of an edited message, with its first id and time', () => {
    const original = inbound(MONDAY, 'Je voudrais un remboursement', { id: 'v1', tool: 'meta-inbox', channel: 'facebook', conversationKey: 'fb-1', seenAt: MONDAY + MINUTE });
    const edited = inbound(MONDAY, 'Je voudrais un remboursement svp, commande 88213', { id: 'v2', tool: 'meta-inbox', channel: 'facebook', conversationKey: 'fb-1', seenAt: MONDAY + 10 * MINUTE });
    const result = dedupeEvents([original, edited]);
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ id: 'v1', at: MONDAY, text: 'Je voudrais un remboursement svp, commande 88213' });
  });

  it('follows host message ids through edits', () => {
    const a = inbound(MONDAY, 'Hello, my order has not arrived', { externalId: 'msg-77', tool: 'intercom', conversationKey: 'ic-1', seenAt: MONDAY });
    const b = inbound(MONDAY, 'Completely different wording after the edit', { externalId: 'msg-77', tool: 'intercom', conversationKey: 'ic-1', seenAt: MONDAY + HOUR });
    expect(dedupeEvents([a, b]).map((e) => (e as MessageEvent).text)).toEqual(['Completely different wording after the edit']);
  });

  it('keeps two different messages that were on screen together', () => {
    const a = inbound(MONDAY, 'Je voudrais un remboursement', { conversationKey: 'fb-1', seenAt: MONDAY + MINUTE });
    const b = inbound(MONDAY + 20_000, 'Je voudrais un remboursement rapide', { conversationKey: 'fb-1', seenAt: MONDAY + MINUTE });
    expect(dedupeEvents([a, b])).toHaveLength(2);
  });

  it('keeps a customer who wrote the same short thing twice, hours apart', () => {
    const a = inbound(MONDAY, 'Bonjour ?', { tool: 'meta-inbox' });
    const b = inbound(MONDAY + 2 * HOUR, 'Bonjour ?', { tool: 'gmail' });
    expect(dedupeEvents([a, b])).toHaveLength(2);
  });

  it('folds a long message that another tool shows shifted by a time zone', () => {
    const utc = inbound(MONDAY, LONG, { tool: 'zendesk' });
    const shifted = inbound(MONDAY + HOUR + 30_000, LONG, { tool: 'outlook' });
    const india = inbound(MONDAY + 5.5 * HOUR, LONG, { tool: 'freshdesk' });
    expect(dedupeEvents([utc, shifted, india])).toHaveLength(1);
    // Not within one tool, where the same text an hour later is a second message.
    expect(dedupeEvents([utc, inbound(MONDAY + HOUR, LONG, { tool: 'zendesk' })])).toHaveLength(2);
    // Not for an offset that is no time zone.
    expect(dedupeEvents([utc, inbound(MONDAY + HOUR + 13 * MINUTE, LONG, { tool: 'outlook' })])).toHaveLength(2);
  });

  it('folds readings on both sides of midnight', () => {
    const late = Date.UTC(2025, 2, 10, 22, 58, 30);
    const a = inbound(late, 'Toujours rien reçu', { tool: 'zendesk' });
    const b = inbound(late + 2 * MINUTE + 40_000, 'Toujours rien reçu', { tool: 'gmail' });
    expect(dedupeEvents([a, b])).toHaveLength(1);
  });

  it('never folds across direction or customer', () => {
    expect(dedupeEvents([inbound(MONDAY, LONG), outbound(MONDAY, LONG)])).toHaveLength(2);
    expect(dedupeEvents([inbound(MONDAY, LONG), inbound(MONDAY, LONG, { customerId: 'c2' })])).toHaveLength(2);
  });

  it('folds across merged customers when told whose timeline it is', () => {
    const a = inbound(MONDAY, LONG, { customerId: 'c1', tool: 'zendesk' });
    const b = inbound(MONDAY + MINUTE, LONG, { customerId: 'c2', tool: 'meta-inbox' });
    expect(dedupeEvents([a, b], { customerOf: () => 'root' })).toHaveLength(1);
  });

  it('folds orders and commitments reported twice, and sorts by time', () => {
    const due = MONDAY + 4 * 24 * HOUR;
    const events = [
      external('order', MONDAY, { reference: '88213' }),
      commitment(MONDAY + HOUR, due, 'Je vous rembourse d’ici vendredi.'),
      external('order', MONDAY - HOUR, { reference: '88213' }),
      commitment(MONDAY + 2 * HOUR, due, "Je vous rembourse d'ici vendredi."),
      external('order', MONDAY + 5 * HOUR, { reference: '90001' }),
      inbound(MONDAY - 2 * HOUR, 'Bonjour'),
    ];
    const result = dedupeEvents(events);
    expect(result.map((e) => [e.type, e.at - MONDAY])).toEqual([
      ['message', -2 * HOUR],
      ['order', -HOUR],
      ['commitment', HOUR],
      ['order', 5 * HOUR],
    ]);
  });

  it('respects a custom window', () => {
    const a = inbound(MONDAY, 'Où en est ma commande ?', { tool: 'zendesk' });
    const b = inbound(MONDAY + 5 * MINUTE, 'Où en est ma commande ?', { tool: 'gmail' });
    expect(dedupeEvents([a, b], { windowMs: MINUTE })).toHaveLength(2);
    expect(dedupeEvents([a, b])).toHaveLength(1);
  });
});
