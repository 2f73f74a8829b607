/**
 * Meta Business Suite inbox (business.facebook.com/latest/inbox): Facebook Messenger and
 * Instagram Direct threads of a Page. Checked on tests/fixtures/meta/2026-11-22-facebook and
 * tests/fixtures/meta/2026-11-22-instagram.
 *
 * Markup knowledge, 2026-11-22, from public code: inbox crawlers, notifiers and reply assistants
 * (`/latest/inbox/all?asset_id=…&selected_item_id=…&mailbox_id=…&thread_type=FB_MESSAGE|IG_MESSAGE`,
 * `[data-surface="/bizweb:inbox"]`, `span[data-surface="/bizweb:all/thread_row"]`,
 * `[data-pagelet="GenericThreadListView"]`, `[data-pagelet*="BizInbox"]`, `[data-pagelet*=
 * "ThreadDetail"]`, `[data-surface*="thread_detail"]`, messages `[data-message-id="mid.$…"]`, dates in
 * `abbr[data-utime]`, `[data-pagelet="BizKitPresenceSelector"]` for the Page in use). Meta's class
 * names are stylex atoms: `x13a6bvl` / `x1nhvcw1` are `justify-content: flex-end` / `flex-start`
 * (outgoing / incoming rows); that this is how rows are aligned is unverified.
 */
import type { SiteSpec } from '../kit/spec';

const DETAIL = '[data-pagelet*="ThreadDetail"]';
const CONTACT = '[data-pagelet*="ContactDetails"]';

export const META: SiteSpec = {
  id: 'meta',
  host: /^business\.facebook\.com$/,
  path: /^\/latest\/inbox\//,
  marker: ['[data-surface="/bizweb:inbox"]', '[data-pagelet*="BizInbox"]'],
  account: ['[data-pagelet="BizKitPresenceSelector"] [aria-label]@aria-label'],
  name: [`${CONTACT} h2`, `${DETAIL} h2`],
  ids: [
    { kind: 'handle', network: 'instagram', pick: [`${CONTACT} a[href*="instagram.com/"]@href`] },
    { kind: 'handle', network: 'facebook', pick: [`${CONTACT} a[href*="facebook.com/"]@href`] },
    { kind: 'app-id', ns: 'facebook:user', url: /^(?=.*thread_type=FB_).*[?&]selected_item_id=(\d+)/ },
    { kind: 'app-id', ns: 'instagram:user', url: /^(?=.*thread_type=IG_).*[?&]selected_item_id=(\d+)/ },
  ],
  key: ['facebook:user', 'instagram:user'],
  thread: {
    item: [`${DETAIL} [data-message-id]`, '[data-surface*="thread_detail"] [data-message-id]'],
    day: [`${DETAIL} [role="heading"] abbr@data-utime`, `${DETAIL} [role="heading"]`],
    body: ['div[dir="auto"]'],
    out: ['[data-message-id].x13a6bvl'],
    in: ['[data-message-id].x1nhvcw1'],
  },
  channel: { byUrl: [{ re: /[?&]thread_type=IG_/, channel: 'instagram' }, { re: /^/, channel: 'messenger' }] },
  reply: [`${DETAIL} [role="textbox"]`, `${DETAIL} textarea`],
};
