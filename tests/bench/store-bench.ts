/**
 * The local store benchmark, run inside real Chromium (IndexedDB) by scripts/bench.mjs:
 * seeds `customers` customers and `events` timeline events through the real storage code, then
 * times the three paths the sidebar depends on.
 */
import { ContinuumDb } from '../../src/storage/db';
import { loadSlice, saveChanges } from '../../src/storage/identity-store';
import { loadTimeline } from '../../src/storage/timeline-store';
import { customerRow, eventRow } from '../../src/storage/rows';
import { merge, resolveSighting } from '../../src/core/identity/graph';
import { normaliseIdentifier } from '../../src/core/identity/identifier';
import type { Customer } from '../../src/core/identity/state';
import type { MessageEvent } from '../../src/core/timeline/event';

export interface StoreBenchOptions {
  customers: number;
  events: number;
  /** Events of the one large customer used for the merge. */
  largeCustomerEvents: number;
  /** Customer pairs merged before measuring, so timelines span linked identities. */
  linkedPairs: number;
  samples: number;
}

const CHUNK = 20_000;
const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

const email = (i: number) => `client.${i}@laposte.net`;
const phone = (i: number) => `+336${String(10_000_000 + i).slice(-8)}`;

function customer(i: number): Customer {
  const base = { strength: 'strong' as const, firstSeen: START, source: { tool: 'bench' } };
  return {
    id: `c${i}`,
    createdAt: START,
    displayName: `Client ${i}`,
    identifiers: [
      { ...base, kind: 'email', value: email(i), key: `email:${email(i)}` },
      { ...base, kind: 'phone', value: phone(i), key: `phone:${phone(i)}` },
    ],
  };
}

function event(n: number, owner: number): MessageEvent {
  return {
    id: `e${n}`,
    type: 'message',
    subject: { customerId: `c${owner}`, identifierKey: `email:${email(owner)}` },
    at: START + (n % 365) * DAY + n,
    tool: n % 3 ? 'zendesk' : 'instagram',
    channel: n % 3 ? 'email' : 'instagram',
    conversationKey: `conv-${owner}-${n % 7}`,
    direction: n % 2 ? 'inbound' : 'outbound',
    text: `Message ${n} au sujet de la commande ${owner}-${n % 13} : livraison, remboursement ou échange ?`,
  };
}

function p95(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round((sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0) * 100) / 100;
}

async function seed(db: ContinuumDb, o: StoreBenchOptions): Promise<number> {
  const started = performance.now();
  for (let from = 0; from < o.customers; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, o.customers - from) }, (_, k) => customerRow(customer(from + k), START));
    await db.customers.bulkAdd(rows);
  }
  // Customer 0 is the large one; the others share the rest evenly.
  for (let from = 0; from < o.events; from += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, o.events - from) }, (_, k) => {
      const n = from + k;
      const owner = n < o.largeCustomerEvents ? 0 : 2 + ((n - o.largeCustomerEvents) % (o.customers - 2));
      return eventRow(event(n, owner));
    });
    await db.events.bulkAdd(rows);
  }
  // Linked identities: pairs merged the way the agent would.
  for (let pair = 0; pair < o.linkedPairs; pair++) {
    const a = 10 + pair * 2;
    const state = await loadSlice(db, [], [`c${a}`, `c${a + 1}`]);
    const result = merge(state, `c${a}`, `c${a + 1}`, { actor: 'bench', reason: 'seed', now: START, newId: () => `m-seed-${pair}` });
    await saveChanges(db, result.changes, START);
  }
  return Math.round(performance.now() - started);
}

export async function runStoreBench(o: StoreBenchOptions) {
  const db = new ContinuumDb(`continuum-bench-${Date.now()}`);
  await db.open();
  const seedMs = await seed(db, o);
  const pick = (k: number) => 2 + ((k * 7919) % (o.customers - 2));

  // Identifiers on screen → the customer (normalise, load the slice, resolve the sighting).
  const lookups: number[] = [];
  const parts = { normalise: [] as number[], slice: [] as number[], resolve: [] as number[] };
  for (let k = 0; k < o.samples; k++) {
    const i = pick(k);
    const t0 = performance.now();
    const identifiers = [normaliseIdentifier(email(i), 'email')!, normaliseIdentifier(phone(i).replace('+33', '0'), 'phone', { defaultRegion: 'FR' })!];
    const ta = performance.now();
    const state = await loadSlice(db, identifiers.map((identifier) => identifier.key));
    const tb = performance.now();
    parts.normalise.push(ta - t0);
    parts.slice.push(tb - ta);
    const result = resolveSighting(state, { identifiers, tool: 'zendesk' }, { ownIdentities: { domains: [], signatures: [] }, sharedAddresses: [], now: Date.now(), newId: () => 'unused' });
    lookups.push(performance.now() - t0);
    parts.resolve.push(performance.now() - tb);
    if (result.customerId !== `c${i}` && !result.customerId?.startsWith('c')) throw new Error(`lookup found ${result.customerId} for c${i}`);
  }

  // The 200 latest events of a customer, across linked identities (half the samples are merged pairs).
  const timelines: number[] = [];
  for (let k = 0; k < o.samples; k++) {
    const id = k % 2 && o.linkedPairs ? `c${10 + (k % o.linkedPairs) * 2}` : `c${pick(k)}`;
    const t0 = performance.now();
    const state = await loadSlice(db, [], [id]);
    const events = await loadTimeline(db, state, id, 200);
    timelines.push(performance.now() - t0);
    if (!events.length) throw new Error(`empty timeline for ${id}`);
  }

  // Merging the large customer (its events are never rewritten) and reading its timeline after.
  const t0 = performance.now();
  const state = await loadSlice(db, [], ['c0', 'c1']);
  const merged = merge(state, 'c1', 'c0', { actor: 'bench', reason: 'bench', now: Date.now(), newId: () => 'm-large' });
  await saveChanges(db, merged.changes);
  const mergeMs = performance.now() - t0;
  const t1 = performance.now();
  const after = await loadTimeline(db, await loadSlice(db, [], ['c1']), 'c1', 200);
  const largeTimelineMs = performance.now() - t1;
  if (after.length !== 200) throw new Error(`large timeline has ${after.length} events`);

  const counts = { customers: await db.customers.count(), events: await db.events.count() };
  await db.delete();
  return {
    customers: counts.customers,
    events: counts.events,
    large_customer_events: o.largeCustomerEvents,
    linked_pairs: o.linkedPairs,
    samples: o.samples,
    seed_ms: seedMs,
    identity_lookup_p95_ms: p95(lookups),
    identity_lookup_parts_p95_ms: { normalise: p95(parts.normalise), load_slice: p95(parts.slice), resolve: p95(parts.resolve) },
    timeline_p95_ms: p95(timelines),
    merge_ms: Math.round(mergeMs * 100) / 100,
    large_timeline_ms: Math.round(largeTimelineMs * 100) / 100,
  };
}

(globalThis as { runStoreBench?: typeof runStoreBench }).runStoreBench = runStoreBench;
