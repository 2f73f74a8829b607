/** Commitments and their latest status (updates are separate append-only events). */
import type { CommitmentEvent, CommitmentStatus, TimelineEvent } from './event';

export interface CommitmentState {
  commitment: CommitmentEvent;
  status: CommitmentStatus;
  /** Open and past its due date. */
  overdue: boolean;
  /** Milliseconds left (negative when overdue). */
  dueIn: number;
  updatedAt?: number;
}

/** Every commitment with its status after the latest update, soonest due first. */
export function commitmentStates(events: readonly TimelineEvent[], now: number): CommitmentState[] {
  const commitments = new Map<string, CommitmentEvent>();
  const updates = new Map<string, { status: CommitmentStatus; at: number }>();
  for (const event of events) {
    if (event.type === 'commitment') commitments.set(event.id, event);
    else if (event.type === 'commitment-update') {
      const known = updates.get(event.commitmentId);
      if (!known || event.at >= known.at) updates.set(event.commitmentId, { status: event.status, at: event.at });
    }
  }
  const states: CommitmentState[] = [];
  for (const commitment of commitments.values()) {
    const update = updates.get(commitment.id);
    const status = update && update.at >= commitment.at ? update.status : commitment.status;
    const state: CommitmentState = { commitment, status, overdue: status === 'open' && commitment.dueAt < now, dueIn: commitment.dueAt - now };
    if (update) state.updatedAt = update.at;
    states.push(state);
  }
  return states.sort((a, b) => a.commitment.dueAt - b.commitment.dueAt);
}

export function openCommitments(events: readonly TimelineEvent[], now: number): CommitmentState[] {
  return commitmentStates(events, now).filter((state) => state.status === 'open');
}
