// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { BUILT_IN_SPECS } from '../../../../src/adapters/built-in-specs';
import { defineSite } from '../../../../src/adapters/kit/site';
import {
  customAdapterId,
  customAdapterSchema,
  fromJson,
  parseCustomAdapters,
  regexProblem,
  siteSpecJsonSchema,
  slugify,
  toJson,
  type CustomAdapter,
} from '../../../../src/adapters/custom/schema';
import { X } from '../../../../src/adapters/x/selectors';
import { context, fixture, readPage } from '../site-fixture';
import teamFixture from '../../../fixtures/team-adapters/2026-11-23-comptoir-crm/adapter.json';

const taught = (over: Partial<CustomAdapter> = {}): CustomAdapter => ({
  id: 'custom:acme-crm',
  name: 'Acme CRM',
  version: 1,
  createdAt: 1_790_000_000_000,
  updatedAt: 1_790_000_000_000,
  spec: {
    id: 'custom:acme-crm',
    host: '/^crm\\.acme\\.fr$/',
    marker: ['#fiche-client'],
    name: ['#fiche-client h1'],
    ids: [
      { kind: 'email', pick: ['#fiche-client a[href^="mailto:"]@href'] },
      { kind: 'app-id', ns: 'acme-crm:customer', pick: { from: ['#fiche-client .numero'], re: '/(\\d+)/' } },
    ],
    reply: ['#reponse textarea'],
  },
  ...over,
});

describe('custom adapter schema', () => {
  it('every built-in spec survives JSON: validates, and reads its fixture the same after the round trip', () => {
    for (const spec of BUILT_IN_SPECS) {
      const json = JSON.parse(JSON.stringify(toJson(spec)));
      const parsed = siteSpecJsonSchema.safeParse(json);
      expect(parsed.success ? [] : parsed.error.issues, spec.id).toEqual([]);
    }
    const doc = fixture('x', 'dm');
    const url = 'https://x.com/messages/1456789012-1600000000000000001';
    const again = defineSite(fromJson(JSON.parse(JSON.stringify(toJson(X)))));
    expect(readPage(again, context(doc, url))).toEqual(readPage(defineSite(X), context(doc, url)));
    expect(readPage(again, context(doc, url)).conversation.messages[0]?.channel).toBe('x-dm');
  });

  it('writes a channel chosen by URL as data', () => {
    expect(toJson(X).channel).toEqual({ byUrl: [{ re: '/^\\/messages\\//', channel: 'x-dm' }, { re: '/^/', channel: 'x-reply' }] });
  });

  it('accepts a taught adapter and refuses bad ones with reasons', () => {
    expect(customAdapterSchema.safeParse(taught()).success).toBe(true);
    const bad = (a: unknown) => {
      const r = customAdapterSchema.safeParse(a);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(bad(taught({ id: 'acme' }))).toEqual(expect.arrayContaining([expect.stringMatching(/^id: /)]));
    expect(bad(taught({ id: 'custom:other' }))).toEqual(['spec.id: spec.id must equal the adapter id']);
    expect(bad({ ...taught(), spec: { ...taught().spec, host: '/(a+)+$/' } })).toEqual([expect.stringMatching(/spec\.host: nested quantifiers/)]);
    expect(bad({ ...taught(), spec: { ...taught().spec, host: '/[/' } })).toEqual([expect.stringMatching(/spec\.host: does not compile/)]);
    expect(bad({ ...taught(), spec: { ...taught().spec, host: '^crm$' } })).toEqual([expect.stringMatching(/spec\.host: must be written/)]);
    expect(bad({ ...taught(), spec: { ...taught().spec, ids: [{ kind: 'app-id', pick: ['.x'] }] } })).toEqual([expect.stringMatching(/namespace/)]);
    // Functions, unknown keys and code never get in.
    expect(bad({ ...taught(), spec: { ...taught().spec, onload: 'alert(1)' } })).not.toEqual([]);
    expect(bad({ ...taught(), spec: { ...taught().spec, marker: ['x'.repeat(501)] } })).not.toEqual([]);
  });

  it('checks regular expressions: flags, length, compile, nested quantifiers', () => {
    expect(regexProblem('/^a$/i')).toBeNull();
    expect(regexProblem('/(?:mobile\\.)?x\\.com/')).toBeNull();
    expect(regexProblem('/a/g')).toMatch(/flags/);
    expect(regexProblem(`/${'a'.repeat(301)}/`)).toMatch(/longer/);
    expect(regexProblem('/(\\w+\\s?)*$/')).toMatch(/nested/);
    expect(regexProblem('/(a|a)*b/')).toMatch(/nested/);
    expect(regexProblem('/((a)b*)*$/')).toMatch(/nested/);
    expect(regexProblem('/(?:x(?:y|z))+/')).toMatch(/nested/);
    expect(regexProblem('/[(a+)]+\\(b+\\)/')).toBeNull();
    expect(regexProblem('/(?:www\\.|m\\.)?x\\.com$/')).toBeNull();
    expect(regexProblem('/(?:a|b)?c+/')).toBeNull();
    expect(() => fromJson({ ...taught().spec, host: '/[/' })).toThrow(/E_BAD_SPEC|Invalid|Unterminated/);
  });

  it('refuses the shapes behind catastrophic backtracking, with a message saying why', () => {
    const nested = [
      // A fixed count on a group that repeats inside is as bad as `+`: (a+){10} took 104 s on 41 characters.
      '/^(a+){20}$/',
      '/^(a+){10}$/',
      '/(.*a){12}/',
      '/^(a?){25}a{25}$/',
      '/(a|a)*/',
      '/(a|aa)+/',
      '/(a|b){2}c/',
      // Nested quantifiers inside alternations, at any depth.
      '/(?:x|(a+)+)/',
      '/(?:b|(?:c|a+)*)y/',
      '/^(?:(?:a|b)|c+){3}$/',
    ];
    for (const literal of nested) expect(regexProblem(literal), literal).toBe('nested quantifiers (like (a+)+, (a|b)* or (a+){10}) can hang the page');
    // Each open-ended repeat multiplies the work by the input length, and so does an unanchored start.
    const chains = ['/^.*.*.*.*.*.*.*.*.*.*=$/', '/^.*.*.*=/', '/.*.*=/', '/\\d+\\d+x/', '/^a{2,}b{3,}c+/', '/^.{0,300}.{0,300}.{0,300}=/', '/x(?=.*.*y)/', '/^a.*b.*|.*=/', '/^.*.*=/m'];
    for (const literal of chains) expect(regexProblem(literal), literal).toBe('more than 2 open-ended repeats (like .*.*.*, or .*.* without ^) can hang the page');
    // Only `?`, {0,1} and {1} may follow a group with a quantifier or an alternation inside.
    for (const fine of ['/^(a+)?$/', '/(a|b){1}c/', '/(a+){0,1}b/', '/(\\d{3}){2}/', '/(ab){3}/', '/^.*.*=/', '/\\/(\\d+)-(\\d+)/', '/^(?=.*a).*b(\\d+)/', '/\\]\\s*(.+?):\\s*$/'])
      expect(regexProblem(fine), fine).toBeNull();
  });

  it('keeps every pattern of the built-in specs and of the team fixtures valid', () => {
    const patterns = new Set<string>();
    const walk = (v: unknown): void => {
      if (typeof v === 'string' && /^\/.+\/[imsu]*$/s.test(v)) patterns.add(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    BUILT_IN_SPECS.forEach((spec) => walk(toJson(spec)));
    walk(teamFixture);
    expect(patterns.size).toBeGreaterThan(40);
    expect([...patterns].filter((p) => regexProblem(p) !== null)).toEqual([]);
  });

  it('makes custom ids from names, unique among those taken', () => {
    expect(slugify('Acme CRM — Fiches clients')).toBe('acme-crm-fiches-clients');
    expect(slugify('Élodie & Cie')).toBe('elodie-cie');
    expect(slugify('***')).toBe('adapter');
    expect(customAdapterId('Acme CRM')).toBe('custom:acme-crm');
    expect(customAdapterId('Acme CRM', ['custom:acme-crm', 'custom:acme-crm-2'])).toBe('custom:acme-crm-3');
    expect(customAdapterSchema.safeParse(taught({ id: customAdapterId('x'.repeat(90)), spec: { ...taught().spec, id: customAdapterId('x'.repeat(90)) } })).success).toBe(true);
  });

  it('reads a stored list, keeping good entries and setting bad ones aside', () => {
    const second = taught({ id: 'custom:b', spec: { ...taught().spec, id: 'custom:b' } });
    const { adapters, rejected } = parseCustomAdapters([taught(), { id: 'custom:broken', spec: {} }, second, taught({ version: 2 })]);
    expect(adapters.map((a) => [a.id, a.version])).toEqual([
      ['custom:b', 1],
      ['custom:acme-crm', 2],
    ]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ index: 1, id: 'custom:broken' });
    expect(rejected[0]!.errors.length).toBeGreaterThan(0);
    expect(parseCustomAdapters(undefined)).toEqual({ adapters: [], rejected: [] });
    expect(parseCustomAdapters({}).rejected).toHaveLength(1);
  });
});
