import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';

/** Stable error codes of the hub's HTTP API (docs/api.md lists each with its status). */
export const HubErrorCode = {
  BadJson: 'E_BAD_JSON',
  Validation: 'E_VALIDATION',
  TooLarge: 'E_TOO_LARGE',
  Unauthorized: 'E_UNAUTHORIZED',
  Forbidden: 'E_FORBIDDEN',
  NotFound: 'E_NOT_FOUND',
  InviteInvalid: 'E_INVITE_INVALID',
  InviteExpired: 'E_INVITE_EXPIRED',
  InviteUsedUp: 'E_INVITE_USED_UP',
  LastAdmin: 'E_LAST_ADMIN',
  CursorAhead: 'E_CURSOR_AHEAD',
  Internal: 'E_INTERNAL',
  // LLM proxy (server/llm/).
  LlmNotConfigured: 'E_LLM_NOT_CONFIGURED',
  LlmModel: 'E_LLM_MODEL',
  LlmRateLimited: 'E_LLM_RATE_LIMITED',
  LlmUpstream: 'E_LLM_UPSTREAM',
  LlmTimeout: 'E_LLM_TIMEOUT',
  LlmKeyUnreadable: 'E_LLM_KEY_UNREADABLE',
  // Per-op codes of a sync push (the op is "rejected", the request still succeeds).
  UnknownTable: 'E_UNKNOWN_TABLE',
  ForbiddenTable: 'E_FORBIDDEN_TABLE',
  AppendOnly: 'E_APPEND_ONLY',
  /** The op names a customer erased from the hub (server/privacy/erased.ts). */
  Erased: 'E_ERASED',
} as const;
export type HubErrorCode = (typeof HubErrorCode)[keyof typeof HubErrorCode];

export class HubError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: HubErrorCode,
    message: string,
    readonly issues?: z.core.$ZodIssue[],
  ) {
    super(message);
  }
}

export function errorBody(code: HubErrorCode, message: string, issues?: z.core.$ZodIssue[]) {
  return { error: issues ? { code, message, issues } : { code, message } };
}

export function sendError(c: Context, error: unknown) {
  if (error instanceof HubError) return c.json(errorBody(error.code, error.message, error.issues), error.status);
  console.error('[hub] unexpected error', error);
  return c.json(errorBody(HubErrorCode.Internal, 'Internal error'), 500);
}
