/**
 * Generators of malformed requests: every value produced for a field is invalid for that field,
 * so any request built from them must be refused (4xx), whatever the seed.
 */
export type Rng = () => number;

export { mulberry32 as rng } from '../../corpora/random.ts';

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const int = (r: Rng, min: number, max: number) => min + Math.floor(r() * (max - min + 1));

function randomText(r: Rng, length: number): string {
  const alphabet = 'abcXYZ019 _-.:/é€😀\u200b"\\{}[]';
  return Array.from({ length }, () => pick(r, [...alphabet])).join('');
}

/** Any JSON value, nested a little. */
export function randomJson(r: Rng, depth = 0): unknown {
  const kind = int(r, 0, depth > 2 ? 4 : 6);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick(r, [0, -1, 1.5, 1e21, -0.0001, 2 ** 53 + 2, int(r, -1000, 1000)]);
    case 3:
      return randomText(r, int(r, 0, 20));
    case 4:
      return pick(r, ['', ' ', '\u0000', '\ud800', 'x'.repeat(int(r, 101, 5000))]);
    case 5:
      return Array.from({ length: int(r, 0, 4) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: int(r, 0, 4) }, () => [randomText(r, int(r, 1, 8)), randomJson(r, depth + 1)]));
  }
}

const NOT_A_STRING = (r: Rng) => pick(r, [null, 0, 17, true, false, [], {}, ['a'], { a: 1 }, 1.5]);
const NOT_AN_OBJECT = (r: Rng) => pick(r, [null, 0, 'x', true, [], [1, 2], '{}']);

/** Invalid values by kind of field. */
export const bad = {
  name: (r: Rng) => pick(r, [NOT_A_STRING(r), '', '   ', 'x'.repeat(int(r, 101, 3000)), `a\u0000b`, `line\nbreak`, '\ud800', `tab\there`]),
  role: (r: Rng) => pick(r, [NOT_A_STRING(r), '', 'Admin', 'ADMIN', 'owner', 'root', 'agent ', randomText(r, 6)]),
  positiveCount: (r: Rng) => pick(r, [0, -1, 1.5, 1001, 1e9, '3', null, true, [], {}, Number.NaN]),
  hours: (r: Rng) => pick(r, [0, -5, 721, 1e6, '24', null, true, [], {}]),
  code: (r: Rng) => pick(r, [NOT_A_STRING(r), '', 'x'.repeat(int(r, 201, 2000))]),
  uuid: (r: Rng) => pick(r, [NOT_A_STRING(r), '', 'not-a-uuid', '0193a6f0-0000-7000-8000-00000000000', '0193a6f0000070008000000000000001', randomText(r, 36)]),
  queryInt: (r: Rng) => pick(r, ['-1', 'abc', '1e3', '1.5', '', ' 1', '99999999999999999999', '0x10', '%00', '１２', 'NaN', '[]']),
  notAnObject: NOT_AN_OBJECT,
};

/** Bodies that are not JSON at all, or not the JSON object any route expects. */
export function junkBody(r: Rng): string | Uint8Array {
  const choice = int(r, 0, 5);
  if (choice === 0) return pick(r, ['', '{', '{"a":', '{"a":1}}', 'undefined', 'NaN', "{'a':1}", '{"a":1,}', '\u0000', '[1,2', 'nul']);
  if (choice === 1) return new Uint8Array(Array.from({ length: int(r, 1, 64) }, () => int(r, 128, 255)));
  if (choice === 2) return JSON.stringify(pick(r, [null, 1, 'text', true, [], [{}]]));
  if (choice === 3) return '['.repeat(int(r, 1000, 100_000));
  if (choice === 4) return `{"x":"${'y'.repeat(int(r, 10, 200))}`;
  return JSON.stringify(randomJson(r)).slice(0, int(r, 0, 30));
}

/** Bad Authorization headers (the route must answer 401 before doing anything). */
export function badAuth(r: Rng, teamId: string): Record<string, string> {
  return pick<Record<string, string>>(r, [
    {},
    { authorization: '' },
    { authorization: 'Bearer' },
    { authorization: 'Bearer ' },
    { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    { authorization: `Bearer ${randomText(r, 43).replace(/[^\x21-\x7e]/g, 'q')}` },
    { authorization: `Bearer ${teamId}.${'A'.repeat(43)}` },
    { authorization: `Bearer ${teamId}.` },
    { authorization: `Bearer .${'A'.repeat(43)}` },
    { authorization: `Bearer ${teamId}.${'A'.repeat(43)} extra` },
    { authorization: `Bearer ${'x'.repeat(int(r, 300, 4000))}` },
  ]);
}

/** A valid body with one to three fields replaced by invalid values or removed. */
export function corrupt(r: Rng, valid: Record<string, unknown>, fields: Record<string, (r: Rng) => unknown>, required: string[]): Record<string, unknown> {
  const body = { ...valid };
  const names = Object.keys(fields);
  const n = int(r, 1, Math.min(3, names.length));
  for (let i = 0; i < n; i++) {
    const name = pick(r, names);
    if (required.includes(name) && r() < 0.25) delete body[name];
    else body[name] = fields[name]!(r);
  }
  return body;
}
