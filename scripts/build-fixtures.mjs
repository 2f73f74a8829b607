// Builds the editor fixture pages (tests/fixtures/editors/src/<editor>/index.html, each with the
// real editor library from npm) into tests/fixtures/editors/dist/, served by scripts/demo-server.mjs
// at /editors/dist/<editor>/. Skipped when nothing they are built from changed since the last build.
// Usage: node scripts/build-fixtures.mjs [--force]
import { build } from 'vite';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = join(repo, 'tests/fixtures/editors/src');
const outDir = join(repo, 'tests/fixtures/editors/dist');
const stamp = join(outDir, '.build-stamp');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

const sources = files(root).sort();
const hash = createHash('sha256');
for (const path of [...sources, join(repo, 'package-lock.json'), fileURLToPath(import.meta.url)]) {
  hash.update(relative(repo, path)).update('\0').update(readFileSync(path)).update('\0');
}
const digest = hash.digest('hex');

if (!process.argv.includes('--force') && existsSync(stamp) && readFileSync(stamp, 'utf8') === digest) {
  console.log('editor fixtures up to date');
} else {
  const pages = sources.filter((path) => path.endsWith('/index.html'));
  const started = Date.now();
  await build({
    configFile: false,
    root,
    base: './',
    logLevel: 'warn',
    // The pages are test fixtures: production React, no source maps, one chunk per page is fine.
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 10_000,
      rollupOptions: { input: Object.fromEntries(pages.map((path) => [relative(root, path).split('/')[0], path])) },
    },
  });
  writeFileSync(stamp, digest);
  console.log(`built ${pages.length} editor fixture pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
