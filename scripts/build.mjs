// Builds every target: dist/chrome, dist/chrome-dev, dist/firefox, dist/firefox-dev.
// Usage: node scripts/build.mjs [target ...]
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const ALL = ['chrome', 'chrome-dev', 'firefox', 'firefox-dev'];
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ALL;

for (const target of targets) {
  if (!ALL.includes(target)) throw new Error(`Unknown build target "${target}" (expected one of ${ALL.join(', ')})`);
  process.env.CONTINUUM_TARGET = target;
  await build({ logLevel: 'warn' });
  // The content script: one classic script, no imports at run time, so host pages never load
  // extension chunks and nothing but the sidebar page is web-accessible.
  await build({
    configFile: false,
    logLevel: 'warn',
    define: { __BUILD_TARGET__: JSON.stringify(target), 'process.env.NODE_ENV': '"production"' },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry: 'src/content/index.ts', formats: ['iife'], name: 'continuumContent', fileName: () => 'content.js' },
    },
  });
  const size = gzipSync(readFileSync(`dist/${target}/content.js`)).length;
  console.log(`built dist/${target} (content script ${(size / 1024).toFixed(1)} KiB gzip)`);
}
