/**
 * Emoji per channel: `never` flags each one (fix: remove it), `sparingly` allows a couple and
 * flags the rest. Emoji are whole sequences (flags, skin tones, ZWJ families), and ":)" counts.
 */
import { issue, type DraftIssue, type DraftScan, type TextEdit } from './issues';

// Pictographs shown as emoji by default, or asked to be with U+FE0F; "©" and "™" alone are text.
const PICTOGRAPH = String.raw`(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)`;
export const EMOJI = new RegExp(
  String.raw`\p{Regional_Indicator}{2}|[#*0-9]\uFE0F?\u20E3|${PICTOGRAPH}(?:\p{Emoji_Modifier}|\uFE0F|\u200D${PICTOGRAPH.replace('\\uFE0F)', '\\uFE0F?)')})*|(?<![\p{L}\p{N}])[:;=]-?[()DPp](?![\p{L}\p{N}])`,
  'gu',
);

/** "Sparingly" means at most this many in one reply. */
export const SPARINGLY_MAX = 2;

function removal(draft: string, start: number, end: number): TextEdit {
  // Take one space along so "Merci 🙂 !" does not keep a double space.
  if (draft.charAt(start - 1) === ' ' && /^[ \n]?$/.test(draft.charAt(end))) return { start: start - 1, end, text: '' };
  if (draft.charAt(end) === ' ') return { start, end: end + 1, text: '' };
  return { start, end, text: '' };
}

export function checkEmoji(scan: DraftScan): DraftIssue[] {
  const { draft, rule } = scan;
  if (rule.emoji === 'allowed') return [];
  const found = [...draft.matchAll(EMOJI)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
  if (rule.emoji === 'never') {
    return found.map((e) => issue('emoji', 'error', 'draftEmojiNever', { emoji: e.text }, e, [removal(draft, e.start, e.end)]));
  }
  const extra = found.slice(SPARINGLY_MAX);
  const first = extra[0];
  const last = extra[extra.length - 1];
  if (!first || !last) return [];
  return [issue('emoji', 'warning', 'draftEmojiSparingly', { count: found.length, max: SPARINGLY_MAX }, { start: first.start, end: last.end }, extra.map((e) => removal(draft, e.start, e.end)))];
}
