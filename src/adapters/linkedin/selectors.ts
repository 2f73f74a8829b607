/**
 * LinkedIn messaging (www.linkedin.com/messaging). Checked on tests/fixtures/linkedin/2026-11-22-thread.
 *
 * Markup knowledge, 2026-11-22, from public code: DM assistants and scrapers with isolated
 * selector files (`.msg-s-message-list__event`, `.msg-s-event-listitem__body`,
 * `.msg-s-message-group__name`, `.msg-s-message-group__profile-link`, `.msg-thread__link-to-profile`,
 * `.msg-entity-lockup__entity-title`, `.msg-form__contenteditable`, `.msg-conversation-listitem`),
 * `.global-nav__me-photo` for the signed-in member, and LinkedIn's BEM modifier
 * `.msg-s-event-listitem--other` on messages from the other person.
 */
import type { SiteSpec } from '../kit/spec';

const HEADING = 'time.msg-s-message-list__time-heading';

export const LINKEDIN: SiteSpec = {
  id: 'linkedin',
  host: /^www\.linkedin\.com$/,
  path: /^\/messaging\//,
  marker: ['.msg-s-message-list', '.msg-conversations-container'],
  account: ['img.global-nav__me-photo@alt'],
  name: ['.msg-entity-lockup__entity-title', '.msg-thread__link-to-profile'],
  ids: [
    { kind: 'handle', network: 'linkedin', pick: { from: ['a.msg-thread__link-to-profile@href', '.msg-s-event-listitem--other a.msg-s-message-group__profile-link@href'], re: /\/in\/([^/?#]+)/ } },
    { kind: 'app-id', ns: 'linkedin:thread', url: /\/thread\/([^/?#]+)/ },
  ],
  key: ['linkedin:thread'],
  thread: {
    item: ['li.msg-s-message-list__event'],
    author: ['.msg-s-message-group__name'],
    time: ['time.msg-s-message-group__timestamp'],
    day: [`${HEADING}@datetime`, HEADING],
    body: ['.msg-s-event-listitem__body'],
    out: ['.msg-s-event-listitem:not(.msg-s-event-listitem--other)'],
    in: ['.msg-s-event-listitem--other'],
  },
  channel: 'linkedin',
  reply: ['.msg-form__contenteditable', '.msg-form [role="textbox"]'],
};
