/**
 * Promotion mentions: text put into the reply box that names a live promotion (its code or its
 * title) is recorded once per promotion and conversation as a `promotion-mention` signal, which
 * the sync pushes to the hub's metrics. Real (fake-indexeddb) database, real reading pipeline.
 */
import { beforeEach, expect, test } from 'vitest';
import { feedbackRecords, recordMentions } from '../../../src/background/assist';
import { recordReading } from '../../../src/background/page-reading';
import { DEFAULT_SETTINGS } from '../../../src/shared/schemas';
import { db } from '../../../src/storage/db';
import { DETECTION, NOW, SPRING, WINTER } from './fixtures';

let tab = 100;

beforeEach(async () => {
  await Promise.all(db().tables.map((t) => t.clear()));
  tab++;
  for (const [i, p] of [SPRING, WINTER].entries()) await db().published.put({ table: 'promotions', id: p.id, data: p, seq: i + 1, at: NOW });
  await recordReading(DETECTION, { tabId: tab, origin: 'https://desk.example', url: DETECTION.conversation.key, pageUrl: 'https://desk.example/', settings: DEFAULT_SETTINGS });
});

const mentions = async () => (await feedbackRecords()).filter((r) => r.kind === 'mentioned');

test('an inserted code is one mention for its conversation; inserting it again adds none', async () => {
  await recordMentions(tab, 'Use code spring10 at checkout.');
  await recordMentions(tab, 'SPRING10');
  const recorded = await mentions();
  expect(recorded).toHaveLength(1);
  expect(recorded[0]).toMatchObject({ signal: 'promotion-mention', promotionId: SPRING.id, replyId: DETECTION.conversation.key, conversationKey: DETECTION.conversation.key });
});

test('the title names the promotion too; an expired promotion or plain text is no mention', async () => {
  await recordMentions(tab, 'Our Winter sale is over, and WINTER5 no longer works.');
  await recordMentions(tab, 'Thanks for waiting, your parcel left today.');
  expect(await mentions()).toEqual([]);
  await recordMentions(tab, 'The Spring sale runs all week.');
  expect((await mentions()).map((r) => r.promotionId)).toEqual([SPRING.id]);
});
