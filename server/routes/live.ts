import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import { authenticate, authenticateHash, bearer } from '../auth/authenticate.ts';
import type { AuthContext } from '../auth/roles.ts';
import { newSecret, sha256, splitSecret } from '../auth/secrets.ts';
import { parseWith } from '../http/body.ts';
import type { HubDeps, HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode, errorBody } from '../http/errors.ts';
import { requireAuth } from '../http/require-auth.ts';
import { QueryInt } from '../http/schemas.ts';

const TICKET_SECONDS = 60;
/** A client this far behind is dropped; it reconnects with its cursor and catches up from the database. */
const MAX_PENDING_WRITES = 5_000;

const LiveQuery = z.object({
  cursor: QueryInt(Number.MAX_SAFE_INTEGER).optional(),
  token: z.string().max(300).optional(),
  ticket: z.string().max(300).optional(),
});

export function liveRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db, fanout } = deps;

  // EventSource cannot send headers: a page trades its token for a short-lived ticket to put in the URL.
  app.post('/v1/live/ticket', requireAuth(db), async (c) => {
    const auth = c.get('auth');
    const ticket = newSecret(auth.teamId);
    const expiresAt = new Date(Date.now() + TICKET_SECONDS * 1000).toISOString();
    await db.query('DELETE FROM live_tickets WHERE team_id = $1 AND expires_at < now()', [auth.teamId]);
    await db.query('INSERT INTO live_tickets (team_id, hash, token_hash, expires_at) VALUES ($1, $2, $3, $4)', [auth.teamId, sha256(ticket), auth.tokenHash, expiresAt]);
    return c.json({ ticket, expiresAt });
  });

  app.get('/v1/live', async (c) => {
    const q = parseWith(LiveQuery, c.req.query(), 'query');
    const auth = await liveAuth(c, deps, q);
    const lastEventId = c.req.header('last-event-id');
    const cursor = q.cursor ?? (lastEventId !== undefined ? parseWith(QueryInt(Number.MAX_SAFE_INTEGER), lastEventId, 'Last-Event-ID') : 0);
    const [team] = await db.query<{ last_seq: number }>('SELECT last_seq FROM teams WHERE id = $1', [auth.teamId]);
    if (cursor > Number(team!.last_seq)) throw new HubError(409, HubErrorCode.CursorAhead, 'The cursor is ahead of this hub: reconnect from 0');

    return streamSSE(c, async (stream) => {
      // Ends the stream: client gone, hub stopping, token revoked, or the client too far behind.
      let stop = () => {};
      const stopped = new Promise<void>((resolve) => (stop = resolve));
      stream.onAbort(stop);
      const handle = { close: () => stop() };
      deps.streams.add(handle);

      let pending = 0;
      let chain = Promise.resolve();
      const write = (message: Parameters<typeof stream.writeSSE>[0]) => {
        if (stream.aborted || stream.closed) return;
        if (++pending > MAX_PENDING_WRITES) return stop();
        chain = chain.then(() => stream.writeSSE(message)).then(() => void pending--, stop);
      };
      const ping = () => write({ event: 'ping', data: JSON.stringify({ at: new Date().toISOString() }) });
      // Every ping re-checks the token: a revoked member or device is cut off within one interval.
      const timer = setInterval(() => {
        authenticateHash(db, { teamId: auth.teamId, hash: auth.tokenHash }).then(ping, (error: unknown) => {
          if (error instanceof HubError) write({ event: 'error', data: JSON.stringify(errorBody(error.code, error.message)) });
          void chain.then(stop);
        });
      }, deps.pingMs);
      let unsubscribe = () => {};
      try {
        await stream.writeSSE({ event: 'ping', data: JSON.stringify({ at: new Date().toISOString() }), retry: 2000 });
        unsubscribe = await fanout.subscribe(auth.teamId, cursor, {
          deliver: (change) => write({ event: 'change', id: String(change.seq), data: JSON.stringify(change) }),
        });
        await stopped;
      } finally {
        clearInterval(timer);
        unsubscribe();
        deps.streams.delete(handle);
        await chain;
        await stream.close();
      }
    });
  });
}

async function liveAuth(c: Context<HubEnv>, deps: HubDeps, q: z.infer<typeof LiveQuery>): Promise<AuthContext> {
  if (q.ticket) {
    const parts = splitSecret(q.ticket);
    const [row] = parts
      ? await deps.db.query<{ token_hash: string }>('SELECT token_hash FROM live_tickets WHERE team_id = $1 AND hash = $2 AND expires_at > now()', [parts.teamId, parts.hash])
      : [];
    if (!parts || !row) throw new HubError(401, HubErrorCode.Unauthorized, 'Unknown or expired live ticket');
    return authenticateHash(deps.db, { teamId: parts.teamId, hash: row.token_hash });
  }
  return authenticate(deps.db, q.token ?? bearer(c.req.header('authorization')));
}
