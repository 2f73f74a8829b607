// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters, pickAdapter } from '../../../src/adapters/registry';
import { context, fixture } from './site-fixture';

/** Every site fixture with an address shaped like the real app's. */
const PAGES: { app: string; scenario: string; url: string }[] = [
  { app: 'zendesk', scenario: 'ticket', url: 'https://acme-cafe.zendesk.com/agent/tickets/48213' },
  { app: 'freshdesk', scenario: 'ticket', url: 'https://boulangerie-bernard.freshdesk.com/a/tickets/5521' },
  { app: 'intercom', scenario: 'conversation', url: 'https://app.intercom.com/a/inbox/abc12xyz/inbox/shared/all/conversation/215470000000777' },
  { app: 'hubspot', scenario: 'inbox', url: 'https://app.hubspot.com/live-messages/2468135/inbox/9876543210' },
  { app: 'hubspot', scenario: 'contact', url: 'https://app-eu1.hubspot.com/contacts/2468135/record/0-1/51' },
  { app: 'salesforce', scenario: 'case', url: 'https://boulangerie-bernard.lightning.force.com/lightning/r/Case/5008d00000XyZaBAAV/view' },
  { app: 'salesforce', scenario: 'contact', url: 'https://boulangerie-bernard.lightning.force.com/lightning/r/Contact/0038d00000AbCdEAAZ/view' },
  { app: 'front', scenario: 'conversation', url: 'https://app.frontapp.com/inboxes/teammates/7654321/inbox/open/0/cnv_1a2b3c4d' },
  { app: 'helpscout', scenario: 'conversation', url: 'https://secure.helpscout.net/conversation/2847365019/1234?folderId=5551234' },
  { app: 'gmail', scenario: 'thread', url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmvBJkvnGRHNbZKrWvzc' },
  { app: 'outlook', scenario: 'conversation', url: 'https://outlook.office.com/mail/inbox/id/AAQkADAwATM0MDAAMS1hNjlmLTA0ZWQtMDACLTAwCgAQAHv1lJ9qg%2FpEuXcGZ1S5E7A%3D' },
  { app: 'meta', scenario: 'facebook', url: 'https://business.facebook.com/latest/inbox/all/?asset_id=104512345678901&selected_item_id=100089876543210&thread_type=FB_MESSAGE' },
  { app: 'meta', scenario: 'instagram', url: 'https://business.facebook.com/latest/inbox/instagram_direct?asset_id=104512345678901&selected_item_id=17841400000000001&thread_type=IG_MESSAGE' },
  { app: 'x', scenario: 'dm', url: 'https://x.com/messages/1456789012-1600000000000000001' },
  { app: 'x', scenario: 'reply', url: 'https://x.com/camille_petit/status/1859000000000000001' },
  { app: 'linkedin', scenario: 'thread', url: 'https://www.linkedin.com/messaging/thread/2-MzE4ZjU2ZmEtNWI0Mi00ZDU3LWJiOGEtNzQ2ZGI0ZTJhN2Ex/' },
  { app: 'whatsapp', scenario: 'chat', url: 'https://web.whatsapp.com/' },
];

const sites = adapters.filter((a) => a.id !== 'generic');
/** One real-looking address per adapter, to test the DOM marker alone (the host check passes). */
const HOME = new Map(PAGES.map((p) => [p.app, p.url]));

function genericPages(): Document[] {
  const dir = resolve(import.meta.dirname, '../../fixtures/generic');
  return readdirSync(dir).map((d) => new DOMParser().parseFromString(readFileSync(resolve(dir, d, 'page.html'), 'utf8'), 'text/html'));
}

describe('cross-app: every adapter fires on its own app only', () => {
  it('has a fixture for every site adapter, and the generic adapter last', () => {
    expect(new Set(PAGES.map((p) => p.app))).toEqual(new Set(sites.map((a) => a.id)));
    expect(sites).toHaveLength(13);
    expect(adapters[adapters.length - 1]?.id).toBe('generic');
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  describe.each(PAGES)('$app / $scenario', ({ app, scenario, url }) => {
    const doc = fixture(app, scenario);

    it('is picked by the registry for its own app', () => {
      expect(pickAdapter(context(doc, url))?.id).toBe(app);
    });

    it.each(sites.filter((a) => a.id !== app).map((a) => [a.id, a] as const))('%s does not fire on it, even on its own host', (_, other) => {
      expect(other.matches(context(doc, url))).toBe(false);
      // The other app's address with this page: only the DOM marker can say no.
      expect(other.matches(context(doc, HOME.get(other.id) ?? ''))).toBe(false);
    });
  });

  it("no site adapter fires on the generic adapter's fixture pages, even on its own host", () => {
    const pages = genericPages();
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const doc of pages) {
      for (const adapter of sites) expect(adapter.matches(context(doc, HOME.get(adapter.id) ?? '')), adapter.id).toBe(false);
      expect(pickAdapter(context(doc, 'https://helpdesk.example.org/tickets/1'))?.id).toBe('generic');
    }
  });

  it('a site adapter switched off leaves its page to the generic adapter', () => {
    const zendesk = PAGES[0]!;
    expect(pickAdapter(context(fixture('zendesk', 'ticket'), zendesk.url), ['zendesk'])?.id).toBe('generic');
  });
});
