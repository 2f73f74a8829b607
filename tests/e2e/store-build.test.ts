/**
 * The store builds (dist/chrome, dist/firefox, what `npm run package` zips) contain nothing of the
 * demo hub pairing: not its routes, not the secret file npm start writes, not the code that reads
 * it. The development builds do, which shows the search finds it where it is. Needs `npm run build`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Every file of a build, path and text. */
function filesOf(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, text: readFileSync(path, 'latin1') };
    });
}

/** Written by scripts/start.mjs, read by src/background/sync/dev-pairing.ts. */
const DEMO_SECRET_FILE = 'demo-hub.json';
/** What only the demo pairing code holds: the routes, the secret file's name, the HMAC labels. */
const DEMO_MARKERS = ['/v1/demo', DEMO_SECRET_FILE, 'browser|', 'development build)'];

const found = (dir: string) => filesOf(dir).flatMap(({ path, text }) => [...DEMO_MARKERS.filter((marker) => text.includes(marker)).map((marker) => `${path}: ${marker}`), ...(path.endsWith(DEMO_SECRET_FILE) ? [path] : [])]);

describe('demo pairing stays out of the store builds', () => {
  test.each(['dist/chrome', 'dist/firefox'])('%s has none of it', (dir) => {
    expect(filesOf(dir).length).toBeGreaterThan(5);
    expect(found(dir)).toEqual([]);
  });

  test.each(['dist/chrome-dev', 'dist/firefox-dev'])('%s has it (the search finds it where it is)', (dir) => {
    const markers = found(dir).map((hit) => hit.split(': ')[1]);
    for (const marker of DEMO_MARKERS) expect(markers).toContain(marker);
  });
});
