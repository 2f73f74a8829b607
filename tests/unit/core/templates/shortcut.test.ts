import { describe, expect, it } from 'vitest';
import { findShortcut } from '../../../../src/core/templates/shortcut';
import { template } from '../brand/support';

const refund = template({ id: 't-refund', shortcut: ';refund' });
const refundPartial = template({ id: 't-partial', shortcut: ';refund-partial' });
const deleted = template({ id: 't-old', shortcut: ';retard', deleted: true });
const all = [refund, refundPartial, deleted];

describe('findShortcut', () => {
  it('finds the shortcut just typed at the end, with the range to replace', () => {
    expect(findShortcut('Bonjour,\n;refund', all)).toEqual({ template: refund, start: 9, end: 16, trigger: '' });
    expect(findShortcut(';refund', all)).toMatchObject({ start: 0, end: 7 });
  });

  it('accepts one space or punctuation just typed after it, and leaves it out of the range', () => {
    expect(findShortcut('Voici ;refund ', all)).toEqual({ template: refund, start: 6, end: 13, trigger: ' ' });
    expect(findShortcut('(;refund)', all)).toEqual({ template: refund, start: 1, end: 8, trigger: ')' });
  });

  it('tells ;refund from ;refund-partial and ignores case', () => {
    expect(findShortcut('x ;refund-partial', all)?.template).toBe(refundPartial);
    expect(findShortcut('x ;REFUND', all)?.template).toBe(refund);
  });

  it.each(['voir a;refund', 'https://x.example/a;refund', ';refund  ', ';refunds', ';refund in the middle', 'x ;retard', ''])('%j → nothing', (text) => {
    expect(findShortcut(text, all)).toBeUndefined();
  });

  it('checks the character before a shortcut found at the end of a long text', () => {
    const long = 'x'.repeat(75) + ';refund';
    expect(findShortcut(long, all)).toBeUndefined();
    expect(findShortcut(`${'x'.repeat(75)} ;refund`, all)?.template).toBe(refund);
  });
});
