/**
 * Front (app.frontapp.com), conversation view. Checked on tests/fixtures/front/2026-11-22-conversation.
 *
 * Markup knowledge, 2026-11-22: public code only confirms Front's URL shapes and id prefixes
 * (`/open/cnv_…`, `/open/msg_…` permalinks, `cnv_` conversations, `msg_` messages, `crd_`
 * contacts, from integrations, linkifiers and webhook tests). No public extension documents
 * Front's DOM: the message, contact-panel and composer selectors below follow the landmarks and
 * `data-testid` habits of its React app as reconstructed in the fixture, and are unverified.
 */
import type { SiteSpec } from '../kit/spec';

const tid = (id: string) => `[data-testid="${id}"]`;
const PANEL = tid('contact-panel');

export const FRONT: SiteSpec = {
  id: 'front',
  host: /^app\.(?:frontapp|front)\.com$/,
  marker: [tid('conversation-view')],
  name: [`${PANEL} ${tid('contact-name')}`],
  ids: [
    { kind: 'email', pick: [`${PANEL} ${tid('contact-handle-email')}`] },
    { kind: 'phone', pick: [`${PANEL} ${tid('contact-handle-phone')}`] },
    { kind: 'app-id', ns: 'front:contact', pick: { from: [`${PANEL} a@href`], re: /\/(crd_\w+)/ } },
    { kind: 'app-id', ns: 'front:conversation', url: /\/(cnv_\w+)/ },
  ],
  key: ['front:conversation'],
  thread: {
    item: [tid('message')],
    author: [tid('message-author')],
    from: [`${tid('message-author')}@title`],
    time: ['time@datetime'],
    body: [tid('message-body')],
    out: ['[data-is-outbound="true"]'],
    in: ['[data-is-inbound="true"]'],
    channel: ['[data-channel]@data-channel'],
  },
  reply: [`${tid('composer')} [contenteditable="true"]`],
};
