/** Turning domain records into stored rows (the indexed fields storage adds). */
import type { Customer } from '../core/identity/state';
import type { TimelineEvent } from '../core/timeline/event';
import { dedupeKey } from '../core/timeline/dedupe';
import type { CustomerRow, EventRow } from './db';

export function customerRow(customer: Customer, now: number): CustomerRow {
  return { ...customer, keys: customer.identifiers.map((identifier) => identifier.key), updatedAt: now };
}

export function eventRow(event: TimelineEvent): EventRow {
  const row: EventRow = { ...event, dedupeKey: dedupeKey(event), subjectCustomerId: event.subject.customerId };
  if (event.subject.identifierKey) row.subjectKey = event.subject.identifierKey;
  return row;
}

/** The domain record back from a row. */
export function customerOf({ keys: _keys, updatedAt: _updatedAt, linked: _linked, ...customer }: CustomerRow): Customer {
  return customer;
}

export function eventOf({ dedupeKey: _d, subjectCustomerId: _c, subjectKey: _k, ...event }: EventRow): TimelineEvent {
  return event as TimelineEvent;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
