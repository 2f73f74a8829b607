/** Loads a dated site fixture (tests/fixtures/<app>/2026-11-22-<scenario>/index.html) for adapter tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Adapter, Detection, OwnIdentity, ReadContext } from '../../../src/adapters/types';

export function fixture(app: string, scenario: string): Document {
  const file = resolve(import.meta.dirname, '../../fixtures', app, `2026-11-22-${scenario}`, 'index.html');
  return new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/html');
}

export function context(doc: Document, url: string, own: OwnIdentity = { domains: [], signatures: [] }): ReadContext {
  return { url: new URL(url), document: doc, own, defaultRegion: 'FR' };
}

/** Reads the page, checking on the way that the adapter applies and changes nothing. */
export function readPage(adapter: Adapter, ctx: ReadContext): Detection {
  const before = ctx.document.documentElement.outerHTML;
  if (!adapter.matches(ctx)) throw new Error(`${adapter.id} does not match ${ctx.url.href}`);
  const detection = adapter.read(ctx);
  if (!detection) throw new Error(`${adapter.id} read nothing on ${ctx.url.href}`);
  if (ctx.document.documentElement.outerHTML !== before) throw new Error(`${adapter.id} changed the page`);
  // Plain serialisable data: no undefined fields, no elements or functions slipping through.
  const marked = JSON.stringify(detection, (_, v: unknown) => (v === undefined || typeof v === 'function' || (typeof v === 'object' && v !== null && 'nodeType' in v) ? '!' : v));
  if (marked !== JSON.stringify(detection)) throw new Error(`${adapter.id} returned more than plain data`);
  return detection;
}

/** Local wall-clock time as the adapters report it (ISO, UTC). */
export const local = (y: number, mo: number, d: number, h: number, mi: number): string => new Date(y, mo - 1, d, h, mi).toISOString();

export const values = (d: Detection): string[] => d.customer.identifiers.map((i) => i.value);

/** Expected identifiers, as the site adapters score them. */
export const email = (raw: string, value = raw.toLowerCase()) => ({ kind: 'email', raw, value, score: 0.95 });
export const phone = (raw: string, value: string) => ({ kind: 'phone', raw, value, score: 0.9 });
export const handle = (raw: string, value: string, network: string) => ({ kind: 'handle', raw, value, network, score: 0.9 });
export const appId = (ns: string, raw: string, score: number) => ({ kind: 'app-id', raw, value: `${ns}:${raw}`, score });

/** Every site fixture with an address shaped like the real app's. */
export const SITE_PAGES: { app: string; scenario: string; url: string }[] = [
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
