/**
 * Expansion by shortcut: the agent types ";refund" in any reply box; the text before the caret
 * ends with the shortcut (or the shortcut and one space or punctuation mark just typed), and the
 * range to replace is returned with the template.
 */
import type { Template } from '../brand/model';

export interface ShortcutHit {
  template: Template;
  /** Range of ";refund" in the text before the caret, to replace with the rendered template. */
  start: number;
  end: number;
  /** The space or punctuation typed after it, left in place after the range. */
  trigger: string;
}

// ";" at the start or after a space or an opening bracket, not inside "a;b" or a URL.
const AT_END = /(?:^|(?<=[\s([{«"“]))(;[\p{L}\p{N}_-]{1,40})([\s.,!?)]?)$/u;
const OPENS_SHORTCUT = /[\s([{«"“]/u;

const indexes = new WeakMap<readonly Template[], Map<string, Template>>();

function byShortcut(templates: readonly Template[]): Map<string, Template> {
  let index = indexes.get(templates);
  if (!index) {
    index = new Map();
    // The newest wins if two templates claim one shortcut (validation prevents it; sync may not).
    for (const t of [...templates].sort((a, b) => a.updatedAt - b.updatedAt)) {
      if (t.shortcut && !t.deleted) index.set(t.shortcut.toLowerCase(), t);
    }
    indexes.set(templates, index);
  }
  return index;
}

export function findShortcut(textBeforeCaret: string, templates: readonly Template[]): ShortcutHit | undefined {
  const m = AT_END.exec(textBeforeCaret.slice(-80));
  const typed = m?.[1];
  if (!m || !typed) return undefined;
  const template = byShortcut(templates).get(typed.toLowerCase());
  if (!template) return undefined;
  const trigger = m[2] ?? '';
  const end = textBeforeCaret.length - trigger.length;
  const start = end - typed.length;
  // Only the last 80 characters were searched: "^" there may be mid-word in the whole text.
  if (start > 0 && !OPENS_SHORTCUT.test(textBeforeCaret.charAt(start - 1))) return undefined;
  return { template, start, end, trigger };
}
