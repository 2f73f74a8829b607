/**
 * The team's shared messaging, as leads author it and the hub distributes it: the brand guide,
 * templates and promotions. DOM-free and validated with zod, so the extension, the hub and the
 * suggestion guard all read the same shapes. Published records belong to the hub (last published
 * version wins); agents only ever read them.
 */
import { z } from 'zod';

/** The channels the brand guide and templates speak about; `default` applies where none matches. */
export const BRAND_CHANNELS = [
  'email',
  'chat',
  'facebook',
  'instagram',
  'x',
  'linkedin',
  'whatsapp',
  'sms',
  'phone',
  'comment',
  'default',
] as const;
export const BrandChannelSchema = z.enum(BRAND_CHANNELS);
export type BrandChannel = z.infer<typeof BrandChannelSchema>;

export const LanguageSchema = z.enum(['fr', 'en']);
export type Language = z.infer<typeof LanguageSchema>;

const text = (max: number) => z.string().trim().max(max);
const id = z.string().min(1).max(100);

/** Per-channel rules: how to open, how to close, how long, whether emoji are welcome. */
export const ChannelRuleSchema = z.object({
  channel: BrandChannelSchema,
  language: LanguageSchema.optional(),
  greeting: text(200).optional(),
  signOff: text(500).optional(),
  maxLength: z.number().int().positive().max(100_000).optional(),
  emoji: z.enum(['allowed', 'sparingly', 'never']).default('sparingly'),
});
export type ChannelRule = z.infer<typeof ChannelRuleSchema>;

/**
 * A word the brand avoids, and what to say instead (an empty replacement means "remove it").
 * Banned terms are errors; in `preferredTerms` the same shape reads "prefer `replacement` to
 * `term`" and is only a hint.
 */
export const TermRuleSchema = z.object({
  term: text(100).min(1),
  replacement: text(100).default(''),
  language: LanguageSchema.optional(),
  note: text(300).optional(),
  /** French gender of the replacement, so a fix can write "le"/"la" where the draft had "l'". */
  gender: z.enum(['masculine', 'feminine']).optional(),
});
export type TermRule = z.infer<typeof TermRuleSchema>;

/** A sentence that must appear when a reply touches a topic (matched by keywords). */
export const DisclaimerSchema = z.object({
  topic: text(100).min(1),
  keywords: z.array(text(100).min(1)).min(1).max(50),
  text: text(1000).min(1),
  language: LanguageSchema.optional(),
});
export type Disclaimer = z.infer<typeof DisclaimerSchema>;

export const BrandGuideSchema = z.object({
  /** Increases by one on every publish; agents keep the highest they have seen. */
  version: z.number().int().nonnegative(),
  voice: text(2000).default(''),
  /** French address: `vous` (formal) or `tu`. */
  formality: z.enum(['vous', 'tu']).default('vous'),
  /** Whether replies address the customer by first name. */
  useFirstName: z.boolean().default(true),
  channels: z.array(ChannelRuleSchema).max(50).default([]),
  preferredTerms: z.array(TermRuleSchema).max(500).default([]),
  bannedTerms: z.array(TermRuleSchema).max(500).default([]),
  disclaimers: z.array(DisclaimerSchema).max(100).default([]),
  updatedAt: z.number().int().nonnegative(),
  updatedBy: text(200).optional(),
});
export type BrandGuide = z.infer<typeof BrandGuideSchema>;

/** One language/channel wording of a template. */
export const TemplateVariantSchema = z.object({
  language: LanguageSchema,
  channel: BrandChannelSchema.default('default'),
  /** `{{customer.firstName}}`, `{{promotion.code}}`, `{{agent.name}}`; `[[fill: what]]` must be completed by the agent. */
  body: text(20_000).min(1),
});
export type TemplateVariant = z.infer<typeof TemplateVariantSchema>;

export const TemplateSchema = z.object({
  id,
  title: text(200).min(1),
  folder: text(200).default(''),
  /** Typed in a reply box to expand it, e.g. `;refund`. */
  shortcut: z
    .string()
    .regex(/^;[\p{L}\p{N}_-]{1,40}$/u, 'A shortcut is ";" followed by letters, digits, "-" or "_"')
    .optional(),
  tags: z.array(text(50).min(1)).max(50).default([]),
  variants: z.array(TemplateVariantSchema).min(1).max(50),
  /** Approved links attached to the template (inserted as links, never as embedded content). */
  links: z.array(z.object({ label: text(200).min(1), url: z.url({ protocol: /^https$/ }) })).max(20).default([]),
  promotionId: id.optional(),
  updatedAt: z.number().int().nonnegative(),
  deleted: z.boolean().default(false),
});
export type Template = z.infer<typeof TemplateSchema>;

/** Who a promotion may be offered to. Every listed condition must hold; an empty list means anyone. */
export const EligibilitySchema = z.object({
  segments: z.array(text(100).min(1)).max(50).default([]),
  tags: z.array(text(100).min(1)).max(50).default([]),
  customerKind: z.enum(['any', 'new', 'existing']).default('any'),
  stages: z.array(text(50).min(1)).max(20).default([]),
});
export type Eligibility = z.infer<typeof EligibilitySchema>;

export const PromotionSchema = z
  .object({
    id,
    title: text(200).min(1),
    pitch: text(2000).min(1),
    /** The code customers type; letters, digits, `-` and `_`. */
    code: z.string().regex(/^[A-Za-z0-9_-]{2,40}$/, 'A code is 2 to 40 letters, digits, "-" or "_"').optional(),
    startsAt: z.number().int().nonnegative(),
    endsAt: z.number().int().positive(),
    channels: z.array(BrandChannelSchema).max(BRAND_CHANNELS.length).default([]),
    languages: z.array(LanguageSchema).max(2).default([]),
    eligibility: EligibilitySchema.default({ segments: [], tags: [], customerKind: 'any', stages: [] }),
    priority: z.number().int().min(0).max(100).default(50),
    /** The offer in words the guard can match: "10 %", "livraison offerte", "20 €". */
    offers: z.array(text(100).min(1)).max(20).default([]),
    updatedAt: z.number().int().nonnegative(),
    deleted: z.boolean().default(false),
  })
  .refine((p) => p.endsAt > p.startsAt, { message: 'A promotion must end after it starts', path: ['endsAt'] });
export type Promotion = z.infer<typeof PromotionSchema>;

/** What eligibility and template variables may read about the customer on screen. */
export interface CustomerFacts {
  firstName?: string;
  lastName?: string;
  fullName?: string;
  email?: string;
  phone?: string;
  language?: Language;
  segments: string[];
  tags: string[];
  /** A customer with no earlier contact or order is `new`. */
  kind: 'new' | 'existing';
  stage?: string;
}
