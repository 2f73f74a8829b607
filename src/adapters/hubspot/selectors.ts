/**
 * HubSpot (app.hubspot.com and its regional hosts): the conversations inbox and the contact record.
 * Checked on tests/fixtures/hubspot/2026-11-22-inbox and tests/fixtures/hubspot/2026-11-22-contact.
 *
 * Markup knowledge, 2026-11-22, from public code: a HubSpot DOM structure guide written for a
 * record-page extension (URL `/contacts/<portal>/record/0-1/<id>` for every object type, `0-1`
 * contact, `[data-test-id="left-sidebar"]`, `[data-test-id="middle-pane"]`,
 * `[data-test-id="card-wrapper-…"]`, `data-selenium-test="highlightedPropertySidebar"`,
 * `data-selenium-test*="property-label"`, styled-components class names to avoid), keyboard
 * shortcut and navigation extensions (`app.hubspot.com`, `app-eu1.hubspot.com`), an automation
 * note on the e-mail composer being a contenteditable. The inbox (`/live-messages/<portal>/inbox/
 * <thread>`) thread and composer test ids are reconstructions, unverified.
 */
import type { SiteSpec } from '../kit/spec';

const INBOX = '[data-test-id="inbox-thread-view"]';
const CONTACT = '[data-test-id="contact-sidebar"]';
const RECORD = '[data-test-id="left-sidebar"]';

export const HUBSPOT: SiteSpec = {
  id: 'hubspot',
  host: /^app(?:-[a-z]+\d*)?\.hubspot\.com$/,
  marker: [RECORD, INBOX],
  name: ['[data-selenium-test="highlightTitle"]', `${CONTACT} [data-test-id="contact-name"]`],
  ids: [
    { kind: 'email', pick: [`${RECORD} a[href^="mailto:"]@href`, `${CONTACT} a[href^="mailto:"]@href`] },
    { kind: 'phone', pick: [`${RECORD} a[href^="tel:"]@href`, `${CONTACT} a[href^="tel:"]@href`] },
    { kind: 'app-id', ns: 'hubspot:contact', url: /\/(?:record\/0-1|contact)\/(\d+)/, pick: { from: [`${CONTACT} a@href`], re: /\/record\/0-1\/(\d+)/ } },
    { kind: 'app-id', ns: 'hubspot:thread', url: /\/inbox\/(\d+)/ },
  ],
  key: ['hubspot:thread', 'hubspot:contact'],
  thread: {
    item: [`${INBOX} [data-test-id="thread-message"]`, '[data-selenium-test="timeline-card"][data-activity-type="EMAIL"]'],
    skip: ['[data-message-type="COMMENT"]'],
    author: ['[data-test-id="message-sender"]', '[data-selenium-test="timeline-card-sender"]'],
    time: ['time@datetime'],
    body: ['[data-test-id="message-text"]', '[data-selenium-test="timeline-card-body"]'],
    // HubSpot's e-mail directions: EMAIL (sent), INCOMING_EMAIL; chat: OUTGOING / INCOMING.
    out: ['[data-direction="OUTGOING"]', '[data-direction="EMAIL"]'],
    in: ['[data-direction^="INCOMING"]'],
    channel: ['[data-channel]@data-channel'],
  },
  reply: [`${INBOX} [data-test-id="composer"] [contenteditable="true"]`, '[data-test-id="email-editor"] [contenteditable="true"]'],
};
