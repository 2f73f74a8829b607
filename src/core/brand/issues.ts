/** The draft check's vocabulary, shared by the individual rules in this folder. */
import type { CompiledGuide, ResolvedChannelRule } from './compile';
import type { TextEdit } from './edits';
import type { BrandChannel, BrandGuide, CustomerFacts, Language, Promotion } from './model';
import type { Token } from './text';

export type { TextEdit } from './edits';

export interface DraftContext {
  guide: BrandGuide;
  channel: BrandChannel;
  language: Language;
  promotions: readonly Promotion[];
  customer?: CustomerFacts;
  now: number;
  /** Fills `{{agent.name}}` in the guide's sign-off. */
  agent?: { name?: string };
}

export type DraftIssueCode =
  | 'banned-term'
  | 'preferred-term'
  | 'formality'
  | 'missing-greeting'
  | 'missing-sign-off'
  | 'too-long'
  | 'emoji'
  | 'unknown-code'
  | 'expired-code'
  | 'ineligible-code'
  | 'missing-disclaimer';

export interface DraftIssue {
  code: DraftIssueCode;
  severity: 'error' | 'warning';
  start?: number;
  end?: number;
  /** An i18n key of public/_locales and its values, so the sidebar says it in the agent's language. */
  message: { key: string; params: Record<string, string | number> };
  fix?: TextEdit[];
}

/** One draft, read once and shared by every rule. */
export interface DraftScan {
  draft: string;
  tokens: Token[];
  /** "> …" lines quoted from the customer: their words are not the agent's. */
  quoted: Array<[number, number]>;
  ctx: DraftContext;
  guide: CompiledGuide;
  rule: ResolvedChannelRule;
  /** Where the brand sign-off starts in the draft, when it is there (disclaimers go before it). */
  signOffAt?: number;
}

export function issue(
  code: DraftIssueCode,
  severity: DraftIssue['severity'],
  key: string,
  params: Record<string, string | number>,
  range?: { start: number; end: number },
  fix?: TextEdit[],
): DraftIssue {
  return { code, severity, ...(range ? { start: range.start, end: range.end } : {}), message: { key, params }, ...(fix?.length ? { fix } : {}) };
}

/** Where text appended to the draft goes: after its last non-space character. */
export function contentEnd(draft: string): number {
  return draft.replace(/\s+$/, '').length;
}
