/**
 * Help Scout (secure.helpscout.net), conversation view. Checked on
 * tests/fixtures/helpscout/2026-11-22-conversation.
 *
 * Markup knowledge, 2026-11-22, from public code: a GPT reply extension's Help Scout adapter
 * (`[data-testid="ThreadContainer"]`, `ol[aria-label="Thread Items"]`, `li > div[id^="thread-"]`,
 * `span[data-nocollapse="true"]` for the author, `.is-customer` and aria-labels naming customer
 * threads, the Slate editor `[data-cy="ConvoEditor"]` / `[role="textbox"][aria-label="Reply Editor"]`,
 * the customer sidebar `.c-conversation-sidebar` / `[data-cy="customer-sidebar"]` with
 * `.c-customer-property`), a thread-hider extension, and Help Scout's URL shapes
 * (`/conversation/<id>/<number>`, `/customer/<id>`).
 */
import type { SiteSpec } from '../kit/spec';

const SIDEBAR = '[data-cy="customer-sidebar"]';

export const HELPSCOUT: SiteSpec = {
  id: 'helpscout',
  host: /^secure\.helpscout\.net$/,
  marker: ['[data-testid="ThreadContainer"]', 'ol[aria-label="Thread Items"]'],
  account: ['.c-avatar__name'],
  name: [`${SIDEBAR} [data-cy="customer-name"]`, '.c-conversation-sidebar .c-customer-name'],
  ids: [
    { kind: 'email', pick: [`${SIDEBAR} a[href^="mailto:"]@href`, '.c-customer-property a[href^="mailto:"]@href'] },
    { kind: 'phone', pick: [`${SIDEBAR} a[href^="tel:"]@href`, '.c-customer-property a[href^="tel:"]@href'] },
    { kind: 'app-id', ns: 'helpscout:customer', pick: { from: [`${SIDEBAR} a@href`], re: /\/customer\/(\d+)/ } },
    { kind: 'app-id', ns: 'helpscout:conversation', url: /\/conversation\/(\d+)/ },
  ],
  key: ['helpscout:conversation'],
  thread: {
    item: ['li > div[id^="thread-"]', 'ol[aria-label="Thread Items"] > li > div'],
    skip: ['.is-note'],
    author: ['span[data-nocollapse="true"]'],
    time: ['time@datetime'],
    body: ['[data-cy="thread-body"]', '.thread-content'],
    out: ['.is-reply', '[aria-label*="reply" i]'],
    in: ['.is-customer', '[aria-label*="customer" i]'],
  },
  channel: 'email',
  reply: ['[data-cy="ConvoEditor"] [contenteditable="true"]', '[role="textbox"][aria-label="Reply Editor"]'],
};
