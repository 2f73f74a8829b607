/**
 * Scores raw hits (0..1) and merges them into one DetectedIdentifier per value.
 *
 * Additive features, then multiplicative penalties, so that a role address can still win when
 * it is all the page has. Weights were tuned on the fixtures; keep them few and explainable.
 */
import {
  isPlaceholderEmail,
  isRoleAddress,
  type OwnMatcher,
  type SocialNetwork,
} from '../../core/identifiers';
import type { DetectedIdentifier } from '../types';
import { chromeOf, documentOrder, foldLabel, hasAncestorIn, inMain, inputLabels, isInput, isRendered, shortText } from './dom';
import { CUSTOMER_LABEL, EMAIL_LABEL, HANDLE_LABEL, PHONE_LABEL, QUOTED } from './selectors';
import type { Hit, HitKind } from './text-scan';

const MAX_SCORED_PER_VALUE = 8;
const BASE: Record<HitKind, number> = { email: 0.4, phone: 0.35, handle: 0.25 };
const KIND_LABEL: Record<HitKind, RegExp> = { email: EMAIL_LABEL, phone: PHONE_LABEL, handle: HANDLE_LABEL };
const KIND_ORDER: Record<HitKind, number> = { email: 0, phone: 1, handle: 2 };
const LABEL_NETWORKS: Record<string, SocialNetwork> = {
  twitter: 'x', x: 'x', instagram: 'instagram', facebook: 'facebook', linkedin: 'linkedin', tiktok: 'tiktok',
};

export interface Ranked {
  id: DetectedIdentifier;
  /** The hit that gave the best score (for name finding). */
  best: Hit;
  /** That hit sits next to a label naming its kind or the customer ("Courriel", "Client"). */
  labelled: boolean;
}

export interface RankOptions {
  own: OwnMatcher;
  /** Largest content column when the page has no `main`. */
  main: Element | null;
  /** `kind:value` shown as the signed-in user. */
  excluded: ReadonlySet<string>;
  /** Message blocks the agent wrote: what they contain is usually the team's, not the customer's. */
  outbound?: readonly Element[];
}

interface Scored {
  hit: Hit;
  score: number;
  network?: SocialNetwork | undefined;
  labelled: boolean;
}

export function rankHits(hits: readonly Hit[], opts: RankOptions): Ranked[] {
  const groups = new Map<string, Scored[]>();
  const places = new Map<string, Set<Element>>();
  const outbound = new Set(opts.outbound ?? []);
  for (const hit of hits) {
    const key = `${hit.kind}:${hit.value}`;
    const seen = places.get(key);
    // Repetition counts every place, but scoring the first few is enough (and keeps big pages fast).
    if (seen && seen.size >= MAX_SCORED_PER_VALUE) {
      seen.add(hit.el);
      continue;
    }
    if (isOwn(hit, opts) || !isRendered(hit.el)) continue;
    const scored = scoreHit(hit, opts, outbound);
    const group = groups.get(key);
    if (group) group.push(scored);
    else groups.set(key, [scored]);
    if (seen) seen.add(hit.el);
    else places.set(key, new Set([hit.el]));
  }

  const ranked: Ranked[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => b.score - a.score || documentOrder(a.hit.el, b.hit.el));
    const top = group[0];
    if (!top) continue;
    const { hit } = top;
    if (hit.via === 'input' && hit.kind === 'email' && isPlaceholderEmail(hit.value)) continue;
    const count = places.get(`${hit.kind}:${hit.value}`)?.size ?? 1;
    let score = top.score + Math.min(0.15, 0.05 * (count - 1));
    if (hit.kind === 'email' && isRoleAddress(hit.value)) score *= 0.35;
    // One handle seen bare and as a profile link is one identifier, on the network the link names.
    const network = group.find((s) => s.network && s.network !== 'unknown')?.network ?? top.network;
    const id: DetectedIdentifier = {
      kind: hit.kind,
      raw: hit.raw.trim(),
      value: hit.value,
      score: Math.round(Math.max(0, Math.min(1, score)) * 100) / 100,
    };
    if (hit.kind === 'handle') id.network = network ?? 'unknown';
    ranked.push({ id, best: hit, labelled: top.labelled });
  }
  return ranked.sort(
    (a, b) =>
      b.id.score - a.id.score || KIND_ORDER[a.best.kind] - KIND_ORDER[b.best.kind] || documentOrder(a.best.el, b.best.el),
  );
}

function isOwn(hit: Hit, opts: RankOptions): boolean {
  if (opts.excluded.has(`${hit.kind}:${hit.value}`)) return true;
  if (hit.kind === 'email') return opts.own.email(hit.value);
  if (hit.kind === 'phone') return opts.own.phone(hit.value);
  return opts.own.handle(hit.value);
}

function scoreHit(hit: Hit, opts: RankOptions, outbound: ReadonlySet<Element>): Scored {
  const el = hit.el;
  let score = BASE[hit.kind];
  if (inMain(el, opts.main)) score += 0.2;
  const chrome = chromeOf(el);
  if (chrome) score -= chrome.matches('aside, [role="complementary"]') ? 0.1 : 0.2;

  let network = hit.network;
  let labelled = false;
  for (const { text, gap } of labelsOf(hit)) {
    const kindMatch = gap <= 3 && KIND_LABEL[hit.kind].test(text);
    const customerMatch = CUSTOMER_LABEL.test(text) && gap <= 60;
    if (kindMatch || customerMatch) {
      labelled = true;
      score += kindMatch ? 0.3 : 0.2;
      if (hit.kind === 'handle' && (!network || network === 'unknown')) {
        network = LABEL_NETWORKS[text.split(' ').pop() ?? ''] ?? network;
      }
      break;
    }
  }
  if (el.closest('dd, td')) score += 0.05;
  if (hit.via === 'link') score += 0.1;
  if (hit.via === 'input') score += 0.05;
  if (el.closest(QUOTED)) score -= 0.1;
  if (outbound.size && hasAncestorIn(el, outbound)) score -= 0.25;
  return { hit, score, network, labelled };
}

interface Label {
  text: string;
  /** Characters between the label and the value (0 for field labels). */
  gap: number;
}

/** Label texts that may describe the hit, nearest first. */
function labelsOf(hit: Hit): Label[] {
  const labels: Label[] = [];
  const prefix = hit.prefix.replace(/\s+/g, ' ');
  const colon = Math.max(prefix.lastIndexOf(':'), prefix.lastIndexOf('：'));
  if (colon >= 0) {
    // "From: Marie Dupont <" → label "from", gap 14 (customer labels tolerate a name in between).
    const gap = prefix.slice(colon + 1).trimStart().length;
    labels.push({ text: foldLabel(prefix.slice(Math.max(0, colon - 40), colon)), gap });
  } else if (prefix.trim() && prefix.trim().split(' ').length <= 3) {
    // Without a colon only a kind label counts ("Tél 06…"); "sent from", "de" are prose.
    const text = foldLabel(prefix);
    if (!CUSTOMER_LABEL.test(text)) labels.push({ text, gap: 0 });
  }

  const el = hit.el;
  if (isInput(el)) for (const text of inputLabels(el)) labels.push({ text, gap: 0 });
  const aria = el.closest('[aria-label]')?.getAttribute('aria-label');
  if (aria && aria.length <= 40) labels.push({ text: foldLabel(aria), gap: 0 });

  if (!prefix.trim()) {
    const sibling = previousLabelSibling(hit.node ?? el);
    if (sibling) labels.push({ text: foldLabel(sibling), gap: 0 });
  }
  const dd = el.closest('dd');
  if (dd) {
    let dt = dd.previousElementSibling;
    while (dt && dt.tagName !== 'DT') dt = dt.previousElementSibling;
    if (dt) labels.push({ text: foldLabel(shortText(dt)), gap: 0 });
  }
  const cell = el.closest('td, th');
  if (cell) for (const text of cellLabels(cell)) labels.push({ text: foldLabel(text), gap: 0 });
  return labels.filter((l) => l.text !== '');
}


/** Nearest preceding short text, climbing at most three levels ("<b>Tél. :</b> <a>06…</a>"). */
function previousLabelSibling(start: Node): string {
  let cur: Node | null = start;
  for (let depth = 0; cur && depth < 3; depth++, cur = cur.parentElement) {
    let prev: Node | null = cur.previousSibling;
    while (prev && prev.nodeType === Node.TEXT_NODE && !(prev.textContent ?? '').trim()) prev = prev.previousSibling;
    // A link or button before the value is another value or an action, not its label.
    if (prev) return prev.nodeName === 'A' || prev.nodeName === 'BUTTON' ? '' : shortText(prev, 40);
    if (cur.parentElement?.matches('dd, td, li, p, tr')) break;
  }
  return '';
}

/** Row header, previous cell and column header of a table cell. */
function cellLabels(cell: Element): string[] {
  const out: string[] = [];
  const row = cell.parentElement;
  if (!row) return out;
  const cells = Array.from(row.children);
  const index = cells.indexOf(cell);
  const prev = cells[index - 1];
  if (prev) out.push(shortText(prev, 40));
  const table = row.closest('table');
  const head = table?.querySelector('thead tr, tr:first-child');
  const headerCell = head && head !== row ? head.children[index] : undefined;
  if (headerCell?.tagName === 'TH') out.push(shortText(headerCell, 40));
  return out.filter(Boolean);
}
