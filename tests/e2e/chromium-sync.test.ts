/**
 * The extension and a real team hub (embedded PGlite in a temp dir, random port), in real
 * Chromium: the agent pairs from the settings page, reads a customer on a page and the events
 * reach the hub; a lead publishes a promotion and it lands in the extension's store within a second.
 */
import { expect, test } from 'vitest';
import { chromiumWithFixtures, sidebarFrame } from './support/chromium';
import { pairBrowser, published, teamHub } from './support/hub';

const env = chromiumWithFixtures();
const hub = teamHub();

test('pair from the settings page, a customer read on a page reaches the hub, a promotion reaches the extension within a second', async () => {
  const options = await pairBrowser(env.browser, hub, { role: 'agent', name: 'Camille' });
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
    .poll(async () => (await hub.changes('events')).map((change) => String(change.data.text ?? '')).join('\n'), { timeout: 10_000 })
    .toContain('la lampe Aurore reçue hier est arrivée avec le pied cassé');
  const customers = await hub.changes('customers');
  expect(customers.flatMap((c) => (c.data.identifiers as { key: string }[]).map((i) => i.key))).toContain('email:elodie.rousseau@laposte.net');
  await expect.poll(() => options.getByTestId('hub-pending').textContent(), { timeout: 10_000 }).toBe('0');

  // A lead publishes a promotion: it is in the extension's store within a second.
  const promotion = { id: 'winter-sale', title: 'Soldes d’hiver', pitch: '-20 % sur les lampes', startsAt: 0, endsAt: Date.parse('2027-01-31T00:00:00Z'), updatedAt: Date.now() };
  const started = performance.now();
  const pushed = await hub.team.lead.push([{ table: 'promotions', id: promotion.id, data: promotion }]);
  expect(pushed.body.results[0]).toMatchObject({ status: 'applied' });
  let stored: unknown;
  while (!stored && performance.now() - started < 5000) stored = (await published(options, 'promotions')).find((row) => row.id === promotion.id);
  const latency = performance.now() - started;
  console.info(`promotion published → in the extension's store: ${latency.toFixed(0)} ms`);
  expect(stored).toMatchObject({ table: 'promotions', id: 'winter-sale', data: { title: 'Soldes d’hiver' } });
  expect(latency).toBeLessThan(1000);
  await Promise.all([page.close(), options.close()]);
});
