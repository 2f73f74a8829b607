import type { Database } from '../db/types.ts';
import type { Change } from '../sync/pull.ts';
import { readChanges } from '../sync/pull.ts';

const PAGE = 500;

export interface Subscriber {
  /** Delivers changes in sequence order; never called concurrently for one subscriber. */
  deliver(change: Change): void;
}

interface Subscription extends Subscriber {
  cursor: number;
  live: boolean;
  buffer: Change[];
}

interface TeamFeed {
  head: number;
  target: number;
  draining: Promise<void> | null;
  subscriptions: Set<Subscription>;
}

/**
 * Live fan-out: one reader per team follows the team's sequence and hands each change to every live
 * connection of that team on this instance. A commit here signals the feed directly; a commit on
 * another instance arrives through PostgreSQL NOTIFY (payload `team:seq`); a periodic poll covers
 * notifications lost while the listening connection was down.
 */
export class Fanout {
  private readonly feeds = new Map<string, TeamFeed>();
  private stopListening: (() => Promise<void>) | undefined;
  private poller: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Database,
    private readonly channel: string,
    private readonly pollMs = 5_000,
  ) {}

  async start(): Promise<void> {
    this.stopListening = await this.db.listen(
      this.channel,
      (payload) => {
        const colon = payload.lastIndexOf(':');
        const seq = Number(payload.slice(colon + 1));
        if (colon > 0 && Number.isSafeInteger(seq)) this.signal(payload.slice(0, colon), seq);
      },
      () => void this.poll(),
    );
    this.poller = setInterval(() => void this.poll(), this.pollMs);
    this.poller.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.poller);
    await this.stopListening?.();
    await Promise.all([...this.feeds.values()].map((f) => f.draining));
    this.feeds.clear();
  }

  /** The team's sequence reached `seq` (committed). */
  signal(teamId: string, seq: number): void {
    const feed = this.feeds.get(teamId);
    if (!feed) return;
    if (seq > feed.target) feed.target = seq;
    // Also retries a feed whose last read failed: the poll signals the current head again.
    if (feed.head < feed.target) this.drain(teamId, feed);
  }

  /**
   * Follows a team from `cursor`: catches up from the database, then switches to the shared feed
   * without a gap (changes arriving during the catch-up are buffered and deduplicated by seq).
   */
  async subscribe(teamId: string, cursor: number, subscriber: Subscriber): Promise<() => void> {
    let feed = this.feeds.get(teamId);
    if (!feed) {
      const [team] = await this.db.query<{ last_seq: number }>('SELECT last_seq FROM teams WHERE id = $1', [teamId]);
      // Another subscriber may have created it while we read.
      feed = this.feeds.get(teamId) ?? { head: Number(team!.last_seq), target: Number(team!.last_seq), draining: null, subscriptions: new Set() };
      this.feeds.set(teamId, feed);
    }
    const sub: Subscription = { ...subscriber, deliver: subscriber.deliver.bind(subscriber), cursor, live: false, buffer: [] };
    feed.subscriptions.add(sub);
    const unsubscribe = () => {
      feed.subscriptions.delete(sub);
      if (!feed.subscriptions.size && this.feeds.get(teamId) === feed) this.feeds.delete(teamId);
    };
    try {
      for (;;) {
        const page = await readChanges(this.db, teamId, sub.cursor, PAGE);
        for (const change of page) this.send(sub, change);
        if (page.length < PAGE) break;
      }
    } catch (error) {
      unsubscribe();
      throw error;
    }
    sub.live = true;
    for (const change of sub.buffer.splice(0)) this.send(sub, change);
    return unsubscribe;
  }

  /** Connections on this instance (for tests and metrics). */
  get connections(): number {
    let n = 0;
    for (const feed of this.feeds.values()) n += feed.subscriptions.size;
    return n;
  }

  private send(sub: Subscription, change: Change) {
    if (change.seq <= sub.cursor) return;
    sub.cursor = change.seq;
    sub.deliver(change);
  }

  private drain(teamId: string, feed: TeamFeed) {
    if (feed.draining) return;
    feed.draining = (async () => {
      try {
        while (feed.head < feed.target && feed.subscriptions.size) {
          const target = feed.target;
          const page = await readChanges(this.db, teamId, feed.head, PAGE, target);
          for (const change of page) {
            for (const sub of feed.subscriptions) {
              if (sub.live) this.send(sub, change);
              else sub.buffer.push(change);
            }
          }
          // Rows in (head, target] that are missing were overwritten by a later seq, which has its own signal.
          feed.head = page.length === PAGE ? page[PAGE - 1]!.seq : target;
        }
      } catch (error) {
        console.error('[hub] live feed read failed; the next signal or poll retries', error);
      } finally {
        feed.draining = null;
      }
    })();
  }

  private async poll() {
    const teams = [...this.feeds.keys()];
    if (!teams.length) return;
    try {
      const rows = await this.db.query<{ id: string; last_seq: number }>('SELECT id, last_seq FROM teams WHERE id = ANY($1::text[])', [teams]);
      for (const row of rows) this.signal(row.id, Number(row.last_seq));
    } catch {
      // The database is unreachable: the next poll tries again.
    }
  }
}
