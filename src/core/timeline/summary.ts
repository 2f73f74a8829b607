/** The header above a customer's timeline: where they talk to us, when last, what we owe them, who they are. */
import { openCommitments, type CommitmentState } from './commitments';
import { isContact, placeOf, type ExternalEvent, type MessageEvent, type Place, type TimelineEvent } from './event';
import { detectLanguage, type LanguageGuess } from './language';
import { deriveStage, type StageInfo } from './stage';

export interface ChannelUse {
  channel: string;
  tools: string[];
  contacts: number;
  lastAt: number;
}

export interface LastContact extends Place {
  eventId: string;
  type: 'message' | 'call' | 'visit';
  at: number;
  direction?: MessageEvent['direction'];
}

export interface TimelineSummary {
  /** Most recently used first. */
  channels: ChannelUse[];
  lastContact?: LastContact;
  /** Soonest due first; `overdue` set on the ones past due. */
  openCommitments: CommitmentState[];
  overdueCommitments: number;
  stage: StageInfo;
  language?: LanguageGuess;
}

// The customer's latest messages are enough to tell their language.
const LANGUAGE_SAMPLE = 50;

/** Pass deduplicated events (`dedupeEvents`); events after `now` are ignored for recency. */
export function summarise(events: readonly TimelineEvent[], now: number): TimelineSummary {
  const channels = new Map<string, { tools: Set<string>; contacts: number; lastAt: number }>();
  let last: MessageEvent | ExternalEvent | undefined;
  const own: MessageEvent[] = [];
  for (const event of events) {
    if (!isContact(event) || event.at > now) continue;
    const use = channels.get(event.channel) ?? { tools: new Set<string>(), contacts: 0, lastAt: -Infinity };
    channels.set(event.channel, use);
    use.tools.add(event.tool);
    use.contacts++;
    use.lastAt = Math.max(use.lastAt, event.at);
    if (!last || event.at > last.at) last = event;
    if (event.type === 'message' && event.direction === 'inbound') own.push(event);
  }
  const open = openCommitments(events, now);
  const summary: TimelineSummary = {
    channels: [...channels]
      .map(([channel, use]) => ({ channel, tools: [...use.tools].sort(), contacts: use.contacts, lastAt: use.lastAt }))
      .sort((a, b) => b.lastAt - a.lastAt),
    openCommitments: open,
    overdueCommitments: open.filter((c) => c.overdue).length,
    stage: deriveStage(events, now, open),
  };
  if (last) summary.lastContact = lastContactOf(last);
  const language = detectLanguage(
    own
      .sort((a, b) => b.at - a.at)
      .slice(0, LANGUAGE_SAMPLE)
      .map((m) => m.text),
  );
  if (language) summary.language = language;
  return summary;
}

function lastContactOf(event: MessageEvent | ExternalEvent): LastContact {
  const type = event.type === 'message' || event.type === 'call' ? event.type : 'visit';
  return { eventId: event.id, type, at: event.at, ...placeOf(event), ...(event.direction ? { direction: event.direction } : {}) };
}
