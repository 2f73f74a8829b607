import { describe, expect, it } from 'vitest';
import { IdentityError } from '../../../../src/core/identity/errors';
import { ErrorCode } from '../../../../src/shared/errors';
import {
  customerView,
  merge,
  membersOf,
  rootOf,
  split,
  subjectOwner,
  timelineScope,
  undoMerge,
  undoSplit,
  type EventSubject,
  type IdentityState,
} from '../../../../src/core/identity/graph';
import { app, city, email, handle, idMaker, phone, World } from '../support/identity';

const decision = (w: World, reason = 'agent decision') => ({ actor: 'agent:camille', reason, now: w.now, newId: w.newId });

/** Indexes and customers: the state without its operation history. */
const graphOf = (state: IdentityState) => ({
  customers: state.customers,
  owners: state.owners,
  holders: state.holders,
  mergedInto: state.mergedInto,
  absorbed: state.absorbed,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof IdentityError) return error.code;
    throw error;
  }
  return undefined;
}

/** Three customers, each with its own history (events recorded for it). */
function threeCustomers() {
  const w = new World();
  const a = w.customer([email('marie@orange.fr'), app('zendesk:user:11')], 'Marie Dupont');
  const b = w.customer([handle('@maried_75', 'instagram'), city('Lyon')], 'Marie D.');
  const c = w.customer([phone('06 12 34 56 78'), app('order:88213')]);
  const events: (EventSubject & { id: string })[] = [
    { id: 'e1', customerId: a, identifierKey: 'email:marie@orange.fr' },
    { id: 'e2', customerId: a },
    { id: 'e3', customerId: b, identifierKey: 'handle:instagram:@maried_75' },
    { id: 'e4', customerId: b },
    { id: 'e5', customerId: c, identifierKey: 'phone:+33612345678' },
  ];
  return { w, a, b, c, events };
}

const owners = (state: IdentityState, events: (EventSubject & { id: string })[]) => Object.fromEntries(events.map((e) => [e.id, subjectOwner(state, e)]));

describe('merge', () => {
  it('makes one customer of two, audited, with every event on the survivor', () => {
    const { w, a, b, events } = threeCustomers();
    const { state, merge: record, changes } = merge(w.state, a, b, decision(w, 'same person: confirmed by phone'));
    expect(record).toMatchObject({ survivorId: a, absorbedId: b, actor: 'agent:camille', reason: 'same person: confirmed by phone', automatic: false, clashes: [] });
    expect(record.absorbedKeys).toEqual(['handle:instagram:@maried_75']);
    expect(membersOf(state, b)).toEqual([a, b]);
    expect(owners(state, events)).toMatchObject({ e1: a, e2: a, e3: a, e4: a });
    expect(state.audit.at(-1)).toMatchObject({ action: 'merge', actor: 'agent:camille', at: w.now, reason: 'same person: confirmed by phone', operationId: record.id, customerIds: [a, b] });
    // Storage writes the merge and the audit entry; the customer records are not touched.
    expect(changes).toEqual({ customers: [], removedCustomers: [], merges: [record], splits: [], dismissed: [], audit: [state.audit.at(-1)] });
  });

  it('records clashes when the agent merges anyway', () => {
    const w = new World();
    const a = w.customer([email('marie@orange.fr')]);
    const b = w.customer([email('marie.pro@acme-corp.fr')]);
    expect(merge(w.state, a, b, decision(w)).merge.clashes).toEqual([{ slot: 'email', a: ['email:marie@orange.fr'], b: ['email:marie.pro@acme-corp.fr'] }]);
  });

  it('merges roots, and refuses a merge with itself or an unknown customer', () => {
    const { w, a, b, c } = threeCustomers();
    w.state = merge(w.state, a, b, decision(w)).state;
    // Merging into b means merging into its root, a.
    const second = merge(w.state, b, c, decision(w));
    expect(second.merge.survivorId).toBe(a);
    expect(codeOf(() => merge(second.state, c, b, decision(w)))).toBe(ErrorCode.AlreadyMerged);
    expect(codeOf(() => merge(w.state, a, 'ghost', decision(w)))).toBe(ErrorCode.UnknownCustomer);
  });
});

describe('undoMerge', () => {
  it('restores both customers byte for byte, with their own identifiers and their own events', () => {
    const { w, a, b, events } = threeCustomers();
    const before = w.state;
    const beforeJson = JSON.stringify([before.customers[a], before.customers[b]]);
    const merged = merge(before, a, b, decision(w));
    const undone = undoMerge(merged.state, merged.merge.id, decision(w, 'not the same Marie'));
    expect(JSON.stringify([undone.state.customers[a], undone.state.customers[b]])).toBe(beforeJson);
    expect(undone.state.customers[a]).toBe(before.customers[a]);
    expect(undone.state.customers[b]).toBe(before.customers[b]);
    expect(graphOf(undone.state)).toEqual(graphOf(before));
    expect(owners(undone.state, events)).toEqual(owners(before, events));
    expect(undone.state.merges[merged.merge.id]?.undone).toEqual({ at: w.now, actor: 'agent:camille', reason: 'not the same Marie' });
    expect(undone.state.audit.at(-1)).toMatchObject({ action: 'undo-merge', reason: 'not the same Marie', customerIds: [a, b], operationId: merged.merge.id });
    // Without an id maker, the audit entry's id derives from the merge (undo happens once).
    const { newId: _unused, ...plain } = decision(w);
    expect(undoMerge(merged.state, merged.merge.id, plain).state.audit.at(-1)?.id).toBe(`${merged.merge.id}:undo`);
    expect(undone.changes.merges).toEqual([undone.state.merges[merged.merge.id]]);
  });

  it('undoes chains of merges in any order, each step exact', () => {
    const orders = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const order of orders) {
      const { w, a, b, c, events } = threeCustomers();
      const d = w.customer([email('dupont.famille@free.fr')]);
      const initial = w.state;
      // b into a, then c into a, then a's whole tree into d.
      const m1 = merge(w.state, a, b, decision(w));
      const m2 = merge(m1.state, a, c, decision(w));
      const m3 = merge(m2.state, d, a, decision(w));
      let state = m3.state;
      expect(rootOf(state, b)).toBe(d);
      const ids = [m1.merge.id, m2.merge.id, m3.merge.id];
      for (const index of order) state = undoMerge(state, ids[index] ?? '', decision(w)).state;
      expect(graphOf(state), `order ${order.join(',')}`).toEqual(graphOf(initial));
      expect(owners(state, events)).toEqual(owners(initial, events));
    }
  });

  it('keeps the rest of a chain when one merge in the middle is undone', () => {
    const { w, a, b, c } = threeCustomers();
    const m1 = merge(w.state, a, b, decision(w));
    const m2 = merge(m1.state, a, c, decision(w));
    const state = undoMerge(m2.state, m1.merge.id, decision(w)).state;
    expect(membersOf(state, a)).toEqual([a, c]);
    expect(membersOf(state, b)).toEqual([b]);
  });

  it('refuses to undo twice, or an unknown merge', () => {
    const { w, a, b } = threeCustomers();
    const m = merge(w.state, a, b, decision(w));
    const undone = undoMerge(m.state, m.merge.id, decision(w)).state;
    expect(codeOf(() => undoMerge(undone, m.merge.id, decision(w)))).toBe(ErrorCode.AlreadyUndone);
    expect(codeOf(() => undoMerge(undone, 'nope', decision(w)))).toBe(ErrorCode.UnknownMerge);
  });

  it('refuses, naming the split to undo first, when identifiers left a side after the merge', () => {
    const { w, a, b } = threeCustomers();
    const before = w.state;
    const m = merge(w.state, a, b, decision(w));
    const s = split(m.state, a, ['handle:instagram:@maried_75'], decision(w, 'that handle is her sister'));
    let error: unknown;
    try {
      undoMerge(s.state, m.merge.id, decision(w));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(IdentityError);
    expect(error).toMatchObject({ code: ErrorCode.UndoBlocked, blockers: [s.split.id] });
    expect((error as Error).message).toContain(`undo ${s.split.id} first`);
    // Undo the split, then the merge: back to the start exactly.
    const afterSplit = undoSplit(s.state, s.split.id, decision(w)).state;
    const afterMerge = undoMerge(afterSplit, m.merge.id, decision(w)).state;
    expect(graphOf(afterMerge)).toEqual(graphOf(before));
  });

  it('gives each side what was attached through its own identifiers while merged', () => {
    const { w, a, b } = threeCustomers();
    w.state = merge(w.state, a, b, decision(w)).state;
    const mergeId = Object.keys(w.state.merges)[0] ?? '';
    w.see([handle('@maried_75', 'instagram'), handle('@maried_x', 'x')], undefined, 'meta-inbox', 'instagram');
    w.see([email('marie@orange.fr'), phone('07 11 22 33 44')]);
    const state = undoMerge(w.state, mergeId, decision(w)).state;
    expect(customerView(state, b)?.identifiers.map((i) => i.key)).toContain('handle:x:@maried_x');
    expect(customerView(state, a)?.identifiers.map((i) => i.key)).toContain('phone:+33711223344');
    expect(customerView(state, a)?.identifiers.map((i) => i.key)).not.toContain('handle:x:@maried_x');
  });
});

describe('split', () => {
  it('moves identifiers (from any member) to a new customer, and events that came through them follow', () => {
    const { w, a, b, c, events } = threeCustomers();
    const merged = merge(merge(w.state, a, b, decision(w)).state, a, c, decision(w)).state;
    const s = split(merged, a, ['phone:+33612345678', 'handle:instagram:@maried_75'], { ...decision(w, 'a different person'), displayName: 'Sister' });
    const n = s.customerId;
    expect(s.state.customers[n]).toMatchObject({ id: n, displayName: 'Sister', createdAt: w.now });
    expect(s.state.customers[n]?.identifiers.map((i) => i.key)).toEqual(['handle:instagram:@maried_75', 'phone:+33612345678']);
    expect(s.split.moved).toEqual([
      { key: 'handle:instagram:@maried_75', from: b },
      { key: 'phone:+33612345678', from: c },
    ]);
    expect(owners(s.state, events)).toEqual({ e1: a, e2: a, e3: n, e4: a, e5: n });
    expect(s.state.audit.at(-1)).toMatchObject({ action: 'split', reason: 'a different person', customerIds: [a, n], operationId: s.split.id });
    expect(s.changes.customers.map((x) => x.id).sort()).toEqual([b, c, n].sort());
  });

  it('refuses unknown identifiers and empty splits', () => {
    const { w, a } = threeCustomers();
    expect(codeOf(() => split(w.state, a, ['phone:+33600000000'], decision(w)))).toBe(ErrorCode.UnknownIdentifier);
    expect(codeOf(() => split(w.state, a, [], decision(w)))).toBe(ErrorCode.EmptySplit);
    expect(codeOf(() => split(w.state, 'ghost', ['x'], decision(w)))).toBe(ErrorCode.UnknownCustomer);
  });

  it('is undone exactly, and the split customer disappears', () => {
    const { w, a, b, events } = threeCustomers();
    const before = merge(w.state, a, b, decision(w)).state;
    const s = split(before, a, ['email:marie@orange.fr', 'name:dupont marie'], decision(w));
    const back = undoSplit(s.state, s.split.id, decision(w));
    expect(graphOf(back.state)).toEqual(graphOf(before));
    expect(JSON.stringify(back.state.customers[a])).toBe(JSON.stringify(before.customers[a]));
    expect(owners(back.state, events)).toEqual(owners(before, events));
    expect(back.changes.removedCustomers).toEqual([s.customerId]);
    expect(codeOf(() => undoSplit(back.state, s.split.id, decision(w)))).toBe(ErrorCode.AlreadyUndone);
  });

  it('refuses to undo a split whose customer was merged or grew since', () => {
    const { w, a, c } = threeCustomers();
    const s = split(w.state, a, ['email:marie@orange.fr'], decision(w));
    const m = merge(s.state, c, s.customerId, decision(w));
    expect(() => undoSplit(m.state, s.split.id, decision(w))).toThrow(expect.objectContaining({ code: ErrorCode.UndoBlocked, blockers: [m.merge.id] }));
    w.state = s.state;
    w.see([email('marie@orange.fr'), phone('07 99 88 77 66')]);
    expect(codeOf(() => undoSplit(w.state, s.split.id, decision(w)))).toBe(ErrorCode.UndoBlocked);
    expect(codeOf(() => undoSplit(w.state, 'nope', decision(w)))).toBe(ErrorCode.UnknownSplit);
  });
});

describe('timeline scope', () => {
  it('lists what storage must query for a merged customer', () => {
    const { w, a, b } = threeCustomers();
    const state = merge(w.state, a, b, decision(w)).state;
    expect(timelineScope(state, b)).toEqual({
      customerId: a,
      customerIds: [a, b],
      identifierKeys: ['app:zendesk:user:11', 'email:marie@orange.fr', 'handle:instagram:@maried_75'],
    });
    expect(timelineScope(state, 'ghost')).toBeUndefined();
  });

  it('attributes an event through its identifier before its recorded customer', () => {
    const { w, a, b } = threeCustomers();
    expect(subjectOwner(w.state, { customerId: b, identifierKey: 'email:marie@orange.fr' })).toBe(a);
    expect(subjectOwner(w.state, { customerId: b, identifierKey: 'email:unknown@x.fr' })).toBe(b);
    expect(subjectOwner(w.state, { customerId: 'ghost' })).toBeUndefined();
    expect(idMaker('z')()).toBe('z1');
  });
});
