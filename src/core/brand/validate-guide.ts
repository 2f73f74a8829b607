/**
 * Authoring checks for the brand guide: the schema, then what it cannot see: greetings and
 * sign-offs written with unknown variables, a channel rule given twice, a term listed twice or
 * both banned and preferred, a banned term whose replacement is itself banned.
 */
import { bodyErrors } from '../templates/validate';
import { BrandGuideSchema, type BrandGuide, type TermRule } from './model';
import { foldedWords } from './text';
import { fieldError, validateWith, type FieldError, type Validation } from './validation';

const termKey = (rule: TermRule) => `${rule.language ?? '*'}|${foldedWords(rule.term).join(' ')}`;

function termErrors(guide: BrandGuide): FieldError[] {
  const errors: FieldError[] = [];
  const banned = new Map<string, number>();
  guide.bannedTerms.forEach((rule, i) => {
    const key = termKey(rule);
    if (banned.has(key)) errors.push(fieldError(['bannedTerms', i, 'term'], 'guideDuplicateTerm', { term: rule.term }));
    banned.set(key, i);
  });
  guide.bannedTerms.forEach((rule, i) => {
    // "bug" → "incident" and "incident" → "bug" would never settle.
    const replacement = rule.replacement && banned.has(`${rule.language ?? '*'}|${foldedWords(rule.replacement).join(' ')}`);
    if (replacement) errors.push(fieldError(['bannedTerms', i, 'replacement'], 'guideReplacementBanned', { term: rule.replacement }));
  });
  const preferred = new Set<string>();
  guide.preferredTerms.forEach((rule, i) => {
    const key = termKey(rule);
    if (banned.has(key)) errors.push(fieldError(['preferredTerms', i, 'term'], 'guideTermBannedAndPreferred', { term: rule.term }));
    else if (preferred.has(key)) errors.push(fieldError(['preferredTerms', i, 'term'], 'guideDuplicateTerm', { term: rule.term }));
    if (!rule.replacement) errors.push(fieldError(['preferredTerms', i, 'replacement'], 'fieldRequired'));
    preferred.add(key);
  });
  return errors;
}

function channelErrors(guide: BrandGuide): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  guide.channels.forEach((rule, i) => {
    const key = `${rule.channel}|${rule.language ?? '*'}`;
    if (seen.has(key)) errors.push(fieldError(['channels', i, 'channel'], 'guideDuplicateChannel', { channel: rule.channel }));
    seen.add(key);
    if (rule.greeting) errors.push(...bodyErrors(rule.greeting, ['channels', i, 'greeting']));
    if (rule.signOff) errors.push(...bodyErrors(rule.signOff, ['channels', i, 'signOff']));
  });
  return errors;
}

export function validateBrandGuide(input: unknown): Validation<BrandGuide> {
  return validateWith(BrandGuideSchema, input, (guide) => [...channelErrors(guide), ...termErrors(guide)]);
}
