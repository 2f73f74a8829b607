/**
 * Commitments kept on time, kept late, and open past their due date.
 *
 * Facts: one row per promise. Several browsers reading one promise make several commitment events
 * with the same `dedupeKey` (customer, text, due date): they are one row, and closing any of them
 * closes it. A status change whose commitment has not arrived yet waits in an `update:` row.
 *
 * Outcomes, for the commitments due in the period (`from <= dueAt < to`), as of `now`: **kept on
 * time** when marked done at or before the due time, **kept late** when done after it,
 * **overdue** when still open past it, **pending** when open and not yet due, **cancelled**.
 * The status is the latest change (by time) not older than the commitment, as in the sidebar.
 */
import { dedupeKey } from '../timeline/dedupe';
import type { CommitmentEvent, CommitmentStatus, CommitmentUpdateEvent, TimelineEvent } from '../timeline/event';
import { subjectCustomer, type CustomerOf } from './points';
import type { Period, SignalGroupBy } from './signals';
import { byKey, share } from './stats';

export interface StatusChange {
  id: string;
  status: CommitmentStatus;
  at: number;
}

export interface CommitmentFact {
  /** The commitment's `dedupeKey`, or `update:<commitment id>` for changes waiting for their commitment. */
  key: string;
  /** Commitment event ids folded into this row, sorted. */
  ids: string[];
  /** From the earliest commitment event (null in an `update:` row). */
  commitment: { id: string; customerId: string; createdAt: number; dueAt: number; status: CommitmentStatus; author: string | null; channel: string; tool: string } | null;
  /** The latest status change of any of `ids` (by time, then id). */
  update: StatusChange | null;
}

export function commitmentFacts(events: readonly TimelineEvent[], options: { customerOf?: CustomerOf } = {}): CommitmentFact[] {
  return updateCommitmentFacts([], events, options);
}

/** Equal to `commitmentFacts` of all events so far, whatever order they arrive in. */
export function updateCommitmentFacts(existing: readonly CommitmentFact[], events: readonly TimelineEvent[], options: { customerOf?: CustomerOf } = {}): CommitmentFact[] {
  const customerOf = options.customerOf ?? subjectCustomer;
  const rows = new Map(existing.map((row) => [row.key, { ...row, ids: [...row.ids] }]));
  const rowOfId = new Map<string, string>();
  for (const row of rows.values()) for (const id of row.ids) rowOfId.set(id, row.key);
  const commitments = events.filter((e): e is CommitmentEvent => e.type === 'commitment');
  const updates = events.filter((e): e is CommitmentUpdateEvent => e.type === 'commitment-update');
  for (const event of commitments) {
    const key = dedupeKey(event, customerOf(event));
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, ids: [], commitment: null, update: null }));
    if (!row.ids.includes(event.id)) row.ids = [...row.ids, event.id].sort();
    rowOfId.set(event.id, key);
    const c = row.commitment;
    if (!c || event.at < c.createdAt || (event.at === c.createdAt && event.id < c.id)) row.commitment = snapshot(event, customerOf(event));
    const waiting = rows.get(`update:${event.id}`);
    if (waiting) {
      row.update = later(row.update, waiting.update);
      rows.delete(waiting.key);
    }
  }
  for (const event of updates) {
    const key = rowOfId.get(event.commitmentId) ?? `update:${event.commitmentId}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, ids: [], commitment: null, update: null }));
    row.update = later(row.update, { id: event.id, status: event.status, at: event.at });
  }
  return [...rows.values()].sort(byKey);
}

function snapshot(event: CommitmentEvent, customerId: string): NonNullable<CommitmentFact['commitment']> {
  return { id: event.id, customerId, createdAt: event.at, dueAt: event.dueAt, status: event.status, author: event.author ?? null, channel: event.channel, tool: event.tool };
}

function later(a: StatusChange | null, b: StatusChange | null): StatusChange | null {
  if (!a || !b) return a ?? b;
  return b.at > a.at || (b.at === a.at && b.id > a.id) ? b : a;
}

export type CommitmentOutcome = 'on-time' | 'late' | 'overdue' | 'pending' | 'cancelled';

export function outcomeOf(fact: CommitmentFact, now: number): CommitmentOutcome | null {
  const c = fact.commitment;
  if (!c) return null;
  const change = fact.update && fact.update.at >= c.createdAt ? fact.update : null;
  const status = change?.status ?? c.status;
  if (status === 'cancelled') return 'cancelled';
  if (status === 'done') return (change?.at ?? c.createdAt) <= c.dueAt ? 'on-time' : 'late';
  return c.dueAt < now ? 'overdue' : 'pending';
}

export interface CommitmentFigures {
  key: string;
  due: number;
  onTime: number;
  late: number;
  overdue: number;
  pending: number;
  cancelled: number;
  /** on time / (on time + late + overdue): of the promises that fell due, the share kept in time. */
  onTimeShare: number | null;
}

export function commitmentOutcomes(facts: readonly CommitmentFact[], period: Period & { now: number }, groupBy: SignalGroupBy = 'none'): CommitmentFigures[] {
  const rows = new Map<string, CommitmentFigures>();
  for (const fact of facts) {
    const c = fact.commitment;
    const outcome = outcomeOf(fact, period.now);
    if (!c || !outcome || c.dueAt < period.from || c.dueAt >= period.to) continue;
    const key = groupBy === 'none' ? 'all' : groupBy === 'agent' ? (c.author ?? '(unknown)') : c[groupBy];
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { key, due: 0, onTime: 0, late: 0, overdue: 0, pending: 0, cancelled: 0, onTimeShare: null }));
    row.due++;
    row[outcome === 'on-time' ? 'onTime' : outcome]++;
  }
  for (const row of rows.values()) row.onTimeShare = share(row.onTime, row.onTime + row.late + row.overdue);
  return [...rows.values()].sort(byKey);
}
