/**
 * Gmail thread view. Checked on tests/fixtures/gmail/2026-11-22-thread.
 *
 * Markup knowledge, 2026-11-22, from public code: gmail.js and InboxSDK-based extensions and
 * many small content scripts (`h2.hP[data-legacy-thread-id]`, `div.adn[data-legacy-message-id]`,
 * `span.gD[email][name]`, `span.g3[title]`, `div.a3s.aiL`, `span.g2[email]` for recipients,
 * `div[gh="tl"]` for the thread list, the `Am … editable` reply body with `g_editable`). Class
 * names are Gmail's obfuscated but long-lived ones; attributes (`email`, `name`, `data-*`) first.
 */
import type { SiteSpec } from '../kit/spec';

export const GMAIL: SiteSpec = {
  id: 'gmail',
  host: /^mail\.google\.com$/,
  marker: ['h2.hP', 'div[gh="tl"]'],
  account: ['a[aria-label^="Google Account"]@aria-label', 'a[aria-label^="Compte Google"]@aria-label'],
  name: ['.adn span.gD[name]@name', '.adn span.gD'],
  ids: [
    { kind: 'email', pick: ['.adn span.gD[email]@email', '.adn span[email]@email'] },
    { kind: 'app-id', ns: 'gmail:thread', pick: ['h2.hP@data-legacy-thread-id', 'h2.hP@data-thread-perm-id'] },
  ],
  key: ['gmail:thread'],
  thread: {
    item: ['div[role="main"] div.adn[data-message-id]', 'div.adn.ads'],
    author: ['span.gD'],
    from: ['span.gD@email'],
    time: ['span.g3@title', 'span.g3@alt'],
    body: ['div.a3s', 'div.ii.gt'],
  },
  channel: 'email',
  reply: ['div.Am[g_editable="true"]', 'div[role="textbox"][aria-label="Message Body"]'],
};
