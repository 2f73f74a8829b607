/**
 * Priority by acuity: a 0..100 score with its reasons, from the customer's wording (French and
 * English complaint and urgency terms), repeat contacts, how long they have waited, and promises
 * we broke. Worst signals dominate; each source is capped so no single one saturates the score.
 */
import { findRepeatContacts } from './alerts';
import { commitmentStates } from './commitments';
import { DAY, eventText, HOUR, type TimelineEvent } from './event';
import { threadStates } from './threads';
import { isShouting, WORDING_WEIGHTS, wordingSignals, type WordingCategory } from './wording';

export type AcuityLevel = 'low' | 'medium' | 'high' | 'critical';

export interface AcuityReason {
  code: 'wording' | 'shouting' | 'repeat-contact' | 'waiting' | 'overdue-commitment';
  points: number;
  detail: string;
  /** Wording: the category and the terms found. */
  category?: WordingCategory;
  terms?: string[];
}

export interface Acuity {
  score: number;
  level: AcuityLevel;
  /** Highest points first. */
  reasons: AcuityReason[];
}

export interface AcuityOptions {
  /** Customer wording counts within this many days (half weight after the first week). Default 30. */
  windowDays?: number;
}

const CAPS = { wording: 55, repeat: 20, waiting: 20, overdue: 25 } as const;
const SHOUTING_POINTS = 5;
const OVERDUE_POINTS = 12;
const REPEAT_POINTS = 10;
// Waiting thresholds in hours, and their points.
const WAITING: [number, number][] = [
  [72, 20],
  [24, 12],
  [4, 6],
  [1, 3],
];

export function acuity(events: readonly TimelineEvent[], now: number, options: AcuityOptions = {}): Acuity {
  const since = now - (options.windowDays ?? 30) * DAY;
  const reasons: AcuityReason[] = [];

  const wording = new Map<WordingCategory, { points: number; terms: Set<string> }>();
  let shouting = false;
  for (const event of events) {
    const fromCustomer = (event.type === 'message' || event.type === 'call') && event.direction === 'inbound';
    if (!fromCustomer || event.at < since || event.at > now) continue;
    const text = eventText(event);
    const recency = now - event.at <= 7 * DAY ? 1 : 0.5;
    for (const signal of wordingSignals(text)) {
      const found = wording.get(signal.category) ?? { points: 0, terms: new Set<string>() };
      wording.set(signal.category, found);
      found.points = Math.max(found.points, WORDING_WEIGHTS[signal.category] * recency);
      for (const term of signal.terms) found.terms.add(term);
    }
    shouting ||= isShouting(text);
  }
  let wordingLeft: number = CAPS.wording;
  for (const [category, { points, terms }] of [...wording].sort((a, b) => b[1].points - a[1].points)) {
    const given = Math.min(points, wordingLeft);
    wordingLeft -= given;
    if (given > 0) reasons.push({ code: 'wording', category, points: given, terms: [...terms], detail: `${category}: ${[...terms].join(', ')}` });
  }
  if (shouting) reasons.push({ code: 'shouting', points: SHOUTING_POINTS, detail: 'capitals or repeated exclamation marks' });

  const repeat = findRepeatContacts(events, now, 7).sort((a, b) => b.threads.length - a.threads.length)[0];
  if (repeat) {
    const points = Math.min(CAPS.repeat, REPEAT_POINTS * (repeat.threads.length - 1));
    reasons.push({ code: 'repeat-contact', points, detail: `${repeat.threads.length} conversations about ${repeat.keywords.slice(0, 3).join(', ')} on ${repeat.channels.join(', ')}` });
  }

  let longest = 0;
  for (const thread of threadStates(events).values()) {
    const first = thread.unanswered[0];
    if (first && first.at >= since && first.at <= now) longest = Math.max(longest, now - first.at);
  }
  const waitingPoints = WAITING.find(([hours]) => longest >= hours * HOUR)?.[1] ?? 0;
  if (waitingPoints) reasons.push({ code: 'waiting', points: Math.min(CAPS.waiting, waitingPoints), detail: `waiting for ${Math.floor(longest / HOUR)} h` });

  const overdue = commitmentStates(events, now).filter((c) => c.overdue);
  if (overdue.length) {
    const points = Math.min(CAPS.overdue, OVERDUE_POINTS * overdue.length);
    reasons.push({ code: 'overdue-commitment', points, detail: overdue.map((c) => `${c.commitment.kind} due ${Math.ceil(-c.dueIn / DAY)} d ago`).join('; ') });
  }

  const score = Math.min(100, Math.round(reasons.reduce((sum, r) => sum + r.points, 0)));
  reasons.sort((a, b) => b.points - a.points);
  return { score, level: score >= 70 ? 'critical' : score >= 45 ? 'high' : score >= 20 ? 'medium' : 'low', reasons };
}
