/**
 * Typed sending for content scripts and extension pages. Imports the contract as types only, so
 * the content script does not bundle the validation library.
 */
import { browser } from './platform';
import type { ErrorReply } from './errors';
import type { MessageName, RequestOf, ResponseOf } from './messages';

export class MessageFailed extends Error {
  override readonly name = 'MessageFailed';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Reply<K extends MessageName> = { ok: true; value: ResponseOf<K> } | ErrorReply;

export async function send<K extends MessageName>(name: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  const reply = (await browser.runtime.sendMessage({ name, payload })) as Reply<K> | undefined;
  if (!reply) throw new MessageFailed('E_NO_REPLY', `No reply to ${name}`);
  if (!reply.ok) throw new MessageFailed(reply.error.code, reply.error.message);
  return reply.value;
}
