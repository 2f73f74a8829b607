import { describe, expect, it } from 'vitest';
import { filterTimeline, queryTerms } from '../../../../src/core/timeline/filter';
import { commitment, DAY, external, HOUR, inbound, MONDAY, note, outbound } from '../support/timeline';

const now = MONDAY;
const events = [
  inbound(now - 3 * DAY, 'Bonjour, je souhaite être REMBOURSÉE pour la commande 88213', { id: 'e1', tool: 'zendesk', channel: 'email' }),
  outbound(now - 3 * DAY + HOUR, 'Bonjour Élodie, le remboursement est en cours.', { id: 'e2', tool: 'zendesk', channel: 'email', author: 'Lucas Bernard' }),
  inbound(now - 2 * DAY, 'Toujours rien… c’est une mise en demeure', { id: 'e3', tool: 'meta-inbox', channel: 'instagram' }),
  note(now - 2 * DAY + HOUR, 'Geste commercial accordé (bon de 10 €)', { id: 'e4', tool: 'sidebar', channel: 'note' }),
  external('order', now - 10 * DAY, { id: 'e5', reference: '88213', summary: 'Robe lin bleu, taille 38' }),
  commitment(now - DAY, now + DAY, 'Rappel demain matin', { id: 'e6', tool: 'zendesk', channel: 'email' }),
];
const ids = (list: { id: string }[]) => list.map((e) => e.id);

describe('filterTimeline', () => {
  it('returns everything, in order, without criteria', () => {
    expect(ids(filterTimeline(events, {}))).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']);
  });

  it('filters by channel, tool, type and time', () => {
    expect(ids(filterTimeline(events, { channels: ['instagram', 'shop'] }))).toEqual(['e3', 'e5']);
    expect(ids(filterTimeline(events, { tools: ['zendesk'] }))).toEqual(['e1', 'e2', 'e6']);
    expect(ids(filterTimeline(events, { types: ['note', 'commitment'] }))).toEqual(['e4', 'e6']);
    expect(ids(filterTimeline(events, { from: now - 2 * DAY, to: now - DAY }))).toEqual(['e3', 'e4', 'e6']);
    expect(ids(filterTimeline(events, { tools: ['zendesk'], types: ['message'], channels: [] }))).toEqual(['e1', 'e2']);
  });

  it.each([
    ['rembourse', ['e1', 'e2']],
    ['REMBOURSÉE', ['e1']],
    ['remboursee', ['e1']],
    ['elodie', ['e2']],
    ['lucas', ['e2']],
    ['88213', ['e1', 'e5']],
    ['"mise en demeure"', ['e3']],
    ['"demeure mise"', []],
    ['mise demeure', ['e3']],
    ['geste 10 €', ['e4']],
    ['shopify', ['e5']],
    ['Lin BLEU', ['e5']],
    ['rappel matin', ['e6']],
    ['rembourse instagram', []],
    ['instagram', ['e3']],
    ['   ', ['e1', 'e2', 'e3', 'e4', 'e5', 'e6']],
  ])('search %j → %j', (query, expected) => {
    expect(ids(filterTimeline(events, { query }))).toEqual(expected);
  });

  it('combines search with the other filters', () => {
    expect(ids(filterTimeline(events, { query: 'rembourse', channels: ['email'], types: ['message'], tools: ['zendesk'] }))).toEqual(['e1', 'e2']);
  });

  it('parses quoted phrases and words', () => {
    expect(queryTerms('  "Mise en   Demeure" Élodie  ')).toEqual(['mise en demeure', 'elodie']);
    expect(queryTerms('')).toEqual([]);
  });
});
