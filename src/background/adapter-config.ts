/**
 * Which adapter specs a page gets, and the kill switch.
 *
 * The content script ships the kit and the generic adapter but no app's field map: at start it
 * asks for its page config and gets only the specs whose host matches the page (custom adapters
 * first, then built-in ones), as validated JSON, plus the ids switched off. A switched-off adapter
 * is never sent; `generic` is switched off content-side. When the local list or the custom
 * adapters change, open tabs are told at once (`watchAdapterConfig`).
 *
 * Switched off = the agent's local list (`disabledAdapters` in storage.local) plus the team hub's
 * published kill switches, read through a `HubKillSwitchSource` the hub sync plugs in with
 * `setHubKillSwitchSource` (and then calls `broadcastPageConfig` when its records change).
 *
 * Custom adapters = this browser's (storage.local) plus the ones a lead shared with the team (the
 * hub's `adapters` records, read through a `HubAdapterSource`, re-validated here on every read).
 * Both lists hold the same kind of record and merge by id, but only a local adapter that is the
 * same adapter as the team's gives way to it (adapters/custom/precedence.ts): a copy taken from
 * the team (`sharedFrom`) yields to a later team version, a lead's own copy to a higher one, and an
 * unrelated local adapter that happens to have the same id stays in use (the settings page shows
 * the clash). Local adapters come first, so for a page both match the local one is tried first.
 * A team kill switch on the id turns a team adapter off like any other.
 */
import { z } from 'zod';
import { BUILT_IN_NAMES, BUILT_IN_SPECS } from '../adapters/built-in-specs';
import { CUSTOM_ADAPTERS_KEY, adapterIdSchema, customAdapterSchema, parseCustomAdapters, toJson, type CustomAdapter, type SiteSpecJson } from '../adapters/custom/schema';
import { mergeCustomAdapters } from '../adapters/custom/precedence';
import { regexFromJson } from '../adapters/custom/spec-json';
import { bounded } from '../adapters/kit/site';
import { browser } from '../shared/platform';
import type { ContentCommand } from '../shared/messages';
import { enabledPatterns } from './sites';

export const DISABLED_ADAPTERS_KEY = 'disabledAdapters';
export const GENERIC_ID = 'generic';

/** Adapter ids the team hub has switched off for everyone. */
export type HubKillSwitchSource = () => Promise<readonly string[]>;

const noHubKillSwitches: HubKillSwitchSource = async () => [];
let hubKillSwitches: HubKillSwitchSource = noHubKillSwitches;

/** The hub sync registers where its published `kill-switches` are read from. */
export function setHubKillSwitchSource(source: HubKillSwitchSource | null): void {
  hubKillSwitches = source ?? noHubKillSwitches;
}

/** The team's shared custom adapters, as the hub published them (`adapters` records), unchecked. */
export type HubAdapterSource = () => Promise<readonly { id: string; data: unknown }[]>;

const noHubAdapters: HubAdapterSource = async () => [];
let hubAdapters: HubAdapterSource = noHubAdapters;

/** The hub sync registers where its published `adapters` are read from. */
export function setHubAdapterSource(source: HubAdapterSource | null): void {
  hubAdapters = source ?? noHubAdapters;
}

const idListSchema = z.array(adapterIdSchema).max(500);

export async function localDisabledAdapters(): Promise<string[]> {
  const parsed = idListSchema.safeParse((await browser.storage.local.get(DISABLED_ADAPTERS_KEY))[DISABLED_ADAPTERS_KEY]);
  return parsed.success ? parsed.data : [];
}

export async function setAdapterDisabled(id: string, disabled: boolean): Promise<string[]> {
  const valid = adapterIdSchema.parse(id);
  const current = await localDisabledAdapters();
  const next = disabled ? [...new Set([...current, valid])] : current.filter((other) => other !== valid);
  await browser.storage.local.set({ [DISABLED_ADAPTERS_KEY]: next });
  return next;
}

/** Hub ids (entries that are not adapter ids dropped), or none when the hub source fails. */
async function hubDisabled(hub: HubKillSwitchSource): Promise<string[]> {
  try {
    return [...(await hub())].filter((id) => adapterIdSchema.safeParse(id).success);
  } catch {
    // The hub's bad day leaves the local list in force.
    return [];
  }
}

/** Every adapter id switched off: local list plus the hub's kill switches. */
export async function disabledAdapterIds(hub: HubKillSwitchSource = hubKillSwitches): Promise<string[]> {
  const [local, remote] = await Promise.all([localDisabledAdapters(), hubDisabled(hub)]);
  return [...new Set([...local, ...remote])].sort();
}

export async function loadCustomAdapters(): Promise<CustomAdapter[]> {
  return parseCustomAdapters((await browser.storage.local.get(CUSTOM_ADAPTERS_KEY))[CUSTOM_ADAPTERS_KEY]).adapters;
}

/**
 * The team's shared adapters that pass the schema now and are filed under their own id; the rest
 * are left out (stored data is never trusted). None when the source fails: local ones still run.
 */
export async function loadTeamAdapters(hub: HubAdapterSource = hubAdapters): Promise<CustomAdapter[]> {
  let records: readonly { id: string; data: unknown }[];
  try {
    records = await hub();
  } catch {
    return [];
  }
  return records.flatMap(({ id, data }) => {
    const parsed = customAdapterSchema.safeParse(data);
    return parsed.success && parsed.data.id === id ? [parsed.data] : [];
  });
}

export { mergeCustomAdapters };

/** Every custom adapter in force in this browser: its own and the team's, merged. */
export async function activeCustomAdapters(hub: HubAdapterSource = hubAdapters): Promise<CustomAdapter[]> {
  const [local, team] = await Promise.all([loadCustomAdapters(), loadTeamAdapters(hub)]);
  return mergeCustomAdapters(local, team);
}

let builtInJson: { json: SiteSpecJson; host: RegExp }[] | undefined;

function builtIns(): { json: SiteSpecJson; host: RegExp }[] {
  builtInJson ??= BUILT_IN_SPECS.map((spec) => ({ json: toJson(spec), host: spec.host }));
  return builtInJson;
}

export interface PageConfig {
  /** Specs whose host matches the page, custom ones first; none of them switched off. */
  specs: SiteSpecJson[];
  disabledAdapters: string[];
}

export async function pageConfig(url: string, hub: HubKillSwitchSource = hubKillSwitches): Promise<PageConfig> {
  const disabledAdapters = await disabledAdapterIds(hub);
  if (!URL.canParse(url)) return { specs: [], disabledAdapters };
  const { hostname } = new URL(url);
  const custom = (await activeCustomAdapters()).map((a) => ({ json: a.spec, host: regexFromJson(a.spec.host) }));
  const specs = [...custom, ...builtIns()]
    .filter(({ json, host }) => !disabledAdapters.includes(json.id) && host.test(bounded(hostname)))
    .map(({ json }) => json);
  return { specs, disabledAdapters };
}

export interface AdapterEntry {
  id: string;
  name: string;
  kind: 'built-in' | 'custom' | 'generic';
  /** Switched off by the agent here. */
  disabled: boolean;
  /** Switched off by the team hub (the agent cannot switch it back on). */
  hubDisabled: boolean;
}

/** Every adapter, for the settings page. */
export async function listAdapters(hub: HubKillSwitchSource = hubKillSwitches): Promise<AdapterEntry[]> {
  const [local, remote, custom] = await Promise.all([localDisabledAdapters(), hubDisabled(hub), activeCustomAdapters()]);
  const entry = (id: string, name: string, kind: AdapterEntry['kind']): AdapterEntry => ({
    id,
    name,
    kind,
    disabled: local.includes(id),
    hubDisabled: remote.includes(id),
  });
  return [
    ...BUILT_IN_SPECS.map((spec) => entry(spec.id, BUILT_IN_NAMES[spec.id] ?? spec.id, 'built-in')),
    ...custom.map((a) => entry(a.id, a.name, 'custom')),
    entry(GENERIC_ID, GENERIC_ID, 'generic'),
  ];
}

/** Sends every open tab of an enabled site its fresh config; returns how many tabs took it. */
export async function broadcastPageConfig(hub: HubKillSwitchSource = hubKillSwitches): Promise<number> {
  const patterns = await enabledPatterns();
  if (!patterns.length) return 0;
  const tabs = await browser.tabs.query({ url: patterns });
  const results = await Promise.allSettled(
    tabs
      .filter((tab) => tab.id !== undefined && tab.url)
      .map(async (tab) => {
        const command: ContentCommand = { type: 'page-config', ...(await pageConfig(tab.url!, hub)) };
        await browser.tabs.sendMessage(tab.id!, command, { frameId: 0 });
      }),
  );
  return results.filter((r) => r.status === 'fulfilled').length;
}

/** Registered at top level by the background: a change to either list reaches open tabs. */
export function watchAdapterConfig(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && (DISABLED_ADAPTERS_KEY in changes || CUSTOM_ADAPTERS_KEY in changes)) void broadcastPageConfig();
  });
}
