/**
 * One agent, one row (src/core/metrics/agents.ts): response times name the answering agent as
 * the tool shows them, signals name the member who pushed them; both are put under the member's
 * name in the hub, through the member's aliases (`member_aliases`, set by a lead) and names
 * compared without case, accents or extra spaces.
 */
import { agentKeys, byKey, foldName, type AgentKeys, type AgentUsage, type Period, type TeamMember } from '../../src/core/metrics/index.ts';
import { audit } from '../audit.ts';
import type { Database, Queryable } from '../db/types.ts';
import { HubError, HubErrorCode } from '../http/errors.ts';
import { decodeNul } from './nul-escape.ts';

/** Every member of the team, revoked ones too (their past answers still count), with aliases. */
async function teamMembers(db: Queryable, teamId: string): Promise<TeamMember[]> {
  return db.query<TeamMember>(
    `SELECT m.id, m.name, coalesce(array_agg(a.alias ORDER BY a.alias) FILTER (WHERE a.alias IS NOT NULL), '{}') AS aliases
       FROM members m LEFT JOIN member_aliases a ON a.team_id = m.team_id AND a.member_id = m.id
      WHERE m.team_id = $1 GROUP BY m.id, m.name ORDER BY m.id`,
    [teamId],
  );
}

export async function agentNames(db: Queryable, teamId: string): Promise<AgentKeys> {
  return agentKeys(await teamMembers(db, teamId));
}

/** Author names seen in the tools (decoded). */
async function seenAuthors(db: Queryable, teamId: string): Promise<string[]> {
  const rows = await db.query<{ author: string }>('SELECT author FROM metric_authors WHERE team_id = $1', [teamId]);
  return rows.map((r) => decodeNul(r.author));
}

/** Author names seen in the tools that count as a member, and that member's name. */
export async function authorNames(db: Queryable, teamId: string): Promise<Map<string, string>> {
  const [keys, authors] = await Promise.all([agentNames(db, teamId), seenAuthors(db, teamId)]);
  const names = new Map<string, string>();
  for (const author of authors) {
    const key = keys.ofAuthor(author);
    if (key !== author) names.set(author, key);
  }
  return names;
}

/**
 * Signals per agent in the period, keyed like the response-time rows: suggestions and brand
 * issues by their first record (its member), template uses and alerts record by record, replies
 * mentioning a promotion once per reply.
 */
export async function agentUsage(db: Database, teamId: string, period: Period): Promise<AgentUsage[]> {
  const params = [teamId, period.from, period.to];
  const [keys, entities, records] = await Promise.all([
    agentNames(db, teamId),
    db.query<{ agent: string | null; signal: string; n: number; done: number }>(
      `SELECT agent, signal, count(*)::int AS n, count(*) FILTER (WHERE inserted OR fixed)::int AS done
         FROM metric_entities WHERE team_id = $1 AND first_at >= $2 AND first_at < $3 GROUP BY 1, 2`,
      params,
    ),
    db.query<{ agent: string | null; signal: string; n: number; replies: number }>(
      `SELECT data->>'agent' AS agent, signal, count(*)::int AS n, count(DISTINCT data->>'replyId')::int AS replies
         FROM metric_signals WHERE team_id = $1 AND signal IN ('template-use', 'promotion-mention', 'alert') AND at >= $2 AND at < $3 GROUP BY 1, 2`,
      params,
    ),
  ]);
  const rows = new Map<string, AgentUsage>();
  const row = (agent: string | null) => {
    const key = keys.ofMember(decodeNul(agent ?? '(unknown)'));
    let found = rows.get(key);
    if (!found) rows.set(key, (found = { key, suggestionsShown: 0, suggestionsInserted: 0, templateUses: 0, promotionReplies: 0, brandIssuesCaught: 0, brandIssuesFixed: 0, alerts: 0 }));
    return found;
  };
  for (const e of entities) {
    const r = row(e.agent);
    if (e.signal === 'suggestion') [r.suggestionsShown, r.suggestionsInserted] = [r.suggestionsShown + e.n, r.suggestionsInserted + e.done];
    else [r.brandIssuesCaught, r.brandIssuesFixed] = [r.brandIssuesCaught + e.n, r.brandIssuesFixed + e.done];
  }
  for (const s of records) {
    const r = row(s.agent);
    if (s.signal === 'template-use') r.templateUses += s.n;
    else if (s.signal === 'alert') r.alerts += s.n;
    else r.promotionReplies += s.replies;
  }
  return [...rows.values()].sort(byKey);
}

/** The members, their aliases, and the author names seen in the tools that count as no member. */
export async function agentDirectory(db: Queryable, teamId: string) {
  const [members, authors] = await Promise.all([teamMembers(db, teamId), seenAuthors(db, teamId)]);
  const keys = agentKeys(members);
  const unmatched = authors.filter((author) => keys.ofAuthor(author) === author && !members.some((m) => foldName(m.name) === foldName(author)));
  return { members, unmatched: unmatched.sort((a, b) => foldName(a).localeCompare(foldName(b)) || (a < b ? -1 : 1)) };
}

/** Replaces a member's aliases (a lead's decision, audited). */
export async function setAliases(db: Database, auth: { teamId: string; memberId: string }, memberId: string, aliases: readonly string[]) {
  const clean = [...new Set(aliases.map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean))].sort();
  return db.transaction(async (tx) => {
    const [member] = await tx.query<{ id: string }>('SELECT id FROM members WHERE team_id = $1 AND id = $2', [auth.teamId, memberId]);
    if (!member) throw new HubError(404, HubErrorCode.NotFound, 'No such member in your team');
    await tx.query('DELETE FROM member_aliases WHERE team_id = $1 AND member_id = $2', [auth.teamId, memberId]);
    if (clean.length) await tx.query('INSERT INTO member_aliases (team_id, member_id, alias) SELECT $1, $2, unnest($3::text[])', [auth.teamId, memberId, clean]);
    await audit(tx, { teamId: auth.teamId, memberId: auth.memberId, action: 'member.aliases', target: memberId, detail: { aliases: clean.length } });
    return { memberId, aliases: clean };
  });
}
