// Builds every target: dist/chrome, dist/chrome-dev, dist/firefox, dist/firefox-dev.
// Usage: node scripts/build.mjs [target ...]
import { build } from 'vite';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ALL = ['chrome', 'chrome-dev', 'firefox', 'firefox-dev'];
// All JS a host page loads before the sidebar opens (issue 3), measured as the overhead bench does.
const CONTENT_BUDGET_GZIP = 25_600;
const targets = process.argv.slice(2).length ? process.argv.slice(2) : ALL;

/**
 * One self-contained IIFE (no chunks, no imports at run time) written to dist/<target>/<file>.
 * `alias` swaps modules for this script only.
 */
function classicScript(target, entry, name, file, alias = {}) {
  return build({
    configFile: false,
    logLevel: 'warn',
    define: { __BUILD_TARGET__: JSON.stringify(target), 'process.env.NODE_ENV': '"production"' },
    resolve: { alias },
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      lib: { entry, formats: ['iife'], name, fileName: () => file },
    },
  });
}

for (const target of targets) {
  if (!ALL.includes(target)) throw new Error(`Unknown build target "${target}" (expected one of ${ALL.join(', ')})`);
  process.env.CONTINUUM_TARGET = target;
  await build({ logLevel: 'warn' });
  // The content script: one classic script, no imports at run time, so host pages never load
  // extension chunks and nothing but the sidebar page is web-accessible.
  // It gets the five extension calls it makes instead of the whole polyfill (src/content/extension-api.ts).
  await classicScript(target, 'src/content/index.ts', 'continuumContent', 'content.js', {
    'webextension-polyfill': fileURLToPath(new URL('../src/content/extension-api.ts', import.meta.url)),
  });
  // Teach mode's overlay: its own classic script, injected into one tab on request
  // (src/background/teach.ts), so it never counts against the content script's budget.
  await classicScript(target, 'src/content/teach/index.ts', 'continuumTeach', 'teach.js');
  const size = gzipSync(readFileSync(`dist/${target}/content.js`), { level: 9 }).length;
  console.log(`built dist/${target} (content script ${size} bytes gzip, budget ${CONTENT_BUDGET_GZIP})`);
  if (size > CONTENT_BUDGET_GZIP) throw new Error(`dist/${target}/content.js is ${size} bytes gzip, over the ${CONTENT_BUDGET_GZIP} budget`);
}
