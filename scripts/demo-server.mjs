// A small static server for the demo pages and test fixtures (tests/fixtures), on localhost only.
// Single-page apps get their folder's index.html for any path below it, as a real host would.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('../tests/fixtures', import.meta.url)));
// Libraries a static fixture page loads the way its host app would (a <script src>), from npm:
// /vendor/tinymce/ is TinyMCE's prebuilt bundle, which fetches its theme and skins next to itself.
const VENDOR = { '/vendor/tinymce/': resolve(fileURLToPath(new URL('../node_modules/tinymce', import.meta.url))) };
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml' };

async function isFile(path) {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

async function resolvePath(urlPath) {
  const vendor = Object.keys(VENDOR).find((prefix) => urlPath.startsWith(prefix));
  if (vendor) {
    const path = join(VENDOR[vendor], normalize(decodeURIComponent(urlPath.slice(vendor.length))).replace(/^([/\\])+/, ''));
    return path.startsWith(VENDOR[vendor] + sep) && (await isFile(path)) ? path : null;
  }
  const relative = normalize(decodeURIComponent(urlPath)).replace(/^([/\\])+/, '');
  let path = join(ROOT, relative);
  if (!path.startsWith(ROOT + sep) && path !== ROOT) return null;
  if (await isFile(path)) return path;
  if (await isFile(join(path, 'index.html'))) return join(path, 'index.html');
  // SPA fallback: the nearest index.html above the requested path.
  while (path.startsWith(ROOT + sep)) {
    path = resolve(path, '..');
    if (await isFile(join(path, 'index.html')) && path !== ROOT) return join(path, 'index.html');
  }
  return null;
}

export function startDemoServer({ port = 4300, host = '127.0.0.1' } = {}) {
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const path = url.pathname === '/' ? join(ROOT, 'demo', 'index.html') : await resolvePath(url.pathname);
    if (!path) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(await readFile(path));
  });
  return new Promise((resolveStart, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolveStart({ origin: `http://${host}:${address.port}`, port: address.port, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { origin } = await startDemoServer({ port: Number(process.env.PORT ?? 4300) });
  console.log(`Demo pages on ${origin}/`);
}
