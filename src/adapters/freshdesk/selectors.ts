/**
 * Freshdesk agent interface (`<account>.freshdesk.com/a/tickets/<id>`). Checked on
 * tests/fixtures/freshdesk/2026-11-22-ticket.
 *
 * Markup knowledge, 2026-11-22, from public code: context-bridge and SLA-timer extensions and
 * userscripts on the Ember agent UI (`[data-test-id="requester-info-contact-<field>"]
 * .info-details-content`, `.widget-requestor-info`, `.sender-info [data-test-id="user-name"]`,
 * `[data-test-id="tkt-properties-*"]`, `[data-test-id="breadcrumb-item"]`, `.ticket-subject-heading`,
 * `#ticket_original_request`), Freshdesk's own collaboration script (`.conversation
 * #ticket_original_request`, `.conversation [id^="note_details_"]`), and reply assistants writing
 * into the Froala editor (`.fr-element.fr-view[contenteditable]` inside the reply editor).
 */
import type { SiteSpec } from '../kit/spec';

const CONTACT = (field: string) => `[data-test-id="requester-info-contact-${field}"] .info-details-content`;

export const FRESHDESK: SiteSpec = {
  id: 'freshdesk',
  host: /(?:^|\.)freshdesk\.com$/,
  path: /^\/a\//,
  marker: ['#ticket_original_request', '[data-test-id="breadcrumb-item"]'],
  account: ['[data-test-id="profile-avatar"]@aria-label'],
  name: ['.widget-requestor-info [data-test-id="user-name"]', '.requester-wrap [data-test-id="user-name"]'],
  ids: [
    { kind: 'email', pick: [CONTACT('email'), '.widget-requestor-info ~ * a[href^="mailto:"]@href'] },
    { kind: 'phone', pick: [CONTACT('phone'), CONTACT('mobile')] },
    { kind: 'app-id', ns: 'freshdesk:contact', pick: { from: ['.widget-requestor-info a@href', '.sender-info a@href'], re: /\/contacts\/(\d+)/ } },
    { kind: 'app-id', ns: 'freshdesk:ticket', url: /\/tickets\/(\d+)/ },
  ],
  key: ['freshdesk:ticket'],
  thread: {
    item: ['.conversation'],
    skip: ['.private-note'],
    author: ['.sender-info [data-test-id="user-name"]'],
    time: ['time@datetime', '[data-timeago]@data-timeago'],
    body: ['#ticket_original_request', '[id^="note_details_"]'],
    in: ['#ticket_original_request'],
  },
  channel: 'email',
  reply: ['.reply-editor .fr-element', '.fr-wrapper [contenteditable="true"]'],
};
