#!/usr/bin/env node
// After `trunk build`: (1) pin every inline script of dist/index.html in its
// Content-Security-Policy by sha256 (no 'unsafe-inline'), and (2) write
// dist/planlens.html, one self-contained file (CSS inlined, the wasm-bindgen glue
// and the wasm embedded as base64, the wasm handed to init as bytes) that works
// when opened from disk (file://) and after "Save page as".
//
//   node scripts/pack.mjs [dist]
import { readFileSync, writeFileSync, existsSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] || 'dist';
const read = (f) => readFileSync(join(dist, f));
const GLUE = 'planlens-web.js';
const WASM = 'planlens-web_bg.wasm';
const WORKER_GLUE = 'planlens-worker.js';
const WORKER_WASM = 'planlens-worker_bg.wasm';
for (const f of ['index.html', GLUE, WASM, WORKER_GLUE, WORKER_WASM, 'style.css']) {
  if (!existsSync(join(dist, f))) {
    console.error(`pack: ${join(dist, f)} is missing; run trunk build first`);
    process.exit(1);
  }
}

const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)(?![^>]*type="application\/octet-stream")[^>]*>([\s\S]*?)<\/script>/g;

/** Put the sha256 of each inline script into script-src. */
function pinScripts(html) {
  const hashes = [];
  for (const m of html.matchAll(INLINE_SCRIPT)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  }
  return html.replace(/(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src )([^;"]*)/, (_, pre, list) => {
    const kept = list.split(/\s+/).filter((t) => t && !t.startsWith("'sha256-"));
    return pre + [...kept, ...hashes].join(' ');
  });
}

const index = read('index.html').toString('utf8');
if (!/import init, \* as bindings from '\.\/planlens-web\.js'/.test(index)) {
  console.error('pack: Trunk loader script not found in dist/index.html');
  process.exit(1);
}
writeFileSync(join(dist, 'index.html'), pinScripts(index));

// ---- the service worker precaches the PDF reader too (hosted copy, offline)
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
const pdfFiles = ['pdf-text.js', 'pdf-items.mjs'].filter((f) => existsSync(join(dist, f)))
  .concat(existsSync(join(dist, 'pdfjs')) ? walk(join(dist, 'pdfjs')).map((f) => relative(dist, f).split('\\').join('/')) : [])
  .filter((f) => !f.endsWith('LICENSE'));
if (existsSync(join(dist, 'sw.js'))) {
  const sw = read('sw.js').toString('utf8');
  if (!sw.includes('const PDF = [];')) {
    console.error('pack: the PDF file list placeholder is missing in sw.js');
    process.exit(1);
  }
  writeFileSync(join(dist, 'sw.js'), sw.replace('const PDF = [];', () => `const PDF = ${JSON.stringify(pdfFiles)};`));
}

// ---- the single file
const css = read('style.css').toString('utf8');
const glueSrc = read(GLUE).toString('utf8');
const glue64 = Buffer.from(glueSrc).toString('base64');
// The analysis worker's glue as a classic script: from file:// Chromium refuses
// module workers; a classic blob worker is fine.
let classic = read(WORKER_GLUE).toString('utf8')
  .replace(/^export \{[^}]*\};?\s*$/gm, '')
  .replace(/^export (async function|function|class|const|let|var) /gm, '$1 ')
  .replace(/import\.meta\.url/g, 'self.location.href');
if (/^\s*(import|export)\b/m.test(classic) || !/async function __wbg_init\b/.test(classic)) {
  console.error('pack: cannot turn the wasm-bindgen glue into a classic worker script');
  process.exit(1);
}
const workerGlue64 = Buffer.from(classic).toString('base64');
const workerWasm64 = read(WORKER_WASM).toString('base64');
const wasm64 = read(WASM).toString('base64');
// PDF in the single file: pdf.js, its worker (as a classic script: from file://
// Chromium refuses module workers), tools/pdf-items.mjs, www/pdf-text.js and the
// CMaps for Chinese (Adobe-GB1 and Adobe-CNS1: GB/GBK/GB18030, Big5, HKSCS, the
// Unicode UniGB/UniCNS ones and the CID→Unicode -UCS2 ones), in one gzip, base64 in an
// inert <script type="application/octet-stream">, decoded only when a PDF is opened.
const PDFJS = 'node_modules/pdfjs-dist';
const CHINESE_CMAP = /^(Adobe-(GB1|CNS1)-|UniGB-|UniCNS-|GB|GBK|GBT|GBpc|GBKp|GBTpc|B5|ETen|ETHK|HK|CNS)/;
function pdfBundle() {
  const files = [];
  const add = (name, bytes) => files.push([name, Buffer.from(bytes)]);
  add('pdf.min.mjs', readFileSync(join(PDFJS, 'build/pdf.min.mjs')));
  const worker = readFileSync(join(PDFJS, 'build/pdf.worker.min.mjs'), 'utf8')
    .replace(/export\s*\{\s*\w+ as WorkerMessageHandler\s*\};?\s*$/, '');
  if (/\bexport\s*\{/.test(worker.slice(-2000))) {
    console.error('pack: cannot turn pdf.worker.min.mjs into a classic worker script');
    process.exit(1);
  }
  add('pdf.worker.js', worker);
  add('pdf-items.mjs', readFileSync('tools/pdf-items.mjs'));
  const text = readFileSync('www/pdf-text.js', 'utf8');
  if (!text.includes("'./pdf-items.mjs'")) {
    console.error('pack: www/pdf-text.js no longer imports ./pdf-items.mjs as the loader expects');
    process.exit(1);
  }
  add('pdf-text.js', text);
  const cmaps = readdirSync(join(PDFJS, 'cmaps')).filter((f) => f.endsWith('.bcmap') && CHINESE_CMAP.test(f));
  for (const f of cmaps) add(`cmaps/${f}`, readFileSync(join(PDFJS, 'cmaps', f)));
  let offset = 0;
  const index = files.map(([name, b]) => { const e = [name, offset, b.length]; offset += b.length; return e; });
  const head = Buffer.from(JSON.stringify(index));
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  const raw = Buffer.concat([len, head, ...files.map(([, b]) => b)]);
  const gz = gzipSync(raw, { level: 9 });
  console.log(`pack: PDF reader for the single file: ${files.length} files (${cmaps.length} CMaps), ${(raw.length / 1024).toFixed(0)} KB → ${(gz.length / 1024).toFixed(0)} KB gzip`);
  return gz.toString('base64');
}
const pdf64 = pdfBundle();
const pdfLoader = `// <pdf-loader>
// The single file reads PDFs with nothing fetched: pdf.js, its worker and the CMaps
// are in #planlens-pdf (gzip, base64), unpacked on the first PDF into blob URLs.
let pdfRun, pdfReady;
const pdfBundle = () => pdfReady ||= (async () => {
  if (typeof DecompressionStream !== 'function') throw new Error('DecompressionStream');
  const gz = bytes('planlens-pdf');
  const buf = new Uint8Array(await new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  const n = new DataView(buf.buffer).getUint32(0, true);
  const files = new Map();
  for (const [name, off, len] of JSON.parse(new TextDecoder().decode(buf.subarray(4, 4 + n)))) files.set(name, buf.subarray(4 + n + off, 4 + n + off + len));
  const js = (b) => URL.createObjectURL(new Blob([b], { type: 'text/javascript' }));
  const items = js(files.get('pdf-items.mjs'));
  const text = new TextDecoder().decode(files.get('pdf-text.js')).replace("'./pdf-items.mjs'", () => JSON.stringify(items));
  class CMaps {
    async fetch({ name }) {
      const d = files.get('cmaps/' + name + '.bcmap');
      if (!d) throw new Error('CMap ' + name);
      return { cMapData: d.slice(), isCompressed: true };
    }
  }
  // Standard font programs are for drawing glyphs; text extraction does without them.
  class Fonts { async fetch({ filename }) { throw new Error('standard font ' + filename); } }
  return {
    module: await import(js(text)),
    env: { pdfjsUrl: js(files.get('pdf.min.mjs')), workerUrl: js(files.get('pdf.worker.js')), workerType: 'classic',
      cMapUrl: 'embedded:', standardFontDataUrl: 'embedded:', CMapReaderFactory: CMaps, StandardFontDataFactory: Fonts },
  };
})();
globalThis.planlensPdfCancel = () => pdfRun?.abort();
globalThis.planlensPdfPieces = async (data) => {
  pdfRun?.abort();
  const run = pdfRun = new AbortController();
  let b;
  try {
    b = await pdfBundle();
  } catch (e) {
    pdfReady = null;
    return JSON.stringify({ error: 'unsupported', message: String(e && e.message) });
  }
  return b.module.extractPieces(data, { signal: run.signal, env: b.env });
};
// </pdf-loader>`;

const loader = `<script type="module">
// planlens single-file loader: glue and wasm are embedded below as base64.
const bytes = (id) => {
  const s = document.getElementById(id).textContent.trim();
  if (Uint8Array.fromBase64) return Uint8Array.fromBase64(s);
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};
const glueUrl = URL.createObjectURL(new Blob([bytes('planlens-glue')], { type: 'text/javascript' }));
globalThis.__planlensWorkerGlue = new TextDecoder().decode(bytes('planlens-worker-glue'));
globalThis.__planlensWorkerWasm = bytes('planlens-worker-wasm');
globalThis.__planlensGlueUrl = glueUrl;
${pdfLoader}
const glue = await import(glueUrl);
const wasm = await glue.default({ module_or_path: bytes('planlens-wasm') });
window.wasmBindings = glue;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
</script>`;

let single = index
  .replace(/<link rel="stylesheet" href="\.\/style\.css"[^>]*>/, () => `<style>\n${css}\n</style>`)
  .replace(/\/\/ <pdf-loader>[\s\S]*?\/\/ <\/pdf-loader>/, '')
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*>/g, '')
  .replace(/<script type="module">\s*import init, \* as bindings from '\.\/planlens-web\.js';[\s\S]*?<\/script>/, () => loader)
  .replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<meta name="planlens-single-file" content="1">')
  .replace('</body>', () =>
    `<script type="application/octet-stream" id="planlens-glue">${glue64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-worker-glue">${workerGlue64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-worker-wasm">${workerWasm64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-wasm">${wasm64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-pdf">${pdf64}</script>\n</body>`);
if (/planlens-(web|worker)(_bg\.wasm|\.js)'/.test(single)) {
  console.error('pack: a reference to an external glue/wasm file is left in planlens.html');
  process.exit(1);
}
single = pinScripts(single);
writeFileSync(join(dist, 'planlens.html'), single);
console.log(`pack: ${join(dist, 'planlens.html')} (${(Buffer.byteLength(single) / 1024).toFixed(0)} KB), CSP pinned in index.html`);
