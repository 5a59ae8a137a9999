// Extract the text pieces of a PDF with pdf.js (CMaps included, so Chinese CID
// fonts such as GBK-EUC-H / UniGB-UCS2-H decode), for the planlens CLI.
//
//   node tools/pdf-text.mjs FILE.pdf|-  →  stdout: {"pages":[[{"str","x","y","w","h","b"?,"art"?},…],…]}
//                                        or      {"error":"password"|"invalid"|"limit"|"timeout"|"other","message":…}
//   node tools/pdf-text.mjs --serve     →  one long-lived process for many PDFs: each
//        request on stdin is a 4-byte big-endian length and the PDF bytes; each answer
//        on stdout is a 4-byte big-endian length and the JSON above (UTF-8). pdf.js is
//        imported once. The process ends when stdin closes or its parent goes away.
//
// PLANLENS_PDF_MAX_ITEMS / PLANLENS_PDF_MAX_CHARS set the extraction budget
// (pdf-items.mjs stops at it); planlens runs this under a heap cap
// (--max-old-space-size) in its own process group and kills the group on timeout.
//
// The extraction itself is tools/pdf-items.mjs, shared with the web app; paragraph
// restoration is Rust (planlens_core::decode::pdf). pdfjs-dist is found in
// tools/node_modules (npm ci --prefix tools) or the project's node_modules (npm ci).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { createInflate, constants as zlibConstants } from 'node:zlib';
import { pdfPieces, inflateBomb, MAX_ITEMS, MAX_CHARS } from './pdf-items.mjs';

const TIME_LIMIT_MS = Number(process.env.PLANLENS_PDF_TIMEOUT_MS || 120000);
const MAX_ITEMS_ENV = Number(process.env.PLANLENS_PDF_MAX_ITEMS) || MAX_ITEMS;
const MAX_CHARS_ENV = Number(process.env.PLANLENS_PDF_MAX_CHARS) || MAX_CHARS;
const require = createRequire(import.meta.url);

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks);
}

async function loadPdfjs() {
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  const pdfjs = await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
  const options = {
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
    maxItems: MAX_ITEMS_ENV,
    maxChars: MAX_CHARS_ENV,
  };
  const caps = { maxStream: MAX_STREAM_BYTES, maxTotal: MAX_INFLATED_BYTES };
  return async (data) => (await inflateBomb(data, inflatedLength, caps)) || pdfPieces(pdfjs, data, options);
}

// Compressed streams are inflated (without keeping the result) before pdf.js sees
// the file (pdf-items.mjs inflateBomb, shared with the browser). Over the caps, the
// answer is { error: 'inflate' }.
const MAX_STREAM_BYTES = Number(process.env.PLANLENS_PDF_MAX_STREAM_MB || 128) * 1024 * 1024;
const MAX_INFLATED_BYTES = Number(process.env.PLANLENS_PDF_MAX_INFLATED_MB || 512) * 1024 * 1024;

// The stream is inflated through zlib's stream interface, counting the output as it
// comes and keeping none of it (inflateSync would hold up to the cap in memory), and
// stopped as soon as the cap is crossed. A truncated or damaged stream counts what
// came out of it, as in the browser.
// `layers` inflaters are piped one into the next, the last one's output counted.
function inflatedLength(stream, cap, layers = 1) {
  return new Promise((resolve) => {
    const zs = Array.from({ length: layers }, () => createInflate({ finishFlush: zlibConstants.Z_SYNC_FLUSH }));
    const last = zs[zs.length - 1];
    let n = 0;
    let done = false;
    const end = () => {
      if (done) return;
      done = true;
      resolve(n);
      for (const z of zs) z.destroy();
    };
    for (let i = 0; i + 1 < zs.length; i++) zs[i].pipe(zs[i + 1]);
    last.on('data', (chunk) => {
      n += chunk.length;
      if (n > cap) end();
    });
    last.on('end', end);
    last.on('close', end);
    for (const z of zs) z.on('error', end);
    zs[0].end(stream);
  });
}

function message(e) {
  return String((e && e.message) || e);
}

// One file (or stdin), one answer.
async function once(file) {
  const timer = setTimeout(() => {
    out({ error: 'timeout', message: `PDF text extraction took more than ${TIME_LIMIT_MS / 1000} s` });
    process.exit(0);
  }, TIME_LIMIT_MS);
  const extract = await loadPdfjs();
  const data = file === '-' ? new Uint8Array(await readStdin()) : new Uint8Array(await readFile(file));
  const result = await extract(data);
  clearTimeout(timer);
  out(result);
}

// Length-prefixed requests on stdin, answered in order.
async function serve() {
  // The parent went away without closing our stdin (killed): stop too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) process.exit(1);
  }, 500).unref();
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
  let extract;
  try {
    extract = await loadPdfjs();
  } catch (e) {
    extract = async () => ({ error: 'other', message: message(e) });
  }
  let busy = false;
  const queue = [];
  const answer = (obj) => {
    const body = Buffer.from(JSON.stringify(obj), 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length, 0);
    process.stdout.write(Buffer.concat([head, body]));
  };
  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const data = queue.shift();
      let result;
      try {
        result = await extract(data);
      } catch (e) {
        result = { error: 'other', message: message(e) };
      }
      answer(result);
    }
    busy = false;
  };
  // Chunks are joined once per request (not once per chunk: a 50 MB PDF arrives in
  // hundreds of pieces).
  let chunks = [];
  let have = 0;
  let need = -1;
  process.stdin.on('data', (chunk) => {
    chunks.push(chunk);
    have += chunk.length;
    for (;;) {
      if (need < 0) {
        if (have < 4) break;
        const joined = Buffer.concat(chunks, have);
        chunks = [joined];
        need = joined.readUInt32BE(0);
      }
      if (have < 4 + need) break;
      const joined = Buffer.concat(chunks, have);
      queue.push(new Uint8Array(joined.subarray(4, 4 + need)));
      const rest = joined.subarray(4 + need);
      chunks = rest.length ? [rest] : [];
      have = rest.length;
      need = -1;
    }
    pump();
  });
}

const arg = process.argv[2];
if (arg === '--serve') {
  serve();
} else if (!arg) {
  out({ error: 'other', message: 'usage: node pdf-text.mjs FILE.pdf|- | --serve' });
} else {
  once(arg).catch((e) => out({ error: 'other', message: message(e) }));
}
