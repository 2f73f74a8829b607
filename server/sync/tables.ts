import { z } from 'zod';
import { SPEC_LIMITS, customAdapterSchema, type CustomAdapter } from '../../src/adapters/custom/schema.ts';
import { BrandGuideSchema, PromotionSchema, TemplateSchema } from '../../src/core/brand/model.ts';

/** Tables every member may push: what agents learn in their browsers. */
export const AGENT_TABLES = ['customers', 'events', 'merges', 'splits', 'dismissed', 'notes', 'conversations', 'feedback'] as const;
/** Tables only leads and admins may push: what the hub publishes to every agent. */
export const HUB_TABLES = ['brand-guide', 'templates', 'promotions', 'adapters', 'kill-switches'] as const;
export type SyncTable = (typeof AGENT_TABLES)[number] | (typeof HUB_TABLES)[number];

export const APPEND_ONLY_TABLES: ReadonlySet<string> = new Set(['events']);
const AGENT_SET: ReadonlySet<string> = new Set(AGENT_TABLES);
const HUB_SET: ReadonlySet<string> = new Set(HUB_TABLES);

export function isAgentTable(table: string) {
  return AGENT_SET.has(table);
}
export function isHubTable(table: string) {
  return HUB_SET.has(table);
}

const KillSwitchSchema = z.object({ disabled: z.boolean(), reason: z.string().max(500).default('') });

/** The member pushing a published record, as the hub authenticated them. */
export interface Publisher {
  name: string;
}

/**
 * Published records are checked against the models the extension reads them with (src/core, and
 * the custom adapter schema), so an agent never receives a brand guide, template, promotion or
 * adapter its extension cannot read. Returns the normalised data.
 *
 * A shared adapter's `author` ("shared by") is the pushing member's name whatever the record says,
 * so agents see who really shared it; `sharedFrom` (a browser's note about its own copy) is dropped.
 */
export function checkHubRecord(
  table: string,
  id: string,
  data: Record<string, unknown>,
  publisher?: Publisher,
): { ok: true; data: unknown } | { ok: false; message: string } {
  const withId = (schema: z.ZodType) => {
    const parsed = schema.safeParse(data);
    if (!parsed.success) return fail(parsed.error);
    if ((parsed.data as { id?: unknown }).id !== id) return { ok: false as const, message: `data.id must equal the record id "${id}"` };
    return { ok: true as const, data: parsed.data };
  };
  switch (table) {
    case 'brand-guide': {
      if (id !== 'current') return { ok: false, message: 'The brand guide record id is "current"' };
      const parsed = BrandGuideSchema.safeParse(data);
      return parsed.success ? { ok: true, data: parsed.data } : fail(parsed.error);
    }
    case 'templates':
      return withId(TemplateSchema);
    case 'promotions':
      return withId(PromotionSchema);
    // A custom adapter shared with the team: the same checks as an import (safe patterns, limits).
    case 'adapters': {
      const checked = withId(customAdapterSchema);
      if (!checked.ok) return checked;
      const { sharedFrom: _copyNote, ...adapter } = checked.data as CustomAdapter;
      const author = publisher?.name.trim().slice(0, SPEC_LIMITS.author);
      return { ok: true, data: author ? { ...adapter, author } : adapter };
    }
    case 'kill-switches': {
      const parsed = KillSwitchSchema.safeParse(data);
      return parsed.success ? { ok: true, data: parsed.data } : fail(parsed.error);
    }
    default:
      return { ok: true, data };
  }
}

function fail(error: z.ZodError) {
  const issue = error.issues[0];
  return { ok: false as const, message: `Invalid data${issue?.path.length ? ` at ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}` };
}
