/**
 * The declarative field map a site adapter is made of. Each app's `selectors.ts` exports one
 * `SiteSpec` (data only: selectors, URL patterns, namespaces); `kit/site.ts` interprets it.
 *
 * Selector alternatives are listed newest markup first: the first alternative that finds
 * anything wins, so an old and a new version of the same app never add up twice.
 */
import type { HandleNetwork, IdentifierKind } from '../types';

/**
 * CSS selectors, newest first. A trailing `@attr` reads that attribute instead of the text
 * (`'span.gD[email]@email'`, `'time@datetime'`).
 */
export type Pick = readonly string[];

/** A pick, optionally narrowed by a regular expression (its first capture group is kept). */
export type Field = Pick | { readonly from: Pick; readonly re: RegExp };

export interface IdRule {
  kind: IdentifierKind;
  /** Namespace of an `app-id`, e.g. `zendesk:user` (the value becomes `zendesk:user:123`). */
  ns?: string;
  network?: HandleNetwork;
  /** Read from the page address (`href`); the first capture group is the value. */
  url?: RegExp;
  /** Read from the page. */
  pick?: Field;
  /** Digits read here are already international (WhatsApp's `33612345678@c.us`). */
  intl?: boolean;
}

export interface ThreadSpec {
  /** One element per message. */
  item: Pick;
  /** Items to leave out (internal notes, system events). */
  skip?: Pick;
  author?: Field;
  /** The author's address or handle (`@attr` or a profile link). */
  from?: Field;
  time?: Field;
  /** Day separators; a message showing only a clock time takes the day of the last one above it. */
  day?: Pick;
  body?: Pick;
  /** An item that matches, or holds a match for, these is the agent's (`out`) or the customer's (`in`). */
  out?: Pick;
  in?: Pick;
  /** Where the app says which channel a message came through ("via email"). */
  channel?: Field;
}

/** A channel chosen by the page address: `re` is tested on path + query + hash. */
export interface ChannelRule {
  re: RegExp;
  channel: string;
}

export interface SiteSpec {
  id: string;
  host: RegExp;
  /** Tested on the path, query and hash. */
  path?: RegExp;
  /** The app's own markup: without one of these on the page, the adapter does not apply. */
  marker: Pick;
  /** Where the app shows the signed-in user (the agent), never taken for the customer. */
  account?: Pick;
  /** The customer's display name, most reliable place first. */
  name?: Field;
  ids: readonly IdRule[];
  /** App-id namespaces whose value keys the conversation (`zendesk:ticket`), first found wins. */
  key?: readonly string[];
  thread?: ThreadSpec;
  /**
   * Channel of every message when the app does not say per message: one name, or the first rule
   * whose pattern matches the page address (data, so a spec can travel as JSON).
   */
  channel?: string | { readonly byUrl: readonly ChannelRule[] };
  reply: Pick;
}
