/** Loads a dated site fixture (tests/fixtures/<app>/2026-11-22-<scenario>/index.html) for adapter tests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Adapter, Detection, OwnIdentity, ReadContext } from '../../../src/adapters/types';

export function fixture(app: string, scenario: string): Document {
  const file = resolve(import.meta.dirname, '../../fixtures', app, `2026-11-22-${scenario}`, 'index.html');
  return new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/html');
}

export function context(doc: Document, url: string, own: OwnIdentity = { domains: [], signatures: [] }): ReadContext {
  return { url: new URL(url), document: doc, own, defaultRegion: 'FR' };
}

/** Reads the page, checking on the way that the adapter applies and changes nothing. */
export function readPage(adapter: Adapter, ctx: ReadContext): Detection {
  const before = ctx.document.documentElement.outerHTML;
  if (!adapter.matches(ctx)) throw new Error(`${adapter.id} does not match ${ctx.url.href}`);
  const detection = adapter.read(ctx);
  if (!detection) throw new Error(`${adapter.id} read nothing on ${ctx.url.href}`);
  if (ctx.document.documentElement.outerHTML !== before) throw new Error(`${adapter.id} changed the page`);
  // Plain serialisable data: no undefined fields, no elements or functions slipping through.
  const marked = JSON.stringify(detection, (_, v: unknown) => (v === undefined || typeof v === 'function' || (typeof v === 'object' && v !== null && 'nodeType' in v) ? '!' : v));
  if (marked !== JSON.stringify(detection)) throw new Error(`${adapter.id} returned more than plain data`);
  return detection;
}

/** Local wall-clock time as the adapters report it (ISO, UTC). */
export const local = (y: number, mo: number, d: number, h: number, mi: number): string => new Date(y, mo - 1, d, h, mi).toISOString();

export const values = (d: Detection): string[] => d.customer.identifiers.map((i) => i.value);

/** Expected identifiers, as the site adapters score them. */
export const email = (raw: string, value = raw.toLowerCase()) => ({ kind: 'email', raw, value, score: 0.95 });
export const phone = (raw: string, value: string) => ({ kind: 'phone', raw, value, score: 0.9 });
export const handle = (raw: string, value: string, network: string) => ({ kind: 'handle', raw, value, network, score: 0.9 });
export const appId = (ns: string, raw: string, score: number) => ({ kind: 'app-id', raw, value: `${ns}:${raw}`, score });
