/**
 * Text edits on a draft, expressed against the original text (UTF-16 offsets), so several fixes
 * computed from one check can be applied together, here or through a host editor's own model.
 */

export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

function byPosition(a: TextEdit, b: TextEdit): number {
  // An insertion at a point goes before a replacement starting there.
  return a.start - b.start || a.end - b.end;
}

function overlaps(previous: TextEdit | undefined, next: TextEdit): boolean {
  return previous !== undefined && next.start < previous.end;
}

function checkEdit(text: string, edit: TextEdit): void {
  const ok = Number.isInteger(edit.start) && Number.isInteger(edit.end) && edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length;
  if (!ok) throw new RangeError(`Edit ${edit.start}..${edit.end} is outside the text (length ${text.length})`);
}

/** Applies edits made against `text`; throws a RangeError on an edit out of range or overlapping another. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort(byPosition);
  let out = '';
  let cursor = 0;
  let previous: TextEdit | undefined;
  for (const edit of sorted) {
    checkEdit(text, edit);
    if (overlaps(previous, edit)) throw new RangeError(`Edits ${previous?.start}..${previous?.end} and ${edit.start}..${edit.end} overlap`);
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
    previous = edit;
  }
  return out + text.slice(cursor);
}

/**
 * Applies the fixes of several issues at once. An issue whose edits would overlap an earlier
 * issue's is skipped whole (never half-applied); run the check again to fix it next.
 */
export function applyFixes<T extends { fix?: TextEdit[] }>(text: string, issues: readonly T[]): { text: string; applied: T[]; skipped: T[] } {
  const accepted: TextEdit[] = [];
  const applied: T[] = [];
  const skipped: T[] = [];
  for (const issue of issues) {
    if (!issue.fix?.length) continue;
    const candidate = [...accepted, ...issue.fix].sort(byPosition);
    const clash = candidate.some((edit, i) => overlaps(candidate[i - 1], edit) || edit.start < 0 || edit.end > text.length || edit.start > edit.end);
    if (clash) skipped.push(issue);
    else {
      accepted.push(...issue.fix);
      applied.push(issue);
    }
  }
  return { text: applyEdits(text, accepted), applied, skipped };
}
