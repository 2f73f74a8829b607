/** Builders for brand guide, promotion and customer fixtures, and helpers to read check results. */
import { expect } from 'vitest';
import en from '../../../../public/_locales/en/messages.json';
import fr from '../../../../public/_locales/fr/messages.json';
import { applyFixes, checkDraft, type DraftContext, type DraftIssue, type DraftIssueCode } from '../../../../src/core/brand/check-draft';
import { BrandGuideSchema, PromotionSchema, TemplateSchema, type BrandGuide, type CustomerFacts, type Promotion, type Template } from '../../../../src/core/brand/model';

export const DAY = 86_400_000;
/** Monday 14 December 2026, 10:00 UTC. */
export const NOW = Date.UTC(2026, 11, 14, 10);

export function guide(input: Partial<Record<keyof BrandGuide, unknown>> = {}): BrandGuide {
  return BrandGuideSchema.parse({ version: 1, updatedAt: NOW, ...input });
}

export function promotion(input: Record<string, unknown> = {}): Promotion {
  return PromotionSchema.parse({ id: 'p-noel', title: 'Noël en lumière', pitch: '20 % sur les luminaires', code: 'NOEL20', startsAt: NOW - 10 * DAY, endsAt: NOW + 10 * DAY, updatedAt: NOW, ...input });
}

export function template(input: Record<string, unknown> = {}): Template {
  return TemplateSchema.parse({ id: 't-1', title: 'Remboursement', variants: [{ language: 'fr', body: 'Bonjour' }], updatedAt: NOW, ...input });
}

export function customer(input: Partial<CustomerFacts> = {}): CustomerFacts {
  return { firstName: 'Marie', lastName: 'Durand', segments: [], tags: [], kind: 'existing', ...input };
}

export function context(input: Partial<DraftContext> = {}): DraftContext {
  return { guide: guide(), channel: 'email', language: 'fr', promotions: [], customer: customer(), now: NOW, ...input };
}

/** Runs the check and makes sure every message has French and English wording. */
export function check(draft: string, ctx: DraftContext): DraftIssue[] {
  const issues = checkDraft(draft, ctx);
  for (const issue of issues) {
    expect(en, `English for ${issue.message.key}`).toHaveProperty(issue.message.key);
    expect(fr, `French for ${issue.message.key}`).toHaveProperty(issue.message.key);
  }
  return issues;
}

export function codes(draft: string, ctx: DraftContext): DraftIssueCode[] {
  return check(draft, ctx).map((i) => i.code);
}

export function only(draft: string, ctx: DraftContext, code: DraftIssueCode): DraftIssue[] {
  return check(draft, ctx).filter((i) => i.code === code);
}

/** The draft after every fix of one kind (or all). */
export function fixed(draft: string, ctx: DraftContext, code?: DraftIssueCode): string {
  const issues = check(draft, ctx).filter((i) => !code || i.code === code);
  return applyFixes(draft, issues).text;
}

/** What the issue points at in the draft. */
export function flagged(draft: string, issues: readonly DraftIssue[]): string[] {
  return issues.map((i) => draft.slice(i.start, i.end));
}
