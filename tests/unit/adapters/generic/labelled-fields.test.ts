// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../src/adapters/generic/index';
import { customerNumber, siteSegment } from '../../../../src/adapters/generic/labelled-fields';
import { normaliseIdentifier } from '../../../../src/core/identity/identifier';
import type { Detection } from '../../../../src/adapters/types';

const page = (html: string) => new DOMParser().parseFromString(`<!doctype html><html><body><main>${html}</main></body></html>`, 'text/html');
const fixture = (dir: string) =>
  new DOMParser().parseFromString(readFileSync(resolve(import.meta.dirname, '../../../fixtures/generic', dir, 'page.html'), 'utf8'), 'text/html');

function read(doc: Document, url = 'https://crm.exemple-boutique.fr/fiche/1', region = 'FR'): Detection | null {
  return genericAdapter.read({ url: new URL(url), document: doc, own: { domains: [], signatures: [] }, defaultRegion: region });
}
const appIds = (d: Detection | null) => d?.customer.identifiers.filter((i) => i.kind === 'app-id').map((i) => i.value) ?? [];

describe('French CRM record (fixture 2026-11-23-fr-crm-fiche)', () => {
  const d = read(fixture('2026-11-23-fr-crm-fiche'), 'https://crm.atelier-pivoine.fr/contacts/55012');

  it('reads "Client n°" as the site’s customer id, not the referrer’s number in the side box', () => {
    expect(d?.customer.identifiers.find((i) => i.kind === 'app-id')).toEqual({
      kind: 'app-id',
      raw: 'C-55012',
      value: 'crm-atelier-pivoine-fr:customer:C-55012',
      score: 0.9,
    });
    expect(appIds(d)).toHaveLength(1);
    expect(JSON.stringify(d)).not.toContain('C-41877');
    expect(JSON.stringify(d)).not.toContain('CMD-2026');
  });

  it('reads "Courriel : …" rows, a "Tél." text field and the "Nom" field', () => {
    expect(d?.customer.identifiers.slice(0, 2)).toEqual([
      { kind: 'email', raw: 'lea.fontaine@free.fr', value: 'lea.fontaine@free.fr', score: 1 },
      { kind: 'phone', raw: '06 98 76 54 32', value: '+33698765432', score: 0.9 },
    ]);
    expect(d?.customer.name).toBe('Léa Fontaine');
  });

  it('says how sure it is and why', () => {
    expect(d?.confidence).toBeGreaterThanOrEqual(0.95);
    expect(d?.reasons).toEqual(['labelled-field', 'main-content', 'customer-number', 'name']);
  });

  it('gives the identity graph a strong, site-scoped person id', () => {
    const value = appIds(d)[0]!;
    expect(normaliseIdentifier(value, 'app-id')).toMatchObject({
      key: 'app:crm-atelier-pivoine-fr:customer:c-55012',
      strength: 'strong',
      namespace: 'crm-atelier-pivoine-fr:customer',
    });
  });
});

describe('English account page with a definition list (fixture 2026-11-23-en-account-dl)', () => {
  const d = read(fixture('2026-11-23-en-account-dl'), 'https://billing.northwind.co.uk/accounts/20931', 'GB');

  it('reads Name, Customer ID, E-mail, Phone and Mobile', () => {
    expect(d?.customer.name).toBe('Oliver Bennett');
    expect(d?.customer.identifiers.map((i) => [i.kind, i.value])).toEqual(
      expect.arrayContaining([
        ['email', 'oliver.bennett@btinternet.com'],
        ['phone', '+442079460321'],
        ['phone', '+447700900123'],
        ['app-id', 'billing-northwind-co-uk:customer:CU-20931'],
      ]),
    );
    expect(d?.customer.identifiers[0]?.value).toBe('oliver.bennett@btinternet.com');
    expect(d?.reasons).toContain('customer-number');
  });

  it('keeps invoice and card numbers out', () => {
    expect(appIds(d)).toEqual(['billing-northwind-co-uk:customer:CU-20931']);
    expect(JSON.stringify(d)).not.toMatch(/INV-7781|4242/);
  });
});

describe('customer-number labels in every layout', () => {
  const LABELS = ['N° client', 'Numéro client', 'Numéro de client', 'Client n°', 'Nº client', 'Code client', 'Customer ID', 'Customer #', 'Customer number', 'Account number', 'Client ID'];
  const LAYOUTS: Record<string, (label: string) => string> = {
    table: (l) => `<table><tr><th>${l}</th><td>100482</td></tr></table>`,
    'definition list': (l) => `<dl><dt>${l}</dt><dd>100482</dd></dl>`,
    'label and input': (l) => `<label for="n">${l}</label><input id="n" type="text" value="100482">`,
    'label : value row': (l) => `<p>${l} : 100482</p>`,
    'bold label': (l) => `<p><b>${l} :</b> 100482</p>`,
    'label/value spans': (l) => `<div><span class="field-label">${l}</span><span class="field-value">100482</span></div>`,
  };
  for (const [layout, html] of Object.entries(LAYOUTS)) {
    it.each(LABELS)(`${layout}: %s`, (label) => {
      expect(appIds(read(page(html(label))))).toEqual(['crm-exemple-boutique-fr:customer:100482']);
    });
  }

  it('ignores other numbers, prose, and labels that only look alike', () => {
    const none = [
      '<table><tr><th>N° commande</th><td>100482</td></tr></table>',
      '<dl><dt>Order #</dt><dd>100482</dd></dl>',
      '<p>Le client n° 100482 a rappelé hier pour sa commande.</p>',
      '<dl><dt>Client</dt><dd>100482</dd></dl>',
      '<dl><dt>Customer ID</dt><dd>Marie Dupont</dd></dl>',
      '<dl><dt>Customer ID</dt><dd>see the attached export of 12 March</dd></dl>',
    ];
    for (const html of none) expect(appIds(read(page(html))), html).toEqual([]);
    // Page chrome (the site's header) is never the customer's.
    const chrome = new DOMParser().parseFromString('<body><header><dl><dt>Customer ID</dt><dd>100482</dd></dl></header><main><p>Bonjour</p></main></body>', 'text/html');
    expect(appIds(read(chrome))).toEqual([]);
  });

  it('never takes a card number or an IBAN for a customer number', () => {
    expect(customerNumber('4242424242424242')).toBeNull();
    expect(customerNumber('4242-4242-4242-4242')).toBeNull();
    expect(customerNumber('FR7630006000011234567890189')).toBeNull();
    expect(appIds(read(page('<dl><dt>Account number</dt><dd>FR7630006000011234567890189</dd></dl>')))).toEqual([]);
    // A number that merely has 16 digits but fails Luhn is an ordinary id.
    expect(customerNumber('4242424242424241')).toBe('4242424242424241');
    expect(customerNumber('#CU-20931')).toBe('CU-20931');
    expect(customerNumber('n° 100482')).toBe('100482');
  });

  it('names the site in a form the identity graph accepts', () => {
    expect(siteSegment('www.Ma-Boutique.fr')).toBe('ma-boutique-fr');
    expect(siteSegment('127.0.0.1')).toBe('h127-0-0-1');
    expect(siteSegment('support.eu-west.some-very-long-company-name.example.com')).toMatch(/^[a-z][a-z0-9_-]{0,31}$/);
    expect(normaliseIdentifier(`${siteSegment('127.0.0.1')}:customer:42`, 'app-id')?.strength).toBe('strong');
  });
});

describe('stated confidence', () => {
  it('a customer number alone is fairly sure; a name alone is not', () => {
    expect(read(page('<dl><dt>N° client</dt><dd>100482</dd></dl>'))).toMatchObject({ confidence: 0.7, reasons: ['customer-number'] });
    expect(read(page('<dl><dt>Nom</dt><dd>Marie Dupont</dd></dl>'))).toMatchObject({ confidence: 0.2, reasons: ['name-only'] });
  });

  it('two equal e-mails lower it and say so', () => {
    const d = read(page('<dl><dt>E-mail</dt><dd>marie.dupont@free.fr</dd><dt>E-mail</dt><dd>paul.martin@free.fr</dd></dl>'));
    expect(d?.reasons).toContain('rival');
    expect(d?.confidence).toBeLessThan(0.95);
  });
});
