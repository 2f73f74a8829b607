/**
 * The live channel applies each change as it arrives, even where sequence numbers have holes (a
 * record written twice in one push shows once, at its latest write): no pull after each one.
 */
import { expect, test } from 'vitest';
import { createSyncEngine } from '../../../src/background/sync/engine';
import { getCursor } from '../../../src/background/sync/sync-state';
import { hubForFile, pairedBrowser } from './support/hub-harness';

const env = hubForFile();

const template = (id: string, title: string) => ({ id, title, variants: [{ language: 'fr', body: `Bonjour, ${title}` }], updatedAt: Date.now() });

async function until(probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const started = performance.now();
  while (!(await probe())) {
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('rewritten records arrive live without a pull after each', async () => {
  const browser = await pairedBrowser(env.hub);
  const requests: string[] = [];
  const counting: typeof fetch = (input, init) => {
    requests.push(new URL(String(input)).pathname);
    return fetch(input, init);
  };
  const engine = createSyncEngine({ db: browser, fetch: counting, reconnectDelays: [50] });
  engine.start();
  try {
    await until(async () => engine.isLive(), 5000);
    // The pull that follows the stream opening.
    await until(async () => requests.filter((path) => path === '/v1/sync/pull').length >= 1 && (await engine.sync()).status === 'ok', 5000);
    const pullsBefore = requests.filter((path) => path === '/v1/sync/pull').length;
    for (let round = 0; round < 5; round++) {
      // Each push writes the template twice: the first write's seq is a hole in the stream.
      const pushed = await env.hub.team.lead.push([
        { table: 'templates', id: 'retard', data: template('retard', `brouillon ${round}`) },
        { table: 'templates', id: 'retard', data: template('retard', `version ${round}`) },
      ]);
      expect(pushed.body.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
      await until(async () => ((await browser.published.get(['templates', 'retard']))?.data as { title?: string } | undefined)?.title === `version ${round}`, 2000);
    }
    const head = Number((await env.hub.db.query<{ last_seq: string }>('SELECT last_seq FROM teams WHERE id = $1', [env.hub.team.id]))[0]!.last_seq);
    expect(await getCursor(browser)).toBe(head);
    expect(requests.filter((path) => path === '/v1/sync/pull').length).toBe(pullsBefore);
  } finally {
    await engine.stop();
  }
});
