/**
 * Conversation threads (one conversation in one tool) and who is waiting on whom in each:
 * the customer's messages after the team's last reply are unanswered.
 */
import { placeOf, threadKey, type MessageEvent, type Place, type TimelineEvent } from './event';

export interface ThreadState extends Place {
  key: string;
  lastAt: number;
  lastOutboundAt?: number;
  /** Latest message of the thread. */
  last: MessageEvent;
  /** The customer's messages since the last reply, oldest first. */
  unanswered: MessageEvent[];
}

/** Message threads of a timeline, in one pass (events in any order). */
export function threadStates(events: readonly TimelineEvent[]): Map<string, ThreadState> {
  const threads = new Map<string, ThreadState>();
  const inbound = new Map<string, MessageEvent[]>();
  for (const event of events) {
    if (event.type !== 'message') continue;
    const key = threadKey(event);
    let thread = threads.get(key);
    if (!thread) {
      thread = { ...placeOf(event), key, lastAt: event.at, last: event, unanswered: [] };
      threads.set(key, thread);
    }
    if (event.url) thread.url ??= event.url;
    if (event.at >= thread.lastAt) {
      thread.lastAt = event.at;
      thread.last = event;
    }
    if (event.direction === 'outbound') thread.lastOutboundAt = Math.max(thread.lastOutboundAt ?? -Infinity, event.at);
    else if (event.direction === 'inbound') {
      const list = inbound.get(key);
      if (list) list.push(event);
      else inbound.set(key, [event]);
    }
  }
  for (const [key, list] of inbound) {
    const thread = threads.get(key);
    if (!thread) continue;
    const since = thread.lastOutboundAt ?? -Infinity;
    thread.unanswered = list.filter((m) => m.at > since).sort((a, b) => a.at - b.at);
  }
  return threads;
}

/** True for the conversation on screen (any conversation of the tool when none is given). */
export function isCurrentThread(thread: Pick<Place, 'tool' | 'conversationKey'>, currentTool?: string, currentConversation?: string): boolean {
  if (currentTool === undefined || thread.tool !== currentTool) return false;
  return currentConversation === undefined || thread.conversationKey === currentConversation;
}
