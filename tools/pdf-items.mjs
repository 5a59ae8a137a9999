// pdf.js → text pieces for planlens_core::decode::pdf (browser and Node alike).
//
//   import { pdfPieces } from './pdf-items.mjs';
//   const result = await pdfPieces(pdfjsLib, bytes, { cMapUrl, standardFontDataUrl });
//   // result = { pages: [[{ str, x, y, w, h, b?, art? }, …], …] }   or   { error, message }
//   // then in wasm: planlens_core::decode::decode_pdf_json(JSON.stringify(result), name)
//
// `str,x,y,w,h`: a pdf.js text item (baseline start from transform[4..6], width,
// height ≈ font size). In tagged PDFs (Word, WPS, LibreOffice with tags) `b` is the
// index of the paragraph-level structure element of the piece on its page, and
// `art: true` marks artifacts (running headers, footers, page numbers).
// Nothing in the PDF is executed: isEvalSupported is off and fonts are not loaded as code.
//
// Optional budget: `maxItems` / `maxChars` (text pieces / characters over all pages)
// stop the extraction the moment either is crossed (the text is read from pdf.js's
// stream chunk by chunk, and the document destroyed, so pdf.js stops too) with
// `{ error: 'limit' }`.
// `inflateBomb` (below) checks compressed streams before pdf.js is given the file.
// Optional `worker` (a pdf.js PDFWorker), `CMapReaderFactory`,
// `StandardFontDataFactory`, `useWorkerFetch` are passed to getDocument as they are.

export const MAX_PAGES = 5000;

// Structure roles that are inline (part of a paragraph), not blocks of their own.
const INLINE = new Set(['Root', 'Span', 'Link', 'Quote', 'Code', 'Reference', 'BibEntry', 'Annot', 'Ruby', 'RB', 'RT', 'RP',
  'Warichu', 'WT', 'WP', 'Lbl', 'Em', 'Strong', 'Sub', 'NonStruct', 'Private', 'Formula', 'Figure', 'Form']);

function failure(e) {
  const name = (e && e.name) || '';
  const message = String((e && e.message) || e || '');
  if (name === 'PasswordException') return { error: 'password', message };
  if (name === 'InvalidPDFException' || name === 'MissingPDFException') return { error: 'invalid', message };
  return { error: 'other', message };
}

/** A page's text pieces, read from pdf.js's stream chunk by chunk and made into pieces
 *  as they come (pdf.js's own items are not kept: a page of millions of them would hold
 *  several times the memory), `budget.take(items, chars)` told after each chunk; when
 *  it says stop, null. `blockOf`: marked-content id → block-level structure element. */
async function pagePieces(page, budget, blockOf) {
  const reader = page.streamTextContent({ includeMarkedContent: true }).getReader();
  const pieces = [];
  const stack = [];
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return pieces;
    let chars = 0;
    for (const it of value.items) {
      if (it.type === 'beginMarkedContent' || it.type === 'beginMarkedContentProps') {
        stack.push({ id: it.id || null, artifact: it.tag === 'Artifact' });
        continue;
      }
      if (it.type === 'endMarkedContent') {
        stack.pop();
        continue;
      }
      if (typeof it.str !== 'string') continue;
      chars += it.str.length;
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
      pieces.push(piece);
    }
    // Over budget: stop reading; pdfPieces destroys the document, which ends
    // pdf.js's work on it (cancelling the stream itself makes pdf.js throw later).
    if (!budget.take(value.items.length, chars)) return null;
  }
}

// ---- compressed streams, checked before pdf.js sees the file

/** Caps on inflated content: one stream, and all of them together (bytes). */
export const MAX_STREAM_BYTES = 128 * 1024 * 1024;
export const MAX_INFLATED_BYTES = 512 * 1024 * 1024;

const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"
const ENDSTREAM = [0x65, 0x6e, 0x64, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "endstream"

function find(bytes, pattern, from) {
  for (let at = bytes.indexOf(pattern[0], from); at >= 0; at = bytes.indexOf(pattern[0], at + 1)) {
    let k = 1;
    while (k < pattern.length && bytes[at + k] === pattern[k]) k++;
    if (k === pattern.length) return at;
  }
  return -1;
}

const latin1 = (bytes) => {
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return s;
};

/** The FlateDecode streams of a PDF (the bytes between `stream` and `endstream`
 *  whose dictionary, within 400 bytes before, names FlateDecode). */
export function* flateStreams(bytes) {
  let from = 0;
  for (;;) {
    const at = find(bytes, STREAM, from);
    if (at < 0) return;
    from = at + 6;
    if (at >= 3 && bytes[at - 3] === 0x65 && bytes[at - 2] === 0x6e && bytes[at - 1] === 0x64) continue; // endstream
    let start = from;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    if (!latin1(bytes.subarray(Math.max(0, at - 400), at)).includes('FlateDecode')) continue;
    let end = find(bytes, ENDSTREAM, start);
    if (end < 0) end = bytes.length;
    from = end;
    yield bytes.subarray(start, end);
  }
}

/** A stream of a few MB that inflates to a gigabyte would keep pdf.js busy for minutes
 *  and exhaust its heap (in the browser, the whole tab with it): every FlateDecode
 *  stream is inflated first, counting its length without keeping it.
 *  `inflatedLength(stream, cap)` (Node: zlib; browser: DecompressionStream) returns
 *  the inflated length, more than `cap` as soon as it is crossed. Over a cap: `{ error: 'inflate', message }`; else null. */
export async function inflateBomb(bytes, inflatedLength, { maxStream = MAX_STREAM_BYTES, maxTotal = MAX_INFLATED_BYTES } = {}) {
  let total = 0;
  for (const stream of flateStreams(bytes)) {
    const n = await inflatedLength(stream, maxStream);
    if (n > maxStream) return { error: 'inflate', message: `a stream inflates to more than ${maxStream >> 20} MB` };
    total += n;
    if (total > maxTotal) return { error: 'inflate', message: `streams inflate to more than ${maxTotal >> 20} MB` };
  }
  return null;
}

// Default budget: the core's caps (2 million pieces, 20 million chars), so a small PDF
// whose content stream inflates hugely is not read to the end first.
export const MAX_ITEMS = 2000000;
export const MAX_CHARS = 20000000;

export async function pdfPieces(pdfjs, data, {
  cMapUrl, standardFontDataUrl, maxPages = MAX_PAGES, maxItems = MAX_ITEMS, maxChars = MAX_CHARS,
  worker, CMapReaderFactory, StandardFontDataFactory, useWorkerFetch,
} = {}) {
  let doc;
  let seenItems = 0;
  let seenChars = 0;
  const budget = {
    take(n, c) {
      seenItems += n;
      seenChars += c;
      return seenItems <= maxItems && seenChars <= maxChars;
    },
  };
  const extra = Object.fromEntries(Object.entries({ worker, CMapReaderFactory, StandardFontDataFactory, useWorkerFetch })
    .filter(([, v]) => v !== undefined));
  try {
    doc = await pdfjs.getDocument({
      data,
      cMapUrl,
      cMapPacked: true,
      standardFontDataUrl,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      verbosity: 0,
      ...extra,
    }).promise;
  } catch (e) {
    return failure(e);
  }
  try {
    const pages = [];
    const n = Math.min(doc.numPages, maxPages);
    for (let i = 1; i <= n; i++) {
      const page = await doc.getPage(i);
      // Marked-content id → innermost block-level structure element.
      const blockOf = new Map();
      let blocks = 0;
      const walk = (node, block) => {
        if (!node || typeof node !== 'object') return;
        if (node.type === 'content' && node.id) {
          blockOf.set(node.id, block);
          return;
        }
        const b = node.role && !INLINE.has(node.role) ? blocks++ : block;
        for (const c of node.children || []) walk(c, b);
      };
      try {
        walk(await page.getStructTree(), -1);
      } catch (e) {
        // Untagged or broken structure: geometry alone decides.
      }
      const items = await pagePieces(page, budget, blockOf);
      if (!items) {
        page.cleanup();
        return { error: 'limit', message: `${seenItems} items, ${seenChars} chars`, items: seenItems, chars: seenChars };
      }
      pages.push(items);
      page.cleanup();
    }
    return { pages };
  } catch (e) {
    return failure(e);
  } finally {
    await doc.destroy();
  }
}
