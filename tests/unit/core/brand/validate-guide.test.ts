import { describe, expect, it } from 'vitest';
import en from '../../../../public/_locales/en/messages.json';
import fr from '../../../../public/_locales/fr/messages.json';
import { validateBrandGuide } from '../../../../src/core/brand/validate-guide';
import type { FieldError } from '../../../../src/core/brand/validation';
import { NOW } from './support';

const errorsOf = (input: unknown): Array<[string, string]> => {
  const result = validateBrandGuide(input);
  if (result.ok) return [];
  for (const e of result.errors) {
    expect(en).toHaveProperty(e.message.key);
    expect(fr).toHaveProperty(e.message.key);
  }
  return result.errors.map((e: FieldError) => [e.path.join('.'), e.message.key]);
};

describe('validateBrandGuide', () => {
  it('accepts a sound guide and fills the defaults', () => {
    const result = validateBrandGuide({ version: 3, updatedAt: NOW, channels: [{ channel: 'x', maxLength: 280 }], bannedTerms: [{ term: 'bug', replacement: 'incident' }] });
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value).toMatchObject({ formality: 'vous', useFirstName: true, channels: [{ emoji: 'sparingly' }], bannedTerms: [{ term: 'bug' }] });
  });

  it('names each bad field', () => {
    expect(errorsOf({ version: -1, updatedAt: NOW, formality: 'toi', channels: [{ channel: 'fax' }], bannedTerms: [{ term: '' }] })).toEqual([
      ['version', 'fieldTooLow'],
      ['formality', 'fieldInvalid'],
      ['channels.0.channel', 'fieldInvalid'],
      ['bannedTerms.0.term', 'fieldRequired'],
    ]);
    expect(errorsOf({ updatedAt: NOW })).toEqual([['version', 'fieldRequired']]);
  });

  it('checks the variables of greetings and sign-offs', () => {
    expect(errorsOf({ version: 1, updatedAt: NOW, channels: [{ channel: 'email', greeting: 'Bonjour {{client.prenom}},', signOff: 'Merci {{agent.name' }] })).toEqual([
      ['channels.0.greeting', 'templateUnknownVariable'],
      ['channels.0.signOff', 'templateUnclosedVariable'],
    ]);
  });

  it('refuses duplicates and contradictions between terms and channel rules', () => {
    expect(
      errorsOf({
        version: 1,
        updatedAt: NOW,
        channels: [{ channel: 'email' }, { channel: 'email', language: 'fr' }, { channel: 'email' }],
        bannedTerms: [{ term: 'Bug', replacement: 'incident' }, { term: 'bug' }, { term: 'incident', replacement: 'bug' }],
        preferredTerms: [{ term: 'BUG', replacement: 'souci' }, { term: 'mail' }],
      }),
    ).toEqual([
      ['channels.2.channel', 'guideDuplicateChannel'],
      ['bannedTerms.1.term', 'guideDuplicateTerm'],
      ['bannedTerms.0.replacement', 'guideReplacementBanned'],
      ['bannedTerms.2.replacement', 'guideReplacementBanned'],
      ['preferredTerms.0.term', 'guideTermBannedAndPreferred'],
      ['preferredTerms.1.replacement', 'fieldRequired'],
    ]);
  });
});
