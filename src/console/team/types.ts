/** What the hub answers to the Team tab (docs/api.md; checked by background/console-team.ts). */
export type Role = 'agent' | 'lead' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'lead', 'admin'];
export type HubTime = string | number | null | undefined;

export interface Member { id: string; name: string; role: Role; createdAt?: HubTime; revokedAt?: HubTime }
export interface Invite { id: string; role: Role; name?: string | null; maxUses: number; uses: number; expiresAt?: HubTime }
export interface CreatedInvite { id: string; code: string; role: Role; expiresAt?: HubTime }
export interface AuditEntry { id: string | number; at?: HubTime; member?: unknown; action: string; target?: unknown; detail?: unknown }
export interface LlmConfig { configured: boolean; baseURL?: string; model?: string; hasApiKey?: boolean; apiKeyUnreadable?: boolean; requestsPerMinute?: number; maxTokens?: number }
export interface KillSwitch { id: string; name: string; custom: boolean; disabled: boolean; reason: string }
/** A custom adapter in this browser, in the team, or both (background/console-team.ts `TeamAdapterRow`). */
export interface TeamAdapter { id: string; name: string; host: string; localVersion: number | null; teamVersion: number | null; author: string | null }
