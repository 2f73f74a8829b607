/**
 * WhatsApp Web, an open one-to-one chat. Checked on tests/fixtures/whatsapp/2026-11-22-chat.
 *
 * Markup knowledge, 2026-11-22, from public code: a WhatsApp Web DOM reference written for an
 * assistant extension (December 2024: `div[data-id="false_<number>@c.us_<msg>"]` with `true_`
 * for own messages, `.message-in` / `.message-out`, `.copyable-text[data-pre-plain-text=
 * "[10:54, 20/11/2026] Name: "]`, `span.selectable-text`), bots and userscripts using the same
 * classes, and selector guides (`#main header span[title]`, `#main footer [contenteditable]`,
 * `[data-testid="conversation-panel-messages"]` in older builds). A group chat (`@g.us`) is not
 * one customer: its id keys the conversation but no phone is read from it.
 */
import type { SiteSpec } from '../kit/spec';

const IDS = ['#main [data-id^="false_"]@data-id', '#main [data-id^="true_"]@data-id'];

export const WHATSAPP: SiteSpec = {
  id: 'whatsapp',
  host: /^web\.whatsapp\.com$/,
  marker: ['#main [data-id]', '#pane-side'],
  name: ['#main header span[dir="auto"]@title', '#main header span[title]@title'],
  ids: [
    { kind: 'phone', intl: true, pick: { from: IDS, re: /_(\d{6,15})@c\.us_/ } },
    { kind: 'app-id', ns: 'whatsapp:chat', pick: { from: IDS, re: /_(\d+@c\.us)_/ } },
    // Not a person, but the chat's id: it keys the conversation when the agent switches chats.
    { kind: 'app-id', ns: 'whatsapp:group', pick: { from: IDS, re: /_([\d-]+@g\.us)_/ } },
  ],
  key: ['whatsapp:chat', 'whatsapp:group'],
  thread: {
    item: ['#main .message-in, #main .message-out'],
    author: { from: ['[data-pre-plain-text]@data-pre-plain-text'], re: /\]\s*(.+?):\s*$/ },
    time: { from: ['[data-pre-plain-text]@data-pre-plain-text'], re: /^\[([^\]]+)\]/ },
    body: ['span.selectable-text', '.copyable-text'],
    out: ['.message-out'],
    in: ['.message-in'],
  },
  channel: 'whatsapp',
  reply: ['#main footer [contenteditable="true"]', 'footer [role="textbox"]'],
};
