// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { metaAdapter } from '../../../src/adapters/meta/index';
import { appId, context, fixture, handle, readPage, values } from './site-fixture';

const INBOX = 'https://business.facebook.com/latest/inbox';

describe('meta: Business Suite, Facebook Messenger thread', () => {
  const doc = fixture('meta', 'facebook');
  const url = `${INBOX}/all/?asset_id=104512345678901&mailbox_id=104512345678901&selected_item_id=100089876543210&thread_type=FB_MESSAGE`;
  const d = readPage(metaAdapter, context(doc, url));

  it('reads the contact: profile handle and page-scoped user id', () => {
    expect(d.customer.name).toBe('Camille Petit');
    expect(d.customer.identifiers).toEqual([
      handle('https://www.facebook.com/profile.php?id=100089876543210', '@100089876543210', 'facebook'),
      appId('facebook:user', '100089876543210', 0.95),
    ]);
    expect(d.conversation.key).toBe('facebook:user:100089876543210');
  });

  it('reads the thread: times from the separators, directions from the row alignment', () => {
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', time: '2026-11-20T09:12:00.000Z', channel: 'messenger', text: 'Bonjour, vous êtes ouverts le 1er décembre ?' },
      { direction: 'inbound', time: '2026-11-20T09:12:00.000Z', channel: 'messenger', text: 'Pour récupérer une commande.' },
      { direction: 'outbound', time: '2026-11-20T09:40:00.000Z', channel: 'messenger', text: "Bonjour Camille, oui, jusqu'à 13 h." },
    ]);
  });

  it('finds the composer, not the thread list', () => {
    expect(metaAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Répondre dans Messenger…');
    expect(values(d)).not.toContain('104512345678901');
  });
});

describe('meta: Business Suite, Instagram Direct thread', () => {
  const doc = fixture('meta', 'instagram');
  const url = `${INBOX}/instagram_direct?asset_id=104512345678901&selected_item_id=17841400000000001&thread_type=IG_MESSAGE`;
  const d = readPage(metaAdapter, context(doc, url));

  it('reads the Instagram username and the Instagram-scoped id', () => {
    expect(d.customer.name).toBe('Nadia Haddad');
    expect(d.customer.identifiers).toEqual([
      handle('https://www.instagram.com/nadia.hdd/', '@nadia.hdd', 'instagram'),
      appId('instagram:user', '17841400000000001', 0.95),
    ]);
    expect(d.conversation.key).toBe('instagram:user:17841400000000001');
  });

  it('labels the messages as Instagram', () => {
    expect(d.conversation.messages.map((m) => [m.direction, m.time, m.channel, m.text])).toEqual([
      ['inbound', '2026-11-21T18:05:00.000Z', 'instagram', 'Hi! Is the galette des rois available to pre-order?'],
      ['outbound', '2026-11-21T18:05:00.000Z', 'instagram', 'Yes, from December 26th, here or in the shop.'],
    ]);
    expect(metaAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Reply in Instagram…');
  });
});
