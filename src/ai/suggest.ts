/**
 * The suggestion pipeline the sidebar calls. With no provider (the default) suggestions come
 * from the team's templates and past replies; with one, from a model given a masked context,
 * streamed, unmasked locally and guarded. Either way every suggestion passes the guard before
 * the agent sees it, partial ones included. A model that fails falls back to local suggestions.
 */
import type { BrandGuide, Language, Promotion, Template } from '../core/brand/model';
import { guard, prepareGuard, type GuardContext, type PreparedGuard } from '../core/guard/guard';
import { allowedPromotions } from '../core/guard/promotions';
import { stripInvisible } from '../core/masking/invisible';
import { unmask, type MaskMap, type MaskSummary } from '../core/masking/mask';
import type { TimelineEvent } from '../core/timeline/event';
import type { TimelineSummary } from '../core/timeline/summary';
import { detectLanguage } from '../core/timeline/language';
import { buildContext, type BuiltContext, type LeftOut } from './context';
import { LlmError, readVariants, streamCompletion, type LlmProvider, type ModelVariant } from './llm';
import type { PastReply } from './local/past-replies';
import { LocalIndex } from './local/retrieval';
import { suggestLocal } from './local/suggest-local';
import type { Conversation, SuggestCustomer, Suggestion } from './types';

export interface SuggestInput {
  conversation: Conversation;
  customer: SuggestCustomer;
  timeline: readonly TimelineEvent[];
  /** The timeline summary the sidebar already shows (computed from `timeline` when absent). */
  summary?: TimelineSummary;
  guide?: BrandGuide;
  promotions: readonly Promotion[];
  templates: readonly Template[];
  pastReplies?: readonly PastReply[];
  /** The sidebar's long-lived index (updated incrementally); built from templates and past replies when absent. */
  index?: LocalIndex;
  /** None: local suggestions only. */
  provider?: LlmProvider | null;
  signal?: AbortSignal;
  /** Guarded suggestions so far, while a model streams (withheld ones carry no text). */
  onPartial?: (suggestions: Suggestion[]) => void;
  /** Other customers' identifiers and full names the guard must never let through. */
  others?: readonly string[];
  /** The team's own addresses, numbers and handles. */
  team?: readonly string[];
  agent?: { name?: string };
  now?: number;
  defaultRegion?: string;
  maxTokens?: number;
}

export interface SuggestResult {
  source: 'llm' | 'local';
  suggestions: Suggestion[];
  withheld: Suggestion[];
  /** What was masked in what was sent (null when nothing was sent). */
  masked: MaskSummary | null;
  leftOut: LeftOut[];
  error?: { code: string; message: string };
  timings: { contextMs?: number; totalMs: number };
}

const QUERY_MESSAGES = 3;
/** Characters of answer between two partial updates. */
const PARTIAL_STEP = 40;

/** The customer's language: set on the customer, else read from their messages, else French. */
export function replyLanguage(input: Pick<SuggestInput, 'customer' | 'conversation'>): Language {
  if (input.customer.language) return input.customer.language;
  const inbound = input.conversation.messages.filter((m) => m.direction !== 'outbound').map((m) => m.text);
  return detectLanguage(inbound.slice(-10))?.language ?? 'fr';
}

export function guardContext(input: SuggestInput, language: Language): GuardContext {
  const c = input.customer;
  const own = [...c.identifiers, ...[c.email, c.phone].filter((v): v is string => !!v)];
  const ctx: GuardContext = {
    channel: input.conversation.channel,
    language,
    now: input.now ?? Date.now(),
    customer: c,
    promotions: input.promotions,
    identity: { customer: own, others: input.others ?? [], team: input.team ?? [], defaultRegion: input.defaultRegion ?? 'FR' },
    publicChannel: input.conversation.public === true || input.conversation.channel === 'comment',
  };
  if (input.guide) ctx.guide = input.guide;
  return ctx;
}

function latestQuery(conversation: Conversation): string {
  const inbound = conversation.messages.filter((m) => m.direction !== 'outbound');
  return stripInvisible(inbound.slice(-QUERY_MESSAGES).map((m) => m.text).join('\n'));
}

export async function suggest(input: SuggestInput): Promise<SuggestResult> {
  const started = performance.now();
  const language = replyLanguage(input);
  const ctx = guardContext(input, language);
  const index = input.index ?? new LocalIndex(input.templates, input.pastReplies ?? []);
  const query = latestQuery(input.conversation);
  const local = (): SuggestResult => {
    const { suggestions, withheld } = suggestLocal({ index, query, guard: ctx, ...(input.agent ? { agent: input.agent } : {}) });
    return { source: 'local', suggestions, withheld, masked: null, leftOut: [], timings: { totalMs: performance.now() - started } };
  };
  if (!input.provider) return local();

  const context = prepareRequest(input, index, language, ctx.now);
  const contextMs = performance.now() - started;
  const checker = new VariantChecker(ctx, context.mask, new Set(allowedPromotions(input.promotions, ctx).map((p) => p.id)), new Set(context.templateIds), language);
  let answer = '';
  let shownUpTo = 0;
  try {
    answer = await streamCompletion(input.provider, context.messages, {
      ...(input.signal ? { signal: input.signal } : {}),
      onText: (text) => {
        answer = text;
        // Parsing and guarding on every chunk would be quadratic: once per few words is enough to see it grow.
        if (!input.onPartial || text.length - shownUpTo < PARTIAL_STEP) return;
        shownUpTo = text.length;
        input.onPartial(readVariants(text).map((v, i) => checker.check(v, i, true)));
      },
    });
  } catch (error) {
    const code = error instanceof LlmError ? error.code : 'llm-unavailable';
    const message = error instanceof Error ? error.message : String(error);
    // Cancelled: keep what was written so far (guarded). Failed: local suggestions instead.
    const result = code === 'llm-aborted' ? checker.result(readVariants(answer)) : local();
    return { ...result, masked: context.masked, leftOut: context.leftOut, error: { code, message }, timings: { contextMs, totalMs: performance.now() - started } };
  }
  const variants = readVariants(answer);
  if (!variants.length) {
    const result = local();
    return { ...result, masked: context.masked, leftOut: context.leftOut, error: { code: 'llm-bad-answer', message: 'The model gave no usable variant' }, timings: { contextMs, totalMs: performance.now() - started } };
  }
  return { ...checker.result(variants), masked: context.masked, leftOut: context.leftOut, timings: { contextMs, totalMs: performance.now() - started } };
}

/** Everything done before a request leaves: templates picked, context built and masked. */
export function prepareRequest(input: SuggestInput, index: LocalIndex, language: Language, now: number): BuiltContext {
  const relevant = relevantTemplates(index, latestQuery(input.conversation), language, input.conversation.channel);
  return buildContext({
    conversation: input.conversation,
    customer: input.customer,
    timeline: input.timeline,
    ...(input.summary ? { summary: input.summary } : {}),
    ...(input.guide ? { guide: input.guide } : {}),
    promotions: input.promotions,
    templates: relevant,
    language,
    now,
    ...(input.maxTokens ? { maxTokens: input.maxTokens } : {}),
    ...(input.defaultRegion ? { defaultRegion: input.defaultRegion } : {}),
  });
}

function relevantTemplates(index: LocalIndex, query: string, language: Language, channel: string): Template[] {
  const ids = new Set<string>();
  for (const c of index.find({ text: query, language, channel, limit: 4, kinds: ['template'] })) ids.add(c.ref);
  return [...ids].slice(0, 4).flatMap((id) => index.templates.get(id) ?? []);
}

/**
 * Unmasks and guards model variants. A model's own claims (which templates, which promotions it
 * used) approve nothing: only promotions the customer may have do, and only ids that were in
 * the context are reported. A variant withheld once while streaming stays withheld.
 */
class VariantChecker {
  private readonly prepared: PreparedGuard;
  private readonly withheld = new Set<number>();

  constructor(
    private readonly ctx: GuardContext,
    private readonly mask: MaskMap,
    private readonly promotionIds: Set<string>,
    private readonly templateIds: Set<string>,
    private readonly language: Language,
  ) {
    this.prepared = prepareGuard({ ...ctx, templates: [] });
  }

  check(variant: ModelVariant, i: number, partial = false): Suggestion {
    // A partial text may end mid-word or mid-number ("5" of "50 %"): check and show whole words only.
    const raw = partial ? variant.text.replace(/\S*$/, '') : variant.text;
    // Nothing written yet is not a withheld suggestion.
    const checked = partial && !raw.trim() ? { verdict: 'ok' as const, text: '', reasons: [] } : guard(unmask(raw, this.mask), this.ctx, this.prepared);
    if (checked.verdict === 'withheld' && raw.trim()) this.withheld.add(i);
    const withheld = this.withheld.has(i);
    return {
      id: `llm:${i}`,
      source: 'llm',
      ...(variant.style ? { style: variant.style } : {}),
      language: this.language,
      text: withheld ? '' : checked.text,
      verdict: withheld ? 'withheld' : checked.verdict,
      reasons: checked.reasons,
      templateIds: variant.templateIds.filter((id) => this.templateIds.has(id)),
      promotionIds: variant.promotionIds.filter((id) => this.promotionIds.has(id)),
      unfilled: [],
      canInsert: !withheld && checked.verdict !== 'withheld' && !partial,
    };
  }

  result(variants: ModelVariant[]): Pick<SuggestResult, 'source' | 'suggestions' | 'withheld'> {
    const checked = variants.map((v, i) => this.check(v, i));
    return { source: 'llm', suggestions: checked.filter((s) => s.verdict !== 'withheld'), withheld: checked.filter((s) => s.verdict === 'withheld') };
  }
}
