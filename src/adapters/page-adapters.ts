/**
 * The adapters a page runs: the site specs the background chose for it (sent as JSON, custom
 * adapters first), then the generic adapter. This is what the content script bundles instead of
 * every app's field map.
 */
import type { SiteSpecJson } from './custom/schema';
import { fromJson } from './custom/spec-json';
import { genericAdapter } from './generic/index';
import { defineSite } from './kit/site';
import type { Adapter, ReadContext } from './types';

/** Adapters for `specs` (a spec that does not compile is left out) and the generic one, minus `disabled`. */
export function adaptersFor(specs: readonly SiteSpecJson[], disabled: readonly string[] = []): Adapter[] {
  const out: Adapter[] = [];
  for (const json of specs) {
    if (disabled.includes(json.id)) continue;
    try {
      out.push(defineSite(fromJson(json)));
    } catch {
      // A broken spec must not stop the others (the background validated it; belt and braces).
    }
  }
  if (!disabled.includes(genericAdapter.id)) out.push(genericAdapter);
  return out;
}

/** The first adapter that applies to the page; one that throws is skipped. */
export function firstMatching(adapters: readonly Adapter[], ctx: ReadContext, disabled: readonly string[] = []): Adapter | null {
  for (const adapter of adapters) {
    if (disabled.includes(adapter.id)) continue;
    try {
      if (adapter.matches(ctx)) return adapter;
    } catch {
      // A broken adapter must never stop the others.
    }
  }
  return null;
}
