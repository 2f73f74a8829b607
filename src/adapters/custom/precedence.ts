/**
 * Which custom adapter is in force when this browser and the team hub both hold one with the same
 * id. Ids come from names (`custom:crm`), so a shared id alone proves nothing: a local adapter
 * gives way to the team's only when it is the same adapter.
 *
 * - A copy taken from the team (`sharedFrom`): a team version above the one it was taken from
 *   wins, unless the team record is this very copy (shared back by its holder).
 * - The adapter the team's came from (same `createdAt`: a lead's own, shared as it was): the
 *   higher version wins, a tie keeps the local one.
 * - Anything else is an unrelated adapter that happens to have the same id: it stays in use and
 *   the settings page says so.
 *
 * Pure and zod-free: the background merges with it, the settings page explains with it.
 */
import type { CustomAdapter } from './schema';

export type Precedence =
  /** The local adapter is used; the team's is a version it already has or supersedes. */
  | 'local-newer'
  /** The team's newer version is used; the local copy is set aside. */
  | 'team-newer'
  /** An unrelated local adapter keeps the id; the team's is not used. */
  | 'clash';

export function precedence(mine: CustomAdapter, theirs: CustomAdapter): Precedence {
  if (mine.sharedFrom) {
    const sameEdition = theirs.version === mine.version && theirs.updatedAt === mine.updatedAt;
    return theirs.version > mine.sharedFrom.version && !sameEdition ? 'team-newer' : 'local-newer';
  }
  if (mine.createdAt === theirs.createdAt) return theirs.version > mine.version ? 'team-newer' : 'local-newer';
  return 'clash';
}

/** Local and team adapters, one per id as `precedence` decides; local ones first. */
export function mergeCustomAdapters(local: readonly CustomAdapter[], team: readonly CustomAdapter[]): CustomAdapter[] {
  const teamById = new Map(team.map((a) => [a.id, a]));
  const merged = local.map((mine) => {
    const theirs = teamById.get(mine.id);
    return theirs && precedence(mine, theirs) === 'team-newer' ? theirs : mine;
  });
  const localIds = new Set(local.map((a) => a.id));
  return [...merged, ...team.filter((a) => !localIds.has(a.id))];
}

/** A team adapter's standing against this browser's adapter with its id, or null when there is none. */
export function teamStanding(theirs: CustomAdapter, local: readonly CustomAdapter[]): { mine: CustomAdapter; precedence: Precedence } | null {
  const mine = local.find((a) => a.id === theirs.id);
  return mine ? { mine, precedence: precedence(mine, theirs) } : null;
}

/** What a local copy of a team adapter carries once imported: the team version it was taken from. */
export function copyOfTeamAdapter(theirs: CustomAdapter): CustomAdapter {
  return { ...theirs, sharedFrom: { version: theirs.version } };
}
