// Extract the text pieces of a PDF with pdf.js (CMaps included, so Chinese CID
// fonts such as GBK-EUC-H / UniGB-UCS2-H decode), for the planlens CLI.
//
//   node tools/pdf-text.mjs FILE.pdf|-  →  stdout: {"pages":[[{"str","x","y","w","h"},…],…]}
//   (a piece may carry "b": its paragraph's index in a tagged PDF, "art": true for artifacts)
//                                        or      {"error":"password"|"invalid"|"timeout"|"other","message":…}
//
// Paragraph restoration is done in Rust (planlens_core::decode::pdf), shared with the web app.
// Nothing in the PDF is executed: isEvalSupported is off, no fonts are loaded as code.
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const MAX_PAGES = 5000;
// Structure roles that are inline (part of a paragraph), not blocks of their own.
const INLINE = new Set(['Root', 'Span', 'Link', 'Quote', 'Code', 'Reference', 'BibEntry', 'Annot', 'Ruby', 'RB', 'RT', 'RP',
  'Warichu', 'WT', 'WP', 'Lbl', 'Em', 'Strong', 'Sub', 'NonStruct', 'Private', 'Formula', 'Figure', 'Form']);
const TIME_LIMIT_MS = Number(process.env.PLANLENS_PDF_TIMEOUT_MS || 120000);

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

async function readStdin() {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  return Buffer.concat(chunks);
}

function out(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

async function main() {
  const file = process.argv[2];
  if (!file) {
    out({ error: 'other', message: 'usage: node pdf-text.mjs FILE.pdf' });
    return;
  }
  const timer = setTimeout(() => {
    out({ error: 'timeout', message: `PDF text extraction took more than ${TIME_LIMIT_MS / 1000} s` });
    process.exit(0);
  }, TIME_LIMIT_MS);
  const pdfjsDir = dirname(require.resolve('pdfjs-dist/package.json'));
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const data = file === '-' ? new Uint8Array(await readStdin()) : new Uint8Array(await readFile(file));
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data,
      cMapUrl: join(pdfjsDir, 'cmaps') + '/',
      cMapPacked: true,
      standardFontDataUrl: join(pdfjsDir, 'standard_fonts') + '/',
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e && e.name) || '';
    if (name === 'PasswordException') out({ error: 'password', message: String(e.message || '') });
    else if (name === 'InvalidPDFException' || name === 'MissingPDFException') out({ error: 'invalid', message: String(e.message || '') });
    else out({ error: 'other', message: String((e && e.message) || e) });
    clearTimeout(timer);
    return;
  }
  const pages = [];
  const n = Math.min(doc.numPages, MAX_PAGES);
  for (let i = 1; i <= n; i++) {
    const page = await doc.getPage(i);
    // Tagged PDFs (Word, WPS, LibreOffice with tags) say which paragraph each
    // piece belongs to: map marked-content ids to their innermost block element.
    const blockOf = new Map();
    let blocks = 0;
    const walk = (node, block) => {
      if (!node || typeof node !== 'object') return;
      if (node.type === 'content' && node.id) {
        blockOf.set(node.id, block);
        return;
      }
      let b = block;
      if (node.role && !INLINE.has(node.role)) b = blocks++;
      for (const c of node.children || []) walk(c, b);
    };
    try {
      walk(await page.getStructTree(), -1);
    } catch (e) {
      // Untagged or broken structure: geometry alone decides.
    }
    const content = await page.getTextContent({ includeMarkedContent: true });
    const items = [];
    const stack = [];
    for (const it of content.items) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') {
        stack.push({ id: it.id || null, artifact: it.tag === 'Artifact' });
        continue;
      }
      if (it.type === 'endMarkedContent') {
        stack.pop();
        continue;
      }
      if (typeof it.str !== 'string') continue;
      const t = it.transform || [1, 0, 0, 1, 0, 0];
      const h = it.height || Math.hypot(t[2], t[3]) || 0;
      const piece = { str: it.str, x: t[4], y: t[5], w: it.width || 0, h };
      if (stack.some((m) => m.artifact)) piece.art = true;
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k].id && blockOf.has(stack[k].id)) {
          const b = blockOf.get(stack[k].id);
          if (b >= 0) piece.b = b;
          break;
        }
      }
      items.push(piece);
    }
    pages.push(items);
    page.cleanup();
  }
  await doc.destroy();
  clearTimeout(timer);
  out({ pages });
}

main().catch((e) => {
  out({ error: 'other', message: String((e && e.message) || e) });
});
