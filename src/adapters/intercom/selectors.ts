/**
 * Intercom inbox (app.intercom.com / app.eu.intercom.com / app.au.intercom.com), conversation view.
 * Checked on tests/fixtures/intercom/2026-11-22-conversation.
 *
 * Markup knowledge, 2026-11-22, from public code: a support-copilot extension and its changelog
 * (`[data-conversation-stream]`, `[data-part-group-id]`, `data-part-group-category` 1 customer /
 * 3 teammate / 5 bot / 20 system, `data-author-type`, the 2026 rename of `inbox2__` classes to
 * `inbox-2__`), a contact-name helper (`span[data-conversation-title]`), layout tweakers
 * (`.inbox2__conversation-details-sidebar`, `[data-intercom-target="inbox-left-nav"]`), a
 * Clockify button (`.inbox2__composer__container`) and Intercom's URL shapes
 * (`/a/inbox/<app>/inbox/…/conversation/<id>`, `/a/apps/<app>/users/<id>`).
 */
import type { SiteSpec } from '../kit/spec';

// `inbox2__` until 2026, `inbox-2__` since: one selector for both.
const DETAILS = '[class*="conversation-details-sidebar"]';

export const INTERCOM: SiteSpec = {
  id: 'intercom',
  host: /^app(?:\.eu|\.au)?\.intercom\.(?:com|io)$/,
  path: /^\/a\//,
  marker: ['[data-conversation-stream]', '[data-intercom-target="inbox-left-nav"]'],
  name: ['span[data-conversation-title]', `${DETAILS} [data-attribute="name"]`],
  ids: [
    { kind: 'email', pick: [`${DETAILS} [data-attribute="email"]`, `${DETAILS} a[href^="mailto:"]@href`] },
    { kind: 'phone', pick: [`${DETAILS} [data-attribute="phone"]`, `${DETAILS} a[href^="tel:"]@href`] },
    { kind: 'app-id', ns: 'intercom:user', pick: { from: [`${DETAILS} a@href`], re: /\/users\/([\da-f]{24})/ } },
    { kind: 'app-id', ns: 'intercom:conversation', url: /\/conversations?\/(\d+)/ },
  ],
  key: ['intercom:conversation'],
  thread: {
    item: ['[data-conversation-stream] [data-part-group-id]'],
    skip: ['[data-part-group-category="20"]'],
    author: ['[data-part-author]@data-part-author'],
    time: ['time@datetime'],
    body: ['[class*="group/content-part"]', '[class*="part-body"]'],
    out: ['[data-part-group-category="3"]', '[data-part-group-category="5"]'],
    in: ['[data-part-group-category="1"]', '[data-author-type="user"]'],
    channel: ['[data-part-channel]@data-part-channel'],
  },
  reply: ['[class*="composer__container"] .ProseMirror', '[class*="composer__container"] [contenteditable="true"]'],
};
