import { describe, expect, it } from 'vitest';
import { alerts, findRepeatContacts, type TimelineAlert } from '../../../../src/core/timeline/alerts';
import { DAY, external, HOUR, inbound, MINUTE, MONDAY, outbound } from '../support/timeline';

const now = MONDAY;
const ofType = <T extends TimelineAlert['type']>(list: TimelineAlert[], type: T) => list.filter((a): a is Extract<TimelineAlert, { type: T }> => a.type === type);

const ig = { tool: 'meta-inbox', channel: 'instagram', conversationKey: 'ig-9' } as const;
const desk = { tool: 'zendesk', channel: 'email', conversationKey: 'zd-1' } as const;
const mail = { tool: 'gmail', channel: 'email', conversationKey: 'thread-7' } as const;

describe('waiting elsewhere', () => {
  it('shows a customer who wrote twice on Instagram before any answer, while the agent is in the helpdesk', () => {
    const first = inbound(now - 3 * HOUR, 'Bonjour ?', ig);
    const second = inbound(now - 2 * HOUR - 40 * MINUTE, 'Il y a quelqu’un ?', ig);
    const list = alerts([first, second, inbound(now - HOUR, 'Ma commande 88213 ?', desk)], now, { currentTool: 'zendesk', currentConversation: 'zd-1' });
    expect(ofType(list, 'waiting-elsewhere')).toEqual([
      { type: 'waiting-elsewhere', thread: { tool: 'meta-inbox', channel: 'instagram', conversationKey: 'ig-9' }, waitingSince: first.at, messages: 2, latest: second },
    ]);
  });

  it('does not count the conversation on screen, answered threads, or stale ones', () => {
    const events = [
      inbound(now - 3 * HOUR, 'Bonjour ?', ig),
      inbound(now - 5 * HOUR, 'Question', mail),
      outbound(now - 4 * HOUR, 'Réponse', mail),
      inbound(now - 20 * DAY, 'Très vieux message', { tool: 'front', channel: 'chat', conversationKey: 'old' }),
    ];
    expect(ofType(alerts(events, now, { currentTool: 'meta-inbox', currentConversation: 'ig-9' }), 'waiting-elsewhere')).toEqual([]);
  });

  it('counts only the messages after the last answer', () => {
    const events = [inbound(now - 5 * HOUR, 'Q1', mail), outbound(now - 4 * HOUR, 'A1', mail), inbound(now - 3 * HOUR, 'Q2', mail), inbound(now - 2 * HOUR, 'Q3', mail)];
    expect(ofType(alerts(events, now, { currentTool: 'zendesk' }), 'waiting-elsewhere')).toMatchObject([{ waitingSince: now - 3 * HOUR, messages: 2 }]);
  });

  it('treats every conversation of the current tool as current when no conversation is given', () => {
    expect(ofType(alerts([inbound(now - HOUR, 'Q', desk)], now, { currentTool: 'zendesk' }), 'waiting-elsewhere')).toEqual([]);
    expect(ofType(alerts([inbound(now - HOUR, 'Q', desk)], now), 'waiting-elsewhere')).toHaveLength(1);
  });
});

describe('answered elsewhere', () => {
  it('shows a colleague’s reply from another tool within a day, latest first', () => {
    const reply = outbound(now - HOUR, 'Bonjour Marie, votre colis arrive demain.', { ...mail, author: 'Lucas' });
    const older = outbound(now - 5 * HOUR, 'Nous regardons.', desk);
    const list = alerts([inbound(now - 2 * HOUR, 'Et ma commande ?', ig), reply, older], now, { currentTool: 'meta-inbox', currentConversation: 'ig-9' });
    expect(ofType(list, 'answered-elsewhere')).toEqual([
      { type: 'answered-elsewhere', reply, thread: { tool: 'gmail', channel: 'email', conversationKey: 'thread-7' } },
      { type: 'answered-elsewhere', reply: older, thread: { tool: 'zendesk', channel: 'email', conversationKey: 'zd-1' } },
    ]);
  });

  it('counts an outbound phone call, and ignores replies in the current thread or too old', () => {
    const call = external('call', now - 2 * HOUR, { direction: 'outbound', summary: 'Rappel cliente' });
    const events = [call, outbound(now - 2 * HOUR, 'ici', ig), outbound(now - 30 * HOUR, 'vieux', mail)];
    expect(ofType(alerts(events, now, { currentTool: 'meta-inbox', currentConversation: 'ig-9' }), 'answered-elsewhere').map((a) => a.reply)).toEqual([call]);
    expect(ofType(alerts(events, now, { currentTool: 'meta-inbox', currentConversation: 'ig-9', answeredWithinHours: 48 }), 'answered-elsewhere')).toHaveLength(2);
  });
});

describe('repeat contact', () => {
  it('ties an e-mail, an Instagram DM and a phone call about order 88213', () => {
    const events = [
      inbound(now - 5 * DAY, 'Ma commande 88213 n’est jamais arrivée, le colis est perdu ?', desk),
      outbound(now - 5 * DAY + HOUR, 'Nous enquêtons.', desk),
      inbound(now - 2 * DAY, 'Toujours pas reçu ma commande 88213 !!', ig),
      external('call', now - DAY, { direction: 'inbound', summary: 'Cliente appelle, commande 88213 non livrée' }),
      inbound(now - 3 * DAY, 'Avez-vous la robe bleue en taille 38 ?', { tool: 'front', channel: 'chat', conversationKey: 'chat-3' }),
    ];
    const [repeat, ...others] = findRepeatContacts(events, now);
    expect(others).toEqual([]);
    expect(repeat).toMatchObject({
      type: 'repeat-contact',
      channels: ['email', 'instagram', 'phone'],
      crossChannel: true,
      contacts: 3,
      firstAt: now - 5 * DAY,
      lastAt: now - DAY,
    });
    expect(repeat?.threads.map((t) => t.tool)).toEqual(['zendesk', 'meta-inbox', 'hub']);
    expect(repeat?.keywords[0]).toBe('88213');
    expect(ofType(alerts(events, now, {}), 'repeat-contact')).toEqual([repeat]);
  });

  it('ties two threads sharing enough words without a reference number', () => {
    const events = [inbound(now - 3 * DAY, 'Colis abîmé, je demande un remboursement', desk), inbound(now - DAY, 'Remboursement du colis abîmé svp', ig)];
    expect(findRepeatContacts(events, now)).toMatchObject([{ keywords: ['abime', 'coli', 'remboursement'], crossChannel: true }]);
  });

  it('keeps different topics apart, and old contacts out of the window', () => {
    const different = [inbound(now - 3 * DAY, 'Question about sizes for the blue dress', desk), inbound(now - DAY, 'Please change my delivery address', ig)];
    expect(findRepeatContacts(different, now)).toEqual([]);
    const old = [inbound(now - 20 * DAY, 'Commande 88213 perdue', desk), inbound(now - DAY, 'Commande 88213 perdue', ig)];
    expect(findRepeatContacts(old, now)).toEqual([]);
    expect(findRepeatContacts(old, now, 30)).toHaveLength(1);
  });

  it('counts a second ticket on the same channel as a repeat, not cross-channel', () => {
    const events = [inbound(now - 3 * DAY, 'Commande 88213 perdue', desk), inbound(now - DAY, 'Relance commande 88213', { ...desk, conversationKey: 'zd-2' })];
    expect(findRepeatContacts(events, now)).toMatchObject([{ crossChannel: false, channels: ['email'], contacts: 2 }]);
  });
});

describe('alert order', () => {
  it('lists waiting, then answered, then repeat alerts', () => {
    const events = [
      inbound(now - 2 * DAY, 'Commande 88213 perdue', desk),
      inbound(now - DAY, 'Commande 88213 toujours perdue', ig),
      outbound(now - HOUR, 'On regarde', mail),
    ];
    expect(alerts(events, now, { currentTool: 'front' }).map((a) => a.type)).toEqual(['waiting-elsewhere', 'waiting-elsewhere', 'answered-elsewhere', 'repeat-contact']);
  });
});
