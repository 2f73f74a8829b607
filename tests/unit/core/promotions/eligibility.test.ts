import { describe, expect, it } from 'vitest';
import type { BrandChannel, CustomerFacts, Language } from '../../../../src/core/brand/model';
import { activePromotions, activePromotionsFor, isActive, isEligible, nextChange, type IneligibleReason } from '../../../../src/core/promotions/eligibility';
import { customer, DAY, NOW, promotion } from '../brand/support';

describe('isActive', () => {
  const p = promotion({ startsAt: NOW, endsAt: NOW + DAY });
  it.each([
    [NOW - 1, false],
    [NOW, true],
    [NOW + DAY - 1, true],
    [NOW + DAY, false],
  ])('at %d → %s', (now, active) => {
    expect(isActive(p, now)).toBe(active);
  });

  it('is never active once deleted', () => {
    expect(isActive(promotion({ deleted: true }), NOW)).toBe(false);
  });
});

describe('isEligible', () => {
  const vipNewFacebook = promotion({
    channels: ['facebook', 'instagram'],
    languages: ['fr'],
    eligibility: { segments: ['VIP', 'Gold'], tags: ['newsletter'], customerKind: 'new', stages: ['prospect'] },
  });
  const fit = customer({ segments: ['gold'], tags: ['Newsletter', 'x'], kind: 'new', stage: 'Prospect' });

  const cases: Array<[string, Partial<CustomerFacts> | undefined, BrandChannel, Language, IneligibleReason[]]> = [
    ['fits every condition', {}, 'facebook', 'fr', []],
    ['wrong channel', {}, 'email', 'fr', ['channel']],
    ['wrong language', {}, 'instagram', 'en', ['language']],
    ['no listed segment', { segments: ['standard'] }, 'facebook', 'fr', ['segment']],
    ['no listed tag', { tags: [] }, 'facebook', 'fr', ['tag']],
    ['existing customer', { kind: 'existing' }, 'facebook', 'fr', ['new-customers-only']],
    ['other stage', { stage: 'client' }, 'facebook', 'fr', ['stage']],
    ['no stage', { stage: undefined }, 'facebook', 'fr', ['stage']],
    ['everything wrong', { segments: [], tags: [], kind: 'existing', stage: undefined }, 'sms', 'en', ['channel', 'language', 'segment', 'tag', 'new-customers-only', 'stage']],
  ];
  it.each(cases)('%s → %j', (_, change, channel, language, reasons) => {
    expect(isEligible(vipNewFacebook, { ...fit, ...change }, channel, language)).toEqual({ eligible: reasons.length === 0, reasons });
  });

  it('without a customer: only a promotion with no customer condition is eligible', () => {
    expect(isEligible(vipNewFacebook, undefined, 'facebook', 'fr')).toEqual({ eligible: false, reasons: ['customer-unknown'] });
    expect(isEligible(promotion(), undefined, 'sms', 'en')).toEqual({ eligible: true, reasons: [] });
  });

  it('reserves existing-customer offers to existing customers', () => {
    const loyal = promotion({ eligibility: { customerKind: 'existing' } });
    expect(isEligible(loyal, customer({ kind: 'new' }), 'email', 'fr').reasons).toEqual(['existing-customers-only']);
    expect(isEligible(loyal, customer({ kind: 'existing' }), 'email', 'fr').eligible).toBe(true);
  });
});

describe('activePromotionsFor', () => {
  const low = promotion({ id: 'low', priority: 10 });
  const highLate = promotion({ id: 'high-late', priority: 90, endsAt: NOW + 20 * DAY });
  const highSoon = promotion({ id: 'high-soon', priority: 90, endsAt: NOW + 2 * DAY });
  const ended = promotion({ id: 'ended', priority: 100, endsAt: NOW - 1 });
  const vip = promotion({ id: 'vip', priority: 95, eligibility: { segments: ['VIP'] } });
  const x = promotion({ id: 'x-only', priority: 50, channels: ['x'] });
  const all = [low, highLate, ended, vip, highSoon, x];

  it('keeps live, eligible promotions, by priority then the soonest end', () => {
    expect(activePromotionsFor(customer(), 'email', 'fr', NOW, all).map((p) => p.id)).toEqual(['high-soon', 'high-late', 'low']);
    expect(activePromotionsFor(customer({ segments: ['VIP'] }), 'x', 'fr', NOW, all).map((p) => p.id)).toEqual(['vip', 'high-soon', 'high-late', 'x-only', 'low']);
  });

  it('lists every live promotion for the notice all agents see', () => {
    expect(activePromotions(all, NOW).map((p) => p.id)).toEqual(['vip', 'high-soon', 'high-late', 'x-only', 'low']);
  });

  it('says when the live set next changes', () => {
    expect(nextChange(all, NOW)).toBe(NOW + 2 * DAY);
    expect(nextChange([promotion({ startsAt: NOW + 5, endsAt: NOW + 9 })], NOW)).toBe(NOW + 5);
    expect(nextChange([ended], NOW)).toBeUndefined();
  });
});
