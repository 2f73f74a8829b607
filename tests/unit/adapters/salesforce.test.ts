// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { salesforceAdapter } from '../../../src/adapters/salesforce/index';
import { appId, context, email, fixture, local, phone, readPage } from './site-fixture';

const AGENT = { domains: ['boulangerie-bernard.fr'], signatures: ['Jean Martin'] };
const HOST = 'https://boulangerie-bernard.lightning.force.com';

describe('salesforce: Case record', () => {
  const doc = fixture('salesforce', 'case');
  const d = readPage(salesforceAdapter, context(doc, `${HOST}/lightning/r/Case/5008d00000XyZaBAAV/view`, AGENT));

  it("reads the case's contact fields and both record ids (case kept as written)", () => {
    expect(d.customer.name).toBe('Lucas Moreau');
    expect(d.customer.identifiers).toEqual([
      email('lucas.moreau@gmail.com'),
      phone('0478123456', '+33478123456'),
      appId('salesforce:contact', '0038d00000AbCdEAAZ', 0.95),
      appId('salesforce:case', '5008d00000XyZaBAAV', 0.5),
    ]);
    expect(d.conversation.key).toBe('salesforce:case:5008d00000XyZaBAAV');
  });

  it('reads the e-mails of the case feed, not the text post', () => {
    expect(d.conversation.messages).toEqual([
      { direction: 'inbound', author: 'Lucas Moreau', time: local(2026, 11, 21, 8, 58), channel: 'email', text: "Bonjour, ma commande de samedi (n° 5521) n'est pas arrivée. Lucas" },
      { direction: 'outbound', author: 'Jean Martin', time: local(2026, 11, 21, 9, 20), channel: 'email', text: 'Bonjour Lucas, votre commande part ce matin avant 11 h. Toutes nos excuses.' },
    ]);
  });

  it('finds the e-mail publisher', () => {
    expect(salesforceAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe("Corps de l'e-mail");
  });
});

describe('salesforce: Contact record', () => {
  const doc = fixture('salesforce', 'contact');
  const d = readPage(salesforceAdapter, context(doc, `${HOST}/lightning/r/Contact/0038d00000AbCdEAAZ/view`, AGENT));

  it('reads the contact without its salutation, both phones and the contact id', () => {
    expect(d.customer.name).toBe('Lucas Moreau');
    expect(d.customer.identifiers.map((i) => i.value)).toEqual(['lucas.moreau@gmail.com', '+33478123456', '+33611223399', 'salesforce:contact:0038d00000AbCdEAAZ']);
    expect(d.conversation).toEqual({ key: 'salesforce:contact:0038d00000AbCdEAAZ', messages: [] });
  });

  it('has no reply box and does not apply to Classic or Setup pages', () => {
    expect(salesforceAdapter.findReplyBox(doc)).toBeNull();
    expect(salesforceAdapter.matches(context(doc, 'https://boulangerie-bernard.my.salesforce.com/0038d00000AbCdE'))).toBe(false);
  });
});
