/** Nesting deeper than this is refused (PostgreSQL's jsonb would hit its stack limit long before 2 MB). */
export const MAX_DEPTH = 64;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL refuses to store: NUL characters and unpaired UTF-16 surrogates. */
export function unstorableText(text: string): boolean {
  return text.includes('\u0000') || LONE_SURROGATE.test(text);
}

/**
 * Why `value` cannot be stored as jsonb, or null when it can. Walks iteratively so a hostile, deeply
 * nested body cannot overflow the stack.
 */
export function jsonProblem(value: unknown): string | null {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length) {
    const { value: current, depth } = stack.pop()!;
    if (typeof current === 'string') {
      if (unstorableText(current)) return 'Text contains NUL or unpaired surrogate characters';
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_DEPTH) return `Data is nested deeper than ${MAX_DEPTH} levels`;
      for (const [key, child] of Object.entries(current)) {
        if (!Array.isArray(current) && unstorableText(key)) return 'A key contains NUL or unpaired surrogate characters';
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return null;
}
