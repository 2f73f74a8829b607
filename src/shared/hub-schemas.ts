/** The team hub as extension pages see it (messages `hub/*`): never the member token. */
import { z } from 'zod';
import { httpUrlSchema } from './schemas';

export const hubPairRequestSchema = z.object({
  hubUrl: httpUrlSchema,
  inviteCode: z.string().trim().min(1).max(200),
  deviceName: z.string().trim().min(1).max(100).optional(),
});

export const hubStatusSchema = z.object({
  paired: z.boolean(),
  hubUrl: z.string().nullable(),
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  member: z.object({ id: z.string(), name: z.string(), role: z.enum(['agent', 'lead', 'admin']) }).nullable(),
  /** The hub refused the token (revoked): pair again. */
  revoked: z.boolean(),
  lastSyncAt: z.number().nullable(),
  /** null: not tried yet. */
  reachable: z.boolean().nullable(),
  lastError: z.string().nullable(),
  live: z.boolean(),
  pending: z.number().int(),
  rejected: z.number().int(),
  /** The latest refused ops, for the agent to see why. */
  recentRejections: z.array(z.object({ table: z.string(), id: z.string(), code: z.string(), message: z.string(), at: z.number() })),
});
export type HubStatus = z.infer<typeof hubStatusSchema>;
