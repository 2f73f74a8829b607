/**
 * Promotion reach: how far a promotion pushed by the team lead got. Per promotion, in the
 * period: the agents who acknowledged it, the replies that mentioned it (one reply read twice is
 * one), the agents who mentioned it, and those replies per channel.
 */
import { inPeriod, uniqueById, type Period, type PromotionMentionSignal, type PromotionSeenSignal } from './signals';
import { byKey, byTimeThenId } from './stats';

export interface PromotionReach {
  /** The promotion id. */
  key: string;
  agentsSeen: number;
  agentsMentioned: number;
  replies: number;
  repliesByChannel: Record<string, number>;
}

export function promotionReach(seen: readonly PromotionSeenSignal[], mentions: readonly PromotionMentionSignal[], period: Period): PromotionReach[] {
  const rows = new Map<string, { seen: Set<string>; mentioned: Set<string>; replies: Map<string, string> }>();
  const row = (promotionId: string) => {
    let r = rows.get(promotionId);
    if (!r) rows.set(promotionId, (r = { seen: new Set(), mentioned: new Set(), replies: new Map() }));
    return r;
  };
  for (const s of uniqueById(seen)) if (inPeriod(s.at, period)) row(s.promotionId).seen.add(s.agent);
  // Earliest reading of a reply first, so its channel does not depend on the order records came in.
  const ordered = uniqueById(mentions).sort(byTimeThenId);
  for (const m of ordered) {
    if (!inPeriod(m.at, period)) continue;
    const r = row(m.promotionId);
    r.mentioned.add(m.agent);
    if (!r.replies.has(m.replyId)) r.replies.set(m.replyId, m.channel || '(unknown)');
  }
  return [...rows]
    .map(([key, r]) => {
      const repliesByChannel: Record<string, number> = {};
      for (const channel of r.replies.values()) repliesByChannel[channel] = (repliesByChannel[channel] ?? 0) + 1;
      return { key, agentsSeen: r.seen.size, agentsMentioned: r.mentioned.size, replies: r.replies.size, repliesByChannel };
    })
    .sort(byKey);
}
