import { v7 as uuidv7 } from 'uuid';
import type { Queryable } from '../db/types.ts';

export interface UsageEntry {
  teamId: string;
  memberId: string;
  model: string | null;
  stream: boolean;
  status: number;
  code?: string | null;
  promptTokens?: number | null;
  completionTokens?: number | null;
  masked: number;
  durationMs: number;
}

export async function logUsage(db: Queryable, e: UsageEntry): Promise<void> {
  await db.query(
    `INSERT INTO llm_usage (team_id, id, member_id, model, stream, status, code, prompt_tokens, completion_tokens, masked, duration_ms)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [e.teamId, uuidv7(), e.memberId, e.model, e.stream, e.status, e.code ?? null, e.promptTokens ?? null, e.completionTokens ?? null, e.masked, Math.round(e.durationMs)],
  );
}

interface UsageRow {
  id: string;
  at: Date;
  member_id: string;
  model: string | null;
  stream: boolean;
  status: number;
  code: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  masked: number;
  duration_ms: number;
}
interface MemberTotalRow {
  member_id: string;
  name: string | null;
  requests: string;
  failed: string;
  prompt_tokens: string | null;
  completion_tokens: string | null;
}

/** The most recent rows of a period are listed; totals always cover the whole period. */
export const USAGE_ROWS_LIMIT = 1000;

export async function readUsage(db: Queryable, teamId: string, from: Date, to: Date) {
  const [rows, members] = await Promise.all([
    db.query<UsageRow>(
      `SELECT id, at, member_id, model, stream, status, code, prompt_tokens, completion_tokens, masked, duration_ms
       FROM llm_usage WHERE team_id = $1 AND at >= $2 AND at < $3 ORDER BY at DESC LIMIT ${USAGE_ROWS_LIMIT}`,
      [teamId, from, to],
    ),
    db.query<MemberTotalRow>(
      `SELECT u.member_id, m.name, count(*) AS requests, count(*) FILTER (WHERE u.status <> 200) AS failed,
         sum(u.prompt_tokens) AS prompt_tokens, sum(u.completion_tokens) AS completion_tokens
       FROM llm_usage u LEFT JOIN members m ON m.team_id = u.team_id AND m.id = u.member_id
       WHERE u.team_id = $1 AND u.at >= $2 AND u.at < $3 GROUP BY u.member_id, m.name ORDER BY u.member_id`,
      [teamId, from, to],
    ),
  ]);
  const byMember = members.map((m) => ({
    memberId: m.member_id,
    memberName: m.name,
    requests: Number(m.requests),
    failed: Number(m.failed),
    promptTokens: Number(m.prompt_tokens ?? 0),
    completionTokens: Number(m.completion_tokens ?? 0),
  }));
  const sum = (key: 'requests' | 'failed' | 'promptTokens' | 'completionTokens') => byMember.reduce((n, m) => n + m[key], 0);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    totals: { requests: sum('requests'), failed: sum('failed'), promptTokens: sum('promptTokens'), completionTokens: sum('completionTokens') },
    members: byMember,
    rows: rows.map((r) => ({
      id: r.id,
      at: new Date(r.at).toISOString(),
      memberId: r.member_id,
      model: r.model,
      stream: r.stream,
      status: r.status,
      code: r.code,
      promptTokens: r.prompt_tokens,
      completionTokens: r.completion_tokens,
      masked: r.masked,
      durationMs: r.duration_ms,
    })),
  };
}
