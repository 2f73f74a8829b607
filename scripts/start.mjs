// `npm start`: runs the team hub with the demo team (scripts/demo-hub.mjs), serves the demo pages
// and, when there is a display, opens Chromium with the development build loaded on them. Without
// a display it says what to open and how. The development builds pair with the hub on their own,
// once: the hub hands invites only to the holder of this run's demo secret, which goes into the
// development builds here (never into the store builds: dist/chrome, dist/firefox).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoServer } from './demo-server.mjs';

const port = Number(process.env.PORT ?? 4300);
const hubPort = 8787; // the address the development builds look for (src/background/sync/dev-pairing.ts)
const DEV_BUILDS = ['dist/chrome-dev', 'dist/firefox-dev'];
/** Read by the development builds from their own package (DEMO_SECRET_FILE in dev-pairing.ts). */
const DEMO_SECRET_FILE = 'demo-hub.json';

/** A fresh secret for this run, shared by the demo hub and the development builds only. */
function writeDemoSecret() {
  const secret = randomBytes(32).toString('hex');
  for (const build of DEV_BUILDS.filter((dir) => existsSync(dir))) {
    writeFileSync(join(build, DEMO_SECRET_FILE), `${JSON.stringify({ secret })}\n`, { mode: 0o600 });
  }
  return secret;
}

/** The hub runs in its own process (TypeScript, through tsx); it stops with this one. */
function startDemoHub(demoSecret) {
  const env = { ...process.env, HUB_DEMO: '1', HUB_DEMO_SECRET: demoSecret, HUB_PORT: String(hubPort), HUB_DATA: process.env.HUB_DATA ?? './data' };
  const hub = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo-hub.mjs'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  let stopping = false;
  hub.on('exit', (code, signal) => {
    if (!stopping) console.error(`The team hub stopped (${signal ?? `exit code ${code}`}); the extension keeps working offline.`);
  });
  const stop = () => {
    stopping = true;
    if (hub.exitCode === null) hub.kill('SIGTERM');
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop();
      hub.once('exit', () => process.exit(0));
      setTimeout(() => process.exit(0), 5000).unref();
    });
  }
  return hub;
}

/** Resolves once the hub answers /health (its first start creates the database: a few seconds). */
async function hubReady(hub, timeoutMs = 120_000) {
  const started = Date.now();
  while (Date.now() - started < timeoutMs && hub.exitCode === null) {
    const ok = await fetch(`http://127.0.0.1:${hubPort}/health`).then((r) => r.ok, () => false);
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const hub = startDemoHub(writeDemoSecret());
const { origin } = await startDemoServer({ port, host: '127.0.0.1' });
const hubUp = await hubReady(hub);
const demo = `${origin}/demo/helpdesk/`;
const extension = resolve('dist/chrome-dev');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log(`Continuum demo pages: ${origin}/  (helpdesk: ${demo}, social inbox: ${origin}/demo/social/)`);
console.log(
  hubUp
    ? `Team hub:             http://127.0.0.1:${hubPort}/  — dist/chrome-dev and dist/firefox-dev pair with it once as an agent of "Maison Lumière" (after an unpair: settings → "Pair with the demo hub")`
    : `Team hub:             not running (see its error above); the extension works without it`,
);

if (hasDisplay && chromium) {
  const profile = resolve('.continuum-profile');
  mkdirSync(profile, { recursive: true });
  const args = [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extension}`,
    `--load-extension=${extension}`,
    '--no-first-run',
    '--disable-background-networking',
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    demo,
  ];
  const child = spawn(chromium, args, { stdio: 'ignore' });
  console.log(`Opened ${chromium} with ${extension} loaded. Close the browser or press Ctrl+C to stop.`);
  child.on('exit', () => process.exit(0));
} else {
  console.log(`
No display${chromium ? '' : ' or Chromium'} found, so no browser was opened. To try Continuum:
  Chrome/Chromium: open chrome://extensions, turn on Developer mode, "Load unpacked" → ${extension}
  Firefox:         open about:debugging#/runtime/this-firefox, "Load Temporary Add-on" → ${resolve('dist/firefox-dev/manifest.json')}
Then open ${demo} — the development builds are enabled on localhost and 127.0.0.1 out of the box.
Press Ctrl+C to stop the demo server and the hub.`);
}
