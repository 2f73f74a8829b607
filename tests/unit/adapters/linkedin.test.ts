// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { linkedinAdapter } from '../../../src/adapters/linkedin/index';
import { appId, context, fixture, handle, local, readPage } from './site-fixture';

const URL = 'https://www.linkedin.com/messaging/thread/2-MzE4ZjU2ZmEtNWI0Mi00ZDU3LWJiOGEtNzQ2ZGI0ZTJhN2Ex/';

describe('linkedin: messaging thread', () => {
  // Day headings show no year ("Nov 20"): the year is the current one.
  beforeAll(() => vi.useFakeTimers({ now: new Date(2026, 10, 22, 12, 0), toFake: ['Date'] }));
  afterAll(() => vi.useRealTimers());

  it('reads the other member, her profile handle and the thread id', () => {
    const d = readPage(linkedinAdapter, context(fixture('linkedin', 'thread'), URL));
    expect(d.customer.name).toBe('Camille Petit');
    expect(d.customer.identifiers).toEqual([
      handle('camille-petit-7a1b2c', '@camille-petit-7a1b2c', 'linkedin'),
      appId('linkedin:thread', '2-MzE4ZjU2ZmEtNWI0Mi00ZDU3LWJiOGEtNzQ2ZGI0ZTJhN2Ex', 0.5),
    ]);
    expect(d.conversation.key).toBe('linkedin:thread:2-MzE4ZjU2ZmEtNWI0Mi00ZDU3LWJiOGEtNzQ2ZGI0ZTJhN2Ex');
  });

  it('reads grouped messages: day headings, 12-hour clock, follow-ups at the group time', () => {
    const d = readPage(linkedinAdapter, context(fixture('linkedin', 'thread'), URL));
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', author: 'Camille Petit', time: local(2026, 11, 20, 9, 12), channel: 'linkedin', text: "Bonjour Thomas, nous cherchons un boulanger pour les petits-déjeuners de l'hôtel (80 couverts)." },
      { direction: 'inbound', time: local(2026, 11, 20, 9, 12), channel: 'linkedin', text: "Pourriez-vous m'envoyer vos tarifs ?" },
      { direction: 'outbound', author: 'Thomas Bernard', time: local(2026, 11, 21, 18, 5), channel: 'linkedin', text: 'Bonjour Camille, avec plaisir : je vous envoie la grille demain matin.' },
    ]);
  });

  it('finds the message form and applies only under /messaging/', () => {
    const doc = fixture('linkedin', 'thread');
    expect(linkedinAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Write a message…');
    expect(linkedinAdapter.matches(context(doc, 'https://www.linkedin.com/feed/'))).toBe(false);
  });
});
