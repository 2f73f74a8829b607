/**
 * Validation schemas for everything that crosses a boundary (content script → worker, extension
 * page → worker, storage). Limits are generous for real pages and small enough that a hostile
 * page cannot make the worker store megabytes per message.
 */
import { z } from 'zod';

// Extension pages forbid eval (MV3 CSP): tell zod not to try its compiled fast path.
z.config({ jitless: true });

export const LIMITS = {
  identifiers: 50,
  messages: 200,
  messageText: 4000,
  shortText: 320,
  url: 2048,
  listEntries: 200,
} as const;

const shortText = z.string().max(LIMITS.shortText);

export const detectedIdentifierSchema = z.object({
  kind: z.enum(['email', 'phone', 'handle', 'app-id']),
  raw: shortText,
  value: shortText,
  network: z.enum(['x', 'instagram', 'facebook', 'linkedin', 'tiktok', 'unknown']).optional(),
  score: z.number().min(0).max(1),
});

export const pageMessageSchema = z.object({
  direction: z.enum(['inbound', 'outbound', 'unknown']),
  author: shortText.optional(),
  time: z.string().max(40).optional(),
  text: z.string().max(LIMITS.messageText),
  /** Channel the host app names for the message (`email`, `chat`, `whatsapp`…). */
  channel: z.string().max(40).optional(),
});

export const detectionSchema = z.object({
  adapter: z.string().max(64),
  confidence: z.number().min(0).max(1),
  /** Why that confidence: stable codes (see Detection in src/adapters/types.ts). */
  reasons: z.array(z.string().max(40)).max(12).optional(),
  customer: z.object({
    name: shortText.optional(),
    identifiers: z.array(detectedIdentifierSchema).max(LIMITS.identifiers),
  }),
  conversation: z.object({
    key: z.string().max(LIMITS.url),
    messages: z.array(pageMessageSchema).max(LIMITS.messages),
  }),
});

export const httpUrlSchema = z
  .string()
  .max(LIMITS.url)
  .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'must be an http(s) URL');

export const themeSchema = z.enum(['auto', 'light', 'dark']);
export const languageSchema = z.enum(['auto', 'en', 'fr']);
export const sidebarModeSchema = z.enum(['frame', 'panel']);

export const settingsSchema = z.object({
  language: languageSchema,
  theme: themeSchema,
  /** The team's own e-mail domains: addresses there are never the customer. */
  teamDomains: z.array(z.string().max(253)).max(LIMITS.listEntries),
  /** The agent's and team's names, addresses, handles and signature lines. */
  signatures: z.array(shortText).max(LIMITS.listEntries),
  /** Addresses several people use (the shared inbox, the shop's phone): they never link customers. */
  sharedAddresses: z.array(shortText).max(LIMITS.listEntries),
  /** Region for phone numbers written without a country code. */
  defaultRegion: z.string().regex(/^[A-Z]{2}$/),
  sidebarMode: sidebarModeSchema,
  /** Timeline events older than this many months are purged (0 keeps everything). */
  retentionMonths: z.number().int().min(0).max(120),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'auto',
  theme: 'auto',
  teamDomains: [],
  signatures: [],
  sharedAddresses: [],
  defaultRegion: 'FR',
  sidebarMode: 'frame',
  retentionMonths: 24,
};

export const siteLayoutSchema = z.object({
  open: z.boolean(),
  width: z.number().int().min(280).max(720),
});
export type SiteLayout = z.infer<typeof siteLayoutSchema>;
export const DEFAULT_LAYOUT: SiteLayout = { open: true, width: 360 };

export const customerViewSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string(), key: z.string().optional(), network: z.string().optional() })),
});

/** One entry of the cross-channel history, as the sidebar shows it. */
export const timelineEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  direction: z.enum(['inbound', 'outbound', 'unknown']).optional(),
  author: z.string().optional(),
  at: z.number(),
  text: z.string(),
  tool: z.string(),
  channel: z.string(),
  url: z.string().optional(),
});

export const sidebarViewSchema = z.object({
  tabId: z.number().int(),
  site: z.string(),
  status: z.enum(['waiting', 'detected', 'none', 'conflict']),
  /** The browser refused to store more (disk full): what is shown may be incomplete. */
  storageFull: z.boolean().optional(),
  /** Key of the conversation on screen (the adapter's); Insert refuses if the page has moved on. */
  conversationKey: z.string().optional(),
  /** The customer is known, their messages on screen are still being stored (a full view follows). */
  reading: z.boolean().optional(),
  adapter: z.string().optional(),
  confidence: z.number().optional(),
  customer: customerViewSchema.nullable(),
  /** The conversation on screen. */
  messages: z.array(pageMessageSchema.extend({ id: z.string() })),
  /** Everything else with this customer, on every channel and tool, oldest first. */
  history: z.array(timelineEntrySchema),
  summary: z
    .object({
      channels: z.array(z.object({ channel: z.string(), tools: z.array(z.string()), contacts: z.number(), lastAt: z.number() })),
      lastContact: z.object({ at: z.number(), tool: z.string(), channel: z.string() }).optional(),
      openCommitments: z.array(z.object({ text: z.string(), dueAt: z.number(), overdue: z.boolean() })),
      stage: z.string(),
      stageExplanation: z.string(),
      language: z.string().optional(),
    })
    .optional(),
  alerts: z.array(z.object({ type: z.string(), at: z.number(), tool: z.string(), channel: z.string(), text: z.string() })),
  acuity: z.object({ score: z.number(), level: z.string(), reasons: z.array(z.string()) }).optional(),
  /** Possible duplicates of this customer, for the agent to merge or dismiss. */
  suggestions: z.array(z.object({ otherId: z.string(), name: z.string().optional(), confidence: z.number(), reasons: z.array(z.string()) })),
  /** Merges into this customer that the agent can undo. */
  merges: z.array(z.object({ id: z.string(), otherName: z.string().optional(), automatic: z.boolean(), at: z.number() })),
  /** Other customers the screen points to when they hold conflicting identifiers. */
  conflictWith: z.array(z.object({ id: z.string(), name: z.string().optional() })),
});
export type SidebarView = z.infer<typeof sidebarViewSchema>;
