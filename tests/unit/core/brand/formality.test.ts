import { describe, expect, it } from 'vitest';
import { context, customer, fixed, flagged, guide, only } from './support';

const vous = context({ guide: guide({ formality: 'vous' }) });
const tu = context({ guide: guide({ formality: 'tu' }) });

describe('the brand says vous', () => {
  it.each([
    ['Merci pour ton message.', 'Merci pour votre message.'],
    ['Ta commande est partie.', 'Votre commande est partie.'],
    ['Voici tes remboursements.', 'Voici vos remboursements.'],
    ['Je te remercie.', 'Je vous remercie.'],
    ['Je t’envoie le lien.', 'Je vous envoie le lien.'],
    ["Je t'ai envoyé le lien.", 'Je vous ai envoyé le lien.'],
    ['C’est pour toi.', 'C’est pour vous.'],
    ['Tu peux nous écrire.', 'Vous pouvez nous écrire.'],
    ['Tu es le bienvenu.', 'Vous êtes le bienvenu.'],
    ['Merci, tu as raison.', 'Merci, vous avez raison.'],
    ['Si tu veux, tu recevras un avoir.', 'Si vous voulez, vous recevrez un avoir.'],
    ['Tu trouves le bouton en haut.', 'Vous trouvez le bouton en haut.'],
    ['Tu pourrais essayer ?', 'Vous pourriez essayer ?'],
  ])('%j → %j', (draft, expected) => {
    expect(fixed(draft, vous, 'formality')).toBe(expected);
  });

  it('reports "tu" before a verb it cannot conjugate, without a fix', () => {
    const draft = 'Tu connais la marque ? Tu ne peux pas.';
    const issues = only(draft, vous, 'formality');
    expect(flagged(draft, issues)).toEqual(['Tu', 'Tu']);
    expect(issues.every((i) => i.fix === undefined && i.severity === 'error')).toBe(true);
  });

  it('flags imperatives before "-moi" as warnings and leaves them as written', () => {
    const draft = 'Dis-moi si ça marche, et envoyez-moi la facture.';
    const issues = only(draft, vous, 'formality');
    expect(flagged(draft, issues)).toEqual(['Dis-moi']);
    expect(issues[0]).toMatchObject({ severity: 'warning' });
    expect(issues[0]?.fix).toBeUndefined();
  });

  it('flags "-toi" without rewriting it', () => {
    const draft = 'Rends-toi en boutique.';
    expect(flagged(draft, only(draft, vous, 'formality'))).toEqual(['toi']);
    expect(fixed(draft, vous, 'formality')).toBe(draft);
  });

  it.each([
    'Votre statut est à jour.',
    'Le tutoriel est en ligne, la tuile aussi.',
    'Nous avons pris un ton plus cordial, sur le ton de la conversation.',
    'Il s’est tu.',
    'Bonjour Tu, votre colis est parti.',
    'Vous pouvez nous écrire, votre commande est prête.',
    'Le thé est offert.',
    '> tu m’as oublié ?\nNous vous présentons nos excuses.',
  ])('%j → nothing', (draft) => {
    expect(only(draft, vous, 'formality')).toEqual([]);
  });

  it('knows a customer whose name is Tu', () => {
    const ctx = { ...vous, customer: customer({ firstName: 'Tu', lastName: 'Nguyen' }) };
    expect(only('Tu, votre colis est parti.', ctx, 'formality')).toEqual([]);
  });

  it('does not check English drafts', () => {
    expect(only('Tu es in Latin, ta-da, te amo.', { ...vous, language: 'en' }, 'formality')).toEqual([]);
  });
});

describe('the brand says tu', () => {
  it('flags vous, votre and vos as warnings, and fixes only "vos"', () => {
    const draft = 'Merci pour votre message, vous recevrez vos colis.';
    const issues = only(draft, tu, 'formality');
    expect(flagged(draft, issues)).toEqual(['votre', 'vous', 'vos']);
    expect(issues.every((i) => i.severity === 'warning' && i.message.key === 'draftFormalityTu')).toBe(true);
    expect(fixed(draft, tu, 'formality')).toBe('Merci pour votre message, vous recevrez tes colis.');
  });

  it('accepts tu', () => {
    expect(only('Merci pour ton message, tu recevras ton colis.', tu, 'formality')).toEqual([]);
  });
});

describe('first name', () => {
  const noFirstName = context({ guide: guide({ useFirstName: false }) });
  const firstName = context({ guide: guide({ useFirstName: true }) });

  it('removes the first name from a greeting when the brand does not use first names', () => {
    const draft = 'Bonjour Marie,\nVotre colis est parti.';
    expect(only(draft, noFirstName, 'formality')[0]).toMatchObject({ severity: 'warning', message: { key: 'draftFirstNameAvoid', params: { name: 'Marie' } } });
    expect(fixed(draft, noFirstName, 'formality')).toBe('Bonjour,\nVotre colis est parti.');
  });

  it('flags the first name elsewhere without a fix', () => {
    const draft = 'Merci Marie pour votre patience.';
    const [issue] = only(draft, noFirstName, 'formality');
    expect(flagged(draft, issue ? [issue] : [])).toEqual(['Marie']);
    expect(issue?.fix).toBeUndefined();
  });

  it('adds the first name to a bare greeting when the brand uses first names', () => {
    expect(fixed('Bonjour,\nVotre colis est parti.', firstName, 'formality')).toBe('Bonjour Marie,\nVotre colis est parti.');
    expect(fixed('Hello!\nYour parcel shipped.', { ...firstName, language: 'en' }, 'formality')).toBe('Hello Marie!\nYour parcel shipped.');
  });

  it.each(['Bonjour Madame Durand,\nVotre colis.', 'Bonjour Marie,\nVotre colis.', 'Votre colis est parti.', 'Bonjour à vous,\nVotre colis.'])('%j → nothing to add', (draft) => {
    expect(only(draft, firstName, 'formality')).toEqual([]);
  });
});
