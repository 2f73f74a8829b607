import { describe, expect, it } from 'vitest';
import { fileName, parseFile, toFile } from '../../../src/adapters/custom/teach-file';
import type { CustomAdapter } from '../../../src/adapters/custom/schema';

const adapter: CustomAdapter = {
  id: 'custom:atelier-crm',
  name: 'Atelier CRM',
  version: 2,
  createdAt: 1_763_000_000_000,
  updatedAt: 1_763_100_000_000,
  spec: { id: 'custom:atelier-crm', host: '/^crm\\.atelier-lumen\\.fr$/', marker: ['h1'], name: ['h1'], ids: [], reply: ['textarea'] },
};

describe('the custom adapters file', () => {
  it('round-trips: what is exported imports as it was', () => {
    const text = JSON.stringify(toFile([adapter], new Date('2026-11-23T02:00:00Z')));
    expect(JSON.parse(text)).toMatchObject({ format: 'continuum-custom-adapters', version: 1, exportedAt: '2026-11-23T02:00:00.000Z' });
    expect(parseFile(text)).toEqual({ ok: true, adapters: [adapter] });
    expect(fileName([adapter], new Date('2026-11-23T02:00:00Z'))).toBe('continuum-atelier-crm-2026-11-23.json');
    expect(fileName([adapter, adapter])).toMatch(/^continuum-adapters-\d{4}-\d{2}-\d{2}\.json$/);
  });

  it('says what is wrong with a file that is not one', () => {
    expect(parseFile('{"format": ')).toMatchObject({ ok: false, errors: [expect.stringMatching(/^not valid JSON/)] });
    expect(parseFile('[]')).toMatchObject({ ok: false });
    expect(parseFile(JSON.stringify({ format: 'other', version: 1, adapters: [adapter] }))).toEqual({
      ok: false,
      errors: ['format: is not "continuum-custom-adapters": this is not a Continuum adapters file'],
    });
    expect(parseFile(JSON.stringify({ ...toFile([adapter]), version: 2 }))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^version: is newer/)] });
    expect(parseFile(JSON.stringify({ ...toFile([]) }))).toMatchObject({ ok: false, errors: ['adapters: holds no adapter'] });
  });

  it('lists every bad field of every entry, and imports nothing from such a file', () => {
    const bad = [
      { ...adapter, spec: { ...adapter.spec, host: '/^(a+)+$/', reply: [] } },
      adapter,
      { ...adapter, name: '' },
      adapter,
    ];
    const result = parseFile(JSON.stringify({ ...toFile([]), adapters: bad }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([
      expect.stringMatching(/^adapters\[0\]\.spec\.host: nested quantifiers/),
      expect.stringMatching(/^adapters\[0\]\.spec\.reply: /),
      expect.stringMatching(/^adapters\[2\]\.name: /),
      'adapters[3].id: custom:atelier-crm appears twice',
    ]);
  });
});
