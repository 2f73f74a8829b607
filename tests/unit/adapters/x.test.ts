// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../../src/adapters/x/index';
import { appId, context, fixture, handle, readPage, values } from './site-fixture';

describe('x: direct messages', () => {
  const doc = fixture('x', 'dm');
  const d = readPage(xAdapter, context(doc, 'https://x.com/messages/1456789012-1600000000000000001'));

  it('reads the other person of the conversation, never the signed-in account', () => {
    expect(d.customer.name).toBe('Camille Petit');
    expect(d.customer.identifiers).toEqual([
      handle('camille_petit', '@camille_petit', 'x'),
      appId('x:dm', '1456789012-1600000000000000001', 0.5),
    ]);
    expect(values(d)).not.toContain('@boulangerie_b');
    expect(d.conversation.key).toBe('x:dm:1456789012-1600000000000000001');
  });

  it('reads the messages with directions, times and the DM channel', () => {
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', time: '2026-11-21T08:30:00.000Z', channel: 'x-dm', text: 'Bonjour, vous livrez à Villeurbanne le dimanche ?' },
      { direction: 'outbound', time: '2026-11-21T09:02:00.000Z', channel: 'x-dm', text: 'Bonjour Camille ! Oui, le dimanche matin de 8 h à 11 h.' },
      { direction: 'inbound', time: '2026-11-22T07:45:00.000Z', channel: 'x-dm', text: 'Super, je commande pour le 29 alors.' },
    ]);
  });

  it('finds the DM composer', () => {
    expect(xAdapter.findReplyBox(doc)?.getAttribute('data-testid')).toBe('dmComposerTextInput');
  });
});

describe('x: reply thread on a status page', () => {
  const doc = fixture('x', 'reply');
  const d = readPage(xAdapter, context(doc, 'https://x.com/camille_petit/status/1859000000000000001'));

  it('takes the author of the tweet being answered as the customer', () => {
    expect(d.customer.name).toBe('Camille Petit');
    expect(d.customer.identifiers).toEqual([
      handle('camille_petit', '@camille_petit', 'x'),
      appId('x:tweet', '1859000000000000001', 0.5),
    ]);
    expect(d.conversation.key).toBe('x:tweet:1859000000000000001');
  });

  it('tells the brand replies from the customer by the author handle', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.author, m.time, m.channel])).toEqual([
      ['inbound', 'Camille Petit', '2026-11-21T07:58:00.000Z', 'x-reply'],
      ['outbound', 'Boulangerie Bernard', '2026-11-21T08:20:00.000Z', 'x-reply'],
      ['inbound', 'Camille Petit', '2026-11-21T08:31:00.000Z', 'x-reply'],
    ]);
    expect(d.conversation.messages[0]?.text).toBe("@boulangerie_b ma commande de samedi (n° 5521) n'est toujours pas arrivée 😕");
  });

  it('finds the inline reply box', () => {
    expect(xAdapter.findReplyBox(doc)?.getAttribute('data-testid')).toBe('tweetTextarea_0');
  });

  it('still reads the customer when the agent opens the brand tweet (own handle in the URL)', () => {
    const own = readPage(xAdapter, context(fixture('x', 'reply'), 'https://twitter.com/boulangerie_b/status/1859000000000000017'));
    expect(values(own)).toEqual(['@camille_petit', 'x:tweet:1859000000000000017']);
  });
});
