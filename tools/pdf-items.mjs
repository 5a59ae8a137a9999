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

/** The stream's filters, from the last `/Filter` of its dictionary (`dict`: the text
 *  before `stream`): `/FlateDecode` or `[/ASCIIHexDecode /FlateDecode]` → names. */
function filtersOf(dict) {
  const at = dict.lastIndexOf('/Filter');
  if (at < 0) return [];
  const rest = dict.slice(at + 7).trimStart();
  const list = rest.startsWith('[') ? rest.slice(1, (rest.indexOf(']') + 1 || rest.length + 1) - 1) : (rest.match(/^\/[A-Za-z0-9]+/) || [''])[0];
  return list.match(/\/[A-Za-z0-9]+/g)?.map((n) => n.slice(1)) || [];
}

const EXPANDING = new Set(['FlateDecode', 'LZWDecode', 'RunLengthDecode']);

/** The streams of a PDF that a filter may expand hugely (the bytes between `stream`
 *  and `endstream` whose dictionary, within 400 bytes before, names FlateDecode,
 *  LZWDecode or RunLengthDecode), with their filters in order. */
export function* expandingStreams(bytes) {
  let from = 0;
  for (;;) {
    const at = find(bytes, STREAM, from);
    if (at < 0) return;
    from = at + 6;
    if (at >= 3 && bytes[at - 3] === 0x65 && bytes[at - 2] === 0x6e && bytes[at - 1] === 0x64) continue; // endstream
    let start = from;
    if (bytes[start] === 0x0d) start++;
    if (bytes[start] === 0x0a) start++;
    const dict = latin1(bytes.subarray(Math.max(0, at - 400), at));
    const named = [...EXPANDING].find((f) => dict.includes(f));
    if (!named) continue;
    let filters = filtersOf(dict);
    if (!filters.some((f) => EXPANDING.has(f))) filters = [named];
    let end = find(bytes, ENDSTREAM, start);
    if (end < 0) end = bytes.length;
    from = end;
    // The end of line before `endstream` is not data (PDF 7.3.8.1).
    if (end > start && bytes[end - 1] === 0x0a) end--;
    if (end > start && bytes[end - 1] === 0x0d) end--;
    yield { data: bytes.subarray(start, end), filters, earlyChange: /\/EarlyChange\s+0/.test(dict) ? 0 : 1 };
  }
}

/** ASCIIHexDecode (its output is half its input: never a bomb itself). */
function asciiHex(data) {
  const out = new Uint8Array(data.length >> 1);
  let n = 0;
  let hi = -1;
  for (const c of data) {
    if (c === 0x3e) break; // '>'
    const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (v < 0) continue;
    if (hi < 0) hi = v;
    else {
      out[n++] = (hi << 4) | v;
      hi = -1;
    }
  }
  if (hi >= 0 && n < out.length) out[n++] = hi << 4;
  return out.subarray(0, n);
}

/** ASCII85Decode (`z` is four zeros, so at most 4/5 of its input otherwise: a
 *  stream of `z` is capped at `cap`). */
function ascii85(data, cap) {
  const out = [];
  let size = 0;
  let chunk = new Uint8Array(65536);
  let k = 0;
  const put = (b) => {
    chunk[k++] = b;
    if (k === chunk.length) {
      out.push(chunk);
      size += k;
      chunk = new Uint8Array(65536);
      k = 0;
    }
  };
  let group = [];
  const flush = (g, len) => {
    let v = 0;
    for (let i = 0; i < 5; i++) v = v * 85 + (i < g.length ? g[i] : 84);
    for (let i = 0; i < len; i++) put((v >>> (24 - 8 * i)) & 0xff);
  };
  for (let i = 0; i < data.length && size + k <= cap; i++) {
    const c = data[i];
    if (c === 0x7e) break; // '~>'
    if (c === 0x7a && group.length === 0) {
      for (let j = 0; j < 4; j++) put(0);
    } else if (c >= 0x21 && c <= 0x75) {
      group.push(c - 0x21);
      if (group.length === 5) {
        flush(group, 4);
        group = [];
      }
    }
  }
  if (group.length > 1) flush(group, group.length - 1);
  const all = new Uint8Array(size + k);
  let at = 0;
  for (const c of out) {
    all.set(c, at);
    at += c.length;
  }
  all.set(chunk.subarray(0, k), at);
  return all;
}

/** How many bytes an LZWDecode stream (PDF's: 9–12-bit codes) gives, counted from the
 *  code table's string lengths alone (nothing is decoded), code by code as pdf.js's
 *  LZWStream reads them; more than `cap` as soon as it is crossed (one code can give
 *  up to 4 096 bytes). */
export function lzwLength(data, cap, earlyChange = 1) {
  const len = new Uint16Array(4096).fill(1, 0, 256);
  let next = 258;
  let bits = 9;
  let prev = -1;
  let n = 0;
  let buf = 0;
  let have = 0;
  for (let i = 0; i < data.length; i++) {
    buf = ((buf << 8) | data[i]) & 0xffffff;
    have += 8;
    while (have >= bits) {
      const code = (buf >>> (have - bits)) & ((1 << bits) - 1);
      have -= bits;
      if (code === 256) {
        next = 258;
        bits = 9;
        prev = -1;
        continue;
      }
      if (code === 257) return n;
      // A code not yet in the table is read as pdf.js reads it: the previous string
      // and its first byte.
      const l = code < next ? len[code] : prev >= 0 ? len[prev] + 1 : 1;
      n += l;
      if (n > cap) return n;
      if (prev >= 0 && next < 4096) len[next++] = len[prev] + 1;
      prev = code;
      if (next + earlyChange >= 1 << bits && bits < 12) bits++;
    }
  }
  return n;
}

/** How many bytes a RunLengthDecode stream gives (a length byte L: 0–127 copies the
 *  next L+1 bytes, 129–255 repeats the next byte 257−L times, 128 ends the data: up to
 *  64 times its size); more than `cap` as soon as it is crossed. */
export function runLengthLength(data, cap) {
  let n = 0;
  for (let i = 0; i < data.length && n <= cap;) {
    const l = data[i];
    if (l === 128) break;
    if (l < 128) { n += l + 1; i += l + 2; } else { n += 257 - l; i += 2; }
  }
  return n;
}

/** A stream of a few MB that inflates to a gigabyte would keep pdf.js busy for minutes
 *  and exhaust its heap (in the browser, the whole tab with it): every FlateDecode,
 *  LZWDecode or RunLengthDecode stream is expanded first, its length counted and nothing kept (after
 *  ASCIIHexDecode / ASCII85Decode in front of it, which only shrink, are undone).
 *  `inflatedLength(stream, cap, layers)` (Node: zlib; browser: DecompressionStream)
 *  returns the length of a zlib stream inflated `layers` times over (each layer's
 *  output the next one's input), more than `cap` as soon as it is crossed.
 *  Over a cap: `{ error: 'inflate', message }`; else null. */
export async function inflateBomb(bytes, inflatedLength, { maxStream = MAX_STREAM_BYTES, maxTotal = MAX_INFLATED_BYTES } = {}) {
  let total = 0;
  for (const { data, filters, earlyChange } of expandingStreams(bytes)) {
    let d = data;
    let n = 0;
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i];
      if (f === 'ASCIIHexDecode') d = asciiHex(d);
      else if (f === 'ASCII85Decode') d = ascii85(d, maxStream + 1);
      else {
        if (f === 'FlateDecode') {
          // Deflated again and again ([/FlateDecode /FlateDecode]): all the layers,
          // the last one counted (a few KB can hold a gigabyte two layers down).
          let layers = 1;
          while (filters[i + layers] === 'FlateDecode') layers++;
          n = await inflatedLength(d, maxStream, layers);
        } else if (f === 'LZWDecode') n = lzwLength(d, maxStream, earlyChange);
        else if (f === 'RunLengthDecode') n = runLengthLength(d, maxStream);
        break;
      }
      if (d.length > maxStream) n = d.length;
    }
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
