/**
 * The console's forms as the lead edits them (text for lists and dates) and the records the
 * background validates. Pure, so the round trip is tested without a browser.
 */
import type { BrandGuide, Promotion, Template } from '../core/brand/model';
import type { FieldError } from '../core/brand/validation';

export type Path = Array<string | number>;

/** "a, b,, c" → ["a", "b", "c"]. */
export function splitList(text: string): string[] {
  return text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean);
}
export const joinList = (items: readonly string[]) => items.join(', ');

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → the value of an `<input type="datetime-local">`, in the lead's time zone. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The reverse; an empty or unreadable field stays undefined so the background reports it as required. */
export function fromLocalInput(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : ms;
}

/** Errors on `path` or inside it (a variant's errors for the variant's fields). */
export function errorsAt(errors: readonly FieldError[], path: Path): FieldError[] {
  return errors.filter((e) => path.every((p, i) => String(e.path[i]) === String(p)));
}

export const pathId = (path: Path) => `error-${path.join('-')}`;

export type PromotionStatus = 'active' | 'scheduled' | 'expired';

export function promotionStatus(p: Pick<Promotion, 'startsAt' | 'endsAt'>, now: number): PromotionStatus {
  if (now < p.startsAt) return 'scheduled';
  return now < p.endsAt ? 'active' : 'expired';
}

export interface PromotionForm {
  id: string;
  title: string;
  pitch: string;
  code: string;
  startsAt: string;
  endsAt: string;
  channels: string[];
  languages: string[];
  segments: string;
  tags: string;
  customerKind: 'any' | 'new' | 'existing';
  stages: string;
  priority: number;
  offers: string;
}

const HOUR = 3_600_000;

export function newPromotionForm(id: string, now: number): PromotionForm {
  // Starts at once (the current hour), runs a week: the lead adjusts both.
  const start = Math.floor(now / HOUR) * HOUR;
  return {
    id,
    title: '',
    pitch: '',
    code: '',
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(start + 7 * 24 * HOUR),
    channels: [],
    languages: [],
    segments: '',
    tags: '',
    customerKind: 'any',
    stages: '',
    priority: 50,
    offers: '',
  };
}

export function promotionForm(p: Promotion): PromotionForm {
  return {
    id: p.id,
    title: p.title,
    pitch: p.pitch,
    code: p.code ?? '',
    startsAt: toLocalInput(p.startsAt),
    endsAt: toLocalInput(p.endsAt),
    channels: [...p.channels],
    languages: [...p.languages],
    segments: joinList(p.eligibility.segments),
    tags: joinList(p.eligibility.tags),
    customerKind: p.eligibility.customerKind,
    stages: joinList(p.eligibility.stages),
    priority: p.priority,
    offers: joinList(p.offers),
  };
}

export function promotionRecord(f: PromotionForm): Record<string, unknown> {
  return {
    id: f.id,
    title: f.title,
    pitch: f.pitch,
    ...(f.code.trim() ? { code: f.code.trim() } : {}),
    startsAt: fromLocalInput(f.startsAt),
    endsAt: fromLocalInput(f.endsAt),
    channels: f.channels,
    languages: f.languages,
    eligibility: { segments: splitList(f.segments), tags: splitList(f.tags), customerKind: f.customerKind, stages: splitList(f.stages) },
    priority: f.priority,
    offers: splitList(f.offers),
  };
}

/** Templates grouped by folder, folders and titles in alphabetical order; unfiled ones last, under "—". */
export function byFolder(templates: readonly Template[]): Array<{ folder: string; items: Template[] }> {
  const groups = new Map<string, Template[]>();
  for (const tpl of templates) groups.set(tpl.folder, [...(groups.get(tpl.folder) ?? []), tpl]);
  return [...groups]
    .sort(([a], [b]) => Number(!a) - Number(!b) || a.localeCompare(b))
    .map(([folder, items]) => ({ folder: folder || '—', items: items.sort((a, b) => a.title.localeCompare(b.title)) }));
}

export interface TemplateForm {
  id: string;
  title: string;
  folder: string;
  shortcut: string;
  tags: string;
  variants: Array<{ language: 'fr' | 'en'; channel: string; body: string }>;
  links: Array<{ label: string; url: string }>;
  promotionId: string;
}

export function newTemplateForm(id: string, language: 'fr' | 'en'): TemplateForm {
  return { id, title: '', folder: '', shortcut: '', tags: '', variants: [{ language, channel: 'default', body: '' }], links: [], promotionId: '' };
}

export function templateForm(t: Template): TemplateForm {
  return {
    id: t.id,
    title: t.title,
    folder: t.folder,
    shortcut: t.shortcut ?? '',
    tags: joinList(t.tags),
    variants: t.variants.map((v) => ({ ...v })),
    links: t.links.map((l) => ({ ...l })),
    promotionId: t.promotionId ?? '',
  };
}

export function templateRecord(f: TemplateForm): Record<string, unknown> {
  return {
    id: f.id,
    title: f.title,
    folder: f.folder,
    ...(f.shortcut.trim() ? { shortcut: f.shortcut.trim() } : {}),
    tags: splitList(f.tags),
    variants: f.variants.map((v) => ({ ...v })),
    links: f.links.map((l) => ({ label: l.label, url: l.url.trim() })),
    ...(f.promotionId ? { promotionId: f.promotionId } : {}),
  };
}

type Optional<T> = T | '';
export interface GuideForm {
  version: number;
  voice: string;
  formality: 'vous' | 'tu';
  useFirstName: boolean;
  channels: Array<{ channel: string; language: Optional<'fr' | 'en'>; greeting: string; signOff: string; maxLength: number | null; emoji: 'allowed' | 'sparingly' | 'never' }>;
  bannedTerms: Array<{ term: string; replacement: string; language: Optional<'fr' | 'en'> }>;
  preferredTerms: Array<{ term: string; replacement: string; language: Optional<'fr' | 'en'> }>;
  disclaimers: Array<{ topic: string; keywords: string; text: string; language: Optional<'fr' | 'en'> }>;
}

export function guideForm(g: BrandGuide | null): GuideForm {
  if (!g) return { version: 0, voice: '', formality: 'vous', useFirstName: true, channels: [], bannedTerms: [], preferredTerms: [], disclaimers: [] };
  const term = (r: BrandGuide['bannedTerms'][number]) => ({ term: r.term, replacement: r.replacement, language: r.language ?? ('' as const) });
  return {
    version: g.version,
    voice: g.voice,
    formality: g.formality,
    useFirstName: g.useFirstName,
    channels: g.channels.map((c) => ({ channel: c.channel, language: c.language ?? '', greeting: c.greeting ?? '', signOff: c.signOff ?? '', maxLength: c.maxLength ?? null, emoji: c.emoji })),
    bannedTerms: g.bannedTerms.map(term),
    preferredTerms: g.preferredTerms.map(term),
    disclaimers: g.disclaimers.map((d) => ({ topic: d.topic, keywords: joinList(d.keywords), text: d.text, language: d.language ?? '' })),
  };
}

/** Drops what the lead left empty, so "no language" and "no greeting" are absent, not "". */
function compact<T extends Record<string, unknown>>(row: T): Partial<T> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== '' && v !== null && v !== undefined)) as Partial<T>;
}

export function guideRecord(f: GuideForm): Record<string, unknown> {
  return {
    version: f.version,
    voice: f.voice,
    formality: f.formality,
    useFirstName: f.useFirstName,
    channels: f.channels.map((c) => compact({ ...c, maxLength: c.maxLength || null })),
    bannedTerms: f.bannedTerms.map((t) => ({ ...compact(t), replacement: t.replacement })),
    preferredTerms: f.preferredTerms.map((t) => ({ ...compact(t), replacement: t.replacement })),
    disclaimers: f.disclaimers.map((d) => compact({ ...d, keywords: splitList(d.keywords) })),
  };
}
