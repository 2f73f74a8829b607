/**
 * Adapters in the order they are tried: site-specific ones first, the generic one last.
 * Each is imported on its own line so that one broken adapter is easy to switch off (the kill
 * switch list from settings or the team hub names adapter ids).
 */
import type { Adapter, ReadContext } from './types';
import { genericAdapter } from './generic/index';

export const adapters: readonly Adapter[] = [genericAdapter];

export function pickAdapter(ctx: ReadContext, disabled: readonly string[] = []): Adapter | null {
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
