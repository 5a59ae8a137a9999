// The bundled server (tests/e2e/server.mjs) with precompressed files
// (scripts/compress.mjs): the coding the request allows, Vary, CORS, and a page whose
// HTML, module script and wasm all arrive compressed still runs in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startServer, accepted } from './server.mjs';
import { compressDir } from '../../scripts/compress.mjs';
import { launch, serve, openPage, DIST } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'planlens-serve-'));
const filler = '// ' + '计划 plan '.repeat(400) + '\n';
const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>t</title><body><p id="out">…</p>
<script type="module" src="./app.js"></script>\n<!-- ${'填充 '.repeat(400)} -->\n`;
const js = `${filler}const r = await WebAssembly.instantiateStreaming(fetch('./answer.wasm'));
document.getElementById('out').textContent = '结果 ' + r.instance.exports.answer();\n`;
// (module (func (export "answer") (result i32) i32.const 42)) plus a custom section of
// 2000 zero bytes so that it is worth compressing.
const wasm = Buffer.concat([
  Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 1, 5, 1, 0x60, 0, 1, 0x7f, 3, 2, 1, 0,
    7, 10, 1, 6, ...Buffer.from('answer'), 0, 0, 10, 6, 1, 4, 0, 0x41, 42, 0x0b,
    0, 0xd4, 0x0f, 3, ...Buffer.from('pad')]),
  Buffer.alloc(2000),
]);
writeFileSync(join(dir, 'index.html'), html);
writeFileSync(join(dir, 'app.js'), js);
writeFileSync(join(dir, 'answer.wasm'), wasm);
writeFileSync(join(dir, 'small.txt'), 'tiny');

let server, browser;
before(async () => { await compressDir(dir); server = await startServer(dir); });
after(async () => { await browser?.close(); await server?.close(); });

async function get(path, acceptEncoding, method = 'GET') {
  const headers = acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding };
  // node's fetch would decode the body itself; read the raw bytes over http.
  const { request } = await import('node:http');
  return new Promise((ok, fail) => {
    const req = request(server.url + path, { method, headers }, (res) => {
      const parts = [];
      res.on('data', (c) => parts.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('compress writes .gz and .br beside files worth it, never beside small ones', () => {
  for (const f of ['index.html', 'app.js', 'answer.wasm']) {
    assert.ok(existsSync(join(dir, f + '.gz')) && existsSync(join(dir, f + '.br')), f);
  }
  assert.ok(!existsSync(join(dir, 'small.txt.gz')) && !existsSync(join(dir, 'small.txt.br')));
});

test('Accept-Encoding parsing: q=0 refuses, * allows both', () => {
  assert.deepEqual([...accepted('gzip, deflate, br')].sort(), ['br', 'deflate', 'gzip']);
  assert.deepEqual([...accepted('br;q=0, gzip;q=0.5')], ['gzip']);
  assert.deepEqual([...accepted('*')].sort(), ['br', 'gzip']);
  assert.deepEqual([...accepted('')], []);
});

test('each request gets the coding it allows, the same bytes once decoded, Vary and CORS', async () => {
  const cases = [
    ['gzip, deflate, br', 'br', brotliDecompressSync],
    ['gzip', 'gzip', gunzipSync],
    ['br;q=0, gzip', 'gzip', gunzipSync],
    ['identity', undefined, (b) => b],
    [undefined, undefined, (b) => b],
  ];
  for (const [path, type, raw] of [['app.js', /javascript/, js], ['answer.wasm', /application\/wasm/, wasm], ['', /text\/html/, html]]) {
    for (const [ae, coding, decode] of cases) {
      const r = await get(path, ae);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-encoding'], coding, `${path} with ${ae}`);
      assert.equal(r.headers.vary, 'Accept-Encoding');
      assert.match(r.headers['content-type'], type);
      assert.equal(r.headers['access-control-allow-origin'], '*');
      assert.equal(r.headers['cross-origin-resource-policy'], 'cross-origin');
      assert.equal(Number(r.headers['content-length']), r.body.length);
      assert.deepEqual(decode(r.body), Buffer.from(raw), `${path} with ${ae}: same bytes`);
      if (coding) assert.ok(r.body.length < Buffer.from(raw).length / 2, `${path} ${coding} is smaller`);
    }
  }
  const small = await get('small.txt', 'gzip, br');
  assert.equal(small.headers['content-encoding'], undefined);
  assert.equal(small.headers.vary, undefined, 'no variant, nothing varies');
  assert.equal(small.body.toString(), 'tiny');
  const head = await get('app.js', 'gzip', 'HEAD');
  assert.equal(head.headers['content-encoding'], 'gzip');
  assert.equal(head.body.length, 0);
  const pre = await get('app.js', undefined, 'OPTIONS');
  assert.equal(pre.status, 204);
  assert.equal(pre.headers['access-control-allow-origin'], '*');
});

test('a variant older than its file is not sent', async () => {
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(dir, 'app.js.br'), old, old);
  utimesSync(join(dir, 'app.js.gz'), old, old);
  const r = await get('app.js', 'gzip, br');
  assert.equal(r.headers['content-encoding'], undefined);
  assert.equal(r.body.toString(), js);
  compressDir(dir);
});

test('Chromium runs a page whose HTML, script and wasm arrive compressed', { timeout: 60000 }, async () => {
  browser = await launch();
  const p = await openPage(browser);
  const codings = {};
  p.page.on('response', async (r) => {
    const name = new URL(r.url()).pathname.split('/').pop() || 'index.html';
    codings[name] = (await r.allHeaders())['content-encoding'];
  });
  await p.page.goto(server.url);
  await p.page.waitForFunction(() => document.getElementById('out').textContent.startsWith('结果'), null, { timeout: 20000 });
  assert.equal(await p.page.textContent('#out'), '结果 42');
  for (const f of ['index.html', 'app.js', 'answer.wasm']) assert.ok(['br', 'gzip'].includes(codings[f]), `${f}: ${codings[f]}`);
  assert.deepEqual(p.errors, []);
  await p.context.close();
});

test('the built app (dist/, when built by scripts/run.sh) loads compressed and analyses', { timeout: 120000, skip: !existsSync(join(DIST, 'index.html.gz')) && 'dist/ not built with precompressed files' }, async () => {
  const s = await serve();
  try {
    const p = await openPage(browser || (browser = await launch()));
    const codings = {};
    p.page.on('response', async (r) => { codings[new URL(r.url()).pathname] = (await r.allHeaders())['content-encoding']; });
    await p.page.goto(s.url);
    await p.page.fill('#plan-text', '一、主要任务\n1.推进改革。到2025年，新增企业100家。（牵头单位：市发改委）\n');
    await p.page.click('#btn-analyze');
    await p.page.waitForSelector('#count-measures', { timeout: 60000 });
    const wasmCodings = Object.entries(codings).filter(([u]) => u.endsWith('.wasm')).map(([, c]) => c);
    assert.ok(wasmCodings.length > 0 && wasmCodings.every((c) => c === 'br' || c === 'gzip'), JSON.stringify(codings));
    await p.context.close();
  } finally {
    await s.close();
  }
});
