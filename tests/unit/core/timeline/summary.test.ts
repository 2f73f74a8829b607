import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../../src/core/timeline/language';
import { summarise } from '../../../../src/core/timeline/summary';
import { commitment, DAY, external, HOUR, inbound, MONDAY, note, outbound } from '../support/timeline';

const now = MONDAY;

/** Marie: three orders, an e-mail thread, an Instagram DM, a phone call, two promises (one broken). */
function marie() {
  return [
    external('order', Date.UTC(2024, 0, 15), { reference: '70011' }),
    external('order', Date.UTC(2024, 10, 2), { reference: '81220' }),
    external('order', now - 9 * DAY, { reference: '88213' }),
    inbound(now - 7 * DAY, 'Bonjour, ma commande 88213 n’est pas arrivée. Pouvez-vous vérifier ?', { tool: 'zendesk', conversationKey: 'zd-1' }),
    outbound(now - 7 * DAY + 2 * HOUR, 'Bonjour Marie, je vérifie avec le transporteur.', { tool: 'zendesk', conversationKey: 'zd-1' }),
    commitment(now - 7 * DAY + 2 * HOUR, now - 3 * DAY, 'Je vous rappelle vendredi.', { kind: 'callback', id: 'late' }),
    inbound(now - 2 * DAY, 'Toujours rien reçu pour la commande, c’est long…', { tool: 'meta-inbox', channel: 'instagram', conversationKey: 'ig-9' }),
    external('call', now - DAY, { direction: 'inbound', summary: 'Cliente appelle pour la commande 88213' }),
    commitment(now - DAY, now + 2 * DAY, 'Remboursement sous 3 jours', { id: 'soon' }),
    note(now - DAY, 'Cliente fidèle, geste commercial possible'),
    // The future is not "last contact".
    outbound(now + HOUR, 'Message programmé', { tool: 'zendesk', conversationKey: 'zd-1' }),
  ];
}

describe('summarise', () => {
  it('gives channels, last contact, open commitments, stage and language for a hand-built timeline', () => {
    const summary = summarise(marie(), now);
    expect(summary.channels).toEqual([
      { channel: 'phone', tools: ['hub'], contacts: 1, lastAt: now - DAY },
      { channel: 'instagram', tools: ['meta-inbox'], contacts: 1, lastAt: now - 2 * DAY },
      { channel: 'email', tools: ['zendesk'], contacts: 2, lastAt: now - 7 * DAY + 2 * HOUR },
    ]);
    expect(summary.lastContact).toMatchObject({ type: 'call', at: now - DAY, channel: 'phone', tool: 'hub', direction: 'inbound' });
    expect(summary.openCommitments.map((c) => [c.commitment.id, c.overdue])).toEqual([
      ['late', true],
      ['soon', false],
    ]);
    expect(summary.overdueCommitments).toBe(1);
    expect(summary.stage.stage).toBe('at-risk');
    expect(summary.stage.explanation).toBe('At risk: 1 overdue commitment. 3 orders, the last 9 days ago.');
    expect(summary.stage.facts).toMatchObject({ orders: 3, returns: 0, complaints: 0, overdueCommitments: 1, lastOrderAt: now - 9 * DAY });
    expect(summary.language).toEqual({ language: 'fr', confidence: 1 });
  });

  it('is empty but well-formed for no events', () => {
    expect(summarise([], now)).toEqual({
      channels: [],
      openCommitments: [],
      overdueCommitments: 0,
      stage: { stage: 'prospect', explanation: 'Prospect: no order yet.', facts: { orders: 0, returns: 0, complaints: 0, complaintTerms: [], overdueCommitments: 0 } },
    });
  });

  it('keeps where the last contact happened so the sidebar can jump back to it', () => {
    const events = [inbound(now - HOUR, 'Hello', { tool: 'front', channel: 'chat', conversationKey: 'cnv_1', url: 'https://app.frontapp.com/open/cnv_1' })];
    expect(summarise(events, now).lastContact).toEqual({
      eventId: events[0]?.id,
      type: 'message',
      at: now - HOUR,
      channel: 'chat',
      tool: 'front',
      direction: 'inbound',
      conversationKey: 'cnv_1',
      url: 'https://app.frontapp.com/open/cnv_1',
    });
  });
});

describe('stage', () => {
  const orders = (...daysAgo: number[]) => daysAgo.map((d) => external('order', now - d * DAY));
  it.each([
    ['prospect', [inbound(now - DAY, 'Vous livrez en Belgique ?')], 'Prospect: no order yet.'],
    ['new', orders(5), 'New customer: 1 order, the last 5 days ago.'],
    ['new', [...orders(40, 1), external('return', now - HOUR)], 'New customer: 2 orders, 1 return, the last yesterday.'],
    ['loyal', orders(400, 200, 30, 0), 'Loyal: 4 orders, the last today.'],
    ['at-risk', orders(900, 700, 400), 'At risk: no order for 400 days. 3 orders, the last 400 days ago.'],
    [
      'at-risk',
      [...orders(300, 100, 10), inbound(now - 2 * DAY, "C'est une ARNAQUE, service inadmissible")],
      'At risk: a complaint 2 days ago ("arnaque", "inadmissible"). 3 orders, the last 10 days ago.',
    ],
    // An old complaint (40 days) no longer makes a loyal customer at risk.
    ['loyal', [...orders(300, 100, 10), inbound(now - 40 * DAY, 'Inadmissible !')], 'Loyal: 3 orders, the last 10 days ago.'],
    // A refund request is not a complaint.
    ['new', [...orders(3), inbound(now - DAY, 'Je voudrais un remboursement')], 'New customer: 1 order, the last 3 days ago.'],
  ] as const)('%s: %s', (stage, events, explanation) => {
    expect(summarise(events, now).stage).toMatchObject({ stage, explanation });
  });
});

describe('language', () => {
  it('reads the customer’s own messages, not ours', () => {
    const events = [
      inbound(now - DAY, 'Hello, I have not received my order yet, can you check it please?'),
      outbound(now - DAY + HOUR, 'Bonjour, nous vérifions et revenons vers vous.'),
      outbound(now - DAY + 2 * HOUR, 'Nous avons relancé le transporteur pour vous.'),
    ];
    expect(summarise(events, now).language?.language).toBe('en');
  });

  it.each([
    [['Bonjour, je n’ai pas reçu ma commande'], 'fr'],
    [['Salut, c’est pour un échange de taille svp'], 'fr'],
    [['Hi there, is this still available?'], 'en'],
    [['My parcel is late and I am not happy with the service'], 'en'],
    [['Bonjour', 'Thanks, this is what I wanted to know and it works'], 'en'],
  ] as const)('%j → %s', (texts, language) => {
    expect(detectLanguage(texts)?.language).toBe(language);
  });

  it('says nothing when there is too little to tell', () => {
    expect(detectLanguage(['88213 ok'])).toBeUndefined();
    expect(detectLanguage([])).toBeUndefined();
  });
});
