/**
 * `/v1/llm/*`: an OpenAI-compatible chat completions proxy for members (the extension's openai SDK
 * uses `baseURL = <hub>/v1/llm` and the member token as its key), the team's provider settings
 * (admins write, members read without the key) and the usage log (leads).
 */
import type { Hono } from 'hono';
import { z } from 'zod';
import { audit } from '../audit.ts';
import { requireRole } from '../auth/roles.ts';
import { parseWith, readJson } from '../http/body.ts';
import { SMALL_BODY, type HubDeps, type HubEnv } from '../http/env.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { requireAuth } from '../http/require-auth.ts';
import { ConfigBody, publicConfig, readConfig, requireConfig, writeConfig } from './config.ts';
import { forward } from './forward.ts';
import { takeToken } from './rate-limit.ts';
import { redactAll } from './redact.ts';
import { logUsage, readUsage } from './usage.ts';

/** Largest chat request accepted: a suggestion's context is kept to a few thousand tokens. */
export const LLM_MAX_BODY = 256 * 1024;
/** What a client names as the model: the team's own (any other is refused). */
export const TEAM_MODEL = 'team';

const Part = z.object({ type: z.literal('text'), text: z.string().max(LLM_MAX_BODY) });
const Message = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string().max(LLM_MAX_BODY), z.array(Part).min(1).max(50)]),
});
/** The parameters passed on; any other (tools, n, logit_bias…) is dropped. */
const ChatBody = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(Message).min(1).max(200),
  stream: z.boolean().optional(),
  temperature: z.number().min(0).max(2).optional(),
  top_p: z.number().min(0).max(1).optional(),
  response_format: z.object({ type: z.enum(['text', 'json_object']) }).optional(),
  max_tokens: z.number().int().min(1).optional(),
  max_completion_tokens: z.number().int().min(1).optional(),
});

const UsageQuery = z
  .object({ from: z.iso.datetime({ offset: true }).optional(), to: z.iso.datetime({ offset: true }).optional() })
  .transform((q) => {
    const to = q.to ? new Date(q.to) : new Date();
    return { to, from: q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000) };
  })
  .refine((q) => q.from < q.to, { message: 'The period must end after it starts' });

export function llmRoutes(app: Hono<HubEnv>, deps: HubDeps) {
  const { db, secretKey } = deps;
  app.use('/v1/llm/*', requireAuth(db));

  app.get('/v1/llm/config', async (c) => c.json(publicConfig(await readConfig(db, c.get('auth').teamId, secretKey))));

  app.put('/v1/llm/config', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    const body = await readJson(c, ConfigBody, SMALL_BODY);
    await db.transaction(async (tx) => {
      await writeConfig(tx, a.teamId, a.memberId, body, secretKey);
      const keyChange = body.apiKey === undefined ? 'kept' : body.apiKey === null ? 'removed' : 'replaced';
      await audit(tx, { teamId: a.teamId, memberId: a.memberId, action: 'llm.config', detail: { baseURL: body.baseURL, model: body.model, apiKey: keyChange, requestsPerMinute: body.requestsPerMinute } });
    });
    return c.json(publicConfig(await readConfig(db, a.teamId, secretKey)));
  });

  app.delete('/v1/llm/config', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'admin');
    await db.transaction(async (tx) => {
      await tx.query('DELETE FROM llm_config WHERE team_id = $1', [a.teamId]);
      await audit(tx, { teamId: a.teamId, memberId: a.memberId, action: 'llm.config.delete' });
    });
    return c.json({ ok: true });
  });

  app.get('/v1/llm/usage', async (c) => {
    const a = c.get('auth');
    requireRole(a, 'lead');
    const q = parseWith(UsageQuery, c.req.query(), 'query');
    return c.json(await readUsage(db, a.teamId, q.from, q.to));
  });

  app.post('/v1/llm/chat/completions', async (c) => {
    const a = c.get('auth');
    const started = performance.now();
    // A malformed request is the caller's to fix, whatever the team's configuration.
    const body = await readJson(c, ChatBody, LLM_MAX_BODY);
    const config = await requireConfig(db, a.teamId, secretKey);
    if (body.model !== TEAM_MODEL && body.model !== config.model) {
      throw new HubError(400, HubErrorCode.LlmModel, `This team's model is "${config.model}" (or say "${TEAM_MODEL}"), not "${body.model}"`);
    }
    const stream = body.stream === true;
    const log = (status: number, extra: { code?: string; promptTokens?: number | null; completionTokens?: number | null; masked?: number } = {}) =>
      logUsage(db, { teamId: a.teamId, memberId: a.memberId, model: config.model, stream, status, masked: 0, durationMs: performance.now() - started, ...extra });

    const bucket = await takeToken(db, a.teamId, a.memberId, config.requestsPerMinute);
    if (!bucket.ok) {
      await log(429, { code: HubErrorCode.LlmRateLimited });
      c.header('Retry-After', String(bucket.retryAfterS));
      throw new HubError(429, HubErrorCode.LlmRateLimited, `Too many suggestions: ${config.requestsPerMinute} a minute per member; try again in ${bucket.retryAfterS} s`);
    }

    const redaction = redactAll(body.messages.map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text).join('\n'))));
    const outgoing: Record<string, unknown> = {
      model: config.model,
      messages: body.messages.map((m, i) => ({ role: m.role, content: redaction.texts[i] })),
      stream,
      max_tokens: Math.min(body.max_completion_tokens ?? body.max_tokens ?? config.maxTokens, config.maxTokens),
    };
    for (const key of ['temperature', 'top_p', 'response_format'] as const) if (body[key] !== undefined) outgoing[key] = body[key];
    if (stream) outgoing.stream_options = { include_usage: true };

    let forwarded;
    try {
      forwarded = await forward(config, outgoing, stream);
    } catch (error) {
      if (error instanceof HubError) await log(error.status, { code: error.code, masked: redaction.masked });
      throw error;
    }
    // Logged when the answer has been passed on in full (a stream may last a while).
    void forwarded.done
      .then((outcome) => log(outcome.status, { code: outcome.code, masked: redaction.masked, ...outcome.usage }))
      .catch((error) => console.error('[hub] llm usage log failed', error));
    return forwarded.response;
  });
}
