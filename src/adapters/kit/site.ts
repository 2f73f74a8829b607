/**
 * The one reader behind every site adapter: it interprets an app's `SiteSpec` (its field map in
 * `selectors.ts`) into an `Adapter`. Reads only: nothing here changes the page.
 */
import {
  compileOwn,
  emailDomain,
  foldText,
  isPublicMailDomain,
  normalizeEmail,
  normalizeHandle,
  phoneE164Lite,
  type OwnMatcher,
} from '../../core/identifiers';
import { conversationKey, MAX_MESSAGE_CHARS, MAX_MESSAGES } from '../generic/conversation';
import { isRendered, visibleText } from '../generic/dom';
import { stripContactSuffix } from '../generic/names';
import type { Adapter, DetectedIdentifier, Detection, HandleNetwork, MessageDirection, PageMessage, ReadContext } from '../types';
import { closest, dayOf, first, hits, pickAll, values, when } from './pick';
import type { IdRule, SiteSpec, ThreadSpec } from './spec';

const EMAIL_IN = /[^\s<>()"':,;]+@[^\s<>()"':,;]+\.[a-z]{2,24}/i;

/** Characters of a URL (or host name) a spec's pattern is run on: a page can make its own URL very long. */
export const MAX_MATCHED_URL = 2000;

/** What of a URL part the spec's patterns see: the first {@link MAX_MATCHED_URL} characters. */
export const bounded = (s: string) => s.slice(0, MAX_MATCHED_URL);

export function defineSite(spec: SiteSpec): Adapter {
  return {
    id: spec.id,
    matches: (ctx) =>
      spec.host.test(bounded(ctx.url.hostname)) &&
      (!spec.path || spec.path.test(bounded(ctx.url.pathname + ctx.url.search + ctx.url.hash))) &&
      pickAll(ctx.document, spec.marker).length > 0,
    read: (ctx) => readSite(spec, ctx),
    findReplyBox: (doc, lastFocused) => replyBox(doc, spec, lastFocused),
  };
}

function readSite(spec: SiteSpec, ctx: ReadContext): Detection | null {
  const doc = ctx.document;
  const region = ctx.defaultRegion || 'FR';
  // What a message says is the sender's to write (an e-mail can carry any markup): the customer's
  // fields and the agent's account are never read from inside a message body.
  const t = spec.thread;
  const outside = (el: Element) => {
    const body = closest(el, t?.body);
    return !(body && closest(body, t?.item));
  };
  const keep = (el: Element) => outside(el) && isRendered(el);
  // The account menu may be closed (unrendered): it still names the agent.
  const own = ownMatcher(spec, ctx, outside);
  const identifiers = readIds(spec.ids, ctx, own, region, keep);
  const names = values(doc, spec.name, keep)
    .map((v) => stripContactSuffix(v.text).replace(/^(?:mrs?|ms|miss|dr|mme|mlle|m)\.?\s+(?=\S)/i, ''))
    .filter((n) => n.length <= 80 && !EMAIL_IN.test(n) && !own.name(n));
  let name = names[0];
  const messages = spec.thread ? readThread(spec, spec.thread, ctx, own, { name, values: identifiers.map((i) => i.value) }) : [];
  name ??= messages.find((m) => m.direction === 'inbound')?.author;
  if (!name && !identifiers.length && !messages.length) return null;
  const keyed = spec.key?.map((ns) => identifiers.find((i) => i.value.startsWith(`${ns}:`))).find(Boolean);
  // Person identifiers score 0.9 and up; conversation ids 0.5.
  const person = identifiers.some((i) => i.score > 0.6);
  return {
    adapter: spec.id,
    confidence: person ? 0.95 : name ? 0.6 : 0.3,
    customer: { ...(name ? { name } : {}), identifiers },
    conversation: { key: keyed?.value ?? conversationKey(ctx.url), messages },
  };
}

/** The agent's identity from settings plus whatever the app shows as the signed-in user. */
function ownMatcher(spec: SiteSpec, ctx: ReadContext, keep: (el: Element) => boolean): OwnMatcher {
  // Every alternative counts (excluding more is safe). "Google Account: Jean Martin (jean@acme.fr)"
  // → "Jean Martin (jean@acme.fr)"; a profile path "/acme_support" → "@acme_support".
  const shown = (spec.account ?? [])
    .flatMap((sel) => values(ctx.document, [sel], keep))
    .map((v) => v.text.replace(/^[^:@]{0,40}:\s*/, '').replace(/^\/([\w.-]+)\/?$/, '@$1'));
  const domains = shown
    .flatMap((s) => s.match(new RegExp(EMAIL_IN, 'gi')) ?? [])
    .map(emailDomain)
    .filter((d) => !isPublicMailDomain(d));
  return compileOwn({ domains: [...ctx.own.domains, ...domains], signatures: [...ctx.own.signatures, ...shown] });
}

function readIds(rules: readonly IdRule[], ctx: ReadContext, own: OwnMatcher, region: string, keep: (el: Element) => boolean): DetectedIdentifier[] {
  const out: DetectedIdentifier[] = [];
  for (const rule of rules) {
    const urlValue = rule.url?.exec(bounded(ctx.url.href))?.[1];
    const raws = [...(urlValue ? [safeDecode(urlValue)] : []), ...values(ctx.document, rule.pick, keep).map((v) => v.text)];
    for (const raw of raws) {
      const id = identify(rule, raw, region);
      if (id && !isOwn(id, own) && !out.some((o) => o.kind === id.kind && o.value === id.value)) out.push(id);
    }
  }
  return out;
}

function identify(rule: IdRule, raw: string, region: string): DetectedIdentifier | null {
  if (rule.kind === 'app-id') {
    const ns = rule.ns ?? 'app';
    // A person's account in the app (`zendesk:user`) is as good as an address; a ticket id is not.
    return { kind: 'app-id', raw, value: `${ns}:${raw}`, score: /:(?:user|contact|customer)$/.test(ns) ? 0.95 : 0.5 };
  }
  if (rule.kind === 'email') {
    const found = EMAIL_IN.exec(raw.replace(/^mailto:/i, ''))?.[0] ?? '';
    const value = normalizeEmail(found);
    return value ? { kind: 'email', raw: found, value, score: 0.95 } : null;
  }
  if (rule.kind === 'phone') {
    const text = raw.replace(/^tel:/i, '').trim();
    const value = phoneE164Lite(rule.intl && /^\d+$/.test(text) ? `+${text}` : text, region);
    return value ? { kind: 'phone', raw: text, value, score: 0.9 } : null;
  }
  const network = rule.network ?? 'unknown';
  // "@Name", "Name" or a profile URL; site-relative paths are narrowed by the rule's `re`.
  const value = normalizeHandle(network, raw);
  return value ? { kind: 'handle', raw, value, network, score: 0.9 } : null;
}

function isOwn(id: DetectedIdentifier, own: OwnMatcher): boolean {
  return id.kind === 'email' ? own.email(id.value) : id.kind === 'phone' ? own.phone(id.value) : id.kind === 'handle' && own.handle(id.value);
}

interface CustomerHint {
  name: string | undefined;
  values: readonly string[];
}

function readThread(spec: SiteSpec, t: ThreadSpec, ctx: ReadContext, own: OwnMatcher, customer: CustomerHint): PageMessage[] {
  const region = ctx.defaultRegion || 'FR';
  const items = pickAll(ctx.document, t.item).filter((el, i, list) => !hits(el, t.skip) && !list.slice(0, i).some((p) => p.contains(el)));
  const days = values(ctx.document, t.day);
  const fixed = channelOf(spec, ctx.url);
  let last: string | undefined;
  const window = items.slice(-MAX_MESSAGES);
  // Messages before the limit are not read, but their times still carry to the next ones (a
  // message reads the same whatever the limit).
  const unread = window.length - Math.min(ctx.messageLimit ?? MAX_MESSAGES, window.length);
  const messages = window.flatMap((el, index) => {
    const time = first(el, t.time);
    // The last separator above the message gives the day of a bare clock time.
    const sep = days.filter((d) => d.el.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
    const day = sep ? dayOf(sep.text, region) : undefined;
    // A message showing no time of its own was sent at its group's or separator's time, or later.
    const carried = [last, day?.toISOString()].filter(Boolean).sort().pop();
    const iso = when(time?.text, region, day) ?? (time ? undefined : carried);
    if (iso) last = iso;
    if (index < unread) return [];
    const author = first(el, t.author);
    const message: PageMessage = {
      direction: directionOf(el, t, author?.text, first(el, t.from)?.text, own, customer),
      text: visibleText(pickAll(el, t.body)[0] ?? el, MAX_MESSAGE_CHARS),
    };
    if (author) message.author = stripContactSuffix(author.text);
    if (iso) message.time = iso;
    const channel = first(el, t.channel)?.text.replace(/^(?:via|par)\s+/i, '').toLowerCase() ?? fixed;
    if (channel) message.channel = channel;
    return [message];
  });
  // Every app supported lists messages oldest first.
  return messages.filter((m) => m.text !== '');
}

function directionOf(
  el: Element,
  t: ThreadSpec,
  author: string | undefined,
  from: string | undefined,
  own: OwnMatcher,
  customer: CustomerHint,
): MessageDirection {
  if (hits(el, t.out)) return 'outbound';
  if (hits(el, t.in)) return 'inbound';
  if (from) {
    const email = normalizeEmail(EMAIL_IN.exec(from)?.[0] ?? '');
    const who = email ?? normalizeHandle('unknown', from.replace(/^\//, '@'));
    if (who && (email ? own.email(who) : own.handle(who))) return 'outbound';
    if (who && customer.values.includes(who)) return 'inbound';
  }
  if (author) {
    if (own.name(author)) return 'outbound';
    if (customer.name && foldText(author).includes(foldText(customer.name))) return 'inbound';
  }
  return 'unknown';
}

/** The app's reply box; the one holding the focus, or the one the agent typed in last, first. */
function replyBox(doc: Document, spec: SiteSpec, lastFocused?: Element | null): HTMLElement | null {
  const boxes = pickAll(doc, spec.reply).filter(
    (el): el is HTMLElement => ((el as HTMLElement).isContentEditable || el.tagName === 'TEXTAREA') && isRendered(el),
  );
  const hint = [doc.activeElement, lastFocused];
  return boxes.find((b) => hint.some((h) => h && b.contains(h))) ?? boxes[0] ?? null;
}

function channelOf(spec: SiteSpec, url: URL): string | undefined {
  const c = spec.channel;
  if (typeof c !== 'object') return c;
  const where = bounded(url.pathname + url.search + url.hash);
  return c.byUrl.find((rule) => rule.re.test(where))?.channel;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
