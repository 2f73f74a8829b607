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

export type SenderRole = 'content' | 'sidebar' | 'console';

const ok = z.object({ ok: z.literal(true) });
const session = z.string().min(16).max(64);

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
} as const satisfies Record<string, { from: SenderRole; request: z.ZodType; response: z.ZodType }>;

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
  | { type: 'frame-ready'; token: string };

/** Pushed over the sidebar's port. */
export type SidebarPush = { type: 'view'; view: import('./schemas').SidebarView | null };
