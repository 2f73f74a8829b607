// `npm run bench -- overhead`: what Continuum costs a heavy host page, in real Chromium.
//
// The page (tests/fixtures/bench/live-inbox) is a long ticket thread with a live stream of DOM
// mutations. The same fixed-length scenario (20 single-page ticket switches, 1.5 s apart) runs in
// a browser without the extension and in one with dist/chrome-dev, alternating which goes first
// in each round. Rounds come in pairs: the second run of a round measured systematically slower
// than the first on these machines (up to 8 %), so each order gets as many rounds as the other,
// and the browsers start after a pause once the previous one is gone. Figures:
// - overhead_ratio: the host page's main-thread task time with ÷ without (CDP `TaskDuration` of
//   the page's own renderer; the sidebar is an extension-origin frame in its own process);
// - overhead_thread_time_ratio: the same for the main thread's CPU time (CDP `ThreadTime`). Task
//   time is wall time, so it also counts waiting for a core the extension's other processes (its
//   service worker, the sidebar) or anything else on the machine kept busy; CPU time does not;
// - overhead_ratio_by_order: the same ratio over the rounds where the page with the extension ran
//   first, and over those where it ran second (their gap shows the machine's drift), and
//   overhead_round_ratios: each round's ratio, for the spread;
// - detect_p95_ms: from the page showing a ticket (its title painted, by Element Timing) to the
//   sidebar showing that ticket's customer (0 when the sidebar is first), over every switch of
//   every round; detect_from_frame_start_p95_ms counts from the start of the frame that draws it
//   instead (the host's own style, layout and paint of the new ticket included);
// - content_script_gzip_bytes: all JS that loads on a host page before the sidebar opens.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { startDemoServer } from './demo-server.mjs';

const SWITCHES = 20;
const SWITCH_EVERY_MS = 1500;
const WARMUP_MS = 3000;
/** Between two browsers: the last one's processes are gone, and the machine settles. */
const BETWEEN_RUNS_MS = 3000;

/**
 * `extension` and `build: false` let a profiling run measure a private build without rebuilding
 * the shared dist/ (content_script_gzip_bytes is then that build's content.js).
 */
export async function overheadBench({
  rounds: asked = Number(process.env.BENCH_ROUNDS ?? 6),
  extension = resolve('dist/chrome-dev'),
  build = true,
} = {}) {
  if (build) execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const contentScript = await readFile(build ? 'dist/chrome/content.js' : join(extension, 'content.js'));
  // An even number: as many rounds with the extension's run first as second.
  const rounds = Math.max(2, Math.ceil(asked / 2) * 2);
  const server = await startDemoServer({ port: 0 });
  const runs = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? [false, true] : [true, false];
      for (const withExtension of order) {
        await new Promise((settle) => setTimeout(settle, BETWEEN_RUNS_MS));
        runs.push({ round, withExtension, extensionFirst: order[0], ...(await runScenario(server.origin, withExtension && extension)) });
      }
    }
  } finally {
    await server.close();
  }
  const total = (withExtension, key = 'taskMs', of = runs) => of.filter((r) => r.withExtension === withExtension).reduce((sum, r) => sum + r[key], 0);
  const ratio = (of) => round3(total(true, 'taskMs', of) / total(false, 'taskMs', of));
  const detections = runs.flatMap((r) => r.detectMs ?? []);
  const fromFrameStart = runs.flatMap((r) => r.fromFrameStartMs ?? []);
  const missed = runs.reduce((sum, r) => sum + (r.missed ?? 0), 0);
  return {
    overhead_ratio: round3(total(true) / total(false)),
    overhead_thread_time_ratio: round3(total(true, 'threadMs') / total(false, 'threadMs')),
    overhead_ratio_by_order: { extension_first: ratio(runs.filter((r) => r.extensionFirst)), extension_second: ratio(runs.filter((r) => !r.extensionFirst)) },
    overhead_round_ratios: Array.from({ length: rounds }, (_, round) => ratio(runs.filter((r) => r.round === round))),
    detect_p95_ms: Math.round(percentile(detections, 0.95)),
    detect_median_ms: Math.round(percentile(detections, 0.5)),
    detect_from_frame_start_p95_ms: Math.round(percentile(fromFrameStart, 0.95)),
    detect_from_frame_start_median_ms: Math.round(percentile(fromFrameStart, 0.5)),
    content_script_gzip_bytes: gzipSync(contentScript, { level: 9 }).length,
    rounds,
    switches_per_run: SWITCHES,
    detections: detections.length,
    missed_detections: missed,
    runs: runs.map((r) => ({ round: r.round, extension: r.withExtension, task_ms: Math.round(r.taskMs), thread_ms: Math.round(r.threadMs), wall_ms: r.wallMs })),
  };
}

/** `extension`: the unpacked extension's directory, or false for a run without it. */
async function runScenario(origin, extension) {
  const withExtension = Boolean(extension);
  const profile = await mkdtemp(join(tmpdir(), 'continuum-bench-'));
  const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
  if (withExtension) args.push(`--disable-extensions-except=${extension}`, `--load-extension=${extension}`);
  else args.push('--disable-extensions');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 900 },
    args,
  });
  try {
    if (withExtension && !context.serviceWorkers().length) await context.waitForEvent('serviceworker', { timeout: 15_000 });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/bench/live-inbox/#/ticket/0`);
    // Each ticket's customer is told apart by e-mail address (names repeat across tickets).
    const customers = await page.evaluate(() => window.__customers.map((c) => c.email));
    const sidebar = withExtension ? await watchSidebar(page, customers[0]) : null;
    await page.waitForTimeout(WARMUP_MS);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const before = await mainThreadSeconds(cdp);
    const started = Date.now();
    for (let i = 1; i <= SWITCHES; i++) {
      const due = started + i * SWITCH_EVERY_MS;
      await page.waitForTimeout(Math.max(0, due - Date.now()));
      await page.evaluate((n) => {
        window.__asked ??= {};
        window.__asked[n] = performance.timeOrigin + performance.now();
        location.hash = `#/ticket/${n}`;
      }, i);
    }
    await page.waitForTimeout(SWITCH_EVERY_MS);
    const after = await mainThreadSeconds(cdp);
    const taskMs = (after.task - before.task) * 1000;
    const threadMs = (after.thread - before.thread) * 1000;
    const wallMs = Date.now() - started;
    if (!sidebar) return { taskMs, threadMs, wallMs };

    const { shown, painted, asked } = await page.evaluate(() => ({ shown: window.__shown, painted: window.__painted, asked: window.__asked }));
    const seen = await sidebar.evaluate(() => window.__benchSeen);
    const detectMs = [];
    const fromFrameStartMs = [];
    let missed = 0;
    for (let i = 1; i <= SWITCHES; i++) {
      // The card may come before the page's paint (the page drew, we read it, the frame is late):
      // that counts as 0 ms. Each ticket is opened once per run, so its card is this switch's.
      const at = seen.find((s) => s.card.includes(customers[i]) && s.at >= asked[i])?.at;
      if (at === undefined || painted[i] === undefined) missed++;
      else {
        detectMs.push(Math.max(0, at - painted[i]));
        fromFrameStartMs.push(Math.max(0, at - shown[i]));
      }
    }
    return { taskMs, threadMs, wallMs, detectMs, fromFrameStartMs, missed };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

/** Records in the sidebar frame each customer card it shows, with the time it appeared. */
async function watchSidebar(page, firstEmail) {
  const deadline = Date.now() + 15_000;
  let frame;
  while (!frame && Date.now() < deadline) {
    frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/src/sidebar/index.html'));
    if (!frame) await page.waitForTimeout(50);
  }
  if (!frame) throw new Error('The sidebar frame never appeared on the bench page');
  await frame.waitForFunction((email) => document.querySelector('[data-testid="customer"]')?.textContent?.includes(email), firstEmail, { timeout: 15_000 });
  await frame.evaluate(() => {
    window.__benchSeen = [];
    let last = '';
    const record = () => {
      const card = document.querySelector('[data-testid="customer"]')?.textContent ?? '';
      if (card && card !== last) window.__benchSeen.push({ card, at: performance.timeOrigin + performance.now() });
      last = card;
    };
    new MutationObserver(record).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return frame;
}

/** The page's main thread so far: time in tasks (wall) and CPU time, in seconds. */
async function mainThreadSeconds(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((m) => m.name === name).value;
  return { task: value('TaskDuration'), thread: value('ThreadTime') };
}

function percentile(values, p) {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

const round3 = (x) => Math.round(x * 1000) / 1000;
