import { describe, expect, it } from 'vitest';
import { mentionedPromotions } from '../../../../src/core/promotions/mentions';
import { promotion } from '../brand/support';

const noel = promotion();
const soldes = promotion({ id: 'p-soldes', title: 'Soldes', code: 'SOLDES25' });
const shipping = promotion({ id: 'p-port', title: 'Livraison offerte', code: undefined });
const old = promotion({ id: 'p-old', title: 'Ancienne offre', code: 'OLD10', deleted: true });
const all = [noel, soldes, shipping, old];
const found = (text: string) => mentionedPromotions(text, all).map((m) => [m.promotion.id, m.by, text.slice(m.start, m.end)]);

describe('mentionedPromotions', () => {
  it('finds codes in any case, and titles without regard to accents', () => {
    expect(found('Avec le code noel20 et la livraison OFFERTE.')).toEqual([
      ['p-noel', 'code', 'noel20'],
      ['p-port', 'title', 'livraison OFFERTE'],
    ]);
    expect(found('Profitez de « Noel en lumiere » !')).toEqual([['p-noel', 'title', 'Noel en lumiere']]);
  });

  it('reports each promotion once, at its first mention', () => {
    expect(found('SOLDES25, puis encore SOLDES25 et soldes25.')).toEqual([['p-soldes', 'code', 'SOLDES25']]);
  });

  it('does not take a one-word title, a code inside a word or a deleted promotion as a mention', () => {
    expect(found('Les soldes arrivent. XNOEL20 et NOEL200, OLD10, ancienne offre.')).toEqual([]);
  });
});
