// A small static file server bound to 127.0.0.1 (used by scripts/run.sh and the
// e2e tests). `startServer(dir, port=0)` resolves to { url, port, close }.
// - Precompressed files (FILE.br, FILE.gz beside FILE, written by scripts/compress.mjs)
//   are sent with `Content-Encoding` when the request's Accept-Encoding allows (brotli
//   first), with `Vary: Accept-Encoding` on every answer that has such a variant.
// - CORS for embedding (docs/web.md): `Access-Control-Allow-Origin: *` and
//   `Cross-Origin-Resource-Policy: cross-origin` on every file, so a host page on
//   another origin can load embed.js, the glue and the wasm; OPTIONS is answered.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8',
  '.bcmap': 'application/octet-stream', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
};

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'cross-origin-resource-policy': 'cross-origin',
};

/** The codings a request accepts, from its Accept-Encoding header (q=0 refuses). */
export function accepted(header = '') {
  const ok = new Set();
  let star = false;
  for (const part of String(header).split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q !== undefined && !(Number(q.slice(2)) > 0)) continue;
    if (name === '*') star = true; else ok.add(name);
  }
  if (star) { ok.add('br'); ok.add('gzip'); }
  return ok;
}

const ENCODINGS = [['br', '.br'], ['gzip', '.gz']];

// `mounts` maps URL prefixes to other folders, e.g. { '/__e2e__/': 'tests/e2e/fixtures' }.
export function startServer(dir, port = 0, host = '127.0.0.1', mounts = {}) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method === 'OPTIONS') { res.writeHead(204, { ...CORS, 'access-control-max-age': '600' }).end(); return; }
      if (req.method !== 'GET' && req.method !== 'HEAD') { res.writeHead(405, { allow: 'GET, HEAD, OPTIONS' }).end(); return; }
      let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (path.endsWith('/')) path += 'index.html';
      let root = resolve(dir);
      for (const [prefix, folder] of Object.entries(mounts)) {
        if (path.startsWith(prefix)) { root = resolve(folder); path = '/' + path.slice(prefix.length); break; }
      }
      const file = normalize(join(root, path));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      const st = await stat(file).catch(() => null);
      if (!st || !st.isFile()) { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'); return; }
      const headers = { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache', ...CORS };
      let send = file;
      const variants = [];
      for (const [coding, ext] of ENCODINGS) {
        const v = await stat(file + ext).catch(() => null);
        // A variant older than its file is stale: never send it.
        if (v && v.isFile() && v.mtimeMs >= st.mtimeMs) variants.push([coding, ext]);
      }
      if (variants.length) {
        headers.vary = 'Accept-Encoding';
        const ok = accepted(req.headers['accept-encoding']);
        const pick = variants.find(([coding]) => ok.has(coding));
        if (pick) { send = file + pick[1]; headers['content-encoding'] = pick[0]; }
      }
      const body = await readFile(send);
      headers['content-length'] = body.length;
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((ok) => server.listen(port, host, () => {
    const p = server.address().port;
    ok({ url: `http://${host}:${p}/`, port: p, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }) });
  }));
}

// node tests/e2e/server.mjs DIR [PORT]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  startServer(dir, Number(port)).then((s) => console.log(`serving ${resolve(dir)} at ${s.url}`));
}
