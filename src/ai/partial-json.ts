/**
 * Reads a model's JSON answer while it streams: the text so far is closed (open string, arrays
 * and objects) and parsed, so the variants written so far can be shown as they grow. Prose or
 * a ```json fence around the object is ignored.
 */

/** The value parsed from a prefix of a JSON document, or undefined when nothing usable is there yet. */
export function parsePartialJson(raw: string): unknown {
  const start = raw.indexOf('{');
  if (start < 0) return undefined;
  const text = raw.slice(start);
  try {
    return JSON.parse(text.slice(0, text.lastIndexOf('}') + 1));
  } catch {
    // Still streaming (or trailing prose after a broken object): close what is open.
  }
  return closeAndParse(text);
}

function closeAndParse(text: string): unknown {
  const stack: string[] = [];
  let inString = false;
  let escaped = false;
  // Offsets after which the prefix is a complete value or an open container: safe cut points.
  let safe = 0;
  let safeStack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      stack.pop();
      if (!stack.length) return tryParse(text.slice(0, i + 1));
    }
    if (!inString && (c === ',' || c === '{' || c === '[')) {
      safe = c === ',' ? i : i + 1;
      safeStack = [...stack];
    }
  }
  // An open string value is kept (that is the text being written); a dangling key is dropped.
  if (inString) {
    let body = text;
    if (escaped) body = body.slice(0, -1);
    const candidate = `${body.replace(/\\u[0-9a-fA-F]{0,3}$/, '')}"${[...stack].reverse().join('')}`;
    const parsed = tryParse(candidate);
    if (parsed !== undefined) return parsed;
  }
  const closers = [...stack].reverse().join('');
  const direct = inString ? undefined : tryParse(text.replace(/[\s,]*$/, '') + closers);
  if (direct !== undefined) return direct;
  const trimmed = text.slice(0, safe).replace(/,\s*$/, '');
  return tryParse(trimmed + [...safeStack].reverse().join(''));
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
