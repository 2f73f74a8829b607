/**
 * X (x.com, twitter.com): direct messages and reply threads (status pages).
 * Checked on tests/fixtures/x/2026-11-22-dm and tests/fixtures/x/2026-11-22-reply.
 *
 * Markup knowledge, 2026-11-22, from public code: scrapers and reply assistants reading tweets
 * (`article[data-testid="tweet"]`, `[data-testid="User-Name"]`, `[data-testid="tweetText"]`,
 * `time[datetime]` inside the status link, `[data-testid="tweetTextarea_0"]`, Simon Willison's
 * reply collector), and DM automation guides (`/messages/<id>-<id>`, `[data-testid=
 * "DmActivityContainer"]`, `[data-testid="messageEntry"]`, `[data-testid="dmComposerTextInput"]`,
 * `[data-testid="SideNav_AccountSwitcher_Button"]`). No public source says how a sent DM is told
 * from a received one: `r-obd0qt` / `r-1habvwh` are react-native-web's atomic classes for
 * `align-items: flex-end` / `flex-start` (hashes of the style, stable across builds), unverified
 * on the live DM view; the other person's avatar link is the second signal.
 */
import type { SiteSpec } from '../kit/spec';

const HANDLE = /^\/(\w{1,15})\/?$/;
const DM = '[data-testid="DmActivityContainer"]';
const AUTHOR = '[data-testid="User-Name"] a';

export const X: SiteSpec = {
  id: 'x',
  host: /^(?:mobile\.)?(?:x|twitter)\.com$/,
  marker: [DM, 'article[data-testid="tweet"]'],
  account: ['[data-testid="SideNav_AccountSwitcher_Button"]', '[data-testid="AppTabBar_Profile_Link"]@href'],
  name: [`${DM} h2 span`, `article ${AUTHOR}`],
  ids: [
    { kind: 'handle', network: 'x', url: /^https:\/\/[^/]+\/(\w{1,15})\/status\/\d/ },
    { kind: 'handle', network: 'x', pick: { from: [`${DM} a[data-testid="DM_Conversation_Avatar"]@href`, `article ${AUTHOR}@href`], re: HANDLE } },
    { kind: 'app-id', ns: 'x:dm', url: /\/messages\/(\d+-\d+)/ },
    { kind: 'app-id', ns: 'x:tweet', url: /\/status\/(\d+)/ },
  ],
  key: ['x:dm', 'x:tweet'],
  thread: {
    item: [`${DM} [data-testid="messageEntry"]`, 'article[data-testid="tweet"]'],
    author: [AUTHOR],
    from: [`${AUTHOR}@href`, 'a[data-testid="DM_Conversation_Avatar"]@href'],
    time: ['time@datetime'],
    body: ['[data-testid="tweetText"]'],
    out: ['.r-obd0qt'],
    in: ['a[data-testid="DM_Conversation_Avatar"]', '.r-1habvwh'],
  },
  channel: { byUrl: [{ re: /^\/messages\//, channel: 'x-dm' }, { re: /^/, channel: 'x-reply' }] },
  reply: ['[data-testid="dmComposerTextInput"]', '[data-testid="tweetTextarea_0"]'],
};
