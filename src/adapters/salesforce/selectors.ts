/**
 * Salesforce Lightning Experience: Case and Contact record pages.
 * Checked on tests/fixtures/salesforce/2026-11-22-case and tests/fixtures/salesforce/2026-11-22-contact.
 *
 * Markup knowledge, 2026-11-22, from public code: CumulusCI's Robot Framework locators
 * (`records-lwc-highlights-panel`, `records-highlights-details-item`, `slds-page-header`,
 * `one-app-launcher`, `force_relatedListContainer`), CRM extractors (`records-record-layout-item
 * [field-label="…"]` with `lightning-formatted-text/-email/-phone/-name`, `.slds-form-element__label`,
 * `.test-id__field-value`), Chatter and case-feed automation (`article.cuf-feedItem`,
 * `.cuf-feedItemHeader`, `a.cuf-timeStamp`, the Quill publisher `div.ql-editor[contenteditable]`),
 * Selenium page objects (`button.branding-userProfile-button`, `.oneUserProfileCard`,
 * `a.profile-link-label`) and the `/lightning/r/<Object>/<id>/view` URLs (ids: Case `500…`,
 * Contact `003…`, 15 or 18 characters, case-sensitive). Lightning's synthetic shadow DOM hides
 * component internals from the page's own scripts, not from a content script's isolated world.
 */
import type { SiteSpec } from '../kit/spec';

const field = (label: string, inner = 'a[href^="mailto:"]@href') => `records-record-layout-item[field-label="${label}"] ${inner}`;
const TEL = 'a[href^="tel:"]@href';

export const SALESFORCE: SiteSpec = {
  id: 'salesforce',
  host: /\.(?:lightning\.force|my\.salesforce)\.com$/,
  path: /^\/lightning\//,
  marker: ['records-lwc-highlights-panel', 'records-record-layout-item'],
  account: ['.oneUserProfileCard a.profile-link-label'],
  name: [field('Contact Name', 'a'), field('Name', 'lightning-formatted-name')],
  ids: [
    { kind: 'email', pick: [field('Contact Email'), field('Email')] },
    { kind: 'phone', pick: [field('Contact Phone', TEL), field('Phone', TEL)] },
    { kind: 'phone', pick: [field('Contact Mobile', TEL), field('Mobile', TEL)] },
    { kind: 'app-id', ns: 'salesforce:contact', url: /\/r\/Contact\/(003\w{12}(?:\w{3})?)\b/, pick: { from: [field('Contact Name', 'a@href')], re: /\/(003\w{12}(?:\w{3})?)\b/ } },
    { kind: 'app-id', ns: 'salesforce:case', url: /\/r\/Case\/(500\w{12}(?:\w{3})?)\b/ },
  ],
  key: ['salesforce:case', 'salesforce:contact'],
  thread: {
    item: ['article.cuf-feedItem[data-feed-type="EmailMessageEvent"]'],
    author: ['.cuf-feedItemHeader a'],
    time: ['a.cuf-timeStamp@title'],
    body: ['.cuf-feedBody'],
  },
  channel: 'email',
  reply: ['.cuf-publisherWrapper .ql-editor', 'lightning-input-rich-text .ql-editor'],
};
