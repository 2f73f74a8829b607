// @vitest-environment happy-dom
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapters, pickAdapter } from '../../../src/adapters/registry';
import { context, fixture, SITE_PAGES } from './site-fixture';

const PAGES = SITE_PAGES;
const sites = adapters.filter((a) => a.id !== 'generic');
/** One real-looking address per adapter, to test the DOM marker alone (the host check passes). */
const HOME = new Map(PAGES.map((p) => [p.app, p.url]));

function genericPages(): Document[] {
  const dir = resolve(import.meta.dirname, '../../fixtures/generic');
  return readdirSync(dir).map((d) => new DOMParser().parseFromString(readFileSync(resolve(dir, d, 'page.html'), 'utf8'), 'text/html'));
}

describe('cross-app: every adapter fires on its own app only', () => {
  it('has a fixture for every site adapter, and the generic adapter last', () => {
    expect(new Set(PAGES.map((p) => p.app))).toEqual(new Set(sites.map((a) => a.id)));
    expect(sites).toHaveLength(13);
    expect(adapters[adapters.length - 1]?.id).toBe('generic');
    expect(new Set(adapters.map((a) => a.id)).size).toBe(adapters.length);
  });

  describe.each(PAGES)('$app / $scenario', ({ app, scenario, url }) => {
    const doc = fixture(app, scenario);

    it('is picked by the registry for its own app', () => {
      expect(pickAdapter(context(doc, url))?.id).toBe(app);
    });

    it('reads the latest messages alone exactly as a full read does (times carried from older ones included)', () => {
      const adapter = pickAdapter(context(doc, url))!;
      const full = adapter.read(context(doc, url))!.conversation.messages;
      for (const limit of [1, 2]) expect(adapter.read({ ...context(doc, url), messageLimit: limit })!.conversation.messages).toEqual(full.slice(-limit));
    });

    it.each(sites.filter((a) => a.id !== app).map((a) => [a.id, a] as const))('%s does not fire on it, even on its own host', (_, other) => {
      expect(other.matches(context(doc, url))).toBe(false);
      // The other app's address with this page: only the DOM marker can say no.
      expect(other.matches(context(doc, HOME.get(other.id) ?? ''))).toBe(false);
    });
  });

  it("no site adapter fires on the generic adapter's fixture pages, even on its own host", () => {
    const pages = genericPages();
    expect(pages.length).toBeGreaterThanOrEqual(5);
    for (const doc of pages) {
      for (const adapter of sites) expect(adapter.matches(context(doc, HOME.get(adapter.id) ?? '')), adapter.id).toBe(false);
      expect(pickAdapter(context(doc, 'https://helpdesk.example.org/tickets/1'))?.id).toBe('generic');
    }
  });

  it('a site adapter switched off leaves its page to the generic adapter', () => {
    const zendesk = PAGES[0]!;
    expect(pickAdapter(context(fixture('zendesk', 'ticket'), zendesk.url), ['zendesk'])?.id).toBe('generic');
  });
});
