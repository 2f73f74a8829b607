// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { compounds, cssIdent, deriveSelectors } from '../../../src/adapters/custom/teach-selectors';
import { $, addUnrelatedContent, firstFound, found, loadAtelier } from './fixture';

const GENERATED = /css-|sc-|kQWpJc|gHfRtb|\b(?:flex|grow|px-4|text-xl|font-bold|grid|gap-2|w-full)\b/;

describe('teach mode: selectors for one element', () => {
  beforeEach(() => {
    loadAtelier();
  });

  it('gives 2-3 alternatives that each find exactly the element pointed at', () => {
    for (const css of ['h1', 'a[href^="mailto:jeanne"]', 'a[href^="tel:"]', '.css-w2e3r4', 'textarea']) {
      const el = $(css);
      const picks = deriveSelectors(el, { avoid: ['Jeanne Moreau'] });
      expect(picks.length, css).toBeGreaterThanOrEqual(2);
      expect(picks.length, css).toBeLessThanOrEqual(3);
      expect(found(picks), css).toEqual(picks.map(() => [el]));
    }
  });

  it('never anchors on generated or utility class names', () => {
    for (const css of ['h1', '.css-w2e3r4', 'textarea', 'article b']) {
      for (const selector of deriveSelectors($(css))) expect(selector, css).not.toMatch(GENERATED);
    }
  });

  it('prefers what the app put there on purpose: names, links, ARIA and data attributes, ids', () => {
    expect(deriveSelectors($('textarea'))[0]).toBe('textarea[name="reply"]');
    expect(deriveSelectors($('h1'))[0]).toBe('section[data-panel="fiche"] h1');
    // The agent's own address is a mailto: link too: the customer's is told apart by its card.
    expect(deriveSelectors($('a[href^="mailto:jeanne"]'))[0]).toBe('section[data-panel="fiche"] a[href^="mailto:"]');
  });

  it('anchors a kind of link on the customer’s block, so the agent’s own number added later is not read', () => {
    const tel = $('a[href^="tel:"]');
    const picks = deriveSelectors(tel);
    expect(picks[0]).toBe('section[data-panel="fiche"] a[href^="tel:"]');
    $('header').insertAdjacentHTML('beforeend', '<a class="css-0b7s1x" href="tel:+33140000000">01 40 00 00 00</a>');
    expect(firstFound(picks)).toEqual([tel]);
  });

  it('never puts the customer’s own data in a selector', () => {
    const el = $('h1');
    el.setAttribute('title', 'Jeanne Moreau');
    el.setAttribute('data-customer-id', '4821');
    const picks = deriveSelectors(el, { avoid: ['Jeanne Moreau', 'jeanne.moreau@free.fr'] });
    expect(picks.join(' ')).not.toMatch(/Jeanne|4821|moreau/i);
    expect(picks[0]).toBe('section[data-panel="fiche"] h1[data-customer-id]');
  });

  it('keeps finding the element when the page adds unrelated content (read as a Pick: first alternative that finds anything)', () => {
    const targets = ['h1', 'a[href^="mailto:jeanne"]', 'a[href^="tel:"]', '.css-w2e3r4', 'textarea'].map((css) => {
      const el = $(css);
      return { css, el, picks: deriveSelectors(el) };
    });
    addUnrelatedContent();
    for (const { css, el, picks } of targets) expect(firstFound(picks), css).toEqual([el]);
  });

  it('falls back on a short structural path when nothing around is stable', () => {
    document.body.innerHTML = '<div class="css-a1b2c3"><div class="css-d4e5f6"><span class="kQWpJc">A</span><span class="gHfRtb">B</span></div></div>';
    const b = $('.gHfRtb');
    const picks = deriveSelectors(b);
    expect(picks.length).toBeGreaterThanOrEqual(1);
    expect(found(picks)).toEqual(picks.map(() => [b]));
    expect(picks.join(' ')).not.toMatch(GENERATED);
  });

  it('escapes identifiers and quotes attribute values so the selectors parse', () => {
    expect(cssIdent('1st')).toBe('\\31 st');
    document.body.innerHTML = '<div id="weird.id" data-kind=\'a "b"\'></div>';
    const el = $('div');
    for (const c of compounds(el)) expect(() => document.querySelectorAll(c)).not.toThrow();
    expect(deriveSelectors(el)[0]).toBe('#weird\\.id');
  });
});
