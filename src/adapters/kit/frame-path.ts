/** `iframe#editor >>> body`: what follows `>>>` is looked up in the same-origin frame the part before finds. */
export const INTO_FRAME = '>>>';

/**
 * The steps of a selector path through frames, trimmed. A `>>>` inside a quoted attribute value
 * (`[title="a >>> b"]`, which a page chooses) or escaped is part of its step, not a frame boundary.
 */
export function frameSteps(selector: string): string[] {
  const steps: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '\\') i++;
    else if (quote) quote = c === quote ? '' : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (selector.startsWith(INTO_FRAME, i)) {
      steps.push(selector.slice(start, i).trim());
      start = i + INTO_FRAME.length;
      i = start - 1;
    }
  }
  steps.push(selector.slice(start).trim());
  return steps;
}
