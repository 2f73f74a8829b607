import { describe, expect, it } from 'vitest';
import { affectedCustomers, agentKeys, customerIdentity, eventScope, foldName, ownerOf, type MergeLink } from '../../../../src/core/metrics/index';
import type { TimelineEvent } from '../../../../src/core/timeline/event';

const merge = (id: string, absorbedId: string, survivorId: string, at: number): MergeLink => ({ id, absorbedId, survivorId, at });
const event = (customerId: string, identifierKey?: string) => ({ subject: identifierKey ? { customerId, identifierKey } : { customerId } }) as TimelineEvent;

describe('customerIdentity', () => {
  it('follows chains whatever order the records come in: A→B then B→C is C', () => {
    const records = [merge('m1', 'A', 'B', 1), merge('m2', 'B', 'C', 2)];
    for (const order of [records, [...records].reverse()]) {
      const owner = ownerOf(customerIdentity(order, []));
      expect(['A', 'B', 'C', 'D'].map((id) => owner(event(id)))).toEqual(['C', 'C', 'C', 'D']);
    }
  });

  it('conflicting merges from two browsers still make one customer, named by the earliest', () => {
    const identity = customerIdentity([merge('m2', 'B', 'A', 2), merge('m1', 'A', 'B', 1)], []);
    expect(identity.customers).toEqual(new Map([['A', 'B']]));
  });

  it('events that came through a split identifier count for the split-off customer, and what it was merged into', () => {
    const split = { id: 's1', newCustomerId: 'N', keys: ['phone:1'], at: 5 };
    const identity = customerIdentity([merge('m1', 'N', 'Z', 9)], [split]);
    const owner = ownerOf(identity);
    expect(owner(event('A', 'phone:1'))).toBe('Z');
    expect(owner(event('A', 'email:a'))).toBe('A');
    expect(owner(event('A'))).toBe('A');
  });

  it('a later split of the same key wins', () => {
    const identity = customerIdentity([], [{ id: 's2', newCustomerId: 'N2', keys: ['k'], at: 7 }, { id: 's1', newCustomerId: 'N1', keys: ['k'], at: 5 }]);
    expect(ownerOf(identity)(event('A', 'k'))).toBe('N2');
  });

  it('names every customer a change moves, and what to read to recompute them', () => {
    const before = customerIdentity([merge('m1', 'A', 'B', 1)], []);
    const after = customerIdentity([], [{ id: 's1', newCustomerId: 'N', keys: ['k'], at: 5 }]);
    const affected = affectedCustomers(before, after, (key) => (key === 'k' ? ['C'] : []));
    expect([...affected].sort()).toEqual(['A', 'B', 'C', 'N']);
    expect(eventScope(after, affected)).toEqual({ customerIds: ['A', 'B', 'C', 'N'], keys: ['k'] });
    expect(affectedCustomers(before, before, () => [])).toEqual(new Set());
  });
});

describe('agentKeys', () => {
  const keys = agentKeys([
    { id: 'm1', name: 'Élodie Dupont', aliases: ['E. Dupont'] },
    { id: 'm2', name: 'Sam' },
    { id: 'm3', name: 'Sam Martin', aliases: ['sam'] },
  ]);

  it('puts an author name under the member it names, whatever the case, accents and spaces', () => {
    expect(foldName('  ÉLODIE   dupont ')).toBe('elodie dupont');
    expect(keys.ofAuthor('elodie dupont')).toBe('Élodie Dupont');
    expect(keys.ofAuthor('e. DUPONT')).toBe('Élodie Dupont');
    expect(keys.ofMember('m1')).toBe('Élodie Dupont');
  });

  it('leaves names of nobody, or of two members, as the tool shows them', () => {
    expect(keys.ofAuthor('Zendesk bot')).toBe('Zendesk bot');
    expect(keys.ofAuthor('SAM')).toBe('SAM');
    expect(keys.ofAuthor('sam martin')).toBe('Sam Martin');
    expect(keys.ofMember('gone')).toBe('gone');
  });
});
