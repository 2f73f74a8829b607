/** Shapes the suggestion pipeline hands to the sidebar. */
import type { CustomerFacts, Language } from '../core/brand/model';
import type { GuardReason, GuardVerdict } from '../core/guard/guard';
import type { Unfilled } from '../core/templates/render';

export type SuggestionSource = 'template' | 'past-reply' | 'llm';
export type SuggestionStyle = 'concise' | 'warm' | 'detailed';

export interface Suggestion {
  id: string;
  source: SuggestionSource;
  style?: SuggestionStyle;
  language: Language;
  /** What the agent may insert: guarded (and fixed); empty when withheld. */
  text: string;
  verdict: GuardVerdict;
  /** Why it was fixed or withheld, as i18n keys with parameters. */
  reasons: GuardReason[];
  templateIds: string[];
  promotionIds: string[];
  /** Fill-in fields the agent must complete before inserting (`[[fill: order number]]`). */
  unfilled: Unfilled[];
  /** False while a field is unfilled or a variable has no value. */
  canInsert: boolean;
  score?: number;
}

/** The customer on screen, with the identifiers a reply may mention. */
export interface SuggestCustomer extends CustomerFacts {
  id?: string;
  /** E-mails, phones, handles, app ids and order numbers (`app:order:88213`), keyed or as written. */
  identifiers: string[];
}

/** One message of the conversation on screen (what the adapter read), oldest first. */
export interface ConversationMessage {
  direction: 'inbound' | 'outbound' | 'unknown';
  text: string;
  author?: string;
  time?: string;
}

export interface Conversation {
  key: string;
  /** `email`, `instagram`, `comment`… (`comment` or `public` make it a public reply). */
  channel: string;
  messages: ConversationMessage[];
  public?: boolean;
}
