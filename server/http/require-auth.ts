import type { MiddlewareHandler } from 'hono';
import { authenticate, bearer } from '../auth/authenticate.ts';
import type { Queryable } from '../db/types.ts';
import type { HubEnv } from './env.ts';

/** Bearer-token authentication; the member and team it resolves are the only ones a route may touch. */
export function requireAuth(db: Queryable): MiddlewareHandler<HubEnv> {
  return async (c, next) => {
    c.set('auth', await authenticate(db, bearer(c.req.header('authorization'))));
    await next();
  };
}
