/**
 * The reply assist, background side: reads what the team lead published (brand guide, templates,
 * promotions) from the `published` store, works out the customer on screen, renders templates for
 * them, expands shortcuts typed in the host reply box, and checks the agent's draft against the
 * brand guide. The content script only ever gets back final text to put in its own reply box.
 */
import { v7 as uuidv7 } from 'uuid';
import { checkDraft, applyFixes, type DraftIssue } from '../core/brand/check-draft';
import { BRAND_CHANNELS, BrandGuideSchema, PromotionSchema, TemplateSchema } from '../core/brand/model';
import type { BrandChannel, BrandGuide, CustomerFacts, Language, Promotion, Template } from '../core/brand/model';
import { activePromotions, activePromotionsFor, mentionedPromotions, nextChange } from '../core/promotions';
import { findShortcut, render } from '../core/templates';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { AssistState, ContentCommand, DraftState, RenderedTemplate, SidebarPush } from '../shared/messages';
import { browser } from '../shared/platform';
import type { SidebarView } from '../shared/schemas';
import { loadSettings } from '../shared/settings';
import { db, type ContinuumDb, type FeedbackRow } from '../storage/db';
import type { Handlers, SenderContext } from './router';
import { tabState } from './session-store';
import { buildView } from './sidebar-view';
import { syncEngine } from './sync';
import { publishedRecords } from './sync/published';
import { suggestFor, suggestInputsFor, suggestionFeedback, suggestionsShown } from './assist-suggest';
import { pushToAll } from './sidebar-hub';
import { getPairing } from './sync/sync-state';
import { forgetDraft, trackDraft, trackFix } from './brand-signals';

export interface Published {
  guide: BrandGuide | null;
  templates: Template[];
  promotions: Promotion[];
}

/** The hub's records, validated: a malformed one is left out rather than breaking the sidebar. */
export async function loadPublished(database: ContinuumDb): Promise<Published> {
  const [guides, templates, promotions] = await Promise.all(
    (['brand-guide', 'templates', 'promotions'] as const).map((table) => publishedRecords(database, table)),
  );
  const parse = <T>(rows: { data: unknown }[] | undefined, schema: { safeParse(v: unknown): { success: boolean; data?: T } }) =>
    (rows ?? []).flatMap(({ data }) => {
      const parsed = schema.safeParse(data);
      return parsed.success && parsed.data !== undefined ? [parsed.data] : [];
    });
  // One guide is current: the highest version published.
  const guide = parse<BrandGuide>(guides, BrandGuideSchema).sort((a, b) => b.version - a.version)[0] ?? null;
  return {
    guide,
    templates: parse<Template>(templates, TemplateSchema).filter((t) => !t.deleted),
    promotions: parse<Promotion>(promotions, PromotionSchema).filter((p) => !p.deleted),
  };
}

/** What the assist knows of the conversation on screen. */
export interface AssistContext {
  conversationKey?: string;
  channel: BrandChannel;
  language: Language;
  customer?: CustomerFacts;
  agent: { id?: string; name?: string };
}

const isBrandChannel = (c: string | undefined): c is BrandChannel => (BRAND_CHANNELS as readonly string[]).includes(c ?? '');

/** "Nora Lindqvist" → first and last name; a single word is the first name. */
export function splitName(name: string | undefined): Pick<CustomerFacts, 'firstName' | 'lastName' | 'fullName'> {
  const words = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (!words.length || name?.includes('@')) return {};
  return { fullName: words.join(' '), firstName: words[0], ...(words.length > 1 ? { lastName: words.slice(1).join(' ') } : {}) };
}

/**
 * Facts about the customer a template or a promotion may use, from the sidebar's view. Segments
 * and tags come from no source yet (the CRM adapters will bring them), so promotions restricted
 * to segments or tags are not offered.
 */
export function customerFacts(view: SidebarView | null, language: Language): CustomerFacts | undefined {
  const customer = view?.customer;
  if (!view || !customer) return undefined;
  const contacts = view.summary?.channels.reduce((sum, c) => sum + c.contacts, 0) ?? 0;
  const email = customer.identifiers.find((i) => i.kind === 'email')?.value;
  const phone = customer.identifiers.find((i) => i.kind === 'phone')?.value;
  return {
    ...splitName(customer.name),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
    language,
    segments: [],
    tags: [],
    // Someone with history elsewhere or earlier contacts is an existing customer.
    kind: view.history.length > 0 || contacts > 1 ? 'existing' : 'new',
    ...(view.summary?.stage ? { stage: view.summary.stage } : {}),
  };
}

async function channelOf(database: ContinuumDb, conversationKey: string | undefined): Promise<BrandChannel> {
  if (!conversationKey) return 'default';
  const event = await database.events.where('conversationKey').equals(conversationKey).last();
  return isBrandChannel(event?.channel) ? event.channel : event?.channel === 'web' ? 'chat' : 'default';
}

async function languageOf(view: SidebarView | null): Promise<Language> {
  const detected = view?.summary?.language;
  if (detected === 'fr' || detected === 'en') return detected;
  const { language } = await loadSettings();
  return language === 'fr' ? 'fr' : 'en';
}

// The draft check runs on every pause in typing: the context is reused while the screen is the same.
const contexts = new Map<number, { key: string; at: number; ctx: AssistContext }>();
const CONTEXT_TTL_MS = 5000;

export async function assistContext(tabId: number, database = db(), now = Date.now()): Promise<AssistContext> {
  const state = await tabState(tabId);
  const key = `${state?.conversationKey}|${state?.customerId}`;
  const cached = contexts.get(tabId);
  if (cached && cached.key === key && now - cached.at < CONTEXT_TTL_MS) return cached.ctx;
  const view = await buildView(tabId, now);
  const language = await languageOf(view);
  const member = (await getPairing(database).catch(() => undefined))?.member;
  const ctx: AssistContext = {
    ...(state?.conversationKey ? { conversationKey: state.conversationKey } : {}),
    channel: await channelOf(database, state?.conversationKey),
    language,
    customer: customerFacts(view, language),
    agent: member ? { id: member.id, name: member.name } : {},
  };
  contexts.set(tabId, { key, at: now, ctx });
  return ctx;
}

/** The promotion a template speaks of, when it is live and this customer may have it. */
function templatePromotion(template: Template, eligible: readonly Promotion[]): Promotion | undefined {
  return template.promotionId ? eligible.find((p) => p.id === template.promotionId) : undefined;
}

export function renderTemplate(template: Template, ctx: AssistContext, published: Published, fills: Record<string, string> = {}, now = Date.now()): RenderedTemplate {
  const promotion = templatePromotion(template, activePromotionsFor(ctx.customer, ctx.channel, ctx.language, now, published.promotions));
  const rendered = render(template, { channel: ctx.channel, language: ctx.language, customer: ctx.customer, agent: ctx.agent, fills, now, ...(promotion ? { promotion } : {}) });
  return {
    text: rendered.text,
    unfilled: rendered.unfilled,
    missing: rendered.missing,
    canInsert: rendered.canInsert,
    fallback: rendered.fallback,
    language: rendered.variant.language,
    channel: ctx.channel,
  };
}

export function checkFor(text: string, ctx: AssistContext, published: Published, now = Date.now()): DraftIssue[] {
  if (!published.guide) return [];
  return checkDraft(text, {
    guide: published.guide,
    channel: ctx.channel,
    language: ctx.language,
    promotions: published.promotions,
    ...(ctx.customer ? { customer: ctx.customer } : {}),
    now,
    agent: ctx.agent,
  });
}

export type ShortcutOutcome =
  | { kind: 'expand'; start: number; end: number; text: string; templateId: string }
  | { kind: 'open'; templateId: string };

/**
 * A shortcut just typed before the caret: expanded when the template renders completely for
 * this customer, otherwise opened in the sidebar for the agent to complete (never half-inserted).
 */
export function expandShortcut(text: string, caret: number, ctx: AssistContext, published: Published, now = Date.now()): ShortcutOutcome | undefined {
  const hit = findShortcut(text.slice(0, Math.min(caret, text.length)), published.templates);
  if (!hit) return undefined;
  const rendered = renderTemplate(hit.template, ctx, published, {}, now);
  if (!rendered.canInsert) return { kind: 'open', templateId: hit.template.id };
  // The space or mark typed after the shortcut is replaced too, and put back after the text, so
  // the caret ends up after it, where the agent's next keystroke belongs.
  return { kind: 'expand', start: hit.start, end: hit.end + hit.trigger.length, text: rendered.text + hit.trigger, templateId: hit.template.id };
}

// --- Feedback for the metrics: promotion-seen, template-used, brand issues (brand-signals.ts) ---

export interface AssistFeedback {
  id: string;
  kind: 'promotion-seen' | 'template-used' | 'caught' | 'fixed' | 'mentioned';
  /** The hub's metric signal this record counts for (docs/api.md, Metrics). */
  signal?: 'promotion-seen' | 'template-use' | 'brand-issue' | 'promotion-mention';
  /** `caught`, `fixed`: the brand rule (the draft check's code). */
  code?: string;
  /** `caught`, `fixed`: one issue in one draft, the same in both records. */
  issueId?: string;
  at: number;
  agent?: string;
  promotionId?: string;
  templateId?: string;
  /** `template-used`: typed as a shortcut or inserted from the sidebar. */
  via?: 'shortcut' | 'sidebar';
  conversationKey?: string;
  /** `mentioned`: the reply the promotion was named in (its conversation, when known). */
  replyId?: string;
}

/** Records it in the `feedback` store, which the sync pushes to the hub for the team's metrics. */
export async function storeFeedback(records: ReadonlyArray<FeedbackRow>, database = db()): Promise<void> {
  if (records.length) await database.feedback.bulkAdd([...records]);
}

const SIGNALS = { 'promotion-seen': 'promotion-seen', 'template-used': 'template-use', caught: 'brand-issue', fixed: 'brand-issue', mentioned: 'promotion-mention' } as const;

export async function recordFeedback(entry: Omit<AssistFeedback, 'id' | 'signal'>, database = db()): Promise<AssistFeedback> {
  const record: AssistFeedback = { id: uuidv7(), signal: SIGNALS[entry.kind], ...entry };
  await storeFeedback([record], database);
  return record;
}

/** Every feedback record kept (the assist's and the suggestions'), oldest first. */
export async function feedbackRecords(database = db()): Promise<AssistFeedback[]> {
  return (await database.feedback.orderBy('at').toArray()) as unknown as AssistFeedback[];
}

/**
 * Records each live promotion that text put into the reply box names (by code or title), once per
 * promotion and conversation: the hub counts these as the team's promotion mentions.
 */
export async function recordMentions(tabId: number, text: string, database = db(), now = Date.now()): Promise<AssistFeedback[]> {
  const published = await loadPublished(database);
  const mentions = mentionedPromotions(text, activePromotions(published.promotions, now));
  if (!mentions.length) return [];
  const ctx = await assistContext(tabId, database, now);
  const key = ctx.conversationKey;
  const earlier = (await feedbackRecords(database)).filter((r) => r.kind === 'mentioned' && key && r.conversationKey === key);
  const fresh = mentions.filter((m) => !earlier.some((r) => r.promotionId === m.promotion.id));
  const replyId = key ?? uuidv7();
  const records = fresh.map(({ promotion }): AssistFeedback => ({ id: uuidv7(), kind: 'mentioned', signal: 'promotion-mention', promotionId: promotion.id, replyId, at: now, agent: ctx.agent.id, ...(key ? { conversationKey: key } : {}) }));
  await storeFeedback(records, database);
  return records;
}

async function seenPromotions(agent: string | undefined): Promise<string[]> {
  const records = await feedbackRecords();
  return [...new Set(records.filter((r) => r.kind === 'promotion-seen' && r.agent === agent && r.promotionId).map((r) => r.promotionId!))];
}

// --- The draft in each tab's reply box, as last reported ---

const drafts = new Map<number, DraftState>();

// The metrics' record of brand issues never stands in the way of the agent's draft or fix.
const signalFailed = (error: unknown) => console.warn('Continuum: brand issue not recorded', error);

/** A closed tab: what the assist kept for it goes (its draft ends, see brand-signals.ts). */
export async function forgetAssistTab(tabId: number): Promise<void> {
  const agent = contexts.get(tabId)?.ctx.agent.id ?? (await getPairing(db()).catch(() => undefined))?.member?.id;
  drafts.delete(tabId);
  contexts.delete(tabId);
  await forgetDraft(tabId, { agent }).catch(signalFailed);
}

export function assistState(ctx: AssistContext, published: Published, draft: DraftState | null, seen: string[], now = Date.now()): AssistState {
  const next = nextChange(published.promotions, now);
  return {
    channel: ctx.channel,
    language: ctx.language,
    ...(ctx.customer ? { customer: ctx.customer } : {}),
    guide: published.guide,
    templates: published.templates,
    eligible: activePromotionsFor(ctx.customer, ctx.channel, ctx.language, now, published.promotions),
    active: activePromotions(published.promotions, now),
    seen,
    ...(next !== undefined ? { nextChange: next } : {}),
    draft,
  };
}

export interface AssistDeps {
  sessionTab(session: string, sender: SenderContext): Promise<number>;
  requireEnabled(sender: SenderContext): Promise<{ tabId: number }>;
  tellTab(tabId: number, command: ContentCommand): Promise<unknown>;
  pushToTab(tabId: number, push: SidebarPush): void;
}

type AssistHandlers = Pick<
  Handlers,
  'content/draft' | 'sidebar/assist' | 'sidebar/render-template' | 'sidebar/insert-template' | 'sidebar/promotion-seen' | 'sidebar/fix-draft' | 'sidebar/suggest' | 'sidebar/suggestion-feedback' | 'sidebar/suggest-inputs' | 'sidebar/suggestions-shown'
>;

function templateById(published: Published, id: string): Template {
  const template = published.templates.find((t) => t.id === id);
  if (!template) throw new ContinuumError(ErrorCode.InvalidPayload, 'This template is no longer published');
  return template;
}

async function insertOrThrow(deps: AssistDeps, tabId: number, command: ContentCommand): Promise<void> {
  const result = (await deps.tellTab(tabId, command)) as { inserted?: boolean; code?: string } | undefined;
  if (result?.inserted) return;
  const code = Object.values(ErrorCode).find((c) => c === result?.code) ?? ErrorCode.NoReplyBox;
  throw new ContinuumError(code, 'Nothing was inserted');
}

export function createAssistHandlers(deps: AssistDeps): AssistHandlers {
  return {
    async 'content/draft'({ text, caret }, sender) {
      const { tabId } = await deps.requireEnabled(sender);
      const [ctx, published] = await Promise.all([assistContext(tabId), loadPublished(db())]);
      const shortcut = expandShortcut(text, caret, ctx, published);
      if (shortcut?.kind === 'expand') {
        await recordFeedback({ kind: 'template-used', at: Date.now(), templateId: shortcut.templateId, via: 'shortcut', agent: ctx.agent.id, conversationKey: ctx.conversationKey });
        // The next report (after the expansion) is checked; this text is about to change.
        return { replace: { start: shortcut.start, end: shortcut.end, text: shortcut.text } };
      }
      const draft: DraftState = { text, issues: checkFor(text, ctx, published), ...(shortcut ? { open: { templateId: shortcut.templateId, at: Date.now() } } : {}) };
      drafts.set(tabId, draft);
      deps.pushToTab(tabId, { type: 'draft', draft });
      await trackDraft(tabId, { text, caret, issues: draft.issues, ...(ctx.conversationKey ? { conversationKey: ctx.conversationKey } : {}) }, { agent: ctx.agent.id }).catch(signalFailed);
      return {};
    },

    async 'sidebar/assist'({ session }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const [ctx, published] = await Promise.all([assistContext(tabId), loadPublished(db())]);
      return assistState(ctx, published, drafts.get(tabId) ?? null, await seenPromotions(ctx.agent.id));
    },

    async 'sidebar/render-template'({ session, templateId, fills }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const [ctx, published] = await Promise.all([assistContext(tabId), loadPublished(db())]);
      return renderTemplate(templateById(published, templateId), ctx, published, fills);
    },

    async 'sidebar/insert-template'({ session, templateId, fills, conversationKey }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const [ctx, published] = await Promise.all([assistContext(tabId), loadPublished(db())]);
      const rendered = renderTemplate(templateById(published, templateId), ctx, published, fills);
      // Checked here too: the sidebar's disabled button is not what keeps a placeholder out.
      if (!rendered.canInsert) throw new ContinuumError(ErrorCode.InvalidPayload, 'The template still has fields to complete');
      await insertOrThrow(deps, tabId, { type: 'insert', text: rendered.text, conversationKey });
      await recordFeedback({ kind: 'template-used', at: Date.now(), templateId, via: 'sidebar', agent: ctx.agent.id, conversationKey: ctx.conversationKey });
      await recordMentions(tabId, rendered.text);
      return { inserted: true };
    },

    async 'sidebar/promotion-seen'({ session, promotionId }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const ctx = await assistContext(tabId);
      if (!(await seenPromotions(ctx.agent.id)).includes(promotionId)) {
        await recordFeedback({ kind: 'promotion-seen', at: Date.now(), promotionId, agent: ctx.agent.id, conversationKey: ctx.conversationKey });
      }
      return { ok: true as const };
    },

    async 'sidebar/fix-draft'({ session, text, issue }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const [ctx, published] = await Promise.all([assistContext(tabId), loadPublished(db())]);
      const target = checkFor(text, ctx, published)[issue];
      if (!target?.fix?.length) throw new ContinuumError(ErrorCode.InvalidPayload, 'This issue has no fix');
      // Edits are applied in the page last to first, so each one's offsets still hold.
      const { applied } = applyFixes(text, [target]);
      if (!applied.length) return { fixed: false };
      const edits = [...target.fix].sort((a, b) => b.start - a.start);
      await insertOrThrow(deps, tabId, { type: 'replace-draft', expected: text, edits });
      // A brand issue fixed in one click, under the issueId it was caught with.
      await trackFix(tabId, target, { agent: ctx.agent.id, conversationKey: ctx.conversationKey }).catch(signalFailed);
      return { fixed: true };
    },

    async 'sidebar/suggest'({ session }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const [ctx, published, view] = await Promise.all([assistContext(tabId), loadPublished(db()), buildView(tabId)]);
      return view ? suggestFor(tabId, view, ctx, published) : { runId: '', suggestions: [], withheld: 0 };
    },

    async 'sidebar/suggestion-feedback'({ session, runId, suggestionId, kind, edit }, sender) {
      await suggestionFeedback(await deps.sessionTab(session, sender), runId, suggestionId, kind, edit);
      return { ok: true as const };
    },

    async 'sidebar/suggest-inputs'({ session }, sender) {
      const tabId = await deps.sessionTab(session, sender);
      const [ctx, published, view] = await Promise.all([assistContext(tabId), loadPublished(db()), buildView(tabId)]);
      return view ? suggestInputsFor(tabId, view, ctx, published) : null;
    },

    async 'sidebar/suggestions-shown'({ session, runId, suggestions }, sender) {
      await suggestionsShown(await deps.sessionTab(session, sender), runId, suggestions);
      return { ok: true as const };
    },
  };
}

/** Open sidebars hear at once of a guide, template or promotion the hub published. */
export function watchPublished(): void {
  syncEngine().onPublished((tables) => {
    if (tables.has('brand-guide') || tables.has('templates') || tables.has('promotions')) pushToAll({ type: 'assist-changed' });
  });
}
