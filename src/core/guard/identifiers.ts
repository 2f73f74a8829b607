/**
 * Whose identifiers a reply mentions. A reply may name the customer on screen (their e-mail,
 * phone, handle, order numbers) and the team's own addresses; an identifier of any other known
 * customer is a leak, and an e-mail or phone number nobody knows is treated as one too (a model
 * can make up, or remember, someone else's).
 */
import { emailMatchKey } from '../identifiers';
import { findEntities, phoneKey } from '../masking/detect';
import { fold } from '../timeline/text';

export interface IdentityScope {
  /** The customer on screen: e-mails, phones, handles, order numbers, app ids, as written or keyed. */
  customer: readonly string[];
  /** Other customers' identifiers and full names (`app:order:88214`, `marie@orange.fr`, `Marie Dupont`). */
  others: readonly string[];
  /** The team's own addresses, numbers and handles, which any reply may give. */
  team?: readonly string[];
  defaultRegion?: string;
}

export interface IdentifierFinding {
  kind: 'other-customer' | 'unknown-contact';
  value: string;
}

/** One comparable key per identifier, whatever way it was written (`email:…`, `phone:+33…`, `ref:88213`). */
export function identifierKeys(raw: string, region = 'FR'): string[] {
  const value = raw.trim().replace(/^(?:email|phone|handle|app|name):/i, '');
  const keys: string[] = [];
  const email = emailMatchKey(value);
  if (email) return [`email:${email}`];
  const phone = phoneKey(value, region);
  if (phone) return [`phone:${phone}`];
  const handle = /(?:^|:)(@[\p{L}\p{N}_.]{2,40})$/u.exec(value);
  if (handle) keys.push(`handle:${handle[1]!.toLowerCase()}`);
  // App ids and order numbers: the last segment is what appears in a reply ("#88213").
  const ref = /([A-Za-z0-9-]*\d[A-Za-z0-9-]*)$/.exec(value.replace(/^#/, ''));
  if (ref && ref[1]!.replace(/\D/g, '').length >= 4) keys.push(`ref:${ref[1]!.toLowerCase()}`);
  if (!keys.length && /\p{L}+\s+\p{L}+/u.test(value)) keys.push(`name:${fold(value)}`);
  return keys;
}

/** Identifier keys mentioned in `text`, with the words as written. */
export function mentionedIdentifiers(text: string, region = 'FR'): Array<{ key: string; value: string }> {
  const found: Array<{ key: string; value: string }> = [];
  for (const entity of findEntities(text, { defaultRegion: region })) {
    if (entity.kind === 'email') found.push({ key: `email:${emailMatchKey(entity.value) ?? entity.key}`, value: entity.value });
    if (entity.kind === 'phone') found.push({ key: `phone:${entity.key}`, value: entity.value });
  }
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_.@])@[\p{L}\p{N}_.]{2,40}/gu)) found.push({ key: `handle:${m[0].replace(/\.$/, '').toLowerCase()}`, value: m[0] });
  for (const m of text.matchAll(/(?<![\p{L}\p{N}@.])#?([A-Za-z0-9-]*\d[A-Za-z0-9-]*)(?![\p{L}\p{N}@])/gu)) {
    if (m[1]!.replace(/\D/g, '').length >= 4) found.push({ key: `ref:${m[1]!.toLowerCase()}`, value: m[0] });
  }
  return found;
}

export class IdentityChecker {
  private readonly own = new Set<string>();
  private readonly others = new Set<string>();
  private readonly otherNames: string[] = [];
  private readonly region: string;

  constructor(scope: IdentityScope) {
    this.region = scope.defaultRegion ?? 'FR';
    for (const raw of [...scope.customer, ...(scope.team ?? [])]) for (const key of identifierKeys(raw, this.region)) this.own.add(key);
    for (const raw of scope.others) {
      for (const key of identifierKeys(raw, this.region)) {
        // An identifier both sides hold (a shared order reference) is not a leak.
        if (this.own.has(key)) continue;
        if (key.startsWith('name:')) this.otherNames.push(key.slice(5));
        else this.others.add(key);
      }
    }
  }

  check(text: string): IdentifierFinding[] {
    const findings: IdentifierFinding[] = [];
    for (const { key, value } of mentionedIdentifiers(text, this.region)) {
      if (this.others.has(key)) findings.push({ kind: 'other-customer', value });
      else if (!this.own.has(key) && (key.startsWith('email:') || key.startsWith('phone:'))) findings.push({ kind: 'unknown-contact', value });
    }
    if (this.otherNames.length) {
      const folded = ` ${fold(text).replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
      for (const name of this.otherNames) {
        if (folded.includes(` ${name.replace(/[^\p{L}\p{N}]+/gu, ' ')} `)) findings.push({ kind: 'other-customer', value: name });
      }
    }
    return findings;
  }
}
