/**
 * One agent, one row. Response times know the answering agent by the author name the host tool
 * shows (`answeredBy`: "Alice Martin", "alice.m"); signals know the team member who pushed them.
 * Both are grouped under the **member's name in the team hub**: an author name counts as a member
 * when it equals the member's name or one of the member's aliases (the names the member appears
 * as in the tools), ignoring case, accents and spacing. Author names that match no member (or two
 * members) stay as the tool shows them; signals of a member id the hub does not know stay as that id.
 */
import { compareStrings } from './stats';

export interface TeamMember {
  id: string;
  name: string;
  /** Other names the member appears as in the tools. */
  aliases?: readonly string[];
}

/** `  Élodie  DUPONT ` → `elodie dupont`: what two spellings of one name have in common. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface AgentKeys {
  /** The row key of an author name as read in a tool. */
  ofAuthor(author: string): string;
  /** The row key of a member id (who pushed a signal). */
  ofMember(memberId: string): string;
}

export function agentKeys(members: readonly TeamMember[]): AgentKeys {
  const byName = new Map<string, string | null>();
  const names = new Map<string, string>();
  for (const member of [...members].sort((a, b) => compareStrings(a.id, b.id))) {
    names.set(member.id, member.name);
    for (const name of new Set([member.name, ...(member.aliases ?? [])].map(foldName))) {
      if (!name) continue;
      const other = byName.get(name);
      // A name two members answer to is nobody's: it stays as the tool shows it.
      byName.set(name, other === undefined || other === member.name ? member.name : null);
    }
  }
  return {
    ofAuthor: (author) => byName.get(foldName(author)) ?? author,
    ofMember: (memberId) => names.get(memberId) ?? memberId,
  };
}

/** Signals per agent in a period (the hub's `usage?groupBy=agent`), keyed like the response-time rows. */
export interface AgentUsage {
  key: string;
  suggestionsShown: number;
  suggestionsInserted: number;
  templateUses: number;
  promotionReplies: number;
  brandIssuesCaught: number;
  brandIssuesFixed: number;
  alerts: number;
}
