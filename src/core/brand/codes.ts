/**
 * Promotion codes in a draft. A token is a code when it is a known promotion's code (any case),
 * or looks like one: upper-case letters with two or more digits, no more digits than letters ("NOEL20", "WELCOME-15"), or any
 * upper-case word right after "code"/"coupon". Order and ticket numbers ("CMD-88213", "#A1234")
 * are not codes. Only live promotions the customer may be offered here pass.
 */
import { formatDay } from '../templates/variables';
import { isActive, isEligible, type IneligibleReason } from '../promotions/eligibility';
import type { Promotion } from './model';
import { issue, type DraftIssue, type DraftScan } from './issues';
import { foldWord, inRanges } from './text';

const CODE_TOKEN = /(?<![\p{L}\p{N}_@./=?&#-])[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?(?![\p{L}\p{N}_@-]|\.[\p{L}\p{N}])/gu;
const CODE_BEFORE = /\b(?:code|codes|coupon|promo|voucher|r[ée]duction|discount)\s*(?:promo|de\s+r[ée]duction|code)?\s*[:«"“']?\s*$/i;
const REFERENCE_BEFORE = /(?:\b(?:commande|order|ticket|dossier|r[ée]f|r[ée]f[ée]rence|reference|suivi|tracking|colis|facture|invoice|num[ée]ro|number|sku|article|iban|bic)\.?|\bno\.|n°|#)\s*[:#]?\s*$/i;

function looksLikeCode(token: string, before: string): boolean {
  if (token.length < 4 || token.length > 40 || token !== token.toUpperCase()) return false;
  const letters = token.replace(/[^\p{L}]/gu, '').length;
  const digits = token.replace(/\D/g, '').length;
  if (!letters || REFERENCE_BEFORE.test(before)) return false;
  if (CODE_BEFORE.test(before)) return true;
  // Codes end in an amount or a year ("NOEL20"); product names carry one digit ("USB3") or many ("RTX4090").
  return digits >= 2 && letters >= 3 && letters >= digits;
}

interface CodeBook {
  byCode: Map<string, Promotion[]>;
}

const books = new WeakMap<readonly Promotion[], CodeBook>();

function codeBook(promotions: readonly Promotion[]): CodeBook {
  let book = books.get(promotions);
  if (!book) {
    const byCode = new Map<string, Promotion[]>();
    for (const p of promotions) {
      if (!p.code || p.deleted) continue;
      const key = foldWord(p.code);
      byCode.set(key, [...(byCode.get(key) ?? []), p]);
    }
    book = { byCode };
    books.set(promotions, book);
  }
  return book;
}

const REASON_KEYS: Record<IneligibleReason, string> = {
  channel: 'draftCodeChannel',
  language: 'draftCodeLanguage',
  segment: 'draftCodeCustomer',
  tag: 'draftCodeCustomer',
  'new-customers-only': 'draftCodeCustomer',
  'existing-customers-only': 'draftCodeCustomer',
  stage: 'draftCodeCustomer',
  'customer-unknown': 'draftCodeCustomerUnknown',
};

function judge(scan: DraftScan, code: string, candidates: readonly Promotion[], range: { start: number; end: number }): DraftIssue | undefined {
  const { ctx } = scan;
  // Two promotions may share a code over time: the live one decides.
  const live = candidates.find((p) => isActive(p, ctx.now));
  if (!live) {
    const upcoming = candidates.find((p) => p.startsAt > ctx.now);
    if (upcoming) return issue('ineligible-code', 'error', 'draftCodeNotStarted', { code, date: formatDay(upcoming.startsAt, ctx.language) }, range);
    const ended = candidates.reduce((a, b) => (b.endsAt > a.endsAt ? b : a));
    return issue('expired-code', 'error', 'draftExpiredCode', { code, date: formatDay(ended.endsAt - 1, ctx.language) }, range);
  }
  const { eligible, reasons } = isEligible(live, ctx.customer, ctx.channel, ctx.language);
  if (eligible) return undefined;
  const reason = reasons[0] ?? 'customer-unknown';
  const onlyUnknown = reasons.every((r) => r === 'customer-unknown');
  return issue('ineligible-code', onlyUnknown ? 'warning' : 'error', REASON_KEYS[reason], { code, title: live.title }, range);
}

export function checkCodes(scan: DraftScan): DraftIssue[] {
  const { draft } = scan;
  const { byCode } = codeBook(scan.ctx.promotions);
  const issues: DraftIssue[] = [];
  for (const m of draft.matchAll(CODE_TOKEN)) {
    const code = m[0];
    const range = { start: m.index, end: m.index + code.length };
    if (inRanges(scan.quoted, range.start)) continue;
    const known = byCode.get(foldWord(code));
    const before = draft.slice(Math.max(0, range.start - 30), range.start);
    // A code that is also a word ("BIENVENUE") is only a code in capitals or after "code".
    if (known && (code === code.toUpperCase() || /\d/.test(code) || CODE_BEFORE.test(before))) {
      const found = judge(scan, code, known, range);
      if (found) issues.push(found);
    } else if (!known && looksLikeCode(code, before)) {
      issues.push(issue('unknown-code', 'error', 'draftUnknownCode', { code }, range));
    }
  }
  return issues;
}
