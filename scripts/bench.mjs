// `npm run bench -- <name>`: runs a benchmark and writes bench-results/<name>.json.
// Benchmarks: store (the local IndexedDB store in real Chromium), suggest (local suggestions and
// the context built before a model request, in real Chromium), overhead (what the extension costs a
// heavy live host page, and how fast the sidebar follows it).
import { build } from 'vite';
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { startDemoServer } from './demo-server.mjs';
import { overheadBench } from './bench-overhead.mjs';
import { metricsBench } from './bench-metrics.mjs';
import { hubBench } from './bench-hub.mjs';

const BENCHES = {
  async store() {
    const options = {
      customers: Number(process.env.BENCH_CUSTOMERS ?? 100_000),
      events: Number(process.env.BENCH_EVENTS ?? 1_000_000),
      largeCustomerEvents: 10_000,
      linkedPairs: 200,
      samples: 300,
    };
    return inChromium('tests/bench/store-bench.ts', 'runStoreBench', options);
  },
  async suggest() {
    const options = {
      templates: Number(process.env.BENCH_TEMPLATES ?? 5_000),
      pastReplies: Number(process.env.BENCH_PAST_REPLIES ?? 50_000),
      samples: 300,
    };
    return inChromium('tests/bench/suggest-bench.ts', 'runSuggestBench', options);
  },
  // What Continuum costs a heavy live host page (scripts/bench-overhead.mjs).
  overhead: () => overheadBench(),
  // The lead console's dashboard on the hub with PostgreSQL (scripts/bench-metrics.mjs).
  metrics: () => metricsBench(),
  // The team hub on PostgreSQL: ingest throughput and live fan-out over two instances (scripts/bench-hub.mjs).
  hub: () => hubBench(),
};

/** Bundles a bench entry and runs it in a page of real Chromium (its own IndexedDB). */
async function inChromium(entry, fn, options) {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { outDir: '.bench-build', emptyOutDir: true, minify: true, lib: { entry, formats: ['iife'], name: 'bench', fileName: () => 'bench.js' } },
  });
  const server = await startDemoServer({ port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.origin}/demo/`);
    await page.addScriptTag({ path: '.bench-build/bench.js' });
    return await page.evaluate(([name, o]) => globalThis[name](o), [fn, options]);
  } finally {
    await browser.close();
    await server.close();
  }
}

const names = process.argv.slice(2);
if (!names.length || names.some((name) => !BENCHES[name])) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHES).join('|')}> ...`);
  process.exit(2);
}
mkdirSync('bench-results', { recursive: true });
for (const name of names) {
  const started = Date.now();
  const figures = await BENCHES[name]();
  const result = { bench: name, at: new Date().toISOString(), node: process.version, duration_s: Math.round((Date.now() - started) / 1000), ...figures };
  writeFileSync(`bench-results/${name}.json`, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}
