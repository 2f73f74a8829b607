// @vitest-environment happy-dom
/**
 * A spec's patterns run on bounded input: a hostile page can make its URL or an attribute very
 * long, and a pattern's worst case grows with what it is run on.
 */
import { describe, expect, it } from 'vitest';
import { MAX_MATCHED_TEXT, values } from '../../../../src/adapters/kit/pick';
import { MAX_MATCHED_URL, defineSite } from '../../../../src/adapters/kit/site';
import { context } from '../site-fixture';

function page(html: string): Document {
  const doc = document.implementation.createHTMLDocument('page');
  doc.body.innerHTML = html;
  return doc;
}

describe('bounded pattern input', () => {
  const spec = { id: 'custom:long', host: /^crm\.example$/, path: /z$/, marker: ['#card'], ids: [{ kind: 'app-id' as const, ns: 'crm:customer', url: /[?&]id=(\d+)/ }], reply: ['textarea'] };
  const doc = page('<div id="card"><textarea></textarea></div>');

  it('matches the path and reads ids within the first 2000 characters of the URL, not beyond', () => {
    const adapter = defineSite(spec);
    expect(adapter.matches(context(doc, `https://crm.example/${'a'.repeat(100)}z`))).toBe(true);
    // The same path, its end pushed past the bound.
    expect(adapter.matches(context(doc, `https://crm.example/${'a'.repeat(MAX_MATCHED_URL)}z`))).toBe(false);
    const read = (url: string) => adapter.read(context(doc, url))?.customer.identifiers.map((i) => i.value) ?? [];
    expect(read(`https://crm.example/x?id=42&z`)).toEqual(['crm:customer:42']);
    expect(read(`https://crm.example/x?pad=${'b'.repeat(MAX_MATCHED_URL)}&id=42&z`)).toEqual([]);
  });

  it("narrows a field's text with its pattern on the first 1000 characters only", () => {
    const field = { from: ['#card@data-ref'], re: /(REF-\d+)/ };
    const near = page(`<div id="card" data-ref="${'x'.repeat(500)}REF-7"></div>`);
    const far = page(`<div id="card" data-ref="${'x'.repeat(MAX_MATCHED_TEXT)}REF-7"></div>`);
    expect(values(near, field).map((v) => v.text)).toEqual(['REF-7']);
    expect(values(far, field)).toEqual([]);
  });
});
