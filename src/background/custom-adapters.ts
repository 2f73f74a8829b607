/**
 * The stored custom adapters (`customAdapters` in storage.local): saving a taught one, renaming,
 * deleting, importing. Every write goes through the schema; open tabs hear of the change through
 * storage.onChanged (adapter-config.ts `watchAdapterConfig`).
 */
import { browser } from '../shared/platform';
import { ContinuumError, ErrorCode } from '../shared/errors';
import { CUSTOM_ADAPTERS_KEY, customAdapterId, customAdapterSchema, type CustomAdapter, type SiteSpecJson } from '../adapters/custom/schema';
import { loadCustomAdapters } from './adapter-config';

async function store(adapters: CustomAdapter[]): Promise<CustomAdapter[]> {
  await browser.storage.local.set({ [CUSTOM_ADAPTERS_KEY]: adapters });
  return adapters;
}

function invalid(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): ContinuumError {
  const fields = error.issues.map((i) => `${i.path.map(String).join('.') || '(adapter)'}: ${i.message}`);
  return new ContinuumError(ErrorCode.CustomAdapterInvalid, fields.join('; ').slice(0, 1000));
}

function requireAdapter(list: readonly CustomAdapter[], id: string): CustomAdapter {
  const found = list.find((a) => a.id === id);
  if (!found) throw new ContinuumError(ErrorCode.UnknownCustomAdapter, `No custom adapter ${id.slice(0, 80)}`);
  return found;
}

/**
 * Saves what teach mode produced. Teaching the same page again (same host and section) updates
 * that adapter, keeping its id, name and creation date; otherwise a new one is made.
 * `build(id)` makes the spec for the id the adapter gets.
 */
export async function saveTaught(name: string, build: (id: string) => SiteSpecJson, now = Date.now()): Promise<CustomAdapter> {
  const list = await loadCustomAdapters();
  const draft = build('custom:draft');
  const previous = list.find((a) => a.spec.host === draft.host && a.spec.path === draft.path);
  const id = previous?.id ?? customAdapterId(name, list.map((a) => a.id));
  const candidate = {
    id,
    name: previous?.name ?? name,
    version: (previous?.version ?? 0) + 1,
    spec: build(id),
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
    ...(previous?.author ? { author: previous.author } : {}),
    // Still a copy of that team version: a later one replaces it (adapters/custom/precedence.ts).
    ...(previous?.sharedFrom ? { sharedFrom: previous.sharedFrom } : {}),
  };
  const parsed = customAdapterSchema.safeParse(candidate);
  if (!parsed.success) throw invalid(parsed.error);
  await store([...list.filter((a) => a.id !== id), parsed.data]);
  return parsed.data;
}

export async function renameCustomAdapter(id: string, name: string, now = Date.now()): Promise<CustomAdapter[]> {
  const list = await loadCustomAdapters();
  const renamed = { ...requireAdapter(list, id), name, updatedAt: now };
  const parsed = customAdapterSchema.safeParse(renamed);
  if (!parsed.success) throw invalid(parsed.error);
  return store(list.map((a) => (a.id === id ? parsed.data : a)));
}

export async function deleteCustomAdapter(id: string): Promise<CustomAdapter[]> {
  const list = await loadCustomAdapters();
  requireAdapter(list, id);
  return store(list.filter((a) => a.id !== id));
}

/** Adds the imported adapters; one with an id already here replaces it. All or nothing. */
export async function importCustomAdapters(adapters: readonly CustomAdapter[]): Promise<{ added: number; updated: number; adapters: CustomAdapter[] }> {
  const list = await loadCustomAdapters();
  const known = new Set(list.map((a) => a.id));
  const updated = adapters.filter((a) => known.has(a.id)).length;
  const incoming = new Set(adapters.map((a) => a.id));
  const next = await store([...list.filter((a) => !incoming.has(a.id)), ...adapters]);
  return { added: adapters.length - updated, updated, adapters: next };
}
