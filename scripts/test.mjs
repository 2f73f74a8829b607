// `npm test`: installs what the tests need and a fresh machine lacks, builds every target,
// checks types and the Firefox build, then runs the unit and end-to-end suites.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

const BROWSERS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium' },
  { bin: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
];

function run(command, args, options = {}) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status || 1);
  }
}

function ensureBrowsers() {
  const missing = BROWSERS.filter(({ bin }) => !existsSync(bin)).map(({ pkg }) => pkg);
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    console.error(`The end-to-end tests need Debian's ${missing.join(' and ')}. Install them with:\n  sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', ...missing], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** The hub's tests run against PostgreSQL at 127.0.0.1:5432 (or TEST_POSTGRES_URL) as well as PGlite. */
async function ensurePostgres() {
  if (process.env.TEST_POSTGRES_URL) return;
  const reachable = () =>
    new Promise((resolve) => {
      const socket = connect(5432, '127.0.0.1');
      socket.once('connect', () => (socket.end(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
  if (await reachable()) return;
  const versions = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  if (process.getuid?.() === 0 && versions.length) {
    run('pg_ctlcluster', ['--skip-systemctl-redirect', versions[0], 'main', 'start']);
    if (await reachable()) return;
  }
  console.error(
    'The team hub tests need PostgreSQL on 127.0.0.1:5432 (user postgres, trust or password in TEST_POSTGRES_URL).\n' +
      'Install and start it (Debian: sudo apt-get install -y postgresql && sudo pg_ctlcluster 15 main start),\n' +
      'or point TEST_POSTGRES_URL at a server: TEST_POSTGRES_URL=postgres://user:pass@host:5432/postgres npm test',
  );
  process.exit(1);
}

ensureBrowsers();
await ensurePostgres();
run('node', ['scripts/build.mjs']);
// The editor fixture pages (real editor libraries from npm); rebuilt only when their sources change.
run('node', ['scripts/build-fixtures.mjs']);
run('npx', ['tsc', '--noEmit']);
run('npx', ['svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'error', '--output', 'human']);
run('npx', ['web-ext', 'lint', '--source-dir', 'dist/firefox', '--self-hosted', '--warnings-as-errors=false', '--output', 'text']);
// Unit and hub tests first, then the browsers alone: real browsers on a 2-core machine should
// not compete with CPU-heavy suites for the time their pages and the hub's live channel need.
// On two cores vitest's default is one worker; the unit and hub files are independent (each hub
// test file has its own database), so two workers take about a third off their wall time.
const suites = [
  ['unit-server', ['--project', 'unit', '--project', 'server', '--maxWorkers=2']],
  ['e2e', ['--project', 'e2e']],
];
const totals = { passed: 0, failed: 0, skipped: 0 };
let failed = false;
for (const [name, projects] of suites) {
  const output = `test-results/vitest-${name}.json`;
  console.log(`\n$ npx vitest run ${projects.join(' ')}`);
  const result = spawnSync('npx', ['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${output}`], { stdio: 'inherit' });
  failed ||= result.status !== 0;
  if (!existsSync(output)) continue;
  const report = JSON.parse(readFileSync(output, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
if (failed) process.exit(1);
