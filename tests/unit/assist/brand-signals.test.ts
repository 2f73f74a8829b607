/**
 * Brand issues caught and fixed, for the team's metrics: the state machine the live draft check
 * drives (one `caught` per issue and draft, `fixed` with the same issueId when the agent removes
 * it, nothing fixed when the draft ends, what the agent was still typing caught when it ends),
 * then the real handlers against a (fake-indexeddb) database: reports typed by the agent, a
 * one-click fix, a draft sent with the caret at its end, a storage failure, a closed tab and a
 * service worker restart.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { advance, fixOne, issueIdentity, type DraftTrack } from '../../../src/background/brand-signals';
import { checkDraft } from '../../../src/core/brand/check-draft';
import type { BrandGuide } from '../../../src/core/brand/model';
import { createAssistHandlers, feedbackRecords, forgetAssistTab } from '../../../src/background/assist';
import { recordReading } from '../../../src/background/page-reading';
import type { SenderContext } from '../../../src/background/router';
import { DEFAULT_SETTINGS } from '../../../src/shared/schemas';
import { browser } from '../../../src/shared/platform';
import { db } from '../../../src/storage/db';
import { DETECTION, GUIDE, NOW } from './fixtures';

const GUIDE_EN: BrandGuide = {
  ...GUIDE,
  bannedTerms: [{ term: 'cheap', replacement: 'affordable' }, { term: 'unfortunately', replacement: '' }],
  channels: [{ channel: 'default', greeting: 'Hi {{customer.firstName}},', signOff: 'Best regards,\nThe Lumière team', emoji: 'sparingly' }],
};
const check = (text: string) => checkDraft(text, { guide: GUIDE_EN, channel: 'default', language: 'en', promotions: [], customer: { firstName: 'Nora', language: 'en', segments: [], tags: [], kind: 'existing' }, now: NOW });

let ids = 0;
const newId = () => `issue-${++ids}`;

/**
 * Reports a sequence of drafts typed with the caret at the end, as draft-watch does. `caught`
 * also lists what an ended draft caught, and `ended` the conversation it was recorded under.
 */
function typed(texts: string[], conversationKey = 'conv-1', start?: DraftTrack) {
  let track = start;
  const caught: string[] = [];
  const fixed: string[] = [];
  const ended: string[] = [];
  for (const text of texts) {
    const step = advance(track, { conversationKey, text, caret: text.length, issues: check(text) }, newId);
    track = step.track;
    caught.push(...[...(step.ended?.caught ?? []), ...step.caught].map((t) => `${t.code}:${t.issueId}`));
    fixed.push(...step.fixed.map((t) => `${t.code}:${t.issueId}`));
    if (step.ended) ended.push(step.ended.conversationKey);
  }
  return { track, caught, fixed, ended };
}

beforeEach(() => {
  ids = 0;
});

describe('the caught / fixed state machine', () => {
  test('typing on after a banned term catches it once; the agent rewording it is fixed under the same issueId', () => {
    const run = typed(['Hi Nora, our cheap', 'Hi Nora, our cheap lamps', 'Hi Nora, our cheap lamps are back', 'Hi Nora, our affordable lamps are back']);
    expect(run.caught).toEqual(['banned-term:issue-1']);
    expect(run.fixed).toEqual(['banned-term:issue-1']);
  });

  test('a word still being typed is not caught ("Bon…" on its way, a term at the caret); a sign-off is not missing while the agent writes at the end', () => {
    // "cheap" right at the caret may become another word: not caught until the agent moves on.
    expect(typed(['Hi Nora, so cheap']).caught).toEqual([]);
    // No sign-off yet, caret at the end: the agent has not got there.
    expect(typed(['Hi Nora, your parcel left today. ']).caught).toEqual([]);
    // The greeting is being typed: not missing.
    expect(typed(['Bon']).caught).toEqual([]);
  });

  test('the caret moved back up: the missing sign-off is caught; typing it is a fix', () => {
    const text = 'Hi Nora, your parcel left today.';
    const first = advance(undefined, { conversationKey: 'c', text, caret: 3, issues: check(text) }, newId);
    expect(first.caught.map((t) => t.code)).toEqual(['missing-sign-off']);
    const signed = `${text}\n\nBest regards,\nThe Lumière team`;
    const next = advance(first.track, { conversationKey: 'c', text: signed, caret: signed.length, issues: check(signed) }, newId);
    expect(next.fixed).toEqual(first.caught);
  });

  test('a draft sent (emptied) or left for another conversation does not count its open issues as fixed', () => {
    const open = typed(['Hi Nora, our cheap lamps.\n\nBest regards,\nThe Lumière team']);
    expect(open.caught).toEqual(['banned-term:issue-1']);
    // Sent: the page empties the box; the next draft is a new one.
    const sent = typed(['', 'Hi Nora, thanks!\n\nBest regards,\nThe Lumière team'], 'conv-1', open.track);
    expect([sent.caught, sent.fixed]).toEqual([[], []]);
    const moved = typed(['Hi Nora, thanks!'], 'conv-2', open.track);
    expect(moved.fixed).toEqual([]);
    // The same term in the next draft is a new issue of that draft.
    expect(typed(['Hi Nora, cheap again.\n\nBest regards,\nThe Lumière team'], 'conv-1', sent.track).caught).toEqual(['banned-term:issue-2']);
  });

  test('sent with the caret at the end: the sign-off never written and the term in the last word are caught, never fixed', () => {
    const draft = typed(['Hi Nora, your lamps are cheap']);
    // Still typing: nothing caught yet.
    expect(draft.caught).toEqual([]);
    // The page empties the box (or a zero-width space is all its editor leaves).
    for (const emptied of ['', '\u200b\n']) {
      const sent = typed([emptied], 'conv-1', draft.track);
      expect(sent.caught.map((c) => c.split(':')[0]).sort()).toEqual(['banned-term', 'missing-sign-off']);
      expect([sent.fixed, sent.ended]).toEqual([[], ['conv-1']]);
      // Ended once: the emptied box reported again adds nothing.
      expect(typed([emptied], 'conv-1', sent.track).caught).toEqual([]);
    }
  });

  test('a draft left for another conversation: what was still being typed is caught under the conversation left', () => {
    const draft = typed(['Hi Nora, your lamps are cheap'], 'conv-1');
    const moved = typed(['Hi Nora'], 'conv-2', draft.track);
    expect(moved.ended).toEqual(['conv-1']);
    expect(moved.caught.map((c) => c.split(':')[0]).sort()).toEqual(['banned-term', 'missing-sign-off']);
  });

  test('a sign-off added in one click before it was caught is caught once, not again when the draft is sent', () => {
    const text = 'Hi Nora, your lamps are back';
    const draft = typed([text]);
    const signOff = check(text).find((i) => i.code === 'missing-sign-off')!;
    const fix = fixOne(draft.track, 'conv-1', signOff, newId);
    expect(fix.caught.map((t) => t.code)).toEqual(['missing-sign-off']);
    expect(typed([''], 'conv-1', fix.track).caught).toEqual([]);
  });

  test('each issue of a draft is caught once, whatever its offset; two banned terms are two issues; a term back after its fix is a new one', () => {
    const run = typed(['Hi Nora, cheap lamps', 'Hi Nora, our cheap lamps', 'Hi Nora, all our cheap lamps, unfortunately sold', 'Hi Nora, all our lamps, unfortunately sold', 'Hi Nora, all our cheap lamps, unfortunately sold']);
    expect(run.caught).toEqual(['banned-term:issue-1', 'banned-term:issue-2', 'banned-term:issue-3']);
    expect(run.fixed).toEqual(['banned-term:issue-1']);
  });

  test('identity holds no offset and no draft text', () => {
    const [a] = check('Hi Nora, cheap lamps');
    const [b] = check('Hi Nora, our very cheap lamps');
    expect(issueIdentity(a!)).toBe(issueIdentity(b!));
    expect(issueIdentity(a!)).not.toMatch(/cheap|Nora/);
  });

  test('a one-click fix uses the issueId the issue was caught with; the report after it adds nothing', () => {
    const text = 'Hi Nora, our cheap lamps';
    const open = typed([text]);
    const issue = check(text)[0]!;
    const fix = fixOne(open.track, 'conv-1', issue, newId);
    expect(fix.caught).toEqual([]);
    expect(fix.fixed.map((t) => t.issueId)).toEqual(['issue-1']);
    const after = typed(['Hi Nora, our affordable lamps'], 'conv-1', fix.track);
    expect([after.caught, after.fixed]).toEqual([[], []]);
    // Fixed in one click before it was ever caught (the sign-off): caught and fixed together.
    const unsigned = 'Hi Nora, our lamps';
    const signOff = check(unsigned).find((i) => i.code === 'missing-sign-off')!;
    const oneClick = fixOne(after.track, 'conv-1', signOff, newId);
    expect(oneClick.caught).toEqual(oneClick.fixed);
    expect(oneClick.caught).toHaveLength(1);
  });
});

describe('through the handlers, stored for the hub', () => {
  const content: SenderContext = { role: 'content', tabId: 0, frameId: 0, pageOrigin: 'https://desk.example' };
  const sender: SenderContext = { role: 'sidebar', tabId: 0, frameId: 1 };
  let tab = 500;
  const handlers = () =>
    createAssistHandlers({ sessionTab: async () => tab, requireEnabled: async () => ({ tabId: tab }), tellTab: async () => ({ inserted: true }), pushToTab: () => undefined });
  const brand = async () => (await feedbackRecords()).filter((r) => r.signal === 'brand-issue');

  beforeEach(async () => {
    await Promise.all(db().tables.map((t) => t.clear()));
    tab++;
    await db().published.put({ table: 'brand-guide', id: 'guide', data: GUIDE, seq: 1, at: NOW });
    await recordReading(DETECTION, { tabId: tab, origin: 'https://desk.example', url: DETECTION.conversation.key, pageUrl: 'https://desk.example/', settings: DEFAULT_SETTINGS });
  });

  test('caught while typing, fixed by typing: two records with one issueId, a code and no draft text', async () => {
    const h = handlers();
    for (const text of ['Hi Nora, our cheap lamps', 'Hi Nora, our cheap lamps are back.', 'Hi Nora, our lamps are back.']) await h['content/draft']({ text, caret: text.length }, content);
    const records = await brand();
    expect(records.map((r) => r.kind)).toEqual(['caught', 'fixed']);
    expect(records[0]).toMatchObject({ signal: 'brand-issue', code: 'banned-term', conversationKey: DETECTION.conversation.key });
    expect(records[1]!.issueId).toBe(records[0]!.issueId);
    expect(JSON.stringify(records)).not.toMatch(/cheap|lamps|Nora/);
  });

  test('a one-click fix records fixed under the caught issueId, once, even with the report that follows', async () => {
    const h = handlers();
    const text = 'Hi Nora, our cheap lamps are back.';
    await h['content/draft']({ text, caret: text.length }, content);
    expect(await h['sidebar/fix-draft']({ session: 'x'.repeat(16), text, issue: 0 }, sender)).toEqual({ fixed: true });
    const fixedText = 'Hi Nora, our affordable lamps are back.';
    await h['content/draft']({ text: fixedText, caret: fixedText.length }, content);
    const records = await brand();
    expect(records.map((r) => r.kind)).toEqual(['caught', 'fixed']);
    expect(records[1]!.issueId).toBe(records[0]!.issueId);
  });

  test('sent with the caret right after the banned term: caught when the page empties the box, never fixed', async () => {
    const h = handlers();
    const text = 'Hi Nora, our lamps are so cheap';
    await h['content/draft']({ text, caret: text.length }, content);
    expect(await brand()).toEqual([]);
    await h['content/draft']({ text: '', caret: 0 }, content);
    const records = await brand();
    expect(records.map((r) => [r.kind, r.code])).toEqual([['caught', 'banned-term']]);
    expect(records[0]).toMatchObject({ conversationKey: DETECTION.conversation.key });
  });

  test('a closed tab ends its draft: what it held is caught, and nothing of the tab stays in session storage', async () => {
    const text = 'Hi Nora, our lamps are so cheap';
    await handlers()['content/draft']({ text, caret: text.length }, content);
    expect(Object.keys(await browser.storage.session.get(null))).toContain(`brand-draft:${tab}`);
    await forgetAssistTab(tab);
    expect((await brand()).map((r) => r.kind)).toEqual(['caught']);
    expect(Object.keys(await browser.storage.session.get(null))).not.toContain(`brand-draft:${tab}`);
  });

  describe('when the feedback store fails', () => {
    afterEach(() => vi.restoreAllMocks());

    test('the one-click fix is still applied and reported fixed, and the draft is still checked', async () => {
      const told: unknown[] = [];
      const h = createAssistHandlers({
        sessionTab: async () => tab,
        requireEnabled: async () => ({ tabId: tab }),
        tellTab: async (_tab, command) => (told.push(command), { inserted: true }),
        pushToTab: () => undefined,
      });
      vi.spyOn(db().feedback, 'bulkAdd').mockRejectedValue(new Error('QuotaExceededError'));
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const text = 'Hi Nora, our cheap lamps are back.';
      expect(await h['content/draft']({ text, caret: text.length }, content)).toEqual({});
      expect(await h['sidebar/fix-draft']({ session: 'x'.repeat(16), text, issue: 0 }, sender)).toEqual({ fixed: true });
      expect(told).toEqual([expect.objectContaining({ type: 'replace-draft', expected: text })]);
      expect(await brand()).toEqual([]);
    });
  });

  test('sent (the box emptied) then a new draft: nothing fixed; a restarted service worker does not catch the same issue again', async () => {
    const text = 'Hi Nora, our cheap lamps are back.';
    await handlers()['content/draft']({ text, caret: text.length }, content);
    // The worker restarts: its modules (and their memory) are new, storage.session stays.
    vi.resetModules();
    const fresh = await import('../../../src/background/assist');
    const again = fresh.createAssistHandlers({ sessionTab: async () => tab, requireEnabled: async () => ({ tabId: tab }), tellTab: async () => ({ inserted: true }), pushToTab: () => undefined });
    await again['content/draft']({ text: `${text} `, caret: text.length + 1 }, content);
    expect((await brand()).map((r) => r.kind)).toEqual(['caught']);
    await again['content/draft']({ text: '', caret: 0 }, content);
    await again['content/draft']({ text: 'Hi Nora, anything else?', caret: 23 }, content);
    expect((await brand()).map((r) => r.kind)).toEqual(['caught']);
  });
});
