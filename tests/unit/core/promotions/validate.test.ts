import { describe, expect, it } from 'vitest';
import { validatePromotion } from '../../../../src/core/promotions/validate';
import { DAY, NOW, promotion } from '../brand/support';

const base = { id: 'p-new', title: 'Noël', pitch: '20 %', code: 'NOEL20', startsAt: NOW, endsAt: NOW + DAY, updatedAt: NOW };
const keys = (input: unknown, others = [promotion({ id: 'p-live', title: 'Noël en lumière' })]) => {
  const result = validatePromotion(input, others);
  return result.ok ? [] : result.errors.map((e) => [e.path.join('.'), e.message.key]);
};

describe('validatePromotion', () => {
  it('accepts a sound promotion with defaults filled', () => {
    const result = validatePromotion({ ...base, code: 'HIVER10' });
    expect(result.ok && result.value).toMatchObject({ channels: [], languages: [], priority: 50, eligibility: { customerKind: 'any' } });
  });

  it('names each bad field', () => {
    expect(keys({ ...base, title: '', code: 'NO EL', priority: 101, endsAt: NOW - 1 })).toEqual([
      ['title', 'fieldRequired'],
      ['code', 'fieldBadCode'],
      ['priority', 'fieldTooHigh'],
      ['endsAt', 'fieldEndBeforeStart'],
    ]);
  });

  it('refuses a code another promotion uses at the same time, in any case', () => {
    expect(keys({ ...base, code: 'noel20' })).toEqual([['code', 'promotionCodeTaken']]);
  });

  it('allows reusing a code after the other promotion ended, or a deleted one’s, or its own', () => {
    expect(keys({ ...base, startsAt: NOW + 20 * DAY, endsAt: NOW + 30 * DAY })).toEqual([]);
    expect(keys(base, [promotion({ id: 'p-live', deleted: true })])).toEqual([]);
    expect(keys({ ...base, id: 'p-live' })).toEqual([]);
  });
});
