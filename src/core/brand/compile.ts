/**
 * A brand guide prepared for checking drafts in one language: term and keyword indexes and the
 * channel rules. Compiled once per guide object and language, then reused on every keystroke.
 */
import type { BrandChannel, BrandGuide, ChannelRule, Disclaimer, Language, TermRule } from './model';
import { PhraseIndex } from './phrases';
import { foldedWords } from './text';

export interface CompiledTerm {
  rule: TermRule;
  kind: 'banned' | 'preferred';
}

export interface CompiledDisclaimer {
  disclaimer: Disclaimer;
  /** The disclaimer's folded words, space-joined, to look for in the draft. */
  folded: string;
}

/** The rule for one channel, field by field from the most specific rule that sets it. */
export interface ResolvedChannelRule {
  greeting?: string;
  signOff?: string;
  maxLength?: number;
  emoji: ChannelRule['emoji'];
}

export interface CompiledGuide {
  terms: PhraseIndex<CompiledTerm>;
  disclaimers: PhraseIndex<CompiledDisclaimer>;
  channel(channel: BrandChannel): ResolvedChannelRule;
}

/** Limits the platforms themselves enforce, used when the guide sets none. */
const PLATFORM_MAX_LENGTH: Partial<Record<BrandChannel, number>> = { x: 280 };

const appliesTo = (language: Language) => (rule: { language?: Language | undefined }) => !rule.language || rule.language === language;

function addTerms(index: PhraseIndex<CompiledTerm>, rules: readonly TermRule[], kind: CompiledTerm['kind'], language: Language): void {
  for (const rule of rules.filter(appliesTo(language))) {
    // A preferred term without its preferred wording says nothing.
    if (kind === 'preferred' && !rule.replacement.trim()) continue;
    index.add(foldedWords(rule.term), { rule, kind }, { plural: true });
  }
}

function resolveChannel(rules: readonly ChannelRule[], channel: BrandChannel, language: Language): ResolvedChannelRule {
  const applicable = rules.filter(appliesTo(language));
  const rank = (r: ChannelRule) => (r.channel === channel ? 0 : 2) + (r.language ? 0 : 1);
  const ordered = applicable.filter((r) => r.channel === channel || r.channel === 'default').sort((a, b) => rank(a) - rank(b));
  const first = <K extends keyof ChannelRule>(key: K): ChannelRule[K] | undefined => ordered.find((r) => r[key] !== undefined)?.[key];
  return {
    greeting: first('greeting'),
    signOff: first('signOff'),
    maxLength: first('maxLength') ?? PLATFORM_MAX_LENGTH[channel],
    // No rule at all: the lead has not asked for restraint.
    emoji: first('emoji') ?? 'allowed',
  };
}

function compile(guide: BrandGuide, language: Language): CompiledGuide {
  const terms = new PhraseIndex<CompiledTerm>();
  // Banned first: where a banned and a preferred term start at the same word, the longer wins, then the banned one.
  addTerms(terms, guide.bannedTerms ?? [], 'banned', language);
  addTerms(terms, guide.preferredTerms ?? [], 'preferred', language);
  const disclaimers = new PhraseIndex<CompiledDisclaimer>();
  for (const disclaimer of (guide.disclaimers ?? []).filter(appliesTo(language))) {
    const entry = { disclaimer, folded: foldedWords(disclaimer.text).join(' ') };
    for (const keyword of disclaimer.keywords) {
      const prefix = keyword.trim().endsWith('*');
      disclaimers.add(foldedWords(keyword), entry, { prefix, plural: !prefix });
    }
  }
  const channels = new Map<BrandChannel, ResolvedChannelRule>();
  return {
    terms,
    disclaimers,
    channel(channel) {
      let rule = channels.get(channel);
      if (!rule) {
        rule = resolveChannel(guide.channels ?? [], channel, language);
        channels.set(channel, rule);
      }
      return rule;
    },
  };
}

interface CacheEntry {
  signature: string;
  byLanguage: Partial<Record<Language, CompiledGuide>>;
}

const compiled = new WeakMap<BrandGuide, CacheEntry>();

// Cheap to compute; catches a guide object edited in place (the console's live preview).
const signatureOf = (g: BrandGuide) =>
  `${g.version}|${g.updatedAt}|${g.channels?.length}|${g.bannedTerms?.length}|${g.preferredTerms?.length}|${g.disclaimers?.length}`;

/** Keyed by the guide object and its version: the sidebar keeps the object it synced until a new version arrives. */
export function compileGuide(guide: BrandGuide, language: Language): CompiledGuide {
  const signature = signatureOf(guide);
  let entry = compiled.get(guide);
  if (!entry || entry.signature !== signature) {
    entry = { signature, byLanguage: {} };
    compiled.set(guide, entry);
  }
  return (entry.byLanguage[language] ??= compile(guide, language));
}
