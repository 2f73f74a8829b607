/**
 * The one message contract between the content script, the extension pages and the background.
 *
 * Each message names who may send it:
 * - `content`: a content script in the top frame of an enabled site (untrusted relay: it only
 *   sends identity hints read from the page and layout changes);
 * - `sidebar`: the sidebar page, which is web-accessible and so may be embedded by a hostile
 *   page: it proves itself with a handshake session bound to its tab;
 * - `console`: the popup and options pages, which no web page can embed.
 * The router's handler table must satisfy `Handlers`, so a missing handler is a compile error.
 */
import { z } from 'zod';
import {
  detectionSchema,
  httpUrlSchema,
  LIMITS,
  settingsSchema,
  sidebarViewSchema,
  siteLayoutSchema,
} from './schemas';
import { hubPairRequestSchema, hubStatusSchema } from './hub-schemas';
import { adapterIdSchema, siteSpecJsonSchema, type SiteSpecJson } from '../adapters/custom/schema';
import { customAdapterSchema, fieldJsonSchema, pickJsonSchema, SPEC_LIMITS, threadJsonSchema } from '../adapters/custom/schema';
import type { BrandChannel, BrandGuide, CustomerFacts, Language, Promotion, Template } from '../core/brand/model';
import type { DraftIssue } from '../core/brand/issues';
import type { Rendered } from '../core/templates/render';
import type { Conversation, SuggestCustomer, Suggestion } from '../ai/types';
import type { PastReply } from '../ai/local/past-replies';
import type { TimelineEvent } from '../core/timeline/event';
import type { FieldError } from '../core/brand/validation';
import type { Eligibility } from '../core/promotions/eligibility';

export type SenderRole = 'content' | 'sidebar' | 'console';

const ok = z.object({ ok: z.literal(true) });
const session = z.string().min(16).max(64);

/** One adapter as the settings page lists it (kill switch). */
const adapterEntrySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['built-in', 'custom', 'generic']),
  disabled: z.boolean(),
  hubDisabled: z.boolean(),
});

/** What teach mode's steps produced (src/adapters/custom/teach-spec.ts `TaughtPicks`). */
const taughtPicksSchema = z
  .object({
    name: fieldJsonSchema,
    email: fieldJsonSchema.optional(),
    phone: fieldJsonSchema.optional(),
    customerId: fieldJsonSchema.optional(),
    thread: threadJsonSchema.optional(),
    reply: pickJsonSchema,
  })
  .strict();
const customAdapterListSchema = z.object({ adapters: z.array(customAdapterSchema) });
const customAdapterNameSchema = z.string().trim().min(1).max(SPEC_LIMITS.name);

/** The longest reply-box text the draft check reads. */
const DRAFT_MAX = 20_000;

/** What feedback keeps of a suggestion the sidebar showed (ids and sources, never the text). */
const shownSuggestionSchema = z.object({
  id: z.string().max(200),
  source: z.enum(['template', 'past-reply', 'llm']),
  style: z.enum(['concise', 'warm', 'detailed']).optional(),
  verdict: z.enum(['ok', 'fixed', 'withheld']),
  templateIds: z.array(z.string().max(100)).max(20),
  promotionIds: z.array(z.string().max(100)).max(20),
});
export type ShownSuggestion = z.infer<typeof shownSuggestionSchema>;
const assistId = z.string().min(1).max(100);
/** What the agent typed in a template's fill-in fields, by label. */
const fillsSchema = z.record(z.string().max(200), z.string().max(2000)).refine((f) => Object.keys(f).length <= 50, 'too many fields');

/** The lead console (background/console.ts): records stay loose here, the background checks them field by field. */
const consoleRecordSchema = z.record(z.string(), z.unknown());
const consoleTableSchema = z.enum(['brand-guide', 'templates', 'promotions']);
const consoleListTableSchema = z.enum(['templates', 'promotions']);
/** The console's Team tab (background/console-team.ts): one message, one hub action each. */
const teamRole = z.enum(['agent', 'lead', 'admin']);
const hubId = z.string().min(1).max(200);
const consoleTeamRequestSchema = z.discriminatedUnion('action', [
  z.object({ action: z.enum(['members', 'invites', 'retention', 'llm', 'kill-switches', 'team-adapters']) }),
  z.object({ action: z.literal('audit'), limit: z.number().int().min(1).max(1000).optional() }),
  z.object({ action: z.literal('set-role'), memberId: hubId, role: teamRole }),
  z.object({ action: z.literal('revoke-member'), memberId: hubId }),
  z.object({ action: z.literal('create-invite'), role: teamRole, name: z.string().trim().max(100).optional(), maxUses: z.number().int().min(1).max(1000).optional(), expiresInHours: z.number().positive().max(720).optional() }),
  z.object({ action: z.literal('revoke-invite'), inviteId: hubId }),
  z.object({ action: z.literal('set-retention'), months: z.number().int().min(1).max(1200).nullable() }),
  // `apiKey` omitted keeps the hub's key, `null` removes it; it is never read back.
  z.object({ action: z.literal('set-llm'), baseURL: z.url({ protocol: /^https?$/ }), model: z.string().trim().min(1).max(200), apiKey: z.string().min(1).max(1000).nullable().optional(), requestsPerMinute: z.number().int().min(1).max(600).optional(), maxTokens: z.number().int().min(1).max(100_000).optional() }),
  z.object({ action: z.literal('set-kill-switch'), adapterId: adapterIdSchema, disabled: z.boolean(), reason: z.string().trim().max(500) }),
  // Share this browser's custom adapter with the team, or withdraw a shared one (background/console-team.ts).
  z.object({ action: z.enum(['share-adapter', 'unshare-adapter']), adapterId: adapterIdSchema }),
  z.object({ action: z.enum(['export-customer', 'erase-customer']), key: z.string().trim().regex(/^[a-z]+:.+$/).max(500) }),
]);

/** Where suggestions come from: local only (the default), an OpenAI-compatible endpoint, or the team hub's proxy. */
export const aiModeSchema = z.enum(['none', 'openai', 'hub']);
export type AiMode = z.infer<typeof aiModeSchema>;
const aiSettingsRequestSchema = z.object({
  mode: aiModeSchema,
  openai: z
    .object({
      baseURL: httpUrlSchema,
      model: z.string().trim().min(1).max(200),
      /** Omitted: keep the stored key; empty string: forget it. */
      apiKey: z.string().trim().max(500).optional(),
    })
    .optional(),
});
export type AiSettingsRequest = z.infer<typeof aiSettingsRequestSchema>;

/** The provider settings as the options page sees them: never the key, only whether one is stored. */
export interface AiProviderView {
  mode: AiMode;
  openai: { baseURL: string; model: string; hasApiKey: boolean };
  /** The paired hub, when there is one (the "Team hub" choice is offered only then). */
  hub: { paired: boolean; teamName: string | null };
}

/** What the sidebar and options pages run model requests with; `provider` null means local suggestions. */
export interface AiProviderAnswer {
  mode: AiMode;
  provider: { baseURL: string; apiKey: string; model: string } | null;
  /** Why `provider` is null although a mode was chosen (no key, hub not paired, token revoked). */
  reason?: 'no-api-key' | 'hub-not-paired' | 'hub-revoked';
}

export const contract = {
  'content/hello': {
    from: 'content',
    request: z.object({ url: httpUrlSchema }),
    response: z.object({
      enabled: z.boolean(),
      own: z.object({ domains: z.array(z.string()), signatures: z.array(z.string()) }),
      defaultRegion: z.string(),
      layout: siteLayoutSchema,
      mode: z.enum(['frame', 'panel']),
      disabledAdapters: z.array(z.string()),
      /** The site specs for this page's host (custom first), as JSON: the script bundles none. */
      specs: z.array(siteSpecJsonSchema),
    }),
  },
  'content/frame-token': {
    from: 'content',
    request: z.object({}),
    response: z.object({ token: z.string() }),
  },
  'content/detected': {
    from: 'content',
    request: z.object({ url: httpUrlSchema, detection: detectionSchema.nullable() }),
    response: ok,
  },
  'content/layout': {
    from: 'content',
    request: siteLayoutSchema.partial(),
    response: ok,
  },
  'sidebar/handshake': {
    from: 'sidebar',
    // `tokens`: every candidate the frame was handed (the page may have posted forged ones too).
    request: z.object({
      mode: z.enum(['frame', 'panel']),
      token: z.string().max(64).optional(),
      tokens: z.array(z.string().max(64)).max(1024).optional(),
    }),
    response: z.object({ session, view: sidebarViewSchema.nullable() }),
  },
  'sidebar/collapse': {
    from: 'sidebar',
    request: z.object({ session }),
    response: ok,
  },
  'sidebar/insert': {
    from: 'sidebar',
    // `conversationKey`: the conversation the sidebar showed when the text was written (null
    // when it showed none); the page refuses the insert if it shows another one now.
    request: z.object({ session, text: z.string().min(1).max(10_000), conversationKey: z.string().max(LIMITS.url).nullable() }),
    response: z.object({ inserted: z.boolean() }),
  },
  'sidebar/merge': {
    from: 'sidebar',
    request: z.object({ session, otherId: z.string().max(64) }),
    response: ok,
  },
  'sidebar/undo-merge': {
    from: 'sidebar',
    request: z.object({ session, mergeId: z.string().max(64) }),
    response: ok,
  },
  'sidebar/dismiss-suggestion': {
    from: 'sidebar',
    request: z.object({ session, otherId: z.string().max(64) }),
    response: ok,
  },
  'sidebar/split': {
    from: 'sidebar',
    request: z.object({ session, identifierKey: z.string().max(400) }),
    response: ok,
  },
  'sidebar/add-note': {
    from: 'sidebar',
    request: z.object({ session, text: z.string().trim().min(1).max(4000) }),
    response: ok,
  },
  'settings/get': {
    from: 'console',
    request: z.object({}),
    response: settingsSchema,
  },
  'settings/update': {
    from: 'console',
    request: settingsSchema.partial(),
    response: settingsSchema,
  },
  'sites/list': {
    from: 'console',
    request: z.object({}),
    response: z.object({ origins: z.array(z.string()) }),
  },
  'sites/sync': {
    from: 'console',
    request: z.object({}),
    response: z.object({ origins: z.array(z.string()) }),
  },
  'sites/disable': {
    from: 'console',
    request: z.object({ pattern: z.string().max(300) }),
    response: z.object({ origins: z.array(z.string()) }),
  },
  'adapters/list': {
    from: 'console',
    request: z.object({}),
    response: z.object({ adapters: z.array(adapterEntrySchema) }),
  },
  'adapters/set-disabled': {
    from: 'console',
    request: z.object({ id: adapterIdSchema, disabled: z.boolean() }),
    response: z.object({ adapters: z.array(adapterEntrySchema) }),
  },
  // The team hub (background/sync): pairing, status, sync now. No message ever carries the token.
  'hub/pair': {
    from: 'console',
    request: hubPairRequestSchema,
    response: hubStatusSchema,
  },
  'hub/status': {
    from: 'console',
    request: z.object({}),
    response: hubStatusSchema,
  },
  'hub/sync': {
    from: 'console',
    request: z.object({}),
    response: hubStatusSchema,
  },
  'hub/unpair': {
    from: 'console',
    request: z.object({}),
    response: hubStatusSchema,
  },
  // Development builds: is the demo hub `npm start` launched answering, and pair with it (background/sync/dev-pairing.ts).
  'hub/demo': {
    from: 'console',
    request: z.object({}),
    response: z.object({ available: z.boolean() }),
  },
  'hub/demo-pair': {
    from: 'console',
    request: z.object({}),
    response: hubStatusSchema,
  },
  // Teach mode: started by the agent for one tab; the overlay it injects speaks as `content`.
  'teach/start': {
    from: 'console',
    request: z.object({ tabId: z.number().int().nonnegative() }),
    response: ok,
  },
  'teach/hello': {
    from: 'content',
    request: z.object({}),
    response: z.object({ strings: z.record(z.string(), z.string()), region: z.string() }),
  },
  'teach/save': {
    from: 'content',
    request: z.object({ url: httpUrlSchema, name: customAdapterNameSchema, picks: taughtPicksSchema }),
    response: z.object({ id: z.string(), name: z.string(), version: z.number(), siteEnabled: z.boolean() }),
  },
  'teach/cancel': {
    from: 'content',
    request: z.object({}),
    response: ok,
  },
  // Custom adapters in settings: list, rename, delete, import (export is the list, as a file).
  'custom-adapters/list': {
    from: 'console',
    request: z.object({}),
    // `team`: the adapters a lead shared through the hub, shown read-only.
    response: customAdapterListSchema.extend({ team: z.array(customAdapterSchema) }),
  },
  'custom-adapters/rename': {
    from: 'console',
    request: z.object({ id: adapterIdSchema, name: customAdapterNameSchema }),
    response: customAdapterListSchema,
  },
  'custom-adapters/delete': {
    from: 'console',
    request: z.object({ id: adapterIdSchema }),
    response: customAdapterListSchema,
  },
  'custom-adapters/import': {
    from: 'console',
    request: z.object({ adapters: z.array(customAdapterSchema).min(1).max(SPEC_LIMITS.adapters) }),
    response: customAdapterListSchema.extend({ added: z.number(), updated: z.number() }),
  },
  // Reply assist (background/assist.ts): the draft in the host reply box, templates, promotions.
  'content/draft': {
    from: 'content',
    // The page's own text in its reply box and the caret in it; the answer is at most the range
    // to replace with an expanded shortcut (the final text, never the template or the customer).
    request: z.object({ text: z.string().max(DRAFT_MAX), caret: z.number().int().nonnegative() }),
    response: z.object({ replace: z.object({ start: z.number().int(), end: z.number().int(), text: z.string() }).optional() }),
  },
  'sidebar/assist': {
    from: 'sidebar',
    request: z.object({ session }),
    response: z.custom<AssistState>(),
  },
  'sidebar/render-template': {
    from: 'sidebar',
    request: z.object({ session, templateId: assistId, fills: fillsSchema }),
    response: z.custom<RenderedTemplate>(),
  },
  'sidebar/insert-template': {
    from: 'sidebar',
    request: z.object({ session, templateId: assistId, fills: fillsSchema, conversationKey: z.string().max(LIMITS.url).nullable() }),
    response: z.object({ inserted: z.boolean() }),
  },
  'sidebar/promotion-seen': {
    from: 'sidebar',
    request: z.object({ session, promotionId: assistId }),
    response: ok,
  },
  'sidebar/fix-draft': {
    from: 'sidebar',
    // `text`: the draft the sidebar checked; the page refuses the fix if its box holds another now.
    request: z.object({ session, text: z.string().min(1).max(DRAFT_MAX), issue: z.number().int().nonnegative().max(1000) }),
    response: z.object({ fixed: z.boolean() }),
  },
  // The lead console's metrics, fetched from the hub as this paired member (leads and admins; see background/console-metrics.ts).
  'console/metrics': {
    from: 'console',
    request: z.object({
      route: z.enum(['summary', 'compare', 'usage', 'summary.csv']),
      query: z.record(z.string().regex(/^[a-zA-Z]{1,10}$/), z.string().max(40)),
    }),
    response: z.custom<unknown>(),
  },
  // The names agents appear as in the tools, so each agent is one row of the metrics (background/console-metrics.ts).
  'console/agent-names': {
    from: 'console',
    request: z.discriminatedUnion('action', [
      z.object({ action: z.literal('list') }),
      z.object({ action: z.literal('set-aliases'), memberId: z.string().min(1).max(200), aliases: z.array(z.string().trim().min(1).max(100)).max(20) }),
    ]),
    response: z.custom<unknown>(),
  },
  // The lead console's Team tab: members, invites, retention, LLM provider, kill switches, customer data (background/console-team.ts).
  'console/team': {
    from: 'console',
    request: consoleTeamRequestSchema,
    response: z.custom<unknown>(),
  },
  // The lead console: read what is published, preview, publish to the hub (leads and admins).
  'console/state': {
    from: 'console',
    request: z.object({}),
    response: z.custom<ConsoleState>(),
  },
  'console/preview': {
    from: 'console',
    request: z.object({
      table: consoleListTableSchema,
      record: consoleRecordSchema,
      sampleId: z.string().min(1).max(400),
      channel: z.string().max(20),
      language: z.enum(['fr', 'en']),
      fills: fillsSchema.optional(),
    }),
    response: z.custom<ConsolePreview>(),
  },
  'console/publish': {
    from: 'console',
    request: z.object({ table: consoleTableSchema, record: consoleRecordSchema }),
    response: z.custom<PublishOutcome>(),
  },
  'console/delete': {
    from: 'console',
    request: z.object({ table: consoleListTableSchema, id: assistId }),
    response: ok,
  },
  'sidebar/suggest': {
    from: 'sidebar',
    request: z.object({ session }),
    response: z.custom<SuggestionsState>(),
  },
  'sidebar/suggestion-feedback': {
    from: 'sidebar',
    request: z.object({
      session,
      runId: z.string().max(64),
      suggestionId: z.string().max(200),
      kind: z.enum(['inserted', 'dismissed', 'edited']),
      // `edited`: the text inserted and the draft it became; only the edit ratio is recorded.
      edit: z.object({ inserted: z.string().max(DRAFT_MAX), sent: z.string().max(DRAFT_MAX) }).optional(),
    }),
    response: ok,
  },
  // Model suggestions run in the sidebar page (background/assist-suggest.ts hands it the inputs).
  'sidebar/suggest-inputs': {
    from: 'sidebar',
    request: z.object({ session }),
    response: z.custom<SuggestInputs | null>(),
  },
  'sidebar/suggestions-shown': {
    from: 'sidebar',
    request: z.object({ session, runId: z.string().max(64), suggestions: z.array(shownSuggestionSchema).max(10) }),
    response: ok,
  },
  // LLM provider (background/ai-provider.ts). The API key and hub token go only to the sidebar and
  // options pages that run the model request themselves; settings never carry the key back.
  'ai/settings': {
    from: 'console',
    request: z.object({}),
    response: z.custom<AiProviderView>(),
  },
  'ai/save-settings': {
    from: 'console',
    request: aiSettingsRequestSchema,
    response: z.custom<AiProviderView>(),
  },
  'ai/provider': {
    from: ['sidebar', 'console'],
    // The sidebar proves itself with its handshake session; the options page needs none.
    request: z.object({ session: session.optional() }),
    response: z.custom<AiProviderAnswer>(),
  },
} as const satisfies Record<string, { from: SenderRole | readonly SenderRole[]; request: z.ZodType; response: z.ZodType }>;

export type Contract = typeof contract;
export type MessageName = keyof Contract;
export type RequestOf<K extends MessageName> = z.infer<Contract[K]['request']>;
export type ResponseOf<K extends MessageName> = z.infer<Contract[K]['response']>;

/** The envelope every runtime message travels in. */
export interface Envelope<K extends MessageName = MessageName> {
  name: K;
  payload: RequestOf<K>;
}

/** Commands the background sends to a tab's content script (top frame only). */
export type ContentCommand =
  | { type: 'disable' }
  | { type: 'toggle' }
  | { type: 'layout'; open: boolean }
  | { type: 'insert'; text: string; conversationKey: string | null }
  /** The frame that was handed this token finished its handshake (the content script stops waiting for it). */
  | { type: 'frame-ready'; token: string }
  /** Replace ranges of the reply box's text (a draft fix), if it still holds `expected`. */
  | { type: 'replace-draft'; expected: string; edits: Array<{ start: number; end: number; text: string }> }
  /** The adapter config changed (kill switch, custom adapters): read the page again with it. */
  | { type: 'page-config'; specs: SiteSpecJson[]; disabledAdapters: string[] };

/** What the reply assist knows of the conversation on screen, for the sidebar (never the page). */
export interface AssistState {
  channel: BrandChannel;
  language: Language;
  customer?: CustomerFacts;
  guide: BrandGuide | null;
  templates: Template[];
  /** Live promotions this customer may be offered here (cards), and every live one (the notice). */
  eligible: Promotion[];
  active: Promotion[];
  /** Ids of the promotions this agent acknowledged. */
  seen: string[];
  /** When a promotion starts or ends next: the sidebar asks again then. */
  nextChange?: number;
  draft: DraftState | null;
}

/** The host reply box's draft as last checked, with its brand issues. */
export interface DraftState {
  text: string;
  issues: DraftIssue[];
  /** A shortcut was typed whose template has fields to complete: the sidebar opens it. */
  open?: { templateId: string; at: number };
}

/** Local suggestions for the conversation on screen, guarded; `withheld`: how many the guard stopped. */
export interface SuggestionsState {
  runId: string;
  suggestions: Suggestion[];
  withheld: number;
}

/**
 * What the sidebar runs `suggest()` with when a model is configured: the same inputs the
 * background uses for local suggestions, for the conversation on screen (extension page only).
 */
export interface SuggestInputs {
  runId: string;
  conversation: Conversation;
  customer: SuggestCustomer;
  timeline: TimelineEvent[];
  guide?: BrandGuide;
  promotions: Promotion[];
  templates: Template[];
  pastReplies: PastReply[];
  others: string[];
  team: string[];
  agent: { name?: string };
}

export type RenderedTemplate = Pick<Rendered, 'text' | 'unfilled' | 'missing' | 'canInsert' | 'fallback'> & { language: Language; channel: BrandChannel };

/** Pushed over the sidebar's port. */
export type SidebarPush =
  | { type: 'view'; view: import('./schemas').SidebarView | null }
  /** The agent's draft in the host reply box was checked; `open`: a shortcut that needs its fields completed. */
  | { type: 'draft'; draft: DraftState }
  /** The hub published a new brand guide, template or promotion: ask `sidebar/assist` again. */
  | { type: 'assist-changed' };

/** What the lead console shows: the member's role, what the hub published, sample customers. */
export interface ConsoleState {
  paired: boolean;
  member: { name: string; role: 'agent' | 'lead' | 'admin' } | null;
  team: { name: string } | null;
  /** Leads and admins publish; agents read. */
  canEdit: boolean;
  guide: BrandGuide | null;
  templates: Template[];
  promotions: Promotion[];
  /** Customers a preview can be rendered for: built-in samples, then local customers. */
  samples: Array<{ id: string; label: string }>;
}

/** A publish either reached the hub (and the local store), or names the fields to fix. */
export type PublishOutcome = { status: 'published'; record: BrandGuide | Template | Promotion } | { status: 'invalid'; errors: FieldError[] };

/** A template or promotion rendered for a sample customer, with the brand check of the text. */
export interface ConsolePreview {
  errors: FieldError[];
  text: string;
  unfilled: string[];
  missing: string[];
  canInsert: boolean;
  issues: DraftIssue[];
  /** Promotions: whether this customer may be offered it here. */
  eligibility?: Eligibility;
}
