import { describe, expect, it } from 'vitest';
import { acuity } from '../../../../src/core/timeline/acuity';
import { isShouting, wordingSignals } from '../../../../src/core/timeline/wording';
import { commitment, DAY, external, HOUR, inbound, MINUTE, MONDAY, outbound } from '../support/timeline';

const now = MONDAY;
/** A message the team already answered, so waiting time does not count. */
const answered = (text: string, at = now - HOUR) => [inbound(at, text), outbound(at + MINUTE, 'Bien reçu.')];

describe('wording', () => {
  it.each([
    ["Je vais voir mon avocat et vous envoyer une mise en demeure", ['legal']],
    ['C’est une ARNAQUE', ['fraud']],
    ['Service INADMISSIBLE, c’est un scandale', ['anger']],
    ['Je veux être remboursée', ['refund']],
    ['Je résilie mon abonnement', ['cancel']],
    ['C’est urgent, répondez immédiatement', ['urgency']],
    ['Toujours pas de réponse, troisième fois que j’écris', ['repeat']],
    ['I will contact my lawyer and file a chargeback', ['legal']],
    ['This is a scam, you are thieves', ['fraud']],
    ['Absolutely unacceptable, I am furious', ['anger']],
    ['I want a refund and I want to cancel', ['refund', 'cancel']],
    ['Please reply ASAP', ['urgency']],
    ['Still waiting, no reply since Monday', ['repeat']],
  ])('%j → %j', (text, categories) => {
    expect(wordingSignals(text).map((s) => s.category)).toEqual(categories);
  });

  it.each(['Pas urgent, merci', 'Not urgent at all', 'Bonjour, quelle est la taille du modèle ?', 'Thanks, it works now', 'Un court délai suffira', 'Je voudrais avoir la taille 38'])('%j → nothing', (text) => {
    expect(wordingSignals(text)).toEqual([]);
  });

  it('hears shouting', () => {
    expect(isShouting('JE VEUX MON ARGENT MAINTENANT')).toBe(true);
    expect(isShouting('Vraiment ???!!!')).toBe(true);
    expect(isShouting('Bonjour, commande SNCF 88213')).toBe(false);
  });
});

describe('acuity', () => {
  it('scores a calm question low', () => {
    expect(acuity(answered('Bonjour, quelle est la taille du modèle ?'), now)).toEqual({ score: 0, level: 'low', reasons: [] });
  });

  it('scores legal threats and fraud wording high, with the terms found', () => {
    const result = acuity(answered("C'est une arnaque, inadmissible ! Remboursez-moi immédiatement, sinon mon avocat vous enverra une mise en demeure."), now);
    expect(result.score).toBe(55);
    expect(result.level).toBe('high');
    expect(result.reasons.map((r) => [r.code, r.category, r.points])).toEqual([
      ['wording', 'legal', 30],
      ['wording', 'fraud', 25],
    ]);
    expect(result.reasons[0]?.terms).toEqual(['avocat', 'mise en demeure']);
  });

  it('scores English the same way', () => {
    const result = acuity(answered('This is a scam. I want a refund NOW or I will file a chargeback.'), now);
    expect(result.reasons.slice(0, 2).map((r) => r.category)).toEqual(['legal', 'fraud']);
    expect(result.score).toBe(55);
  });

  it('halves wording older than a week, and ignores it after the window', () => {
    expect(acuity(answered('Inadmissible', now - 10 * DAY), now).reasons).toMatchObject([{ category: 'anger', points: 7.5 }]);
    expect(acuity(answered('Inadmissible', now - 40 * DAY), now).score).toBe(0);
  });

  it('adds waiting time, repeat contacts and overdue commitments', () => {
    const events = [
      inbound(now - 30 * HOUR, 'Commande 88213 toujours pas reçue', { tool: 'zendesk', conversationKey: 'zd-1' }),
      inbound(now - 4 * DAY, 'Commande 88213 perdue ?', { tool: 'meta-inbox', channel: 'instagram', conversationKey: 'ig-1' }),
      outbound(now - 4 * DAY + HOUR, 'Nous regardons', { tool: 'meta-inbox', channel: 'instagram', conversationKey: 'ig-1' }),
      commitment(now - 4 * DAY, now - DAY, 'Je vous rappelle demain', { kind: 'callback' }),
    ];
    const result = acuity(events, now);
    expect(result.reasons.map((r) => [r.code, r.points])).toEqual([
      ['waiting', 12],
      ['overdue-commitment', 12],
      ['repeat-contact', 10],
      // "toujours pas": the customer says they are repeating themselves.
      ['wording', 8],
    ]);
    expect(result.score).toBe(42);
    expect(result.level).toBe('medium');
    expect(result.reasons.find((r) => r.code === 'waiting')?.detail).toBe('waiting for 30 h');
  });

  it('tops out at 100 and calls it critical', () => {
    const events = [
      inbound(now - 80 * HOUR, 'ARNAQUE !!! Je porte plainte, mon avocat est prévenu. Inadmissible. Remboursez immédiatement ou je résilie.', { conversationKey: 'a' }),
      inbound(now - 2 * DAY, 'Arnaque, commande 88213', { tool: 'meta-inbox', channel: 'instagram', conversationKey: 'b' }),
      inbound(now - DAY, 'Commande 88213 arnaque', { tool: 'front', channel: 'chat', conversationKey: 'c' }),
      external('call', now - DAY, { direction: 'inbound', summary: 'Commande 88213, arnaque' }),
      commitment(now - 5 * DAY, now - 3 * DAY, 'Remboursement', {}),
      commitment(now - 5 * DAY, now - 2 * DAY, 'Rappel', { kind: 'callback' }),
      commitment(now - 5 * DAY, now - 2 * DAY, 'Envoi', { kind: 'shipment' }),
    ];
    const result = acuity(events, now);
    expect(result.score).toBe(100);
    expect(result.level).toBe('critical');
    expect(result.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['wording', 'shouting', 'repeat-contact', 'waiting', 'overdue-commitment']));
    expect(result.reasons.find((r) => r.code === 'overdue-commitment')?.points).toBe(25);
  });

  it('reads only the customer’s words, not the team’s', () => {
    expect(acuity([outbound(now - HOUR, 'Nous vous remboursons immédiatement, désolés pour cette arnaque du transporteur.')], now).score).toBe(0);
  });
});
