/**
 * Publishing from a console form: field errors to show next to the fields, or a notice for the
 * whole form. On any failure the form keeps what the lead typed (the caller only clears it on success).
 */
import type { FieldError } from '../core/brand/validation';
import type { MessageKey, Translate } from '../shared/i18n';
import type { RequestOf } from '../shared/messages';
import { MessageFailed, send } from '../shared/messaging';

export interface Notice {
  kind: 'success' | 'error';
  text: string;
}

const KNOWN: Record<string, MessageKey> = {
  E_HUB_UNREACHABLE: 'consoleHubDown',
  E_PUBLISH_FORBIDDEN: 'consoleForbidden',
  E_HUB_NOT_PAIRED: 'consoleNotPaired',
};

export function failureText(t: Translate, error: unknown): string {
  const key = KNOWN[error instanceof MessageFailed ? error.code : ''];
  return key ? t(key) : t('consolePublishFailed', { message: (error as Error).message });
}

export interface PublishResult {
  published: boolean;
  errors: FieldError[];
  notice: Notice;
}

export async function publishRecord(t: Translate, table: RequestOf<'console/publish'>['table'], record: Record<string, unknown>): Promise<PublishResult> {
  try {
    const outcome = await send('console/publish', { table, record });
    if (outcome.status === 'invalid') return { published: false, errors: outcome.errors, notice: { kind: 'error', text: t('consoleFixFields', { count: outcome.errors.length }) } };
    return { published: true, errors: [], notice: { kind: 'success', text: t('consolePublished') } };
  } catch (error) {
    return { published: false, errors: [], notice: { kind: 'error', text: failureText(t, error) } };
  }
}

export async function deleteRecord(t: Translate, table: RequestOf<'console/delete'>['table'], id: string): Promise<Notice> {
  try {
    await send('console/delete', { table, id });
    return { kind: 'success', text: t('consoleDeleted') };
  } catch (error) {
    return { kind: 'error', text: failureText(t, error) };
  }
}
