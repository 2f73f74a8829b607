// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../src/adapters/generic/index';
import { scanPage } from '../../../../src/adapters/generic/text-scan';

function page(body: string): Document {
  return new DOMParser().parseFromString(`<!doctype html><html><body>${body}</body></html>`, 'text/html');
}

function scan(body: string, region = 'FR') {
  return scanPage(page(body), { region, pageNetwork: null }).hits.map((h) => [h.kind, h.raw, h.value]);
}

describe('phone numbers in text', () => {
  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['0612345678', '+33612345678'],
    ['06-12-34-56-78', '+33612345678'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)1 23 45 67 89', '+33123456789'],
    ['01.23.45.67.89', '+33123456789'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (415) 555-0132', '+14155550132'],
    ['+32 470 12 34 56', '+32470123456'],
  ])('reads %s', (raw, e164) => {
    expect(scan(`<p>Appelez le ${raw}, merci.</p>`)).toEqual([['phone', raw, e164]]);
  });

  it('reads national numbers of the default region', () => {
    expect(scan('<p>Call (415) 555-0132 today</p>', 'US')).toEqual([['phone', '(415) 555-0132', '+14155550132']]);
    expect(scan('<p>Call (415) 555-0132 today</p>', 'FR')).toEqual([]);
  });

  it('ignores dates, prices, references and barcodes', () => {
    expect(
      scan(`<p>Le 22/11/2026 à 10:45, commande 2026-11-0042, 129,90 €, réf. 4512-889-01,
        EAN 0012345678901, 12 000 clients, v1.2.3, IBAN FR76 3000 6000 0112 3456 7890 189, #48213</p>`),
    ).toEqual([]);
  });
});

describe('e-mails in text', () => {
  it('reads addresses with tags, subdomains and surrounding punctuation', () => {
    expect(scan('<p>(marie.dupont+shop@mail.client.co.uk), "Paul@Free.fr".</p>')).toEqual([
      ['email', 'marie.dupont+shop@mail.client.co.uk', 'marie.dupont+shop@mail.client.co.uk'],
      ['email', 'Paul@Free.fr', 'paul@free.fr'],
    ]);
  });
  it('ignores retina image names', () => {
    expect(scan('<p>logo@2x.png icon@3x.webp</p>')).toEqual([]);
  });
});

describe('name hints', () => {
  it('collects inline "Nom : …" fields', () => {
    const result = scanPage(page('<p>Nom : Camille Rousseau</p><p>Client: 48213</p>'), { region: 'FR', pageNetwork: null });
    expect(result.nameHints.map((h) => h.name)).toEqual(['Camille Rousseau']);
  });
});

describe('limits', () => {
  const filler = `<p>${'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(40)}</p>`;

  it('stops after ~200 KB of text and says so', () => {
    const big = page(`<main><p>first@client.fr</p>${filler.repeat(120)}<p>late@client.fr</p></main>`);
    const result = scanPage(big, { region: 'FR', pageNetwork: null });
    expect(result.truncated).toBe(true);
    expect(result.hits.map((h) => h.value)).toEqual(['first@client.fr']);
  });

  it('does not let scripts and hidden templates use up the text budget', () => {
    const state = `<script type="application/json">${JSON.stringify({ rows: 'x'.repeat(150_000) })}</script>`;
    const template = `<div hidden>${'Modèle de réponse : bonjour@exemple.fr. '.repeat(3_000)}</div>`;
    const result = scanPage(page(`${state}${template}<main><p>Client : marie@client.fr</p></main>`), { region: 'FR', pageNetwork: null });
    expect(result.truncated).toBe(false);
    expect(result.hits.map((h) => h.value)).toEqual(['marie@client.fr']);
  });

  it('reads a large page without a customer and finds none', () => {
    const body = `<main>${`<div class="row"><span>Item</span> ${filler}</div>`.repeat(300)}<p>Email: m@client.fr</p></main>`;
    const doc = page(body);
    const d = genericAdapter.read({ url: new URL('https://a.example.org/'), document: doc, own: { domains: [], signatures: [] }, defaultRegion: 'FR' });
    expect(d).toBeNull();
  });

  it('returns at most 25 identifiers, best first', () => {
    const many = Array.from({ length: 60 }, (_, i) => `<p>u${i}@client.fr</p>`).join('');
    const d = genericAdapter.read({
      url: new URL('https://a.example.org/'),
      document: page(`<main><p>Email: best@client.fr</p>${many}</main>`),
      own: { domains: [], signatures: [] },
      defaultRegion: 'FR',
    });
    expect(d?.customer.identifiers).toHaveLength(25);
    expect(d?.customer.identifiers[0]?.value).toBe('best@client.fr');
  });

  it('keeps a text budget when the page is full of profile links', () => {
    const links = Array.from({ length: 500 }, (_, i) => `<a href="https://x.com/u${i}">u${i}</a>`).join('');
    const result = scanPage(page(`<nav>${links}</nav><main><p>Email: m@client.fr</p></main>`), { region: 'FR', pageNetwork: null });
    expect(result.hits.filter((h) => h.via === 'link')).toHaveLength(200);
    expect(result.hits.some((h) => h.value === 'm@client.fr')).toBe(true);
  });

  it('caps the number of hits', () => {
    const many = Array.from({ length: 600 }, (_, i) => `<p>u${i}@client.fr</p>`).join('');
    expect(scanPage(page(many), { region: 'FR', pageNetwork: null, maxHits: 50 }).hits).toHaveLength(50);
  });
});
