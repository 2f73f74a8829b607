/**
 * Turns what the agent pointed at in teach mode into a declarative site spec (schema.ts): the
 * page's host and section, field picks for the customer, the conversation and the reply box.
 * Data only: the result is validated by the background before it is stored.
 */
// Types only: the overlay bundle must not ship the validator.
import type { FieldJson, IdRuleJson, PickJson, SiteSpecJson, ThreadSpecJson } from './schema';
import { isStableValue } from './teach-names';
import { deriveSelectors, type DeriveOptions } from './teach-selectors';

export type TeachField = 'name' | 'email' | 'phone' | 'customerId';

/** What each step of teach mode produced. */
export interface TaughtPicks {
  name?: FieldJson;
  email?: FieldJson;
  phone?: FieldJson;
  customerId?: FieldJson;
  thread?: ThreadSpecJson;
  reply?: PickJson;
}

const EMAIL = /[^\s<>()"':,;]+@[^\s<>()"':,;]+\.[a-z]{2,24}/i;
const PHONE = /\+?\d[\d\s().-]{5,}\d/;
/** An app id as core/identity/app-id.ts accepts it. */
const APP_ID = /^[\p{L}\p{N}][\p{L}\p{N}._\-/]{0,127}$/u;

const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
const withAttr = (picks: string[], attr: string) => picks.map((p) => `${p}@${attr}`);

/** `mailto:`/`tel:` link around (or at) `el`, whose address reads better than its label. */
function linkOf(el: Element, scheme: 'mailto' | 'tel'): Element | null {
  const link = el.closest('a[href]');
  return link && link.getAttribute('href')!.toLowerCase().startsWith(`${scheme}:`) ? link : null;
}

/**
 * The field pick for what was clicked. Addresses and numbers are read from the text when it
 * holds them, else from the link's `mailto:`/`tel:` target; a customer number shown with its
 * label ("N° client : CL-4821") is narrowed to the number.
 */
export function fieldPick(field: TeachField, el: Element, options: DeriveOptions = {}): FieldJson {
  const text = textOf(el);
  if (field === 'email' || field === 'phone') {
    const pattern = field === 'email' ? EMAIL : PHONE;
    const link = linkOf(el, field === 'email' ? 'mailto' : 'tel');
    if (!pattern.test(text) && link) return withAttr(deriveSelectors(link, options), 'href');
  }
  const picks = deriveSelectors(el, options);
  if (field === 'customerId' && !APP_ID.test(text)) return { from: picks, re: '/([\\p{L}\\p{N}][\\p{L}\\p{N}._\\/-]*\\p{N}[\\p{L}\\p{N}._\\/-]*)\\s*$/u' };
  return picks;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `/^desk\.example\.com$/`: the page's own host, nothing around it. */
export function hostPattern(url: URL): string {
  return `/^${escapeRegex(url.hostname.toLowerCase())}$/`;
}

/**
 * The app's section of the site when its first path segment names one (`/crm/…` → `/^\/crm(?:[\/?#]|$)/`),
 * so a custom adapter does not fire on another tool hosted on the same domain. Ids and
 * generated segments are not sections.
 */
export function pathPattern(url: URL): string | undefined {
  const first = url.pathname.split('/')[1] ?? '';
  if (!/^[a-z][\w-]{1,39}$/i.test(first) || !isStableValue(first) || /\.\w+$/.test(first)) return undefined;
  return `/^\\/${escapeRegex(first)}(?:[\\/?#]|$)/`;
}

/** A readable default name: the app's name from the title ("Fiche client — Atelier CRM" → "Atelier CRM"), else the host. */
export function defaultName(title: string, url: URL): string {
  const parts = title.split(/\s+[|—–·•:-]\s+/).map((p) => p.trim()).filter(Boolean);
  const name = parts.length > 1 ? parts[parts.length - 1]! : parts[0];
  return (name && name.length <= 60 ? name : url.hostname).slice(0, 60);
}

/** Namespace of the customer number: `<slug>:customer` (an app-id namespace, one per person). */
export function customerNamespace(id: string): string {
  // Adapter ids are already slugs (`custom:atelier-crm`); a namespace segment starts with a letter.
  const slug = id.replace(/^custom:/, '').replace(/[^a-z0-9-]/g, '').replace(/^[^a-z]+/, '').slice(0, 32).replace(/-+$/, '');
  return `${slug || 'custom'}:customer`;
}

const firstSelector = (field: FieldJson | undefined): string | undefined => {
  const pick = Array.isArray(field) ? field : (field as { from: PickJson } | undefined)?.from;
  return pick?.[0]?.replace(/@[\w:-]+$/, '');
};

/** The spec for adapter `id` on the page at `url`, from the picks of each step. */
export function assembleSpec(id: string, url: URL, picks: TaughtPicks): SiteSpecJson {
  const ids: IdRuleJson[] = [];
  if (picks.email) ids.push({ kind: 'email', pick: picks.email });
  if (picks.phone) ids.push({ kind: 'phone', pick: picks.phone });
  if (picks.customerId) ids.push({ kind: 'app-id', ns: customerNamespace(id), pick: picks.customerId });
  // The adapter applies where any of the taught elements is on the page.
  const marker = [picks.name, picks.email, picks.thread?.item, picks.reply].map(firstSelector).filter((s): s is string => Boolean(s));
  const spec: SiteSpecJson = { id, host: hostPattern(url), marker: [...new Set(marker)], ids, reply: picks.reply ?? [] };
  const path = pathPattern(url);
  if (path) spec.path = path;
  if (picks.name) spec.name = picks.name;
  if (picks.thread) spec.thread = picks.thread;
  return spec;
}
