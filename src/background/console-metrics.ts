/**
 * The lead console's metrics, background side: the hub computes every figure (docs/api.md,
 * Metrics); this asks it as the paired member and checks the answer's shape. The hub refuses
 * agents; the CSV export is the hub's own `summary.csv`.
 */
import { z } from 'zod';
import { ContinuumError, ErrorCode } from '../shared/errors';
import type { RequestOf } from '../shared/messages';
import type { ContinuumDb } from '../storage/db';
import { HubError, HubErrorCode, hubClient } from './sync/hub-client';
import { getPairing } from './sync/sync-state';

export interface ConsoleMetricsDeps {
  db: () => ContinuumDb;
  fetch?: typeof fetch;
}

/** A 90-day or yearly period can take a while on a big team; the page shows progress meanwhile. */
const METRICS_TIMEOUT_MS = 60_000;

const figure = z.number().nullable();
const waitFigures = z.object({ key: z.string(), contacts: z.number(), count: z.number(), answeredShare: figure, mean: figure, median: figure, p90: figure });
const summarySchema = z.object({ groups: z.array(waitFigures) }).loose();
const compareSchema = z
  .object({
    before: z.array(waitFigures),
    after: z.array(waitFigures),
    changes: z.array(z.object({ key: z.string(), figure: z.string(), before: figure, after: figure, change: figure, relativeChange: figure })),
  })
  .loose();
const usageSchema = z.object({ repeatContacts: z.object({ customers: z.number(), repeatCustomers: z.number() }).loose() }).loose();
const SCHEMAS = { summary: summarySchema, compare: compareSchema, usage: usageSchema } as const;

export type MetricsRequest = RequestOf<'console/metrics'>;
export type AgentNamesRequest = RequestOf<'console/agent-names'>;

const agentNamesSchema = z.object({
  members: z.array(z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()) })),
  unmatched: z.array(z.string()),
});
const aliasesSchema = z.object({ memberId: z.string(), aliases: z.array(z.string()) });

export function createConsoleMetricsHandlers({ db, fetch: doFetch = (...args) => fetch(...args) }: ConsoleMetricsDeps) {
  /** One call to the hub's metrics API as the paired member; hub errors become named errors. */
  async function hub(path: string, init: { method?: string; body?: unknown } = {}): Promise<Response> {
    const pairing = await getPairing(db());
    if (!pairing || pairing.revoked) throw new ContinuumError(ErrorCode.HubNotPaired, 'Pair this browser with the team hub first (settings → Team hub)');
    const base = hubClient({ baseUrl: pairing.hubUrl }).base;
    let response: Response;
    try {
      response = await doFetch(`${base}/v1/metrics/${path}`, {
        method: init.method ?? 'GET',
        headers: { Authorization: `Bearer ${pairing.token}`, ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: AbortSignal.timeout(METRICS_TIMEOUT_MS),
      });
    } catch (error) {
      throw new ContinuumError(ErrorCode.HubUnreachable, `The hub at ${base} cannot be reached (${(error as Error).message})`);
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new ContinuumError(ErrorCode.HubRefused, body?.error?.message ?? `The hub answered ${response.status}`);
    }
    return response;
  }

  async function parsed<S extends z.ZodType>(response: Response, schema: S, path: string): Promise<z.infer<S>> {
    const result = schema.safeParse(await response.json().catch(() => undefined));
    if (!result.success) throw new HubError(HubErrorCode.BadResponse, `Unexpected answer from /v1/metrics/${path}`, response.status);
    return result.data;
  }

  return {
    async 'console/metrics'(request: MetricsRequest): Promise<unknown> {
      const response = await hub(`${request.route}?${new URLSearchParams(request.query)}`);
      if (request.route === 'summary.csv') return { csv: await response.text() };
      return parsed(response, SCHEMAS[request.route], request.route);
    },

    async 'console/agent-names'(request: AgentNamesRequest): Promise<unknown> {
      if (request.action === 'list') return parsed(await hub('agents'), agentNamesSchema, 'agents');
      const path = `agents/${encodeURIComponent(request.memberId)}/aliases`;
      return parsed(await hub(path, { method: 'PUT', body: { aliases: request.aliases } }), aliasesSchema, path);
    },
  };
}
