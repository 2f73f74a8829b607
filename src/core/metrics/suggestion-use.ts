/**
 * Suggestion use and template use.
 *
 * A suggestion belongs to the period and group (agent, channel, tool, source) of its first
 * record. It was **shown** if it has any record (an insert implies it was shown), **inserted** if
 * it has an `inserted` or `edited` record, **edited** if the agent changed it after inserting,
 * **dismissed** if dismissed. Rates: inserted / shown, edited / inserted, dismissed / shown.
 */
import { byEntity, inPeriod, signalGroup, uniqueById, type Period, type SignalGroupBy, type SuggestionSignal, type TemplateUseSignal } from './signals';
import { byKey, share } from './stats';

export interface SuggestionUse {
  key: string;
  shown: number;
  inserted: number;
  edited: number;
  dismissed: number;
  insertRate: number | null;
  editRate: number | null;
  dismissRate: number | null;
}

export function suggestionUse(records: readonly SuggestionSignal[], period: Period, groupBy: SignalGroupBy | 'source' = 'none'): SuggestionUse[] {
  const groups = new Map<string, { shown: number; inserted: number; edited: number; dismissed: number }>();
  for (const list of byEntity(records, (r) => r.suggestionId).values()) {
    const first = list[0]!;
    if (!inPeriod(first.at, period)) continue;
    const key = groupBy === 'source' ? first.source : signalGroup(first, groupBy);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { shown: 0, inserted: 0, edited: 0, dismissed: 0 }));
    const kinds = new Set(list.map((r) => r.kind));
    group.shown++;
    if (kinds.has('inserted') || kinds.has('edited')) group.inserted++;
    if (kinds.has('edited')) group.edited++;
    if (kinds.has('dismissed')) group.dismissed++;
  }
  return [...groups]
    .map(([key, g]) => ({ key, ...g, insertRate: share(g.inserted, g.shown), editRate: share(g.edited, g.inserted), dismissRate: share(g.dismissed, g.shown) }))
    .sort(byKey);
}

export interface TemplateUse {
  /** The template id. */
  key: string;
  /** Put in by hand (template picker, shortcut). */
  picked: number;
  /** Inserted as (part of) a suggestion. */
  suggested: number;
  uses: number;
  /** Agents who used it either way. */
  agents: number;
}

/** Template uses in the period, per template: by hand, and through inserted suggestions. */
export function templateUse(uses: readonly TemplateUseSignal[], suggestions: readonly SuggestionSignal[], period: Period): TemplateUse[] {
  const rows = new Map<string, { picked: number; suggested: number; agents: Set<string> }>();
  const note = (templateId: string, agent: string, how: 'picked' | 'suggested') => {
    let row = rows.get(templateId);
    if (!row) rows.set(templateId, (row = { picked: 0, suggested: 0, agents: new Set() }));
    row[how]++;
    row.agents.add(agent);
  };
  for (const use of uniqueById(uses)) if (inPeriod(use.at, period)) note(use.templateId, use.agent, 'picked');
  for (const list of byEntity(suggestions, (r) => r.suggestionId).values()) {
    const insert = list.find((r) => r.kind === 'inserted' || r.kind === 'edited');
    if (!insert || !inPeriod(insert.at, period)) continue;
    for (const templateId of new Set(list.flatMap((r) => r.templateIds ?? []))) note(templateId, insert.agent, 'suggested');
  }
  return [...rows].map(([key, r]) => ({ key, picked: r.picked, suggested: r.suggested, uses: r.picked + r.suggested, agents: r.agents.size })).sort(byKey);
}
