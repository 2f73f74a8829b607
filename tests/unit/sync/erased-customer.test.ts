/**
 * An agent's browser offline while a lead erases a customer: its next push about that customer is
 * refused (`E_ERASED`) and the browser drops its copy — the customer, the customers merged with
 * them, their events, conversations, feedback and unsent ops — instead of pushing it again.
 * The real hub (PGlite) and the real outbox, push and pull code over fake-indexeddb.
 */
import { describe, expect, test } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { hubClient } from '../../../src/background/sync/hub-client';
import { pushOutbox } from '../../../src/background/sync/push';
import { getPairing } from '../../../src/background/sync/sync-state';
import { resolveSighting } from '../../../src/core/identity/graph';
import { normaliseIdentifier } from '../../../src/core/identity/identifier';
import { findCustomer } from '../../../src/core/identity/queries';
import type { ContinuumDb } from '../../../src/storage/db';
import { loadSlice, saveChanges } from '../../../src/storage/identity-store';
import { appendEvents, messageEvents } from '../../../src/storage/timeline-store';
import { hubForFile, lifeOf, pairedBrowser, recordingFetch } from './support/hub-harness';

const env = hubForFile();

let ids = 0;
const MARIE_EMAIL = 'email:marie@orange.fr';
const MARIE_PHONE = 'phone:+33612345678';

/** The agent's page shows a message from someone with these identifiers (as page reading stores it). */
async function see(db: ContinuumDb, identifiers: Array<[value: string, kind: 'email' | 'phone']>, text: string, now: number) {
  const normalised = identifiers.map(([value, kind]) => normaliseIdentifier(value, kind)!);
  const options = { ownIdentities: { domains: [], signatures: [] }, sharedAddresses: [], now, newId: () => `customer-${++ids}-${uuidv7()}` };
  const result = resolveSighting(await loadSlice(db, normalised.map((i) => i.key)), { identifiers: normalised, tool: 'helpdesk' }, options);
  await saveChanges(db, result.changes);
  await appendEvents(db, await messageEvents(result.subject!, { tool: 'helpdesk', channel: 'email', conversationKey: `conv-${text}` }, [{ direction: 'inbound', text }], now));
  return result.customerId!;
}

/** What the sidebar would find for this key: the customer, or undefined. */
const sidebarFinds = async (db: ContinuumDb, key: string) => findCustomer(await loadSlice(db, [key]), key);

describe('a customer erased while the browser was offline', () => {
  test('the refused push drops the local copy of the whole person, and nothing is pushed again', async () => {
    const browser = await pairedBrowser(env.hub);
    const t0 = Date.parse('2026-11-20T09:00:00Z');
    // Marie writes from her e-mail, then from her phone, then from both: the graph merges her two customers.
    const byEmail = await see(browser, [['marie@orange.fr', 'email']], 'Ma lampe est cassée', t0);
    const byPhone = await see(browser, [['+33612345678', 'phone']], 'Vous me rappelez ?', t0 + 1000);
    await see(browser, [['marie@orange.fr', 'email'], ['+33612345678', 'phone']], 'C’est toujours moi', t0 + 2000);
    expect(byEmail).not.toBe(byPhone);
    expect(await browser.merges.count()).toBe(1);
    const paul = await see(browser, [['paul@free.fr', 'email']], 'Facture svp', t0 + 3000);
    await browser.conversations.put({ key: 'helpdesk:42', customerId: byEmail, site: 'https://desk.example', pageUrl: 'https://desk.example/t/42', adapter: 'helpdesk', confidence: 0.9, lastSeenAt: t0 });
    expect((await lifeOf(browser).sync()).status).toBe('ok');

    // A lead erases Marie; this browser is offline and does not hear of it.
    const erased = await env.hub.team.lead.post('/v1/customers/erase', { key: MARIE_EMAIL });
    expect(erased.body).toMatchObject({ customers: 2 });

    // Still offline, the agent keeps working on Marie (a new message on the phone, the conversation
    // seen again, a suggestion inserted) and meets Zoé.
    const t1 = t0 + 86_400_000;
    await see(browser, [['+33612345678', 'phone']], 'Toujours pas de nouvelles', t1);
    await browser.conversations.put({ key: 'helpdesk:42', customerId: byEmail, site: 'https://desk.example', pageUrl: 'https://desk.example/t/42', adapter: 'helpdesk', confidence: 0.9, lastSeenAt: t1 });
    await browser.feedback.add({ id: uuidv7(), kind: 'suggestion-inserted', at: t1, customerId: byPhone } as never);
    const zoe = await see(browser, [['zoe@laposte.net', 'email']], 'Bonjour', t1);
    const queued = await browser.outbox.count();

    // Back online: the push alone (no pull yet) refuses Marie's ops and drops her here.
    const pairing = (await getPairing(browser))!;
    const pushed = await pushOutbox(browser, hubClient({ baseUrl: pairing.hubUrl, token: pairing.token }));
    expect(pushed.rejected).toBeGreaterThanOrEqual(3);
    expect(pushed.accepted + pushed.rejected).toBe(queued);
    expect((await browser.customers.toArray()).map((c) => c.id).sort()).toEqual([paul, zoe].sort());
    expect(await sidebarFinds(browser, MARIE_EMAIL)).toBeUndefined();
    expect(await sidebarFinds(browser, MARIE_PHONE)).toBeUndefined();
    expect(await sidebarFinds(browser, 'email:zoe@laposte.net')).toBe(zoe);
    const events = await browser.events.toArray();
    expect(events.map((e) => e.subject.customerId).sort()).toEqual([paul, zoe].sort());
    expect(events.some((e) => e.subject.identifierKey === MARIE_PHONE || e.subject.identifierKey === MARIE_EMAIL)).toBe(false);
    expect(await browser.merges.count()).toBe(0);
    expect(await browser.conversations.count()).toBe(0);
    expect(await browser.feedback.count()).toBe(0);
    expect((await browser.audit.toArray()).filter((entry) => entry.customerIds.includes(byEmail) || entry.customerIds.includes(byPhone))).toEqual([]);
    // Nothing left to send; the refusals stay listed for the agent, without Marie's data.
    expect(await browser.outbox.count()).toBe(0);
    const refusals = await browser.rejected.toArray();
    expect(refusals.length).toBe(pushed.rejected);
    expect(refusals.every((r) => r.code === 'E_ERASED' && r.data === null)).toBe(true);
    expect(JSON.stringify(await browser.rejected.toArray())).not.toContain('Toujours pas de nouvelles');

    // The next syncs send nothing more about her, and the hub never stored her again.
    const recording = recordingFetch();
    const life = lifeOf(browser, recording.fetch);
    expect(await life.sync()).toMatchObject({ status: 'ok', rejected: 0 });
    expect(await life.sync()).toMatchObject({ status: 'ok', rejected: 0 });
    expect(recording.statuses).toEqual([]);
    expect(await browser.rejected.count()).toBe(pushed.rejected);
    expect((await env.hub.team.lead.get(`/v1/customers/export?key=${encodeURIComponent(MARIE_PHONE)}`)).status).toBe(404);
    expect((await env.hub.team.lead.get('/v1/customers/export?key=email:zoe@laposte.net')).body.customerIds).toEqual([zoe]);
    // A colleague's browser, paired now, receives Paul and Zoé only.
    const colleague = await pairedBrowser(env.hub);
    await lifeOf(colleague).sync();
    expect((await colleague.customers.toArray()).map((c) => c.id).sort()).toEqual([paul, zoe].sort());
  });
});
