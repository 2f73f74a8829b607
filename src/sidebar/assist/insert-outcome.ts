/** What the sidebar says after an insertion from the assist (a template, a code, a draft fix). */
import { MessageFailed } from '../../shared/messaging';
import type { MessageKey } from '../../shared/i18n';

export interface Outcome {
  kind: 'success' | 'error';
  key: MessageKey;
  message?: string;
}

const ERROR_KEYS: Record<string, MessageKey> = {
  E_SIDEBAR_OBSCURED: 'errorObscured',
  E_NO_REPLY_BOX: 'errorNoReplyBox',
  E_TAB_UNREACHABLE: 'errorTabUnreachable',
  E_PAGE_CHANGED: 'errorPageChanged',
  E_INSERT_REJECTED: 'errorInsertRejected',
};

export function failure(error: unknown, changedKey: MessageKey = 'errorPageChanged'): Outcome {
  const code = error instanceof MessageFailed ? error.code : '';
  return { kind: 'error', key: code === 'E_PAGE_CHANGED' ? changedKey : (ERROR_KEYS[code] ?? 'errorGeneric'), message: (error as Error).message };
}
