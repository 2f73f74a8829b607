/**
 * Zendesk Agent Workspace (ticket view). Checked on tests/fixtures/zendesk/2026-11-22-ticket.
 *
 * Markup knowledge, 2026-11-22, from public code: userscripts and extensions reading the Agent
 * Workspace conversation log (`omni-log-comment-item`, `omni-log-item-sender`, `time[datetime]`,
 * the `omni-log-avatar-badge-AgentBadge` on agent replies, `omni-log-internal-note-tag`,
 * `data-originated-from`), Toggl/Clockify buttons (`customer-context-tab-navigation`,
 * `omni-header-subject`, `/agent/tickets/:id`), and a translation extension writing into the
 * CKEditor 5 composer (`omnicomposer-rich-text-ckeditor`). `customer-context-*` field ids are
 * from one userscript only: the `mailto:`/`tel:` links in the context pane are the fallback.
 */
import type { SiteSpec } from '../kit/spec';

export const ZENDESK: SiteSpec = {
  id: 'zendesk',
  host: /(?:^|\.)zendesk\.com$/,
  path: /^\/agent\//,
  marker: ['[data-test-id="omni-log-container"]', 'header[data-test-id="header-toolbar"]'],
  account: ['[data-test-id="header-agent-menu-button"] img@alt'],
  name: ['[data-test-id="customer-context-name"]', '[data-test-id="ticket-system-field-requester-select"] a'],
  ids: [
    { kind: 'email', pick: ['[data-test-id="customer-context-email"]', '[data-test-id="customer-context-pane"] a[href^="mailto:"]@href'] },
    { kind: 'phone', pick: ['[data-test-id="user-field-phone"]', '[data-test-id="customer-context-pane"] a[href^="tel:"]@href'] },
    { kind: 'app-id', ns: 'zendesk:user', pick: { from: ['[data-test-id="ticket-system-field-requester-select"] a@href', '[data-test-id="customer-context-name"] a@href'], re: /\/users\/(\d+)/ } },
    { kind: 'app-id', ns: 'zendesk:ticket', url: /\/tickets\/(\d+)/ },
  ],
  key: ['zendesk:ticket'],
  thread: {
    item: ['article[data-test-id="omni-log-comment-item"]'],
    skip: ['[data-test-id="omni-log-internal-note-tag"]'],
    author: ['[data-test-id="omni-log-item-sender"]'],
    time: ['time@datetime'],
    body: ['.zd-comment', '[data-test-id="omni-log-message-content"]'],
    out: ['[data-test-id="omni-log-avatar-badge-AgentBadge"]'],
    channel: ['[data-test-id="omni-log-item-via"]'],
  },
  reply: ['[data-test-id="omnicomposer-rich-text-ckeditor"]', '[data-test-id="omni-log-editor"] .ck-editor__editable'],
};
