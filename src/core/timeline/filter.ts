/** Filter a timeline by channel, tool, type and time, and search it (accent- and case-insensitive). */
import { eventText, type TimelineEvent } from './event';
import { fold } from './text';

export interface TimelineFilter {
  channels?: readonly string[];
  tools?: readonly string[];
  types?: readonly TimelineEvent['type'][];
  /** Words must all appear (`rembourse` finds "Remboursé"); "quoted phrases" stay together. */
  query?: string;
  from?: number;
  to?: number;
}

// Folding is the costly part of a search: once per event object, however often the agent types.
const folded = new WeakMap<TimelineEvent, string>();

function haystack(event: TimelineEvent): string {
  let text = folded.get(event);
  if (text === undefined) {
    const extra = event.type === 'message' || event.type === 'note' ? event.author : 'source' in event ? event.source : undefined;
    text = fold([eventText(event), extra, event.tool, event.channel].filter(Boolean).join('\n'));
    folded.set(event, text);
  }
  return text;
}

/** The query's terms, folded: quoted phrases whole, other words one by one. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const m of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const term = fold(m[1] ?? m[2] ?? '');
    if (term) terms.push(term);
  }
  return terms;
}

/** The events that pass every given criterion, in their original order. */
export function filterTimeline(events: readonly TimelineEvent[], filter: TimelineFilter): TimelineEvent[] {
  const channels = filter.channels?.length ? new Set(filter.channels) : null;
  const tools = filter.tools?.length ? new Set(filter.tools) : null;
  const types = filter.types?.length ? new Set(filter.types) : null;
  const terms = filter.query ? queryTerms(filter.query) : [];
  return events.filter(
    (event) =>
      (!channels || channels.has(event.channel)) &&
      (!tools || tools.has(event.tool)) &&
      (!types || types.has(event.type)) &&
      (filter.from === undefined || event.at >= filter.from) &&
      (filter.to === undefined || event.at <= filter.to) &&
      (!terms.length || terms.every((term) => haystack(event).includes(term))),
  );
}
