import { describe, expect, it } from 'vitest';
import { commitmentFacts, commitmentOutcomes } from '../../../../src/core/metrics/commitments';
import type { CommitmentUpdateEvent } from '../../../../src/core/timeline/event';
import { commitment, DAY, HOUR, MONDAY } from '../support/timeline';

const done = (id: string, commitmentId: string, at: number, status: CommitmentUpdateEvent['status'] = 'done'): CommitmentUpdateEvent => ({ id, type: 'commitment-update', subject: { customerId: 'c1' }, at, tool: 'zendesk', channel: 'email', commitmentId, status });

describe('commitments kept on time, late, overdue', () => {
  const friday = MONDAY + 4 * DAY;
  const events = [
    commitment(MONDAY, friday, 'Refund by Friday', { id: 'k1' }),
    done('u1', 'k1', friday - HOUR),
    commitment(MONDAY, friday, 'Call back by Friday', { id: 'k2', kind: 'callback' }),
    done('u2', 'k2', friday + DAY),
    commitment(MONDAY, friday, 'Parcel by Friday', { id: 'k3', kind: 'shipment' }),
    // Read by a second browser: the same promise under another id, closed through that id on time.
    commitment(MONDAY, friday, 'Exchange by Friday', { id: 'k4' }),
    commitment(MONDAY + 60_000, friday, 'Exchange by Friday', { id: 'k4-other-browser' }),
    done('u4', 'k4-other-browser', friday),
    commitment(MONDAY, friday + 7 * DAY, 'Voucher next week', { id: 'k5' }),
    commitment(MONDAY, friday, 'Gift card by Friday', { id: 'k6' }),
    done('u6', 'k6', MONDAY + HOUR, 'cancelled'),
    // Reopened after being done: open and overdue.
    commitment(MONDAY, friday, 'Return label by Friday', { id: 'k7' }),
    done('u7a', 'k7', MONDAY + HOUR),
    done('u7b', 'k7', MONDAY + 2 * HOUR, 'open'),
  ];

  it('classifies the promises due in the period', () => {
    const facts = commitmentFacts(events);
    // Due in the week: k1 on time, k2 late, k3 overdue, k4 on time (once), k6 cancelled, k7 overdue; k5 is due next week.
    expect(commitmentOutcomes(facts, { from: MONDAY, to: MONDAY + 7 * DAY, now: friday + 2 * DAY })).toEqual([
      { key: 'all', due: 6, onTime: 2, late: 1, overdue: 2, pending: 0, cancelled: 1, onTimeShare: 2 / 5 },
    ]);
    // Before Friday ends, the open ones are still pending.
    expect(commitmentOutcomes(facts, { from: MONDAY, to: MONDAY + 7 * DAY, now: MONDAY + DAY })[0]).toMatchObject({ onTime: 2, late: 1, overdue: 0, pending: 2 });
  });

  it('waits for a status change whose commitment has not arrived yet', () => {
    const early = commitmentFacts([done('u1', 'k1', friday - HOUR)]);
    expect(early).toEqual([{ key: 'update:k1', ids: [], commitment: null, update: { id: 'u1', status: 'done', at: friday - HOUR } }]);
    expect(commitmentOutcomes(early, { from: 0, to: friday * 2, now: friday })).toEqual([]);
  });
});
