import { describe, expect, it } from 'vitest';
import { applyEdits, applyFixes, checkDraft } from '../../../../src/core/brand/check-draft';
import { check, context, customer, DAY, guide, NOW, promotion } from './support';

const house = guide({
  formality: 'vous',
  channels: [
    { channel: 'email', greeting: 'Bonjour {{customer.firstName}},', signOff: 'Belle journée,\nL’équipe Maison Lumière' },
    { channel: 'email', language: 'en', greeting: 'Hello {{customer.firstName}},', signOff: 'Kind regards,\nThe Maison Lumière team' },
  ],
  bannedTerms: [
    { term: 'problème', replacement: 'souci' },
    { term: 'bug', replacement: 'incident' },
    { term: 'problem', replacement: 'issue', language: 'en' },
  ],
  disclaimers: [{ topic: 'remboursement', keywords: ['rembours*'], text: 'Le remboursement intervient sous 14 jours.', language: 'fr' }],
});
const promotions = [promotion(), promotion({ id: 'p-old', title: 'Été', code: 'ETE15', startsAt: NOW - 90 * DAY, endsAt: NOW - 30 * DAY })];

describe('checkDraft', () => {
  it('lists what breaks the guide in reading order, and the fixes make a clean reply', () => {
    const ctx = context({ guide: house, promotions });
    const draft = 'Merci pour ton message. Le bug est réglé et je te rembourse. Avec NOEL20 tu as 20 %.';
    const issues = check(draft, ctx);
    expect(issues.map((i) => i.code)).toEqual(['missing-greeting', 'formality', 'banned-term', 'formality', 'missing-disclaimer', 'formality', 'missing-sign-off']);
    const { text, skipped } = applyFixes(draft, issues);
    expect(skipped).toEqual([]);
    expect(text).toBe(
      "Bonjour Marie,\n\nMerci pour votre message. L'incident est réglé et je vous rembourse. Avec NOEL20 vous avez 20 %.\n\nLe remboursement intervient sous 14 jours.\n\nBelle journée,\nL’équipe Maison Lumière",
    );
    expect(check(text, ctx)).toEqual([]);
  });

  it('checks an English draft with English rules only', () => {
    const ctx = context({ guide: house, promotions, language: 'en' });
    const draft = 'Hello Marie,\n\nThe problem is fixed; ETE15 has ended but tu sais.\n\nKind regards,\nThe Maison Lumière team';
    expect(check(draft, ctx).map((i) => [i.code, i.message.params.term ?? i.message.params.code])).toEqual([
      ['banned-term', 'problem'],
      ['expired-code', 'ETE15'],
    ]);
  });

  it('reads a guide edited in place as a new guide', () => {
    const g = guide({ bannedTerms: [{ term: 'bug', replacement: 'incident' }] });
    const ctx = context({ guide: g });
    expect(check('Un bug.', ctx).map((i) => i.code)).toEqual(['banned-term']);
    g.bannedTerms = [];
    g.version = 2;
    expect(check('Un bug.', ctx)).toEqual([]);
  });

  it('checks a 2,000-character draft in well under a millisecond with a large guide', () => {
    const big = guide({
      channels: [{ channel: 'default', greeting: 'Bonjour {{customer.firstName}},', signOff: 'Belle journée,\nL’équipe' }],
      bannedTerms: Array.from({ length: 300 }, (_, i) => ({ term: `terme${i} interdit`, replacement: `mot${i}` })).concat([{ term: 'problème', replacement: 'souci' }]),
      preferredTerms: Array.from({ length: 200 }, (_, i) => ({ term: `usage${i}`, replacement: `mieux${i}` })),
      disclaimers: Array.from({ length: 40 }, (_, i) => ({ topic: `t${i}`, keywords: [`sujet${i}`, `theme${i}*`], text: `Mention ${i}.` })),
    });
    const many = Array.from({ length: 50 }, (_, i) => promotion({ id: `p${i}`, code: `CODE${i}X${i}`, title: `Offre ${i}` }));
    const ctx = context({ guide: big, promotions: many, customer: customer() });
    const sentence = 'Bonjour, votre problème de commande 88213 est réglé ; utilisez CODE7X7 et regardez https://example.com/suivi. ';
    const draft = sentence.repeat(Math.ceil(2000 / sentence.length)).slice(0, 2000);
    expect(draft).toHaveLength(2000);
    expect(checkDraft(draft, ctx).filter((i) => i.code === 'banned-term').length).toBeGreaterThan(10);
  });
});

describe('applyEdits', () => {
  it('applies edits given in any order against the original text', () => {
    expect(applyEdits('abcdef', [{ start: 4, end: 6, text: 'XY' }, { start: 0, end: 1, text: '' }, { start: 2, end: 2, text: '-' }])).toBe('b-cdXY');
  });

  it('puts an insertion before a replacement starting at the same place', () => {
    expect(applyEdits('bug', [{ start: 0, end: 3, text: 'incident' }, { start: 0, end: 0, text: 'Bonjour,\n' }])).toBe('Bonjour,\nincident');
  });

  it('refuses overlapping or out-of-range edits with a clear error, leaving the text unchanged', () => {
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, text: 'x' }, { start: 2, end: 4, text: 'y' }])).toThrow(/overlap/);
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: 'x' }])).toThrow(/outside the text/);
    expect(() => applyEdits('abc', [{ start: 2, end: 1, text: 'x' }])).toThrow(RangeError);
  });

  it('applyFixes skips an issue whose fix clashes with an earlier one, whole', () => {
    const issues = [{ fix: [{ start: 0, end: 3, text: 'X' }] }, { fix: [{ start: 5, end: 6, text: 'Y' }, { start: 2, end: 4, text: 'Z' }] }, { fix: [{ start: 6, end: 6, text: '!' }] }];
    const result = applyFixes('abcdefg', issues);
    expect(result.text).toBe('Xdef!g');
    expect(result.applied).toEqual([issues[0], issues[2]]);
    expect(result.skipped).toEqual([issues[1]]);
  });
});
