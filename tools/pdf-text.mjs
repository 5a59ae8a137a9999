// Extract the text pieces of a PDF with pdf.js (CMaps included, so Chinese CID
// fonts such as GBK-EUC-H / UniGB-UCS2-H decode), for the planlens CLI.
//
//   node tools/pdf-text.mjs FILE.pdf|-  →  stdout: {"pages":[[{"str","x","y","w","h","b"?,"art"?},…],…]}
//                                        or      {"error":"password"|"invalid"|"timeout"|"other","message":…}
//
// The extraction itself is tools/pdf-items.mjs, shared with the web app; paragraph
// restoration is Rust (planlens_core::decode::pdf). pdfjs-dist is found in
// tools/node_modules (npm ci --prefix tools) or the project's node_modules (npm ci).
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { pdfPieces } from './pdf-items.mjs';

const TIME_LIMIT_MS = Number(process.env.PLANLENS_PDF_TIMEOUT_MS || 120000);
const require = createRequire(import.meta.url);

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks);
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    out({ error: 'other', message: 'usage: node pdf-text.mjs FILE.pdf|-' });
    return;
  }
  const timer = setTimeout(() => {
    out({ error: 'timeout', message: `PDF text extraction took more than ${TIME_LIMIT_MS / 1000} s` });
    process.exit(0);
  }, TIME_LIMIT_MS);
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  const pdfjs = await import(require.resolve('pdfjs-dist/legacy/build/pdf.mjs'));
  const data = file === '-' ? new Uint8Array(await readStdin()) : new Uint8Array(await readFile(file));
  const result = await pdfPieces(pdfjs, data, {
    cMapUrl: join(pdfjsDir, 'cmaps') + '/',
    standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
  });
  clearTimeout(timer);
  out(result);
}

main().catch((e) => {
  out({ error: 'other', message: String((e && e.message) || e) });
});
