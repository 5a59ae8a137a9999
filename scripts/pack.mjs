#!/usr/bin/env node
// After `trunk build`: (1) pin every inline script of dist/index.html in its
// Content-Security-Policy by sha256 (no 'unsafe-inline'), and (2) write
// dist/planlens.html, one self-contained file (CSS inlined, the wasm-bindgen glue
// and the wasm embedded as base64, the wasm handed to init as bytes) that works
// when opened from disk (file://) and after "Save page as".
//
//   node scripts/pack.mjs [dist]
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

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
const glue = await import(glueUrl);
const wasm = await glue.default({ module_or_path: bytes('planlens-wasm') });
window.wasmBindings = glue;
dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
</script>`;

let single = index
  .replace(/<link rel="stylesheet" href="\.\/style\.css"[^>]*>/, () => `<style>\n${css}\n</style>`)
  .replace(/<link rel="modulepreload"[^>]*>/g, '')
  .replace(/<link rel="preload"[^>]*>/g, '')
  .replace(/<script type="module">\s*import init, \* as bindings from '\.\/planlens-web\.js';[\s\S]*?<\/script>/, () => loader)
  .replace('<meta charset="utf-8">', '<meta charset="utf-8">\n<meta name="planlens-single-file" content="1">')
  .replace('</body>', () =>
    `<script type="application/octet-stream" id="planlens-glue">${glue64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-worker-glue">${workerGlue64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-worker-wasm">${workerWasm64}</script>\n` +
    `<script type="application/octet-stream" id="planlens-wasm">${wasm64}</script>\n</body>`);
if (/planlens-(web|worker)(_bg\.wasm|\.js)'/.test(single)) {
  console.error('pack: a reference to an external glue/wasm file is left in planlens.html');
  process.exit(1);
}
single = pinScripts(single);
writeFileSync(join(dist, 'planlens.html'), single);
console.log(`pack: ${join(dist, 'planlens.html')} (${(Buffer.byteLength(single) / 1024).toFixed(0)} KB), CSP pinned in index.html`);
