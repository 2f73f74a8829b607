/**
 * The development build and the demo hub `npm start` runs, in real Chromium: with the run's secret
 * written into the build (as scripts/start.mjs does), the browser pairs on its own at startup; the
 * user unpairs, and the settings page offers "Pair with the demo hub", which pairs again. A build
 * holding another secret gets nothing from the hub and is not paired.
 *
 * The demo hub listens on 127.0.0.1:8787, the address the development builds look for: this file
 * needs that port free (no `npm start` running on the machine).
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { openPglite } from '../../server/db/pglite';
import type { Database } from '../../server/db/types';
import { DEMO_TEAM, demoRoutes, seedDemo } from '../../server/demo';
import { startHub, type RunningHub } from '../../server/start';
import { launchChromium, type ChromiumSession } from './support/chromium';
import { openSettings } from './support/hub';

const SECRET = randomBytes(32).toString('hex');
let db: Database;
let hub: RunningHub;
let workDir: string;
/** What the browsers asked the demo routes and got: `GET /v1/demo 200`, `POST /v1/demo/invite 403`… */
const demoAnswers: string[] = [];
const invites = () => demoAnswers.filter((answer) => answer.startsWith('POST /v1/demo/invite'));
const browsers: ChromiumSession[] = [];

/** A copy of dist/chrome-dev with `secret` written into it, as npm start does. */
async function devBuildWith(secret: string): Promise<string> {
  const build = join(workDir, `chrome-dev-${browsers.length}`);
  await cp('dist/chrome-dev', build, { recursive: true });
  await writeFile(join(build, 'demo-hub.json'), JSON.stringify({ secret }));
  return build;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'continuum-demo-pairing-'));
  db = await openPglite();
  await seedDemo(db);
  hub = await startHub({
    db,
    port: 8787,
    host: '127.0.0.1',
    routes: (app, deps) => {
      app.use('*', async (c, next) => {
        await next();
        if (c.req.path.startsWith('/v1/demo')) demoAnswers.push(`${c.req.method} ${c.req.path} ${c.res.status}`);
      });
      demoRoutes(SECRET)(app, deps);
    },
  });
});
afterAll(async () => {
  await Promise.all(browsers.map((browser) => browser.close()));
  await hub?.close();
  await db?.close();
  await rm(workDir, { recursive: true, force: true });
});

test('pairs on its own once; after an unpair, "Pair with the demo hub" pairs again', async () => {
  const browser = await launchChromium(await devBuildWith(SECRET));
  browsers.push(browser);
  const settings = await openSettings(browser);
  await expect.poll(() => settings.getByTestId('hub-team').textContent().catch(() => null), { timeout: 15_000 }).toBe(DEMO_TEAM);
  expect(await settings.getByTestId('hub-member').textContent()).toMatch(/— (agent)$/);

  settings.on('dialog', (dialog) => void dialog.accept());
  await settings.getByRole('button', { name: /^(Unpair|Dissocier)$/ }).click();
  const demoButton = settings.getByTestId('hub-demo-pair');
  await expect.poll(() => demoButton.isVisible(), { timeout: 10_000 }).toBe(true);
  expect(await settings.getByTestId('hub-team').count()).toBe(0);

  await demoButton.click();
  await expect.poll(() => settings.getByTestId('hub-team').textContent().catch(() => null), { timeout: 10_000 }).toBe(DEMO_TEAM);
  expect(invites()).toEqual(['POST /v1/demo/invite 200', 'POST /v1/demo/invite 200']);
});

test('a build holding another secret gets no invite and is not paired', async () => {
  demoAnswers.length = 0;
  const browser = await launchChromium(await devBuildWith(randomBytes(32).toString('hex')));
  browsers.push(browser);
  // The startup attempt reached the hub and was refused.
  await expect.poll(() => invites(), { timeout: 15_000 }).toEqual(['POST /v1/demo/invite 403']);
  const settings = await openSettings(browser);
  await expect.poll(() => settings.locator('#hub-url').isVisible(), { timeout: 10_000 }).toBe(true);
  // The settings page asked, and the hub's proof did not check out: no button.
  await expect.poll(() => demoAnswers, { timeout: 10_000 }).toContain('GET /v1/demo 200');
  expect(await settings.getByTestId('hub-team').count()).toBe(0);
  expect(await settings.getByTestId('hub-demo-pair').count()).toBe(0);
});
