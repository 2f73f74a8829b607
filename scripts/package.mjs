// Writes the two store packages: dist/continuum-chrome-<version>.zip and dist/continuum-firefox-<version>.zip.
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

function filesOf(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesOf(path) : [path];
  });
}

for (const target of ['chrome', 'firefox']) {
  const dir = join('dist', target);
  const entries = Object.fromEntries(filesOf(dir).map((path) => [relative(dir, path).split('\\').join('/'), readFileSync(path)]));
  if (!entries['manifest.json']) throw new Error(`${dir} has no manifest.json: run npm run build first`);
  const out = join('dist', `continuum-${target}-${version}.zip`);
  writeFileSync(out, zipSync(entries, { level: 9 }));
  console.log(`${out} (${Object.keys(entries).length} files, ${(statSync(out).size / 1024).toFixed(0)} KiB)`);
}
