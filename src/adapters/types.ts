/**
 * The adapter contract: how Continuum reads a host page.
 *
 * Adapters only read. They look at the URL and the DOM, change nothing, and return plain
 * serialisable data that the content script relays to the service worker. Writing into the
 * page (inserting a reply) is a separate step that finds the reply box again.
 */

export type IdentifierKind = 'email' | 'phone' | 'handle' | 'app-id';

/** Networks a social handle can belong to; `unknown` when the page does not say. */
export type HandleNetwork = 'x' | 'instagram' | 'facebook' | 'linkedin' | 'tiktok' | 'unknown';

export interface DetectedIdentifier {
  kind: IdentifierKind;
  /** As read on the page, trimmed. */
  raw: string;
  /** Normalised form used for matching: lower-cased email, E.164 phone, `@handle` lower-cased. */
  value: string;
  network?: HandleNetwork;
  /** 0..1, higher is more likely to be the customer's. */
  score: number;
}

export type MessageDirection = 'inbound' | 'outbound' | 'unknown';

export interface PageMessage {
  direction: MessageDirection;
  author?: string;
  /** ISO 8601 when the page shows a parseable time. */
  time?: string;
  text: string;
  /** The channel the app says the message came through (`email`, `messaging`, `whatsapp`…). */
  channel?: string;
}

export interface Detection {
  /** Adapter id that produced this reading. */
  adapter: string;
  /** 0..1: how sure the adapter is that `customer` is the person this page is about. */
  confidence: number;
  /**
   * Why that confidence (generic adapter), as stable codes the UI can word: `labelled-field`,
   * `link`, `main-content`, `customer-number`, `name`, `rival`, `name-only`.
   */
  reasons?: string[];
  customer: {
    name?: string;
    identifiers: DetectedIdentifier[];
  };
  conversation: {
    /** Stable key for the conversation on screen (adapter-specific; generic uses the URL). */
    key: string;
    /** Oldest first. */
    messages: PageMessage[];
  };
}

/** What the agent's own side looks like, so it is never taken for the customer. */
export interface OwnIdentity {
  /** Team e-mail domains, lower case, without `@` (e.g. `acme.fr`). */
  domains: string[];
  /** The agent's and the team's names, e-mails, handles and signatures as typed in settings. */
  signatures: string[];
}

export interface ReadContext {
  url: URL;
  document: Document;
  own: OwnIdentity;
  /** Default region for phone numbers without a country code (ISO 3166 alpha-2). */
  defaultRegion: string;
  /**
   * Read only this many of the latest messages (at most MAX_MESSAGES). A message reads the same
   * whatever the limit (same text, author and time), so a later, longer read adds the older ones.
   */
  messageLimit?: number;
}

export interface Adapter {
  id: string;
  /** Cheap test on the URL and DOM; false means the adapter does not apply to this page. */
  matches(ctx: ReadContext): boolean;
  /** Reads the customer and the conversation, or null when nothing is found. */
  read(ctx: ReadContext): Detection | null;
  /**
   * The reply box the agent is typing in, if the page has one. `lastFocused` is the editable the
   * agent typed in last (focus has since moved to the sidebar): prefer it when it is a reply box.
   * The box may live in a same-origin editor iframe (TinyMCE): then it is that frame's body.
   */
  findReplyBox(document: Document, lastFocused?: Element | null): HTMLElement | null;
}
