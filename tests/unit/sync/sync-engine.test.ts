/**
 * The sync engine against the real hub: live publishing, the hub going down and coming back,
 * refused ops set aside, team tombstones, revocation and what the options page may see.
 */
import { describe, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { db as sharedDb } from '../../../src/storage/db';
import { ContinuumError } from '../../../src/shared/errors';
import { hubStatus, pairWithHub } from '../../../src/background/sync/pairing';
import { getPairing } from '../../../src/background/sync/sync-state';
import { syncHandlers } from '../../../src/background/sync/handlers';
import { hubDisabledAdapters, publishedRecords } from '../../../src/background/sync/published';
import { ContinuumDb } from '../../../src/storage/db';
import { agentMorning } from './support/workload';
import { lifeOf, pairedBrowser, hubForFile } from './support/hub-harness';

const env = hubForFile();

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs: number): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  for (;;) {
    const value = await probe();
    if (value) return { value, ms: performance.now() - started };
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const promotion = (id: string) => ({ id, title: 'Soldes d’hiver', pitch: '-20 % sur les lampes', startsAt: 0, endsAt: Date.parse('2027-01-31T00:00:00Z'), updatedAt: Date.now() });

describe('live channel', () => {
  test('a promotion a lead publishes reaches a paired browser within a second', async () => {
    const browser = await pairedBrowser(env.hub);
    const engine = lifeOf(browser);
    engine.start();
    try {
      await until(async () => engine.isLive(), 5000);
      const latencies: number[] = [];
      for (const id of ['winter-sale', 'spring-sale', 'summer-sale']) {
        const started = performance.now();
        const pushed = await env.hub.team.lead.push([{ table: 'promotions', id, data: promotion(id) }]);
        expect(pushed.body.results[0]).toMatchObject({ status: 'applied' });
        await until(async () => (await browser.published.get(['promotions', id])) ?? false, 1000);
        latencies.push(performance.now() - started);
      }
      expect(Math.max(...latencies)).toBeLessThan(1000);
      expect((await publishedRecords(browser, 'promotions')).map((r) => r.id).sort()).toEqual(['spring-sale', 'summer-sale', 'winter-sale']);
      // A withdrawn promotion (tombstone) leaves the browser too.
      await env.hub.team.lead.push([{ table: 'promotions', id: 'spring-sale', deleted: true }]);
      await until(async () => !(await browser.published.get(['promotions', 'spring-sale'])), 1000);
    } finally {
      await engine.stop();
    }
  });

  test('what was published while the background was stopped arrives when it wakes', async () => {
    const browser = await pairedBrowser(env.hub);
    await lifeOf(browser).sync();
    await env.hub.team.lead.push([
      { table: 'kill-switches', id: 'zendesk', data: { disabled: true, reason: 'Zendesk changed its markup' } },
      { table: 'kill-switches', id: 'front', data: { disabled: false, reason: '' } },
    ]);
    const engine = lifeOf(browser);
    engine.start();
    try {
      await until(async () => (await browser.published.get(['kill-switches', 'front'])) ?? false, 2000);
      expect(await hubDisabledAdapters(browser)).toEqual(['zendesk']);
    } finally {
      await engine.stop();
    }
  });
});

describe('sync outcomes', () => {
  test('a refused op is set aside with its code and the others still apply', async () => {
    const browser = await pairedBrowser(env.hub);
    await agentMorning(browser, Date.parse('2026-11-21T09:00:00Z'));
    const valid = await browser.outbox.count();
    // An agent may not publish templates: the hub refuses that op alone.
    await browser.outbox.add({ opId: uuidv7(), table: 'templates' as never, id: 'refund', data: { id: 'refund' }, deleted: false, createdAt: Date.now() });
    const engine = lifeOf(browser);
    expect(await engine.sync()).toMatchObject({ status: 'ok', pushed: valid, rejected: 1 });
    expect(await browser.outbox.count()).toBe(0);
    const status = await hubStatus(browser, engine);
    expect(status).toMatchObject({ paired: true, pending: 0, rejected: 1, reachable: true, lastError: null });
    expect(status.recentRejections).toEqual([expect.objectContaining({ table: 'templates', id: 'refund', code: 'E_FORBIDDEN_TABLE' })]);
    // Not retried: the next sync sends nothing.
    expect(await engine.sync()).toMatchObject({ status: 'ok', pushed: 0, rejected: 0 });
  });

  test('a customer deleted by one agent is deleted from the others on their next pull', async () => {
    const team = await env.hub.newTeam('Tombstones');
    const [one, two] = [await pairedBrowser(env.hub, undefined, team), await pairedBrowser(env.hub, undefined, team)];
    await agentMorning(one, Date.parse('2026-11-22T09:00:00Z'));
    await lifeOf(one).sync();
    await lifeOf(two).sync();
    const customer = (await two.customers.toArray())[0]!;
    await one.customers.delete(customer.id);
    await lifeOf(one).sync();
    await lifeOf(two).sync();
    expect(await two.customers.get(customer.id)).toBeUndefined();
    expect(await two.customers.count()).toBe(await one.customers.count());
  });

  test('with the hub down the browser keeps its writes, says so, and catches up when it returns', async () => {
    const browser = await pairedBrowser(env.hub, undefined, await env.hub.newTeam('Offline'));
    const engine = lifeOf(browser);
    await engine.sync();
    await env.hub.down();
    try {
      await agentMorning(browser, Date.parse('2026-11-23T09:00:00Z'));
      const pending = await browser.outbox.count();
      expect(await engine.sync()).toMatchObject({ status: 'error', code: 'E_HUB_UNREACHABLE' });
      expect(await hubStatus(browser, engine)).toMatchObject({ paired: true, reachable: false, lastError: 'E_HUB_UNREACHABLE', pending });
    } finally {
      await env.hub.up();
    }
    expect(await engine.sync()).toMatchObject({ status: 'ok' });
    expect(await hubStatus(browser, engine)).toMatchObject({ reachable: true, lastError: null, pending: 0 });
  });

  test('a member revoked by the team stops syncing and the status says to pair again', async () => {
    const browser = await pairedBrowser(env.hub);
    const pairing = (await getPairing(browser))!;
    await env.hub.team.admin.post(`/v1/members/${pairing.member.id}/revoke`);
    const engine = lifeOf(browser);
    expect(await engine.sync()).toMatchObject({ status: 'error', code: 'E_UNAUTHORIZED' });
    expect(await engine.sync()).toEqual({ status: 'revoked' });
    expect(await hubStatus(browser, engine)).toMatchObject({ paired: true, revoked: true });
  });
});

describe('pairing', () => {
  test('a wrong invite code is refused with the hub’s reason and stores nothing', async () => {
    const browser = new ContinuumDb(`continuum-pair-${Math.random()}`);
    const error = await pairWithHub(browser, { hubUrl: env.hub.url, inviteCode: 'not-a-code' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ContinuumError);
    expect(error).toMatchObject({ code: 'E_HUB_REFUSED', message: expect.stringContaining('E_INVITE_INVALID') });
    expect(await getPairing(browser)).toBeUndefined();
    const unreachable = await pairWithHub(browser, { hubUrl: 'http://127.0.0.1:9', inviteCode: 'x' }).catch((e: unknown) => e);
    expect(unreachable).toMatchObject({ code: 'E_HUB_UNREACHABLE' });
  });

  test('no hub message gives the token away, and unpairing revokes it on the hub', async () => {
    const invite = await env.hub.team.admin.post('/v1/invites', { role: 'agent' });
    const paired = await syncHandlers['hub/pair']({ hubUrl: `${env.hub.url}/`, inviteCode: invite.body.code });
    const { token } = (await getPairing(sharedDb()))!;
    expect(paired).toMatchObject({ paired: true, hubUrl: env.hub.url, team: { name: 'Maison Lumière' }, member: { role: 'agent' } });
    const answers = [paired, await syncHandlers['hub/status'](), await syncHandlers['hub/sync']()];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(token);
    expect((await env.hub.team.agent.as(token).get('/v1/me')).status).toBe(200);
    const unpaired = await syncHandlers['hub/unpair']();
    expect(unpaired).toMatchObject({ paired: false, team: null, pending: 0 });
    expect(await getPairing(sharedDb())).toBeUndefined();
    expect((await env.hub.team.agent.as(token).get('/v1/me')).status).toBe(401);
  });
});
