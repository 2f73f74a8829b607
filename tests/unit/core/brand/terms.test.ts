import { describe, expect, it } from 'vitest';
import { context, fixed, flagged, guide, only } from './support';

const fr = context({
  guide: guide({
    bannedTerms: [
      { term: 'problème', replacement: 'souci' },
      { term: 'erreur', replacement: 'souci', gender: 'masculine' },
      { term: 'bug', replacement: 'incident' },
      { term: 'pas de souci', replacement: 'avec plaisir' },
      { term: 'n’hésitez pas à', replacement: 'vous pouvez' },
      { term: 'malheureusement', replacement: '' },
      { term: 'réclamation', replacement: 'demande' },
      { term: 'cheap', replacement: 'affordable', language: 'en' },
    ],
    preferredTerms: [{ term: 'client', replacement: 'cliente ou client' }, { term: 'mail', replacement: 'e-mail' }],
  }),
});
const en = { ...fr, language: 'en' as const };

describe('banned terms, French', () => {
  it.each([
    ['Votre problème est réglé.', 'Votre souci est réglé.'],
    ['PROBLÈME RÉGLÉ', 'SOUCI RÉGLÉ'],
    ['Problème réglé.', 'Souci réglé.'],
    ['Votre probleme est réglé.', 'Votre souci est réglé.'],
    ['Vos problèmes sont réglés.', 'Vos soucis sont réglés.'],
    ['Nous avons vu l’erreur.', 'Nous avons vu le souci.'],
    ["L'ERREUR EST CORRIGÉE", 'LE SOUCI EST CORRIGÉE'],
    ['Le bug est corrigé.', "L'incident est corrigé."],
    ['Il s’agit du bug signalé.', 'Il s’agit de l’incident signalé.'],
    ['Pas de souci, je regarde.', 'Avec plaisir, je regarde.'],
    ['Pas  de souci !', 'Avec plaisir !'],
    ['Malheureusement le colis est perdu.', 'Le colis est perdu.'],
    ['Le colis est perdu, malheureusement.', 'Le colis est perdu.'],
    ['Le colis est malheureusement perdu.', 'Le colis est perdu.'],
    ["N'hésitez pas à revenir vers nous.", 'Vous pouvez revenir vers nous.'],
    ['Votre réclamation est enregistrée.', 'Votre demande est enregistrée.'],
  ])('%j → %j', (draft, expected) => {
    expect(fixed(draft, fr, 'banned-term')).toBe(expected);
  });

  it('flags the words as written, with an error and the replacement in the message', () => {
    const draft = 'Votre PROBLÈME et l’erreur.';
    const issues = only(draft, fr, 'banned-term');
    expect(flagged(draft, issues)).toEqual(['PROBLÈME', 'erreur']);
    expect(issues[0]).toMatchObject({ severity: 'error', message: { key: 'draftBannedTerm', params: { term: 'PROBLÈME', replacement: 'souci' } } });
  });

  it('matches whole words only', () => {
    expect(only('Le debugger, les erreurs-types et la réclamationite.', fr, 'banned-term').map((i) => i.message.params.term)).toEqual(['erreurs']);
    expect(only('Un problèmeX et un bugatti.', fr, 'banned-term')).toEqual([]);
  });

  it('leaves a multi-word term across a sentence break alone', () => {
    expect(only('Pas de. Souci.', fr, 'banned-term')).toEqual([]);
  });

  it('reports an elided term it cannot rewrite without knowing the gender, without a fix', () => {
    const g = context({ guide: guide({ bannedTerms: [{ term: 'erreur', replacement: 'souci' }] }) });
    const [issue] = only('Voici l’erreur.', g, 'banned-term');
    expect(issue?.fix).toBeUndefined();
    expect(fixed('Voici d’erreur.', g, 'banned-term')).toBe('Voici de souci.');
  });

  it('keeps the typographic apostrophe style of the draft', () => {
    expect(fixed('C’est le bug.', fr, 'banned-term')).toBe('C’est l’incident.');
    expect(fixed("C'est le bug.", fr, 'banned-term')).toBe("C'est l'incident.");
  });

  it('ignores lines quoted from the customer', () => {
    expect(only('> Votre bug est énorme\nNous regardons.', fr, 'banned-term')).toEqual([]);
  });

  it('applies English-only terms to English drafts only', () => {
    expect(only('Un prix cheap', fr, 'banned-term')).toEqual([]);
    expect(fixed('A cheap option', en, 'banned-term')).toBe('An affordable option');
  });
});

describe('banned terms, English', () => {
  const g = context({
    language: 'en',
    guide: guide({
      bannedTerms: [
        { term: 'problem', replacement: 'issue' },
        { term: 'issue', replacement: 'question', language: 'fr' },
        { term: 'unfortunately', replacement: '' },
        { term: 'no worries', replacement: 'happy to help' },
        { term: "can't", replacement: 'cannot' },
        { term: 'e-mail', replacement: 'email' },
      ],
    }),
  });
  it.each([
    ['We fixed the problem.', 'We fixed the issue.'],
    ['A problem came up.', 'An issue came up.'],
    ['PROBLEM SOLVED', 'ISSUE SOLVED'],
    ['Problems happen.', 'Issues happen.'],
    ['No worries, I will check.', 'Happy to help, I will check.'],
    ['Unfortunately, it shipped late.', 'It shipped late.'],
    ['It is, unfortunately, late.', 'It is late.'],
    ['It is unfortunately late.', 'It is late.'],
    ["We can't refund it.", 'We cannot refund it.'],
    ['We can’t refund it.', 'We cannot refund it.'],
    ['Send an e-mail.', 'Send an email.'],
  ])('%j → %j', (draft, expected) => {
    expect(fixed(draft, g, 'banned-term')).toBe(expected);
  });

  it('does not flag words that contain a term', () => {
    expect(only('The problematic parcel; unproblematic.', g, 'banned-term')).toEqual([]);
  });
});

describe('preferred terms', () => {
  it('suggests the preferred wording as a warning, with a fix', () => {
    const draft = 'Envoyez-nous un mail.';
    const [issue] = only(draft, fr, 'preferred-term');
    expect(issue).toMatchObject({ severity: 'warning', message: { key: 'draftPreferredTerm', params: { term: 'mail', replacement: 'e-mail' } } });
    expect(fixed(draft, fr, 'preferred-term')).toBe('Envoyez-nous un e-mail.');
  });

  it('does not count the banned term replacing a word as preferred wording too', () => {
    expect(only('Le mailing', fr, 'preferred-term')).toEqual([]);
  });
});
