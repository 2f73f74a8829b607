/**
 * The reply assist's background handlers against a real (fake-indexeddb) database: the lead's
 * published records in the `published` store, a customer read from a page by the real reading
 * pipeline, and a fake tab that records what the content script would be told.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { applyEdits } from '../../../src/core/brand/edits';
import { createAssistHandlers, feedbackRecords, loadPublished } from '../../../src/background/assist';
import { recordReading } from '../../../src/background/page-reading';
import type { SenderContext } from '../../../src/background/router';
import type { ContentCommand, SidebarPush } from '../../../src/shared/messages';
import { DEFAULT_SETTINGS } from '../../../src/shared/schemas';
import { db } from '../../../src/storage/db';
import { DETECTION, GUIDE, NOW, ORDER, REFUND, SPRING, VIP, WINTER } from './fixtures';

const TAB = 7;
const sender: SenderContext = { role: 'sidebar', tabId: TAB, frameId: 1 };
const content: SenderContext = { role: 'content', tabId: TAB, frameId: 0, pageOrigin: 'https://desk.example' };

async function publish(table: string, id: string, data: unknown, seq: number): Promise<void> {
  await db().published.put({ table, id, data, seq, at: NOW });
}

let told: ContentCommand[];
let pushed: SidebarPush[];
let tabReply: { inserted: boolean; code?: string };
// Each test reads another tab: the assist caches the context of a tab for a few seconds.
let tab = TAB;

function handlers() {
  return createAssistHandlers({
    sessionTab: async () => tab,
    requireEnabled: async () => ({ tabId: tab }),
    tellTab: async (_tabId, command) => {
      told.push(command);
      return tabReply;
    },
    pushToTab: (_tabId, push) => void pushed.push(push),
  });
}

beforeEach(async () => {
  await Promise.all(db().tables.map((t) => t.clear()));
  told = [];
  pushed = [];
  tabReply = { inserted: true };
  tab++;
  await publish('brand-guide', 'guide', GUIDE, 1);
  await publish('templates', REFUND.id, REFUND, 2);
  await publish('templates', ORDER.id, ORDER, 3);
  for (const [i, p] of [SPRING, WINTER, VIP].entries()) await publish('promotions', p.id, p, 4 + i);
  await recordReading(DETECTION, { tabId: tab, origin: 'https://desk.example', url: DETECTION.conversation.key, pageUrl: 'https://desk.example/', settings: DEFAULT_SETTINGS });
});

describe('published records', () => {
  test('a malformed record is left out, the others are read; the highest guide version wins', async () => {
    await publish('templates', 'broken', { id: 'broken', title: '' }, 10);
    await publish('brand-guide', 'older', { ...GUIDE, version: 1, bannedTerms: [] }, 11);
    const published = await loadPublished(db());
    expect(published.templates.map((t) => t.id).sort()).toEqual([ORDER.id, REFUND.id]);
    expect(published.guide?.version).toBe(3);
    expect(published.promotions).toHaveLength(3);
  });
});

describe('sidebar/assist', () => {
  test('cards for the live promotions this customer may have; the expired and the segment-only ones are not offered', async () => {
    const state = await handlers()['sidebar/assist']({ session: 'x'.repeat(16) }, sender);
    expect(state.customer).toMatchObject({ firstName: 'Nora', lastName: 'Lindqvist', email: 'nora.lindqvist@laposte.net' });
    expect(state.eligible.map((p) => p.id)).toEqual([SPRING.id]);
    // The notice lists every live one; the expired winter sale is gone.
    expect(state.active.map((p) => p.id).sort()).toEqual([SPRING.id, VIP.id]);
    // The next change is the VIP weekend's end: the sidebar asks again then.
    expect(state.nextChange).toBe(VIP.endsAt);
    expect(state.guide?.version).toBe(3);
  });
});

describe('content/draft: shortcuts', () => {
  test(';refund before the caret expands to the template rendered for the customer, replacing only the shortcut', async () => {
    const text = 'Thanks for your patience. ;refund ';
    const reply = await handlers()['content/draft']({ text, caret: text.length }, content);
    expect(reply.replace).toEqual({ start: 26, end: 34, text: 'Hi Nora, your refund is on its way. ' });
    expect(applyEdits(text, [reply.replace!])).toBe('Thanks for your patience. Hi Nora, your refund is on its way. ');
    const used = await feedbackRecords();
    expect(used).toMatchObject([{ kind: 'template-used', templateId: REFUND.id, via: 'shortcut' }]);
  });

  test('a shortcut whose template has fields to complete is not expanded: the sidebar opens it', async () => {
    const text = ';order';
    const reply = await handlers()['content/draft']({ text, caret: text.length }, content);
    expect(reply.replace).toBeUndefined();
    expect(pushed.at(-1)).toMatchObject({ type: 'draft', draft: { open: { templateId: ORDER.id } } });
  });

  test('no expansion when the caret is not right after the shortcut, or inside a word', async () => {
    for (const [text, caret] of [[';refund and more', 16], ['a;refund', 8], [';refunds', 8]] as const) {
      expect((await handlers()['content/draft']({ text, caret }, content)).replace).toBeUndefined();
    }
  });
});

describe('content/draft: the live check', () => {
  test('a banned term and an expired code are pushed to the sidebar as issues', async () => {
    const text = 'Hi Nora, our cheap lamps are back. Use WINTER5 at checkout.';
    await handlers()['content/draft']({ text, caret: text.length }, content);
    const push = pushed.at(-1);
    expect(push?.type).toBe('draft');
    const issues = push?.type === 'draft' ? push.draft.issues : [];
    expect(issues.map((i) => i.code)).toEqual(['banned-term', 'expired-code']);
    expect(issues[0]?.message.key).toBe('draftBannedTerm');
  });

  test('a fix is sent to the page as edits on the checked text, which give the fixed draft', async () => {
    const text = 'Hi Nora, our cheap lamps are back.';
    const h = handlers();
    await h['content/draft']({ text, caret: text.length }, content);
    expect(await h['sidebar/fix-draft']({ session: 'x'.repeat(16), text, issue: 0 }, sender)).toEqual({ fixed: true });
    const command = told.at(-1);
    expect(command?.type).toBe('replace-draft');
    if (command?.type !== 'replace-draft') return;
    expect(command.expected).toBe(text);
    expect(applyEdits(text, command.edits)).toBe('Hi Nora, our affordable lamps are back.');
  });

  test('an issue without a fix, or a page that refuses, is an error, not a silent success', async () => {
    const h = handlers();
    const text = 'Hi Nora, use WINTER5.';
    await expect(h['sidebar/fix-draft']({ session: 'x'.repeat(16), text, issue: 5 }, sender)).rejects.toThrow(/no fix/);
    tabReply = { inserted: false, code: 'E_PAGE_CHANGED' };
    await expect(h['sidebar/fix-draft']({ session: 'x'.repeat(16), text: 'so cheap', issue: 0 }, sender)).rejects.toMatchObject({ code: 'E_PAGE_CHANGED' });
  });
});

describe('templates from the sidebar', () => {
  test('rendered for the customer; unfilled fields keep Insert refused, filled ones insert and count the use', async () => {
    const h = handlers();
    const session = 'x'.repeat(16);
    const empty = await h['sidebar/render-template']({ session, templateId: ORDER.id, fills: {} }, sender);
    expect(empty).toMatchObject({ canInsert: false, unfilled: [{ label: 'order number' }] });
    await expect(h['sidebar/insert-template']({ session, templateId: ORDER.id, fills: {}, conversationKey: null }, sender)).rejects.toThrow(/fields to complete/);
    expect(told).toEqual([]);

    const fills = { 'order number': '88213' };
    expect(await h['sidebar/insert-template']({ session, templateId: ORDER.id, fills, conversationKey: DETECTION.conversation.key }, sender)).toEqual({ inserted: true });
    expect(told).toEqual([{ type: 'insert', text: 'Hi Nora, order 88213 left our warehouse.', conversationKey: DETECTION.conversation.key }]);
    expect(await feedbackRecords()).toMatchObject([{ kind: 'template-used', templateId: ORDER.id, via: 'sidebar' }]);
  });

  test('a template no longer published cannot be rendered', async () => {
    await expect(handlers()['sidebar/render-template']({ session: 'x'.repeat(16), templateId: 'gone', fills: {} }, sender)).rejects.toThrow(/no longer published/);
  });
});

describe('promotion seen', () => {
  test('recorded once per agent, and listed as seen afterwards', async () => {
    const h = handlers();
    const session = 'x'.repeat(16);
    await h['sidebar/promotion-seen']({ session, promotionId: SPRING.id }, sender);
    await h['sidebar/promotion-seen']({ session, promotionId: SPRING.id }, sender);
    const records = (await feedbackRecords()).filter((r) => r.kind === 'promotion-seen');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ promotionId: SPRING.id });
    expect((await h['sidebar/assist']({ session }, sender)).seen).toEqual([SPRING.id]);
  });
});

describe('local suggestions', () => {
  test('a template matching the customer message is suggested, filled for her and guarded; feedback is recorded', async () => {
    const h = handlers();
    const session = 'x'.repeat(16);
    const result = await h['sidebar/suggest']({ session }, sender);
    const refund = result.suggestions.find((s) => s.templateIds.includes(REFUND.id));
    expect(refund).toMatchObject({ source: 'template', text: 'Hi Nora, your refund is on its way.', canInsert: true });
    await h['sidebar/suggestion-feedback']({ session, runId: result.runId, suggestionId: refund!.id, kind: 'inserted' }, sender);
    const kinds = (await feedbackRecords()).map((r) => r.kind as string);
    expect(kinds.filter((k) => k === 'shown')).toHaveLength(result.suggestions.length);
    expect(kinds).toContain('inserted');
    await expect(h['sidebar/suggestion-feedback']({ session, runId: 'old', suggestionId: refund!.id, kind: 'dismissed' }, sender)).rejects.toThrow(/no longer on screen/);
  });
});
