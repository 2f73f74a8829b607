/**
 * The message router: classifies the sender, checks it may send this message, validates the
 * payload, runs the handler, and always answers with `{ ok, value }` or `{ ok: false, error }`.
 */
import type { Runtime } from 'webextension-polyfill';
import { contract, type MessageName, type RequestOf, type ResponseOf, type SenderRole } from '../shared/messages';
import { ContinuumError, ErrorCode, toErrorReply, type ErrorReply } from '../shared/errors';
import { SIDEBAR_PAGE } from '../shared/platform';

export interface SenderContext {
  role: SenderRole;
  tabId?: number;
  frameId?: number;
  /** Origin of the page, for content scripts. */
  pageOrigin?: string;
}

export type Handler<K extends MessageName> = (payload: RequestOf<K>, sender: SenderContext) => Promise<ResponseOf<K>>;
export type Handlers = { [K in MessageName]: Handler<K> };

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:'];

/**
 * Who sent this? The browser fills `sender.url`, so a web page cannot forge it. Content scripts
 * speak with their page's http(s) URL; extension pages with our own scheme. The sidebar page is
 * web-accessible (any page may frame it), so it gets its own, weaker role.
 */
export function classifySender(sender: Runtime.MessageSender, extensionId: string): SenderContext | null {
  if (sender.id !== extensionId || !sender.url || !URL.canParse(sender.url)) return null;
  const url = new URL(sender.url);
  if (EXTENSION_SCHEMES.includes(url.protocol)) {
    const role: SenderRole = url.pathname === `/${SIDEBAR_PAGE}` ? 'sidebar' : 'console';
    return { role, tabId: sender.tab?.id, frameId: sender.frameId };
  }
  if ((url.protocol === 'https:' || url.protocol === 'http:') && sender.tab?.id !== undefined && sender.frameId === 0) {
    return { role: 'content', tabId: sender.tab.id, frameId: 0, pageOrigin: url.origin };
  }
  return null;
}

export type RouterReply = { ok: true; value: unknown } | ErrorReply;

export function createRouter(handlers: Handlers, extensionId: string) {
  return async function route(message: unknown, sender: Runtime.MessageSender): Promise<RouterReply> {
    try {
      const context = classifySender(sender, extensionId);
      if (!context) throw new ContinuumError(ErrorCode.ForbiddenSender, 'Unknown sender');
      const envelope = message as { name?: unknown; payload?: unknown } | null;
      const name = envelope?.name;
      if (typeof name !== 'string' || !Object.hasOwn(contract, name)) {
        throw new ContinuumError(ErrorCode.UnknownMessage, `Unknown message ${String(name).slice(0, 64)}`);
      }
      const key = name as MessageName;
      const spec = contract[key];
      const allowed: readonly SenderRole[] = typeof spec.from === 'string' ? [spec.from] : spec.from;
      if (!allowed.includes(context.role)) {
        throw new ContinuumError(ErrorCode.ForbiddenSender, `${key} may not be sent from ${context.role}`);
      }
      const parsed = spec.request.safeParse(envelope?.payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new ContinuumError(ErrorCode.InvalidPayload, `${key}: ${issue?.path.join('.') || 'payload'} ${issue?.message ?? 'is invalid'}`);
      }
      const handler = handlers[key] as Handler<MessageName>;
      return { ok: true, value: await handler(parsed.data as never, context) };
    } catch (error) {
      return toErrorReply(error);
    }
  };
}
