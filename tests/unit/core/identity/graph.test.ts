import { describe, expect, it } from 'vitest';
import {
  buildIdentityState,
  customerView,
  emptyIdentityState,
  findCustomer,
  merge,
  noChanges,
  resolveSighting,
  rootOf,
  suggestMerges,
  dismissSuggestion,
  type Customer,
} from '../../../../src/core/identity/graph';
import { app, city, email, handle, ident, idMaker, phone, World } from '../support/identity';

describe('resolveSighting: strong identifiers link on their own', () => {
  it('creates a customer from the first screen, with every identifier, the name and an audit entry', () => {
    const w = new World();
    const result = w.see([email('Marie.Dupont@gmail.com'), phone('06 12 34 56 78')], 'Marie Dupont');
    expect(result.outcome).toBe('created');
    expect(result.customerId).toBe('c1');
    expect(result.subject).toEqual({ customerId: 'c1', identifierKey: 'email:mariedupont@gmail.com' });
    const customer = w.state.customers.c1;
    expect(customer?.displayName).toBe('Marie Dupont');
    expect(customer?.identifiers.map((i) => i.key)).toEqual(['email:mariedupont@gmail.com', 'name:dupont marie', 'phone:+33612345678']);
    expect(customer?.identifiers[0]).toMatchObject({ firstSeen: w.now, source: { tool: 'zendesk', channel: 'email' }, strength: 'strong' });
    expect(w.state.audit).toEqual([
      {
        id: 'c2',
        at: w.now,
        actor: 'agent:camille',
        automatic: true,
        action: 'create',
        reason: 'seen together on zendesk (email)',
        customerIds: ['c1'],
        identifierKeys: ['email:mariedupont@gmail.com', 'name:dupont marie', 'phone:+33612345678'],
      },
    ]);
  });

  it('changes nothing when the screen shows only what is known (same state object back)', () => {
    const w = new World();
    w.see([email('marie@orange.fr'), phone('0612345678')], 'Marie Dupont');
    const before = w.state;
    const again = w.see([email('MARIE@orange.fr'), phone('+33 6 12 34 56 78')], 'DUPONT Marie');
    expect(again.outcome).toBe('unchanged');
    expect(again.state).toBe(before);
    expect(again.customerId).toBe('c1');
  });

  it('attaches new identifiers to the one customer the screen points to', () => {
    const w = new World();
    const id = w.customer([email('marie@orange.fr')]);
    const result = w.see([email('marie@orange.fr'), handle('@MarieD_75')], undefined, 'x-inbox', 'x');
    expect(result).toMatchObject({ outcome: 'attached', customerId: id, attached: ['handle:x:@maried_75'] });
    expect(w.state.customers[id]?.identifiers.find((i) => i.key === 'handle:x:@maried_75')?.source).toEqual({ tool: 'x-inbox', channel: 'x' });
    expect(w.state.audit.at(-1)).toMatchObject({ action: 'attach', customerIds: [id], identifierKeys: ['handle:x:@maried_75'] });
  });

  it('links a helpdesk customer and a social-inbox customer through a shared phone number', () => {
    const w = new World();
    const desk = w.customer([email('elodie.rousseau@free.fr'), phone('06 98 76 54 32'), app('zendesk:user:4821')], 'Élodie Rousseau');
    const social = w.see([handle('@elodie_rsso', 'instagram'), phone('+33698765432')], 'Elodie R.', 'meta-inbox', 'instagram');
    expect(social.outcome).toBe('attached');
    expect(social.customerId).toBe(desk);
    expect(findCustomer(w.state, 'handle:instagram:@elodie_rsso')).toBe(desk);
  });

  it('merges automatically when one screen ties two customers without conflicting identifiers', () => {
    const w = new World();
    const a = w.customer([email('marie@orange.fr'), app('order:88213')]);
    const b = w.customer([handle('@maried_75'), app('order:90001')]);
    const result = w.see([email('marie@orange.fr'), handle('@maried_75')], undefined, 'x-inbox', 'x');
    expect(result.outcome).toBe('merged');
    expect(result.customerId).toBe(a);
    expect(result.mergeIds).toHaveLength(1);
    const mergeRecord = w.state.merges[result.mergeIds[0] ?? ''];
    expect(mergeRecord).toMatchObject({ survivorId: a, absorbedId: b, automatic: true, actor: 'agent:camille', clashes: [] });
    expect(rootOf(w.state, b)).toBe(a);
    // Orders are many per customer: two order numbers never clash.
    expect(customerView(w.state, b)?.identifiers.map((i) => i.key)).toContain('app:order:90001');
  });

  it('merges three customers at once into the oldest', () => {
    const w = new World();
    const a = w.customer([email('a@orange.fr')]);
    const b = w.customer([phone('0611111111')]);
    const c = w.customer([handle('@abc_x')]);
    const result = w.see([handle('@abc_x'), phone('0611111111'), email('a@orange.fr')]);
    expect(result.outcome).toBe('merged');
    expect(result.mergeIds).toHaveLength(2);
    expect([rootOf(w.state, a), rootOf(w.state, b), rootOf(w.state, c)]).toEqual([a, a, a]);
  });

  it('never merges customers that hold different values in one slot: a conflict for the agent, state untouched', () => {
    const w = new World();
    const a = w.customer([email('marie@orange.fr'), phone('0611111111')]);
    const b = w.customer([email('marie.pro@acme-corp.fr'), phone('0622222222')]);
    const before = w.state;
    const result = w.see([email('marie@orange.fr'), phone('0622222222'), handle('@marie_x')]);
    expect(result.outcome).toBe('conflict');
    expect(result.state).toBe(before);
    expect(result.customerId).toBeUndefined();
    expect(result.conflict).toEqual({
      customerIds: [a, b],
      clashes: [
        { slot: 'email', a: ['email:marie@orange.fr'], b: ['email:marie.pro@acme-corp.fr'], customerIds: [a, b] },
        { slot: 'phone', a: ['phone:+33611111111'], b: ['phone:+33622222222'], customerIds: [a, b] },
      ],
      unattached: [handle('@marie_x')],
    });
  });

  it('raises a conflict for two helpdesk user ids of one helpdesk', () => {
    const w = new World();
    w.customer([app('zendesk:user:1'), email('a@free.fr')]);
    w.customer([app('zendesk:user:2'), phone('0633333333')]);
    const result = w.see([email('a@free.fr'), phone('0633333333')]);
    expect(result.outcome).toBe('conflict');
    expect(result.conflict?.clashes.map((c) => c.slot)).toEqual(['app:zendesk:user']);
  });

  it('lets the agent resolve a conflict by merging, after which the screen resolves', () => {
    const w = new World();
    const a = w.customer([email('marie@orange.fr')]);
    const b = w.customer([email('marie.pro@acme-corp.fr')]);
    expect(w.see([email('marie@orange.fr'), email('marie.pro@acme-corp.fr')]).outcome).toBe('conflict');
    w.state = merge(w.state, a, b, { actor: 'agent:camille', reason: 'same person, pro and personal address', now: w.now, newId: w.newId }).state;
    expect(w.see([email('marie@orange.fr'), email('marie.pro@acme-corp.fr')])).toMatchObject({ outcome: 'unchanged', customerId: a });
  });
});

describe('resolveSighting: what storage persists', () => {
  it('lists the records each sighting wrote, and nothing when nothing changed', () => {
    const w = new World();
    const created = w.see([email('a@orange.fr')]);
    expect(created.changes.customers).toEqual([w.state.customers[created.customerId ?? '']]);
    expect(created.changes.audit).toEqual(w.state.audit);
    expect(w.see([email('a@orange.fr')]).changes).toEqual(noChanges());
    const b = w.customer([phone('0611111111')]);
    const merged = w.see([email('a@orange.fr'), phone('0611111111'), handle('@new_one')]);
    expect(merged.changes.merges.map((m) => m.absorbedId)).toEqual([b]);
    expect(merged.changes.customers.map((c) => c.id)).toEqual([created.customerId]);
    expect(merged.changes.audit.map((a) => a.action)).toEqual(['merge', 'attach']);
  });
});

describe('resolveSighting: own and shared identities never link', () => {
  it('sets aside the team, shared inboxes, role and placeholder addresses, with reasons', () => {
    const w = new World();
    const result = w.see(
      [
        email('marie@orange.fr'),
        email('support@maisonlumiere.fr'),
        email('jean.martin.sav+desk@gmail.com'),
        email('contact@boutique-lumiere.fr'),
        email('no-reply@zendesk.com'),
        email('prenom.nom@orange.fr'),
        phone('01 40 00 00 00'),
        phone('+33 1 84 60 00 00'),
        handle('@MaisonLumiere'),
        handle('@Lumiere_Paris', 'instagram'),
      ],
      'Jean Martin',
    );
    expect(result.outcome).toBe('created');
    expect(w.state.customers[result.customerId ?? '']?.identifiers.map((i) => i.key)).toEqual(['email:marie@orange.fr']);
    expect(w.state.customers[result.customerId ?? '']?.displayName).toBeUndefined();
    expect(result.ignored).toEqual([
      { key: 'email:support@maisonlumiere.fr', reason: 'own' },
      { key: 'email:jeanmartinsav@gmail.com', reason: 'own' },
      { key: 'email:contact@boutique-lumiere.fr', reason: 'shared' },
      { key: 'email:no-reply@zendesk.com', reason: 'role' },
      { key: 'email:prenom.nom@orange.fr', reason: 'placeholder' },
      { key: 'phone:+33140000000', reason: 'shared' },
      { key: 'phone:+33184600000', reason: 'own' },
      { key: 'handle:x:@maisonlumiere', reason: 'own' },
      { key: 'handle:instagram:@lumiere_paris', reason: 'shared' },
      { key: 'name:jean martin', reason: 'own' },
    ]);
  });

  it('keeps two customers apart when both were seen with the shop phone', () => {
    const w = new World();
    const a = w.customer([email('a@orange.fr'), phone('01 40 00 00 00')]);
    const b = w.customer([email('b@orange.fr'), phone('+33140000000')]);
    expect(a).not.toBe(b);
    expect(rootOf(w.state, b)).toBe(b);
    expect(w.state.owners['phone:+33140000000']).toBeUndefined();
  });

  it('resolves nobody from a screen with only team identifiers', () => {
    const w = new World();
    const result = w.see([email('support@maisonlumiere.fr')]);
    expect(result.outcome).toBe('unidentified');
    expect(result.state).toBe(w.state);
  });
});

describe('resolveSighting: weak identifiers only suggest', () => {
  it('suggests, with reasons and a confidence, but never links on a name and a city', () => {
    const w = new World();
    const a = w.customer([email('marie@orange.fr'), city('Lyon 3e')], 'Marie Dupont');
    const result = w.see([email('m.dupont@laposte.net'), city('LYON')], 'DUPONT Marie');
    expect(result.outcome).toBe('created');
    expect(result.customerId).not.toBe(a);
    // 1 - (1 - 0.45)(1 - 0.15) = 0.5325, discounted by 0.6 because the two hold different e-mails.
    expect(result.suggestions).toEqual([
      {
        customerId: result.customerId,
        otherId: a,
        confidence: 0.319,
        reasons: [
          { code: 'same-name', value: 'DUPONT Marie', weight: 0.45 },
          { code: 'same-city', value: 'LYON', weight: 0.15 },
        ],
        clashes: [{ slot: 'email', a: ['email:m.dupont@laposte.net'], b: ['email:marie@orange.fr'] }],
      },
    ]);
  });

  it('suggests without discount when nothing clashes', () => {
    const w = new World();
    const a = w.customer([handle('@jules_w')], 'Jules Weber');
    const result = w.see([phone('0611223344')], 'Jules Weber');
    expect(result.suggestions).toMatchObject([{ otherId: a, confidence: 0.45, reasons: [{ code: 'same-name' }], clashes: [] }]);
  });

  it('a city or a first name alone suggests nothing', () => {
    const w = new World();
    w.customer([email('a@orange.fr'), city('Lyon')], 'Camille');
    expect(w.see([email('b@orange.fr'), city('Lyon')], 'Camille').suggestions).toEqual([]);
  });

  it('a handle on an unknown network suggests the customer with that handle elsewhere', () => {
    const w = new World();
    const a = w.customer([handle('@jules_weber', 'x')]);
    const result = w.see([handle('@Jules_Weber', 'unknown')], undefined, 'generic', 'web');
    expect(result.outcome).toBe('unidentified');
    expect(result.suggestions).toEqual([{ customerId: '', otherId: a, confidence: 0.5, reasons: [{ code: 'same-handle', value: '@Jules_Weber', weight: 0.5 }], clashes: [] }]);
  });

  it('discounts common names', () => {
    const w = new World();
    for (let i = 0; i < 6; i++) w.customer([email(`marie.martin${i}@orange.fr`)], 'Marie Martin');
    expect(w.see([email('mm@free.fr')], 'Marie Martin').suggestions).toEqual([]);
  });

  it('stops suggesting a pair the agent dismissed', () => {
    const w = new World();
    const a = w.customer([email('a@orange.fr')], 'Marie Dupont');
    const b = w.customer([phone('0611111111')], 'Marie Dupont');
    expect(suggestMerges(w.state, b).map((s) => s.otherId)).toEqual([a]);
    w.state = dismissSuggestion(w.state, b, a, { actor: 'agent:camille', reason: 'two different people', now: w.now, newId: w.newId }).state;
    expect(suggestMerges(w.state, b)).toEqual([]);
    expect(w.state.audit.at(-1)).toMatchObject({ action: 'dismiss-suggestion', customerIds: [b, a], reason: 'two different people' });
  });
});

describe('anchoring: new identifiers and events go to the member customer that matched', () => {
  it('attaches to the absorbed customer when its identifier is the one on screen', () => {
    const w = new World();
    const a = w.customer([email('a@orange.fr')]);
    const b = w.customer([handle('@bee_x')]);
    const { merge: m } = merge(w.state, a, b, { actor: 'agent:camille', reason: 'same person', now: w.now, newId: w.newId });
    w.state = merge(w.state, a, b, { actor: 'agent:camille', reason: 'same person', now: w.now, newId: idMaker('m') }).state;
    expect(m.absorbedId).toBe(b);
    const result = w.see([handle('@bee_x'), phone('0644556677')], undefined, 'x-inbox', 'x');
    expect(result).toMatchObject({ outcome: 'attached', customerId: a, subject: { customerId: b, identifierKey: 'handle:x:@bee_x' } });
    expect(w.state.customers[b]?.identifiers.map((i) => i.key)).toEqual(['handle:x:@bee_x', 'phone:+33644556677']);
  });
});

describe('state from records', () => {
  it('rebuilds the same indexes as the operations maintained', () => {
    const w = new World();
    const a = w.customer([email('a@orange.fr'), handle('@same_handle')], 'Marie Dupont');
    const b = w.customer([phone('0611111111'), handle('@same_handle', 'instagram')], 'Marie Dupont');
    w.state = merge(w.state, a, b, { actor: 'x', reason: 'y', now: w.now, newId: w.newId }).state;
    const rebuilt = buildIdentityState({
      customers: Object.values(w.state.customers),
      merges: Object.values(w.state.merges),
      splits: Object.values(w.state.splits),
      audit: w.state.audit,
    });
    expect(rebuilt).toEqual(w.state);
  });

  it('shows a merged customer as one, identifiers from every member in canonical order', () => {
    const w = new World();
    const a = w.customer([email('a@orange.fr')], 'Marie Dupont');
    const b = w.customer([phone('0611111111')]);
    w.state = merge(w.state, a, b, { actor: 'x', reason: 'y', now: w.now, newId: w.newId }).state;
    const view = customerView(w.state, b);
    expect(view).toMatchObject({ id: a, displayName: 'Marie Dupont', members: [a, b] });
    expect(view?.identifiers.map((i) => [i.key, i.holderId])).toEqual([
      ['email:a@orange.fr', a],
      ['name:dupont marie', a],
      ['phone:+33611111111', b],
    ]);
    expect(customerView(w.state, 'nobody')).toBeUndefined();
  });
});

// Lookup speed is measured by `npm run bench -- store`; here only what large states must do.
describe('large states', () => {
  const stamped = <T extends object>(identifier: T) => ({ ...identifier, firstSeen: 1, source: { tool: 't' } });
  const options = { ownIdentities: { domains: ['acme.fr'], signatures: ['Jean'] }, sharedAddresses: [], now: 1e12, newId: idMaker('n') };

  it('resolves a customer with 40 identifiers in a merged tree (the slice the worker loads)', () => {
    const orders = Array.from({ length: 40 }, (_, i) => stamped(ident(`order:${10000 + i}`, 'app-id')));
    const customers: Customer[] = [
      { id: 'target', createdAt: 1, identifiers: [...orders.slice(0, 20), stamped(email('target@orange.fr'))] },
      { id: 'older-self', createdAt: 2, identifiers: [...orders.slice(20), stamped(phone('0611111111'))] },
      // Namesakes the suggestions look at.
      ...Array.from({ length: 20 }, (_, i) => ({ id: `n${i}`, createdAt: 3 + i, identifiers: [stamped(email(`n${i}@free.fr`)), stamped(ident('Marie Dupont', 'name'))] })),
    ];
    const state = merge(buildIdentityState({ customers }), 'target', 'older-self', { actor: 'a', reason: 'r', now: 5, newId: idMaker('m') }).state;
    const screen = [email('target@orange.fr'), phone('0611111111'), ...orders.slice(0, 30)];
    const known = resolveSighting(state, { identifiers: screen, tool: 'zendesk', displayName: 'Marie Dupont' }, options);
    const withNew = resolveSighting(state, { identifiers: [...screen, phone('0699887766')], tool: 'zendesk', displayName: 'Marie Dupont' }, options);
    expect(known.customerId).toBe('target');
    expect(withNew.customerId).toBe('target');
    expect(withNew.attached).toContain('phone:+33699887766');
  });

  it('reads a known customer in a 5,000-customer state without copying it', () => {
    const customers: Customer[] = Array.from({ length: 5000 }, (_, i) => ({ id: `k${i}`, createdAt: i, identifiers: [stamped(email(`person${i}@orange.fr`))] }));
    const state = buildIdentityState({ customers });
    const result = resolveSighting(state, { identifiers: [email('person4321@orange.fr')], tool: 'zendesk' }, options);
    expect(result.state).toBe(state);
    expect(emptyIdentityState().audit).toEqual([]);
  });
});
