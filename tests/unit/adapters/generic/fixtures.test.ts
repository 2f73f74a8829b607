// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { genericAdapter } from '../../../../src/adapters/generic/index';
import type { Detection, OwnIdentity } from '../../../../src/adapters/types';

function fixture(scenario: string): Document {
  const file = resolve(import.meta.dirname, '../../../fixtures/generic', `2026-11-22-${scenario}`, 'page.html');
  return new DOMParser().parseFromString(readFileSync(file, 'utf8'), 'text/html');
}

function read(doc: Document, url: string, own: OwnIdentity = { domains: ['acme.fr'], signatures: [] }): Detection | null {
  return genericAdapter.read({ url: new URL(url), document: doc, own, defaultRegion: 'FR' });
}

const values = (d: Detection | null) => d?.customer.identifiers.map((i) => i.value) ?? [];

describe('helpdesk ticket (agent account in the header)', () => {
  const doc = fixture('helpdesk-ticket');
  const url = 'https://acme.helpdesk-acme.com/agent/tickets/48213?utm_source=digest&utm_medium=email#comments';
  const d = read(doc, url);

  it('puts the labelled requester e-mail first, as written and normalised', () => {
    expect(d?.customer.identifiers[0]).toEqual({
      kind: 'email',
      raw: 'Marie.Dupont+shop@gmail.com',
      value: 'marie.dupont+shop@gmail.com',
      score: 1,
    });
    expect(d?.customer.identifiers[1]).toMatchObject({ kind: 'phone', value: '+33612345678' });
    expect(d?.confidence).toBeGreaterThanOrEqual(0.9);
  });

  it('never returns the agent: own domain, signed-in header account, script data', () => {
    const v = values(d);
    expect(v).not.toContain('jean.martin@helpdesk-acme.com');
    expect(v).not.toContain('jean.martin@acme.fr');
    expect(v).not.toContain('support@acme.fr');
    expect(v).not.toContain('boot@example.net');
  });

  it('ranks footer and role addresses far below the customer', () => {
    const byValue = new Map(d?.customer.identifiers.map((i) => [i.value, i.score]));
    // The signed-in agent's company domain is the team's: its addresses are never the customer.
    expect(byValue.has('privacy@helpdesk-acme.com')).toBe(false);
    expect(byValue.has('noreply@helpdesk-acme.com')).toBe(false);
    // The team phone in the agent's signature is kept but demoted.
    expect(byValue.get('+33184880000')).toBeLessThan(0.3);
    // A third party mentioned in the customer's message is plausible but second to the labelled fields.
    expect(byValue.get('paul.voisin@free.fr')).toBeLessThan(byValue.get('+33612345678') ?? 0);
  });

  it('reads the requester name from the labelled field', () => {
    expect(d?.customer.name).toBe('Marie Dupont');
  });

  it('reads the thread with directions, authors and times, oldest first', () => {
    const messages = d?.conversation.messages ?? [];
    expect(messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound']);
    expect(messages.map((m) => m.time)).toEqual([
      '2026-11-20T09:15:00.000Z',
      '2026-11-20T10:02:00.000Z',
      '2026-11-21T18:40:00.000Z',
    ]);
    expect(messages[1]?.author).toBe('Jean Martin');
    expect(messages[0]?.text).toMatch(/^Hello, I ordered a coffee grinder on November 12 \(order 48213\)/);
    // Author and time are not repeated in the text.
    expect(messages[0]?.text).not.toContain('Nov 20, 9:15');
  });

  it('keys the conversation on the URL without tracking params or anchors', () => {
    expect(d?.conversation.key).toBe('https://acme.helpdesk-acme.com/agent/tickets/48213');
  });

  it('finds the labelled reply editor, not the search box', () => {
    expect(genericAdapter.findReplyBox(doc)?.getAttribute('aria-label')).toBe('Reply to Marie Dupont');
  });

  it('does not change the page', () => {
    const before = doc.documentElement.outerHTML;
    read(doc, url);
    genericAdapter.findReplyBox(doc);
    expect(doc.documentElement.outerHTML).toBe(before);
  });

  it('returns plain serialisable data', () => {
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });
});

describe('CRM contact card (no <main>, definition list)', () => {
  const doc = fixture('crm-contact');
  const d = read(doc, 'https://app.supercrm.io/contacts/881?tab=overview&fbclid=abc');

  it('finds every labelled field of the card, footer last', () => {
    const v = values(d);
    expect(v.slice(0, 5).sort()).toEqual(
      ['+33478123456', '+33798765432', '@boulangerie.bernard', '@thomas-bernard-75', 'thomas@boulangerie-bernard.fr'].sort(),
    );
    expect(v.slice(5)).toEqual(['hello@supercrm.io', '+14155550132']);
  });

  it('labels handles with their network', () => {
    const handles = d?.customer.identifiers.filter((i) => i.kind === 'handle');
    expect(handles?.map((h) => [h.value, h.network])).toEqual([
      ['@thomas-bernard-75', 'linkedin'],
      ['@boulangerie.bernard', 'instagram'],
    ]);
  });

  it('takes the card heading as the name, never the signed-in user or a field label', () => {
    expect(d?.customer.name).toBe('Thomas Bernard');
    expect(values(d)).not.toContain('sophie.leroy@acme.fr');
  });

  it('skips the empty input and its example placeholder', () => {
    expect(values(d)).not.toContain('name@example.com');
  });

  it('reads the activity feed with times from title attributes', () => {
    const messages = d?.conversation.messages ?? [];
    expect(messages).toHaveLength(3);
    expect(messages[2]).toEqual({
      direction: 'unknown',
      text: 'Note: offered free delivery, promo NOEL26.',
      time: '2026-11-20T16:45:00.000Z',
    });
  });

  it('keeps meaningful query params in the key', () => {
    expect(d?.conversation.key).toBe('https://app.supercrm.io/contacts/881?tab=overview');
  });

  it('has no reply box', () => {
    expect(genericAdapter.findReplyBox(doc)).toBeNull();
  });
});

describe('social inbox DM thread', () => {
  const doc = fixture('social-dm');
  const d = read(doc, 'https://x.com/messages/1234-5678', { domains: [], signatures: ['Camille'] });

  it('picks the open conversation profile over handles in the list and in messages', () => {
    expect(d?.customer.identifiers[0]).toMatchObject({ kind: 'handle', value: '@lea_moreau', network: 'x' });
    expect(values(d).indexOf('@lapostefr')).toBeGreaterThan(0);
    expect(d?.customer.name).toBe('Léa Moreau');
  });

  it('never takes the signed-in account from the nav', () => {
    expect(values(d)).not.toContain('@acme_fr');
  });

  it('reads DM bubbles with direction markers and title times', () => {
    const messages = d?.conversation.messages ?? [];
    expect(messages.map((m) => m.direction)).toEqual(['inbound', 'outbound', 'inbound', 'unknown']);
    expect(messages[1]?.time).toBe('2026-11-21T20:20:00.000Z');
    expect(messages[2]?.text).toBe("Sure, it's 48300.");
    expect(messages[3]?.time).toBeUndefined();
  });

  it('finds the Draft.js composer by its placeholder', () => {
    expect(genericAdapter.findReplyBox(doc)?.getAttribute('data-testid')).toBe('dmComposerTextInput');
  });

  it('gives moderate confidence for a handle-only customer', () => {
    expect(d?.confidence).toBeGreaterThan(0.5);
    expect(d?.confidence).toBeLessThan(0.9);
  });
});

describe('French customer record', () => {
  const doc = fixture('fr-fiche-client');
  const d = read(doc, 'https://bo.ma-boutique.fr/clients/100482', { domains: ['ma-boutique.fr'], signatures: [] });

  it('reads Courriel / Téléphone / Portable fields', () => {
    expect(d?.customer.identifiers.slice(0, 3).map((i) => [i.kind, i.raw, i.value])).toEqual([
      ['email', 'camille.rousseau@orange.fr', 'camille.rousseau@orange.fr'],
      ['phone', '06 12 34 56 78', '+33612345678'],
      ['phone', '01.23.45.67.89', '+33123456789'],
    ]);
  });

  it('drops own-domain role addresses and the "Connecté en tant que" user', () => {
    const v = values(d);
    expect(v).not.toContain('sav@ma-boutique.fr');
    expect(v).not.toContain('ne-pas-repondre@ma-boutique.fr');
    expect(v).not.toContain('paul.girard@gmail.com');
    // The customer number is not a phone: it is the site's own id for her.
    expect(d?.customer.identifiers.filter((i) => i.value.includes('100482'))).toEqual([
      { kind: 'app-id', raw: '100482', value: 'bo-ma-boutique-fr:customer:100482', score: 0.9 },
    ]);
  });

  it('reads "Nom" as the name', () => {
    expect(d?.customer.name).toBe('Camille Rousseau');
  });

  it('reads French comments with dd/mm/yyyy title dates and authors', () => {
    const messages = d?.conversation.messages ?? [];
    expect(messages.map((m) => [m.direction, m.author])).toEqual([
      ['inbound', 'Camille Rousseau'],
      ['outbound', 'Paul Girard'],
    ]);
    expect(messages[1]?.time).toBe(new Date(2026, 10, 21, 14, 32).toISOString());
    expect(messages[0]?.text).toBe(
      'Bonjour, ma commande est arrivée incomplète : il manque la théière. Merci de me rappeler au 06 12 34 56 78.',
    );
  });

  it('prefers the "Écrire une réponse" textarea over the internal note', () => {
    expect(genericAdapter.findReplyBox(doc)?.id).toBe('reponse');
  });
});

describe('page with nothing', () => {
  it('returns null (no dates, prices, references, @media or logo@2x taken)', () => {
    const doc = fixture('empty');
    expect(read(doc, 'https://maison-lefevre.fr/histoire')).toBeNull();
    expect(genericAdapter.findReplyBox(doc)).toBeNull();
  });
});
