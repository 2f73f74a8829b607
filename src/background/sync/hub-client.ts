/**
 * The team hub's HTTP API, as the background uses it (docs/api.md). Every answer is validated:
 * the hub is trusted with the team's data, not with the shape of what comes back over the wire.
 * `fetch` is injectable so tests can cut the connection at any step.
 */
import { z } from 'zod';

export const HubErrorCode = {
  Unreachable: 'E_HUB_UNREACHABLE',
  BadResponse: 'E_HUB_BAD_RESPONSE',
  NotPaired: 'E_HUB_NOT_PAIRED',
} as const;

export class HubError extends Error {
  override readonly name = 'HubError';
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the hub could not be reached at all. */
    readonly status = 0,
  ) {
    super(message);
  }
  /** The hub refused our token: pairing is over (revoked member or device). */
  get unauthorised(): boolean {
    return this.status === 401;
  }
}

const memberSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'lead', 'admin']) });
const teamSchema = z.object({ id: z.string(), name: z.string() });
export type HubMember = z.infer<typeof memberSchema>;
export type HubTeam = z.infer<typeof teamSchema>;

const pairSchema = z.object({ token: z.string().min(16), member: memberSchema, team: teamSchema });
const meSchema = z.object({ member: memberSchema, team: teamSchema });
const pushSchema = z.object({
  results: z.array(
    z.object({
      opId: z.string(),
      status: z.enum(['applied', 'duplicate', 'rejected']),
      code: z.string().optional(),
      message: z.string().optional(),
      /** `E_ERASED`: the customers the hub erased that the op names. */
      customerIds: z.array(z.string()).optional(),
    }),
  ),
});

export const changeSchema = z.object({
  seq: z.number().int().nonnegative(),
  table: z.string(),
  id: z.string(),
  data: z.unknown().nullable(),
  deleted: z.boolean(),
  by: z.string().nullish(),
  at: z.union([z.number(), z.string()]).optional(),
});
export type HubChange = z.infer<typeof changeSchema>;
const pullSchema = z.object({ changes: z.array(changeSchema), cursor: z.number().int().nonnegative(), more: z.boolean() });
export type PullPage = z.infer<typeof pullSchema>;

export interface PushOp {
  opId: string;
  table: string;
  id: string;
  data?: unknown;
  deleted?: boolean;
}

export interface HubClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const errorBodySchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export function hubClient({ baseUrl, token, fetch: doFetch = (...args) => fetch(...args), timeoutMs = 20_000 }: HubClientOptions) {
  const base = baseUrl.replace(/\/+$/, '');

  /** `signal` replaces the timeout: a stream is watched by its caller, not cut after a fixed time. */
  async function call(path: string, init: RequestInit = {}, signal: AbortSignal = AbortSignal.timeout(timeoutMs)): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token) headers.set('Authorization', `Bearer ${token}`);
    if (init.body) headers.set('Content-Type', 'application/json');
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { ...init, headers, signal });
    } catch (error) {
      throw new HubError(HubErrorCode.Unreachable, `The hub at ${base} cannot be reached (${(error as Error).message})`);
    }
    if (response.ok) return response;
    const body = errorBodySchema.safeParse(await response.json().catch(() => null));
    throw body.success
      ? new HubError(body.data.error.code, body.data.error.message, response.status)
      : new HubError(HubErrorCode.BadResponse, `The hub answered ${response.status}`, response.status);
  }

  async function json<T>(schema: z.ZodType<T>, path: string, init?: RequestInit): Promise<T> {
    const response = await call(path, init);
    const parsed = schema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) throw new HubError(HubErrorCode.BadResponse, `Unexpected answer from ${path}`, response.status);
    return parsed.data;
  }

  const post = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

  return {
    base,
    health: () => json(z.object({ ok: z.literal(true) }).loose(), '/health'),
    pair: (inviteCode: string, deviceName: string) => json(pairSchema, '/v1/pair', post({ inviteCode, deviceName })),
    me: () => json(meSchema, '/v1/me'),
    /** Revokes this device's token (unpairing). */
    revokeToken: async () => void (await call('/v1/me/token', { method: 'DELETE' })),
    push: (ops: readonly PushOp[]) => json(pushSchema, '/v1/sync/push', post({ ops })),
    pull: (cursor: number, limit: number) => json(pullSchema, `/v1/sync/pull?cursor=${cursor}&limit=${limit}`),
    /** Any other route of docs/api.md (the console's Team tab); the caller checks the answer. */
    request: (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown) =>
      json(z.unknown(), path, body === undefined ? { method } : { method, body: JSON.stringify(body) }),
    /** The live channel's raw stream (Server-Sent Events); see live.ts. */
    live: (cursor: number, signal: AbortSignal) =>
      call(`/v1/live?cursor=${cursor}`, { headers: { Accept: 'text/event-stream', 'Last-Event-ID': String(cursor) } }, signal),
  };
}

export type HubClient = ReturnType<typeof hubClient>;
