import { describe, expect, it } from 'vitest';
import { searchTemplates } from '../../../../src/core/templates/search';
import { template } from '../brand/support';

const refund = template({ id: 'refund', title: 'Remboursement accepté', tags: ['SAV', 'argent'], shortcut: ';refund', variants: [{ language: 'fr', body: 'Votre commande sera remboursée sous 14 jours.' }] });
const delay = template({ id: 'delay', title: 'Retard de livraison', tags: ['transporteur'], folder: 'Livraison', variants: [{ language: 'fr', body: 'Votre colis a du retard, remboursement des frais de port possible.' }] });
const english = template({ id: 'late', title: 'Late delivery', tags: ['carrier'], variants: [{ language: 'en', channel: 'x', body: 'Your parcel is late.' }] });
const gone = template({ id: 'gone', title: 'Remboursement ancien', deleted: true });
const all = [refund, delay, english, gone];
const ids = (query: string, options = {}) => searchTemplates(query, all, options).map((h) => h.template.id);

describe('searchTemplates', () => {
  it('ranks a title match above a body match', () => {
    expect(ids('remboursement')).toEqual(['refund', 'delay']);
  });

  it('needs every word, ignores accents and case, and takes the last word as a prefix', () => {
    expect(ids('RETARD livr')).toEqual(['delay']);
    expect(ids('rembourse accep')).toEqual([]);
    expect(ids('rembo')).toEqual(['refund', 'delay']);
    expect(ids('retard zzz')).toEqual([]);
  });

  it('searches tags, folders and shortcuts', () => {
    expect(ids('transporteur')).toEqual(['delay']);
    expect(ids('livraison')).toEqual(['delay']);
    expect(ids(';refund')).toEqual(['refund']);
  });

  it('puts the customer’s language and channel first without hiding the others', () => {
    expect(ids('', { language: 'en', channel: 'x' })[0]).toBe('late');
    expect(ids('', { language: 'fr' })).toHaveLength(3);
  });

  it('breaks ties by usage, and never lists deleted templates', () => {
    expect(ids('', { usage: { delay: 9, refund: 2 } })).toEqual(['delay', 'refund', 'late']);
    expect(ids('ancien')).toEqual([]);
  });
});
