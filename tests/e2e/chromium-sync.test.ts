/**
 * The extension and a real team hub (embedded PGlite in a temp dir, random port), in real
 * Chromium: the agent pairs from the settings page, reads a customer on a page and the events
 * reach the hub; a lead publishes a promotion and it lands in the extension's store within a second.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { openPglite } from '../../server/db/pglite';
import type { Database } from '../../server/db/types';
import { startHub, type RunningHub } from '../../server/start';
import { createTestTeam, type TestTeam } from '../server/support/hub';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';

const env = chromiumWithFixtures();
let dataDir: string;
let database: Database;
let hub: RunningHub;
let team: TestTeam;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'continuum-hub-'));
  database = await openPglite(dataDir);
  hub = await startHub({ db: database, port: 0 });
  team = await createTestTeam(database, hub.url, 'Maison Lumière');
}, 90_000);

afterAll(async () => {
  await hub?.close();
  await database?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** One record of the extension's own IndexedDB, read from one of its pages. */
function readStore(page: Page, store: string, key: unknown): Promise<unknown> {
  return page.evaluate(
    ([store, key]) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('continuum');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const request = open.result.transaction(store as string).objectStore(store as string).get(key as IDBValidKey);
          request.onsuccess = () => {
            resolve(request.result ?? null);
            open.result.close();
          };
        };
      }),
    [store, key] as const,
  );
}

async function hubChanges(table: string): Promise<{ id: string; data: Record<string, unknown> }[]> {
  const { body } = await team.admin.get('/v1/sync/pull?cursor=0&limit=1000');
  return body.changes.filter((change: { table: string }) => change.table === table);
}

test('pair from the settings page, a customer read on a page reaches the hub, a promotion reaches the extension within a second', async () => {
  const options = await env.browser.context.newPage();
  await options.goto(`${env.browser.extensionOrigin}/src/options/index.html`);
  const invite = await team.admin.post('/v1/invites', { role: 'agent', name: 'Camille' });
  await options.fill('#hub-url', hub.url);
  await options.fill('#hub-invite', invite.body.code);
  await options.getByRole('button', { name: /^(Pair|Associer)$/ }).click();
  await expect.poll(() => options.getByTestId('hub-team').textContent(), { timeout: 10_000 }).toBe('Maison Lumière');
  expect(await options.getByTestId('hub-member').textContent()).toMatch(/Camille — (agent)/);
  // The live channel opens and the status page says the hub is reachable.
  await expect.poll(() => options.getByTestId('hub-reachable').textContent(), { timeout: 10_000 }).toMatch(/(live|en direct)/);

  // The agent reads a customer on a helpdesk page: her messages reach the hub.
  const page = await env.browser.context.newPage();
  await page.goto(`${env.server.origin}/demo/helpdesk/#/tickets/1042`);
  const frame = await sidebarFrame(page, env.browser.extensionId);
  await expect.poll(() => frame.getByTestId('customer-name').textContent(), { timeout: 10_000 }).toBe('Élodie Rousseau');
  await expect
    .poll(async () => (await hubChanges('events')).map((change) => String(change.data.text ?? '')).join('\n'), { timeout: 10_000 })
    .toContain('la lampe Aurore reçue hier est arrivée avec le pied cassé');
  const customers = await hubChanges('customers');
  expect(customers.flatMap((c) => (c.data.identifiers as { key: string }[]).map((i) => i.key))).toContain('email:elodie.rousseau@laposte.net');
  await expect.poll(() => options.getByTestId('hub-pending').textContent(), { timeout: 10_000 }).toBe('0');

  // A lead publishes a promotion: it is in the extension's store within a second.
  const promotion = { id: 'winter-sale', title: 'Soldes d’hiver', pitch: '-20 % sur les lampes', startsAt: 0, endsAt: Date.parse('2027-01-31T00:00:00Z'), updatedAt: Date.now() };
  const started = performance.now();
  const pushed = await team.lead.push([{ table: 'promotions', id: promotion.id, data: promotion }]);
  expect(pushed.body.results[0]).toMatchObject({ status: 'applied' });
  let stored: unknown = null;
  while (!stored && performance.now() - started < 5000) stored = await readStore(options, 'published', ['promotions', promotion.id]);
  const latency = performance.now() - started;
  console.info(`promotion published → in the extension's store: ${latency.toFixed(0)} ms`);
  expect(stored).toMatchObject({ table: 'promotions', id: 'winter-sale', data: { title: 'Soldes d’hiver' } });
  expect(latency).toBeLessThan(1000);
  await Promise.all([page.close(), options.close()]);
});
