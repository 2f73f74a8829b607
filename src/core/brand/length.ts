/**
 * Length as the platform counts it, roughly: characters (code points), and on X a link counts 23
 * whatever its length, an emoji 2, and characters outside Latin and common punctuation 2 (the
 * weighting of X's published counting rules).
 */
import type { BrandChannel } from './model';
import { EMOJI } from './emoji';
import { issue, type DraftIssue, type DraftScan } from './issues';

const URL = /\b(?:https?:\/\/|www\.)[^\s<>"«»]+[^\s<>"«».,;:!?)\]'’]/gi;
const X_URL_LENGTH = 23;

/** Weight of one code point on X. */
function xWeight(cp: number): number {
  const light = cp <= 0x10ff || (cp >= 0x2000 && cp <= 0x200d) || (cp >= 0x2010 && cp <= 0x201f) || (cp >= 0x2032 && cp <= 0x2037);
  return light ? 1 : 2;
}

/** Runs that count as a block: start → [end, weight]. */
function blocks(text: string, channel: BrandChannel): Map<number, [number, number]> {
  const found = new Map<number, [number, number]>();
  if (channel !== 'x') return found;
  for (const m of text.matchAll(URL)) found.set(m.index, [m.index + m[0].length, X_URL_LENGTH]);
  for (const m of text.matchAll(EMOJI)) if (!found.has(m.index)) found.set(m.index, [m.index + m[0].length, 2]);
  return found;
}

/** The counted length, and the offset where it first goes over `max`. */
export function measureLength(text: string, channel: BrandChannel, max = Infinity): { length: number; overAt?: number } {
  const special = blocks(text, channel);
  let length = 0;
  let overAt: number | undefined;
  for (let i = 0; i < text.length; ) {
    const block = special.get(i);
    const cp = text.codePointAt(i) ?? 0;
    const next = block ? block[0] : i + (cp > 0xffff ? 2 : 1);
    length += block ? block[1] : channel === 'x' ? xWeight(cp) : 1;
    if (overAt === undefined && length > max) overAt = i;
    i = next;
  }
  return overAt === undefined ? { length } : { length, overAt };
}

export function checkLength(scan: DraftScan): DraftIssue[] {
  const max = scan.rule.maxLength;
  if (!max) return [];
  const text = scan.draft.replace(/\s+$/, '');
  const { length, overAt } = measureLength(text, scan.ctx.channel, max);
  if (overAt === undefined) return [];
  return [issue('too-long', 'error', 'draftTooLong', { length, max }, { start: overAt, end: text.length })];
}
