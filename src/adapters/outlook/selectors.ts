/**
 * Outlook on the web (outlook.office.com, outlook.live.com), reading pane in conversation view.
 * Checked on tests/fixtures/outlook/2026-11-22-conversation.
 *
 * Markup knowledge, 2026-11-22, from public code: AI-reply and add-in-like extensions reading
 * `#ReadingPaneContainerId`, `div[data-app-section="ConversationContainer"] > div > div` (one
 * per message), `span[data-lpc-hover-target-id]` ("Name <address>", the signed-in user's own
 * messages show the name only), `div[data-testid="RecipientWell"]`,
 * `div[data-testid="SentReceivedSavedTime"]`, `#UniqueMessageBody` / `div[role="document"]`,
 * the subject `div[role="heading"][aria-level="2"]`, the message list `[data-convid]` with
 * `aria-selected`, the account manager `#mectrl_currentAccount_primary/secondary`, and the
 * inline editor `#ReadingPaneContainerId div[id] > div[role="textbox"]`, `[textprediction]` (its
 * aria-label, "Message body, press Alt+F10 to exit", is localised, so it is not relied on).
 */
import type { SiteSpec } from '../kit/spec';

const LIST = '[data-app-section="ConversationContainer"]';
const SELECTED = '[role="listbox"] [aria-selected="true"]';

export const OUTLOOK: SiteSpec = {
  id: 'outlook',
  host: /^outlook\.(?:office|office365|live)\.com$/,
  path: /^\/mail\//,
  marker: ['#ReadingPaneContainerId', LIST],
  account: ['#mectrl_currentAccount_primary', '#mectrl_currentAccount_secondary', '#O365_MainLink_Me@aria-label'],
  name: { from: [`${LIST} span[data-lpc-hover-target-id]`, `${SELECTED} span[title*="@"]`], re: /^([^<@]+?)\s*(?:<|$)/ },
  ids: [
    { kind: 'email', pick: [`${LIST} span[data-lpc-hover-target-id]`, `${SELECTED} span[title*="@"]@title`] },
    { kind: 'app-id', ns: 'outlook:conversation', pick: [`${SELECTED}@data-convid`] },
    { kind: 'app-id', ns: 'outlook:item', url: /\/id\/([^/?#]+)/ },
  ],
  key: ['outlook:conversation', 'outlook:item'],
  thread: {
    item: [`${LIST} > div > div`],
    author: ['span[data-lpc-hover-target-id]'],
    from: ['span[data-lpc-hover-target-id]'],
    time: ['[data-testid="SentReceivedSavedTime"]'],
    body: ['#UniqueMessageBody', 'div[role="document"]'],
  },
  channel: 'email',
  reply: ['#ReadingPaneContainerId div[id] > div[role="textbox"]', 'div[role="textbox"][textprediction]'],
};
