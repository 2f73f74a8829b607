import { describe, expect, it } from 'vitest';
import { Masker, unmask } from '../../../../src/core/masking/mask';
import { parsePhone } from '../../../../src/core/phone';
import { maskingCases, type PlantedKind } from '../../../corpora/masking';

const onlyDigits = (s: string) => s.replace(/\D/g, '');

/** Whether a planted value is gone from the masked text, in any way it could be written. */
function isMasked(kind: PlantedKind, core: string, masked: string): boolean {
  switch (kind) {
    case 'email':
      return !masked.toLowerCase().includes(core);
    case 'card':
    case 'phone':
      return !onlyDigits(masked).includes(core);
    case 'iban':
      return !masked.replace(/\s/g, '').toUpperCase().includes(core);
    case 'address':
      return !masked.toLowerCase().includes(core.split(',')[0]!);
  }
}

describe('masking corpus (synthetic FR/EN messages with planted entities)', () => {
  const cases = maskingCases();
  const totals = { email: [0, 0], phone: [0, 0], card: [0, 0], iban: [0, 0], address: [0, 0] } as Record<PlantedKind, [number, number]>;
  const misses: string[] = [];
  for (const c of cases) {
    const masker = new Masker();
    const masked = masker.mask(c.text);
    for (const p of c.planted) {
      const counts = totals[p.kind];
      counts[1]++;
      if (isMasked(p.kind, p.core, masked)) counts[0]++;
      else misses.push(`${p.kind}: ${p.written} in «${masked}»`);
    }
  }
  const rate = (kind: PlantedKind) => totals[kind][0] / totals[kind][1];

  it('has at least 1,000 messages in both languages, with valid planted phone numbers', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1_000);
    expect(new Set(cases.map((c) => c.language))).toEqual(new Set(['fr', 'en']));
    const phones = cases.flatMap((c) => c.planted.filter((p) => p.kind === 'phone'));
    expect(phones.filter((p) => !parsePhone(p.written.replace(/^0041/, '+41'))).map((p) => p.written)).toEqual([]);
  });

  it('masks 100% of Luhn-valid cards and at least 99% of e-mails and phone numbers', () => {
    console.log('masking rates', Object.fromEntries(Object.entries(totals).map(([k, [hit, all]]) => [k, `${hit}/${all}`])));
    if (misses.length) console.log(misses.slice(0, 20).join('\n'));
    expect(totals.card[1]).toBeGreaterThan(200);
    expect(rate('card')).toBe(1);
    expect(rate('email')).toBeGreaterThanOrEqual(0.99);
    expect(rate('phone')).toBeGreaterThanOrEqual(0.99);
    expect(rate('iban')).toBe(1);
    expect(rate('address')).toBeGreaterThanOrEqual(0.95);
  });

  it('restores every value but cards, which come back as their last four digits only', () => {
    for (const c of cases.slice(0, 300)) {
      const masker = new Masker();
      const restored = unmask(masker.mask(c.text), masker.map);
      let expected = c.text.replace(/^mailto:/, 'mailto:');
      for (const p of c.planted.filter((p) => p.kind === 'card')) expected = expected.replace(p.written, `•••• ${p.core.slice(-4)}`);
      expect(restored).toBe(expected);
      const stored = JSON.stringify(masker.map);
      for (const p of c.planted.filter((p) => p.kind === 'card')) expect(stored).not.toContain(p.core);
    }
  });
});
