/**
 * PostgreSQL text and jsonb cannot hold U+0000, which the core uses to join keys (fact ids,
 * host message keys). Stored strings escape it reversibly: U+0001 → U+0001 U+0002, U+0000 → U+0001 U+0003.
 */
export const encodeNul = (s: string): string => (/[\u0000\u0001]/.test(s) ? s.replace(/\u0001/g, '\u0001\u0002').replace(/\u0000/g, '\u0001\u0003') : s);

export const decodeNul = (s: string): string => (s.includes('\u0001') ? s.replace(/\u0001([\u0002\u0003])/g, (_, c: string) => (c === '\u0002' ? '\u0001' : '\u0000')) : s);

/** JSON for the database, every string escaped. */
export const storableJson = (value: unknown): string => JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? encodeNul(v) : v));

/** A value read back from jsonb, every string (and key) restored. */
export function restoreNul<T>(value: T): T {
  if (typeof value === 'string') return decodeNul(value) as T;
  if (Array.isArray(value)) return value.map(restoreNul) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[decodeNul(k)] = restoreNul(v);
    return out as T;
  }
  return value;
}
