import { describe, expect, it } from 'vitest';
import { suggest, type SuggestInput } from '../../../src/ai/suggest';
import { LocalIndex } from '../../../src/ai/local/retrieval';
import { generaliseReply, pastRepliesFrom } from '../../../src/ai/local/past-replies';
import type { MessageEvent } from '../../../src/core/timeline/event';
import { LEA, NOW, OTHER_IDENTIFIERS, PROMOTIONS, TEMPLATES } from '../../corpora/people';
import { pastReplies } from '../../corpora/past-replies';

const input = (text: string, extra: Partial<SuggestInput> = {}): SuggestInput => ({
  conversation: { key: 'k', channel: 'email', messages: [{ direction: 'inbound', text }] },
  customer: { ...LEA, language: undefined },
  timeline: [],
  promotions: PROMOTIONS,
  templates: TEMPLATES,
  pastReplies: pastReplies(),
  others: OTHER_IDENTIFIERS,
  agent: { name: 'Camille' },
  now: NOW,
  ...extra,
});

describe('local suggestions (no model)', () => {
  it('finds the matching template in the customer\'s language, filled with their data', async () => {
    const fr = await suggest(input('Bonjour, ma commande est en retard, le colis n’est pas arrivé.'));
    expect(fr.source).toBe('local');
    expect(fr.suggestions[0]).toMatchObject({ source: 'template', templateIds: ['tpl-late'], language: 'fr', verdict: 'ok', canInsert: true });
    expect(fr.suggestions[0]!.text).toMatch(/^Bonjour Léa,\n\nJe suis désolée pour le retard[\s\S]*Camille$/);
    const en = await suggest(input('Hi, my order is late and the parcel has not arrived.'));
    expect(en.suggestions.find((s) => s.templateIds[0] === 'tpl-late')?.text).toMatch(/^Hi Léa,\n\nI am sorry your order is late/);
    expect(en.suggestions.every((s) => s.language === 'en')).toBe(true);
    expect(en.suggestions.length).toBeLessThanOrEqual(3);
  });

  it("reuses a team reply with this customer's name, never the original customer's", async () => {
    const result = await suggest(input('Mon colis est arrivé abîmé, je veux une remise'));
    const reply = result.suggestions.find((s) => s.source === 'past-reply');
    expect(reply?.text).toMatch(/^Bonjour Léa, je suis navrée pour ce colis abîmé/);
    expect(result.suggestions.map((s) => s.text).join(' ')).not.toMatch(/Marie|Chloé|John/);
  });

  it('leaves fill-in fields for the agent and does not let them insert before', async () => {
    const result = await suggest(input('Je voudrais changer l’adresse de livraison de ma commande'));
    const address = result.suggestions.find((s) => s.templateIds[0] === 'tpl-address');
    expect(address).toMatchObject({ canInsert: false, unfilled: [{ label: 'nouvelle adresse' }] });
  });

  it('offers the promotion template only to customers it is for', async () => {
    const asNew = await suggest(input('Avez-vous un code promo pour ma première commande ?'));
    expect(asNew.suggestions.some((s) => s.templateIds[0] === 'tpl-welcome' && s.text.includes('BIENVENUE10') && s.promotionIds[0] === 'promo-welcome')).toBe(true);
    const existing = await suggest(input('Avez-vous un code promo pour ma commande ?', { customer: { ...LEA, kind: 'existing' } }));
    expect(existing.suggestions.some((s) => s.text.includes('BIENVENUE10') || s.text.includes('VIP30'))).toBe(false);
  });

  it('updates its index one record at a time', () => {
    const index = new LocalIndex(TEMPLATES, []);
    const size = index.size;
    const query = { text: 'parapluie cassé dans le colis', language: 'fr' as const, channel: 'email' };
    expect(index.find(query).some((c) => c.ref === 'tpl-umbrella')).toBe(false);
    const umbrella = { ...TEMPLATES[0]!, id: 'tpl-umbrella', title: 'Parapluie cassé', variants: [{ language: 'fr' as const, channel: 'default' as const, body: 'Votre parapluie est cassé ? Envoyez-nous une photo.' }] };
    index.upsertTemplate(umbrella);
    expect(index.find(query)[0]!.ref).toBe('tpl-umbrella');
    index.upsertTemplate({ ...umbrella, title: 'Parasol', variants: [{ language: 'fr', channel: 'default', body: 'Votre parasol ?' }] });
    expect(index.find(query).some((c) => c.ref === 'tpl-umbrella')).toBe(false);
    index.removeTemplate('tpl-umbrella');
    expect(index.size).toBe(size);
    index.addPastReply({ id: 'p1', text: 'Bonjour Anne, le parapluie part demain.', question: 'Mon parapluie est cassé', channel: 'email', at: NOW, customer: { firstName: 'Anne' } });
    expect(index.find(query)[0]).toMatchObject({ kind: 'reply', ref: 'p1' });
    index.removePastReply('p1');
    expect(index.find(query).some((c) => c.ref === 'p1')).toBe(false);
  });

  it('syncs to the current templates and replies, touching only what changed', () => {
    const replies = pastReplies(20);
    const index = new LocalIndex(TEMPLATES, replies);
    expect(index.sync(TEMPLATES, replies)).toEqual({ changed: 0 });
    const edited = { ...TEMPLATES[0]!, updatedAt: NOW, variants: [{ language: 'fr' as const, channel: 'default' as const, body: 'Parapluie retrouvé !' }] };
    expect(index.sync([edited, ...TEMPLATES.slice(2)], [...replies.slice(1), { ...replies[0]!, id: 'new' }])).toEqual({ changed: 4 });
    expect(index.find({ text: 'parapluie', language: 'fr', channel: 'email' })[0]).toMatchObject({ ref: edited.id });
    expect(index.templates.has(TEMPLATES[1]!.id)).toBe(false);
    expect(index.replies.has('past-0')).toBe(false);
    expect(index.replies.has('new')).toBe(true);
  });

  it('indexes a known reply again when the question it answered changed, and refreshes its record otherwise', () => {
    const reply = { id: 'p1', text: 'Bonjour Anne, nous regardons.', question: 'Mon parapluie est cassé', channel: 'email', at: NOW, customer: { firstName: 'Anne', identifiers: ['anne@a.fr'] } };
    const index = new LocalIndex([], [reply]);
    const umbrella = { text: 'parapluie', language: 'fr' as const, channel: 'email' };
    const bike = { text: 'vélo crevé', language: 'fr' as const, channel: 'email' };
    expect(index.find(umbrella)[0]?.ref).toBe('p1');
    const wider = { ...reply, customer: { ...reply.customer, identifiers: ['anne@a.fr', '+33612345678'] } };
    expect(index.sync([], [wider])).toEqual({ changed: 0 });
    expect(index.replies.get('p1')?.customer?.identifiers).toEqual(['anne@a.fr', '+33612345678']);
    expect(index.sync([], [{ ...wider, question: 'Mon vélo est crevé' }])).toEqual({ changed: 1 });
    expect(index.find(bike)[0]?.ref).toBe('p1');
    expect(index.find(umbrella)).toEqual([]);
  });
});

describe('past replies', () => {
  it('pairs each agent reply with the customer message it answered, per conversation', () => {
    const subject = { customerId: 'c1', identifierKey: 'email:a@b.fr' };
    const m = (id: string, at: number, direction: MessageEvent['direction'], text: string, conversationKey = 'c'): MessageEvent => ({ id, type: 'message', subject, at, tool: 'zendesk', channel: 'email', conversationKey, direction, text });
    const replies = pastRepliesFrom([m('1', 1, 'inbound', 'Où est mon colis ?'), m('2', 2, 'inbound', 'Autre sujet', 'd'), m('3', 3, 'outbound', 'Il arrive demain.'), m('4', 4, 'outbound', 'Réponse sans question', 'e')]);
    expect(replies).toEqual([{ id: '3', text: 'Il arrive demain.', question: 'Où est mon colis ?', channel: 'email', at: 3 }]);
  });

  it('turns the original customer\'s name into variables but leaves their e-mail whole for the guard', () => {
    const text = generaliseReply({ id: 'x', question: '', channel: 'email', at: 0, text: 'Bonjour Marie, écrivez à marie.dupont@orange.fr. Merci Marie.', customer: { firstName: 'Marie', lastName: 'Dupont' } });
    expect(text).toBe('Bonjour {{customer.firstName}}, écrivez à marie.dupont@orange.fr. Merci {{customer.firstName}}.');
  });
});
