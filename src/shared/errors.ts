/**
 * Named errors with stable codes. Codes are part of the message contract: the UI maps them to
 * localised text, tests assert on them, and they never change meaning once shipped.
 */
export const ErrorCode = {
  InvalidPayload: 'E_INVALID_PAYLOAD',
  UnknownMessage: 'E_UNKNOWN_MESSAGE',
  ForbiddenSender: 'E_FORBIDDEN_SENDER',
  HandshakeFailed: 'E_HANDSHAKE_FAILED',
  SiteNotEnabled: 'E_SITE_NOT_ENABLED',
  InvalidOrigin: 'E_INVALID_ORIGIN',
  PermissionDenied: 'E_PERMISSION_DENIED',
  NoReplyBox: 'E_NO_REPLY_BOX',
  SidebarObscured: 'E_SIDEBAR_OBSCURED',
  PageChanged: 'E_PAGE_CHANGED',
  /** The reply box's editor did not take the text (nothing was inserted). */
  InsertRejected: 'E_INSERT_REJECTED',
  TabUnreachable: 'E_TAB_UNREACHABLE',
  Internal: 'E_INTERNAL',
  StorageFull: 'E_STORAGE_FULL',
  // Identity graph (core/identity)
  UnknownCustomer: 'E_IDENTITY_UNKNOWN_CUSTOMER',
  UnknownMerge: 'E_IDENTITY_UNKNOWN_MERGE',
  UnknownSplit: 'E_IDENTITY_UNKNOWN_SPLIT',
  UnknownIdentifier: 'E_IDENTITY_UNKNOWN_IDENTIFIER',
  AlreadyMerged: 'E_IDENTITY_ALREADY_MERGED',
  AlreadyUndone: 'E_IDENTITY_ALREADY_UNDONE',
  UndoBlocked: 'E_IDENTITY_UNDO_BLOCKED',
  EmptySplit: 'E_IDENTITY_EMPTY_SPLIT',
  // Team hub (background/sync)
  HubUnreachable: 'E_HUB_UNREACHABLE',
  /** The hub refused the request (bad invite code, revoked member…); the message says why. */
  HubRefused: 'E_HUB_REFUSED',
  /** The lead console needs a paired hub. */
  HubNotPaired: 'E_HUB_NOT_PAIRED',
  /** Only leads and admins publish the brand guide, templates and promotions (the hub checks it). */
  PublishForbidden: 'E_PUBLISH_FORBIDDEN',
  // Teach mode and custom adapters
  /** A teach-mode message came from a tab where the agent did not start teach mode. */
  TeachNotStarted: 'E_TEACH_NOT_STARTED',
  /** A custom adapter (taught or imported) failed validation; the message lists the fields. */
  CustomAdapterInvalid: 'E_CUSTOM_ADAPTER_INVALID',
  UnknownCustomAdapter: 'E_UNKNOWN_CUSTOM_ADAPTER',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class ContinuumError extends Error {
  override readonly name: string = 'ContinuumError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The wire form of a failure: errors cross the message boundary as data, never as thrown objects. */
export interface ErrorReply {
  ok: false;
  error: { code: ErrorCode; message: string };
}

export function toErrorReply(error: unknown): ErrorReply {
  if (error instanceof ContinuumError) return { ok: false, error: { code: error.code, message: error.message } };
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: ErrorCode.Internal, message } };
}
