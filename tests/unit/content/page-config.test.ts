// @vitest-environment happy-dom
// @vitest-environment-options { "url": "https://acme-cafe.zendesk.com/agent/tickets/48213" }
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { pageConfig } from '../../../src/background/adapter-config';
import type { ContentCommand } from '../../../src/shared/messages';
import { fake } from '../setup';

type Detected = { adapter: string; customer: { name?: string } } | null;
type OnMessage = (message: unknown, sender: { id?: string }) => Promise<unknown> | undefined;

const detections: Detected[] = [];
let listener: OnMessage | undefined;

// The content script's side of the runtime: it says hello, then reports what it reads.
Object.assign(fake.runtime, {
  sendMessage: async ({ name, payload }: { name: string; payload: { detection?: Detected } }) => {
    if (name === 'content/hello') {
      const config = await pageConfig(location.href);
      const value = { enabled: true, own: { domains: [], signatures: [] }, defaultRegion: 'FR', layout: { open: true, width: 360 }, mode: 'panel', ...config };
      return { ok: true, value: JSON.parse(JSON.stringify(value)) };
    }
    if (name === 'content/detected') detections.push(payload.detection ?? null);
    return { ok: true, value: { ok: true } };
  },
  onMessage: { addListener: (l: OnMessage) => (listener = l), removeListener: () => (listener = undefined) },
});

const page = readFileSync(resolve(import.meta.dirname, '../../fixtures/zendesk/2026-11-22-ticket/index.html'), 'utf8');
document.documentElement.innerHTML = new DOMParser().parseFromString(page, 'text/html').documentElement.innerHTML;

const tell = (command: ContentCommand) => listener?.(command, { id: fake.runtime.id });

afterAll(() => (globalThis as { __continuumContent?: { stop(): void } }).__continuumContent?.stop());

describe('content script: adapters come from the page config', () => {
  it('reads the page with the one spec the background sent', async () => {
    await import('../../../src/content/index');
    await vi.waitFor(() => expect(detections.at(-1)?.adapter).toBe('zendesk'));
    expect(detections.at(-1)?.customer.name).toBe('Marie Dupont');
  });

  it('a kill switch pushed while the page is open hands it to the generic adapter, then to nothing', async () => {
    expect(await tell({ type: 'page-config', specs: [], disabledAdapters: ['zendesk'] })).toEqual({ ok: true });
    await vi.waitFor(() => expect(detections.at(-1)?.adapter).toBe('generic'));
    await tell({ type: 'page-config', specs: [], disabledAdapters: ['generic', 'zendesk'] });
    await vi.waitFor(() => expect(detections.at(-1)).toBeNull());
  });

  it('switched back on, the site adapter reads again; a malformed push is ignored safely', async () => {
    await tell({ type: 'page-config', ...(await pageConfig(location.href)) });
    await vi.waitFor(() => expect(detections.at(-1)?.adapter).toBe('zendesk'));
    await tell({ type: 'page-config', specs: 'nope', disabledAdapters: null } as unknown as ContentCommand);
    await vi.waitFor(() => expect(detections.at(-1)?.adapter).toBe('generic'));
  });
});
