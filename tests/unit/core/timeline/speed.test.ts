import { describe, expect, it } from 'vitest';
import { acuity } from '../../../../src/core/timeline/acuity';
import { alerts } from '../../../../src/core/timeline/alerts';
import { dedupeEvents } from '../../../../src/core/timeline/dedupe';
import type { TimelineEvent } from '../../../../src/core/timeline/event';
import { filterTimeline } from '../../../../src/core/timeline/filter';
import { summarise } from '../../../../src/core/timeline/summary';
import { commitment, DAY, external, inbound, MINUTE, MONDAY, outbound } from '../support/timeline';

const TEXTS = [
  'Bonjour, ma commande {n} n’est pas arrivée, pouvez-vous vérifier ?',
  'Merci pour votre réponse rapide',
  'Hello, I would like to change the size of order {n}',
  'Toujours rien reçu, c’est inadmissible',
  'Je voudrais un remboursement pour la commande {n}',
];
const TOOLS = [
  ['zendesk', 'email'],
  ['gmail', 'email'],
  ['meta-inbox', 'instagram'],
  ['meta-inbox', 'facebook'],
  ['front', 'chat'],
] as const;

/** Two years of a busy customer: 10,000 events, with duplicates across tools. */
function busyTimeline(): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (let i = 0; i < 10_000; i++) {
    const at = MONDAY - (10_000 - i) * 100 * MINUTE;
    const [tool, channel] = TOOLS[i % TOOLS.length] ?? TOOLS[0];
    const text = (TEXTS[i % TEXTS.length] ?? '').replace('{n}', String(80000 + (i % 300)));
    const o = { tool, channel, conversationKey: `${tool}-${Math.floor(i / 20)}` };
    if (i % 50 === 0) events.push(external('order', at, { reference: String(80000 + i) }));
    else if (i % 97 === 0) events.push(commitment(at, at + 2 * DAY, 'Je vous rappelle demain'));
    else if (i % 3 === 0) events.push(outbound(at, text, o));
    else events.push(inbound(at, text, o));
  }
  // The same 500 messages as another tool shows them.
  for (const event of events.slice(-500)) if (event.type === 'message') events.push({ ...event, id: `${event.id}-copy`, tool: 'outlook', at: event.at + 20_000 });
  return events;
}

// Speed is measured by `npm run bench`; here only that a busy two-year timeline is handled right.
describe('10,000 events', () => {
  const events = busyTimeline();

  it('dedupes, summarises, alerts, scores and searches a busy timeline', () => {
    expect(events.length).toBeGreaterThan(10_000);
    const deduped = dedupeEvents(events);
    // The 500 copies another tool showed fold into their originals.
    expect(deduped.length).toBeLessThan(events.length - 400);
    expect(summarise(deduped, MONDAY).channels.length).toBeGreaterThan(1);
    expect(Array.isArray(alerts(deduped, MONDAY, { currentTool: 'zendesk' }))).toBe(true);
    expect(acuity(deduped, MONDAY).score).toBeGreaterThanOrEqual(0);
    const found = filterTimeline(deduped, { query: 'remboursement', channels: ['email', 'chat'] });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((e) => e.channel === 'email' || e.channel === 'chat')).toBe(true);
  });
});
