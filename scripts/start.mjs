// `npm start`: serves the demo pages and, when there is a display, opens Chromium with the
// development build loaded on them. Without a display it says what to open and how.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { startDemoServer } from './demo-server.mjs';

const port = Number(process.env.PORT ?? 4300);
const { origin } = await startDemoServer({ port, host: '127.0.0.1' });
const demo = `${origin}/demo/helpdesk/`;
const extension = resolve('dist/chrome-dev');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((path) => existsSync(path));
const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

console.log(`Continuum demo pages: ${origin}/  (helpdesk: ${demo}, social inbox: ${origin}/demo/social/)`);

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
Press Ctrl+C to stop the demo server.`);
}
