/**
 * Suggestions without a model: the best matching templates and past replies for the customer's
 * latest messages, filled with this customer's data, each through the guard. Up to `limit`
 * usable ones; withheld candidates are returned apart, with their reasons.
 */
import type { Language, Promotion, Template } from '../../core/brand/model';
import { guard, type GuardContext } from '../../core/guard/guard';
import { allowedPromotions, brandChannel } from '../../core/guard/promotions';
import { render, renderBody, type RenderedBody } from '../../core/templates/render';
import { messageFingerprintText } from '../../core/timeline/text';
import type { Suggestion } from '../types';
import { generaliseReply, type PastReply } from './past-replies';
import type { Candidate, LocalIndex } from './retrieval';

export interface LocalSuggestOptions {
  index: LocalIndex;
  /** The customer's latest messages, joined. */
  query: string;
  guard: GuardContext;
  agent?: { name?: string };
  limit?: number;
}

export interface LocalSuggestions {
  suggestions: Suggestion[];
  withheld: Suggestion[];
}

// Candidates looked at beyond the limit, so a withheld one can be replaced by the next best.
const EXAMINED = 12;

export function suggestLocal(options: LocalSuggestOptions): LocalSuggestions {
  const { index, guard: ctx } = options;
  const limit = options.limit ?? 3;
  const allowed = new Map(allowedPromotions(ctx.promotions, ctx).map((p) => [p.id, p]));
  const candidates = templateFirst(index.find({ text: options.query, language: ctx.language, channel: ctx.channel, limit: EXAMINED }), limit);
  const seen = new Set<string>();
  const out: LocalSuggestions = { suggestions: [], withheld: [] };
  let examined = 0;
  for (const candidate of candidates) {
    if (out.suggestions.length >= limit || examined >= EXAMINED) break;
    const key = `${candidate.kind}:${candidate.ref}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const filled = fill(candidate, index, options, allowed);
    if (!filled) continue;
    // The same reply sent to many customers is one suggestion.
    const fingerprint = messageFingerprintText(filled.rendered.text);
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    examined++;
    const checked = guard(filled.rendered.text, filled.ctx);
    const suggestion: Suggestion = {
      id: key,
      source: candidate.kind === 'template' ? 'template' : 'past-reply',
      language: filled.language,
      text: checked.text,
      verdict: checked.verdict,
      reasons: checked.reasons,
      templateIds: filled.template ? [filled.template.id] : [],
      promotionIds: filled.template?.promotionId && allowed.has(filled.template.promotionId) ? [filled.template.promotionId] : [],
      unfilled: checked.verdict === 'ok' ? filled.rendered.unfilled : [],
      canInsert: checked.verdict !== 'withheld' && filled.rendered.canInsert,
      score: Math.round(candidate.score * 100) / 100,
    };
    (checked.verdict === 'withheld' ? out.withheld : out.suggestions).push(suggestion);
  }
  return out;
}

/**
 * The team's curated wording should not be pushed out by several past replies that share the
 * same words: the best template takes the last place of the first `limit` when it is below it.
 */
function templateFirst(candidates: Candidate[], limit: number): Candidate[] {
  const best = candidates.findIndex((c) => c.kind === 'template');
  if (best < limit - 1) return candidates;
  const reordered = [...candidates];
  const [template] = reordered.splice(best, 1);
  reordered.splice(limit - 1, 0, template!);
  return reordered;
}

interface Filled {
  rendered: RenderedBody;
  language: Language;
  template?: Template;
  ctx: GuardContext;
}

function fill(candidate: Candidate, index: LocalIndex, options: LocalSuggestOptions, allowed: Map<string, Promotion>): Filled | null {
  const ctx = options.guard;
  const values = { language: ctx.language, customer: ctx.customer, agent: options.agent ?? {}, now: ctx.now };
  if (candidate.kind === 'template') {
    const template = index.templates.get(candidate.ref);
    if (!template) return null;
    const promotion = template.promotionId ? allowed.get(template.promotionId) : undefined;
    // A template made for a promotion this customer cannot have is not a suggestion for them.
    if (template.promotionId && !promotion) return null;
    const rendered = render(template, { ...values, channel: brandChannel(ctx.channel), ...(promotion ? { promotion } : {}) });
    // The team wrote this wording: what it offers is approved (if its promotion is allowed).
    return { rendered, language: rendered.variant.language, template, ctx: { ...ctx, templates: [template] } };
  }
  const reply: PastReply | undefined = index.replies.get(candidate.ref);
  if (!reply) return null;
  const rendered = renderBody(generaliseReply(reply), values, { onMissing: 'drop' });
  // Whatever of the original customer is left in the reply must never reach this one.
  const theirs = reply.customer;
  const others = [...ctx.identity.others, ...(theirs?.identifiers ?? [])];
  if (theirs?.firstName && theirs.lastName) others.push(`${theirs.firstName} ${theirs.lastName}`);
  return { rendered, language: candidate.language ?? ctx.language, ctx: { ...ctx, templates: [], identity: { ...ctx.identity, others } } };
}
