import type { Hono } from 'hono';
import { z } from 'zod';
import { toCsv } from '../../src/core/metrics/index.ts';
import { requireRole } from '../auth/roles.ts';
import { parseWith, readJson } from '../http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { requireAuth } from '../http/require-auth.ts';
import { catchUp } from './facts.ts';
import { agentDirectory, agentUsage, setAliases } from './agents.ts';
import { comparePeriods, summary, usage } from './queries.ts';

/** Epoch milliseconds or an ISO 8601 time with its offset. */
const Instant = z
  .string()
  .regex(/^\d{1,15}$|^\d{4}-\d{2}-\d{2}T[^\s]+$/, 'Expected epoch milliseconds or an ISO 8601 time')
  .transform((s, ctx) => {
    const ms = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
    if (!Number.isFinite(ms) || ms > 8.64e15 || (!/^\d+$/.test(s) && !/(Z|[+-]\d{2}:?\d{2})$/.test(s))) {
      ctx.addIssue({ code: 'custom', message: 'Expected epoch milliseconds or an ISO 8601 time with its offset' });
      return z.NEVER;
    }
    return ms;
  });
const GroupBy = z.enum(['channel', 'tool', 'agent', 'none']).default('none');
const Measure = z.enum(['asa', 'frt']).default('asa');
const ordered = (from: string, to: string) => (q: object) => (q as Record<string, number>)[from]! < (q as Record<string, number>)[to]!;
const orderMessage = { message: 'The period must end after it starts' };

const UsageQuery = z.object({ from: Instant, to: Instant, groupBy: z.enum(['agent', 'none']).default('none') }).refine(ordered('from', 'to'), orderMessage);
const AliasesBody = z.object({ aliases: z.array(z.string().trim().min(1).max(100)).max(20) });
const SummaryQuery = z.object({ from: Instant, to: Instant, groupBy: GroupBy, measure: Measure }).refine(ordered('from', 'to'), orderMessage);
const CompareQuery = z
  .object({ aFrom: Instant, aTo: Instant, bFrom: Instant, bTo: Instant, groupBy: GroupBy, measure: Measure })
  .refine(ordered('aFrom', 'aTo'), orderMessage)
  .refine(ordered('bFrom', 'bTo'), orderMessage);

export const SUMMARY_CSV_COLUMNS = ['key', 'contacts', 'count', 'answeredShare', 'mean', 'median', 'p90'] as const;

/** `/v1/metrics/*`: leads and admins only, always the caller's own team. */
export function metricsRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db } = deps;
  app.use('/v1/metrics/*', requireAuth(db));
  app.use('/v1/metrics/*', async (c, next) => {
    requireRole(c.get('auth'), 'lead');
    // Facts are current as of this request: whatever was pushed before it is counted.
    await catchUp(db, c.get('auth').teamId);
    await next();
  });

  app.get('/v1/metrics/summary', async (c) => {
    const q = parseWith(SummaryQuery, c.req.query(), 'query');
    return c.json({ from: q.from, to: q.to, groupBy: q.groupBy, measure: q.measure, groups: await summary(db, c.get('auth').teamId, q) });
  });

  app.get('/v1/metrics/summary.csv', async (c) => {
    const q = parseWith(SummaryQuery, c.req.query(), 'query');
    const csv = toCsv(await summary(db, c.get('auth').teamId, q), [...SUMMARY_CSV_COLUMNS]);
    const name = `continuum-${q.measure}-${q.groupBy}-${new Date(q.from).toISOString().slice(0, 10)}.csv`;
    return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
  });

  app.get('/v1/metrics/compare', async (c) => {
    const q = parseWith(CompareQuery, c.req.query(), 'query');
    const result = await comparePeriods(db, c.get('auth').teamId, { a: { from: q.aFrom, to: q.aTo }, b: { from: q.bFrom, to: q.bTo }, groupBy: q.groupBy, measure: q.measure });
    return c.json({ groupBy: q.groupBy, measure: q.measure, a: { from: q.aFrom, to: q.aTo }, b: { from: q.bFrom, to: q.bTo }, ...result });
  });

  app.get('/v1/metrics/usage', async (c) => {
    const q = parseWith(UsageQuery, c.req.query(), 'query');
    const teamId = c.get('auth').teamId;
    const period = { from: q.from, to: q.to };
    const [figures, agents] = await Promise.all([usage(db, teamId, period), q.groupBy === 'agent' ? agentUsage(db, teamId, period) : undefined]);
    return c.json({ from: q.from, to: q.to, ...figures, ...(agents ? { agents } : {}) });
  });

  app.get('/v1/metrics/agents', async (c) => c.json(await agentDirectory(db, c.get('auth').teamId)));

  app.put('/v1/metrics/agents/:memberId/aliases', async (c) => {
    const body = await readJson(c, AliasesBody, SMALL_BODY);
    return c.json(await setAliases(db, c.get('auth'), c.req.param('memberId'), body.aliases));
  });

  app.all('/v1/metrics/*', () => {
    throw new HubError(404, HubErrorCode.NotFound, 'No such metrics route');
  });
}
