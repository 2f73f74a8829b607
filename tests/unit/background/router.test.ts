import { describe, expect, test, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { classifySender, createRouter, type Handlers } from '../../../src/background/router';

const ID = 'continuum-test-id';
const EXT = `chrome-extension://${ID}`;

const contentSender = (url = 'https://desk.example.com/tickets/1', frameId = 0): Runtime.MessageSender => ({
  id: ID,
  url,
  frameId,
  tab: { id: 7 } as Runtime.MessageSender['tab'],
});
const sidebarSender: Runtime.MessageSender = { id: ID, url: `${EXT}/src/sidebar/index.html`, frameId: 3, tab: { id: 7 } as Runtime.MessageSender['tab'] };
const optionsSender: Runtime.MessageSender = { id: ID, url: `${EXT}/src/options/index.html` };

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const notCalled = vi.fn(async () => {
    throw new Error('unexpected handler call');
  });
  return new Proxy(overrides, { get: (target, key) => (target as Record<string, unknown>)[key as string] ?? notCalled }) as Handlers;
}

describe('classifySender', () => {
  test('content scripts speak with their page URL, top frame only', () => {
    expect(classifySender(contentSender(), ID)).toEqual({ role: 'content', tabId: 7, frameId: 0, pageOrigin: 'https://desk.example.com' });
    expect(classifySender(contentSender('https://desk.example.com/', 2), ID)).toBeNull();
  });

  test('the web-accessible sidebar page is told apart from the other extension pages', () => {
    expect(classifySender(sidebarSender, ID)?.role).toBe('sidebar');
    expect(classifySender(optionsSender, ID)?.role).toBe('console');
    expect(classifySender({ ...optionsSender, url: `moz-extension://abc/src/popup/index.html` }, ID)?.role).toBe('console');
  });

  test('another extension, a missing URL or an odd scheme is nobody', () => {
    expect(classifySender({ ...optionsSender, id: 'other' }, ID)).toBeNull();
    expect(classifySender({ id: ID }, ID)).toBeNull();
    expect(classifySender({ id: ID, url: 'file:///etc/passwd', tab: { id: 1 } as never, frameId: 0 }, ID)).toBeNull();
  });
});

describe('router', () => {
  test('runs the handler with the validated payload and the sender context', async () => {
    const hello = vi.fn(async () => ({
      enabled: true,
      own: { domains: [], signatures: [] },
      defaultRegion: 'FR',
      layout: { open: true, width: 360 },
      mode: 'frame' as const,
      disabledAdapters: [],
      specs: [],
    }));
    const route = createRouter(handlersWith({ 'content/hello': hello }), ID);
    const reply = await route({ name: 'content/hello', payload: { url: 'https://desk.example.com/t/1' } }, contentSender());
    expect(reply).toMatchObject({ ok: true, value: { enabled: true } });
    expect(hello).toHaveBeenCalledWith({ url: 'https://desk.example.com/t/1' }, expect.objectContaining({ role: 'content', tabId: 7 }));
  });

  test('rejects a privileged message from a content script, without calling the handler', async () => {
    const update = vi.fn();
    const route = createRouter(handlersWith({ 'settings/update': update }), ID);
    const reply = await route({ name: 'settings/update', payload: { teamDomains: ['evil.com'] } }, contentSender());
    expect(reply).toEqual({ ok: false, error: { code: 'E_FORBIDDEN_SENDER', message: 'settings/update may not be sent from content' } });
    expect(update).not.toHaveBeenCalled();
  });

  test('the framed sidebar cannot change settings either', async () => {
    const route = createRouter(handlersWith({}), ID);
    const reply = await route({ name: 'settings/update', payload: {} }, sidebarSender);
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN_SENDER' } });
  });

  test('rejects malformed and oversized payloads with a clear error', async () => {
    const detected = vi.fn();
    const route = createRouter(handlersWith({ 'content/detected': detected }), ID);
    const bad = await route({ name: 'content/detected', payload: { url: 'javascript:alert(1)', detection: null } }, contentSender());
    expect(bad).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD', message: expect.stringContaining('url') } });
    const huge = {
      adapter: 'generic',
      confidence: 0.5,
      customer: { identifiers: [] },
      conversation: { key: 'k', messages: Array.from({ length: 201 }, () => ({ direction: 'inbound', text: 'x' })) },
    };
    const tooMany = await route({ name: 'content/detected', payload: { url: 'https://desk.example.com/', detection: huge } }, contentSender());
    expect(tooMany).toMatchObject({ ok: false, error: { code: 'E_INVALID_PAYLOAD', message: expect.stringContaining('conversation.messages') } });
    expect(detected).not.toHaveBeenCalled();
  });

  test('unknown names, prototype keys and non-objects are refused', async () => {
    const route = createRouter(handlersWith({}), ID);
    for (const message of [{ name: 'nope' }, { name: '__proto__' }, { name: 'toString' }, null, 'content/hello', 42]) {
      expect(await route(message, contentSender())).toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_MESSAGE' } });
    }
  });

  test('a handler failure becomes an error reply, never a thrown exception', async () => {
    const route = createRouter(handlersWith({ 'sites/list': async () => Promise.reject(new Error('disk full')) }), ID);
    expect(await route({ name: 'sites/list', payload: {} }, optionsSender)).toEqual({ ok: false, error: { code: 'E_INTERNAL', message: 'disk full' } });
  });
});
