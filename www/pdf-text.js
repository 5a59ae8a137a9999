// PDF → text pieces in the browser: pdf.js (pdfjs-dist 4.10.38, Apache-2.0,
// bundled under pdfjs/ with its CMaps and standard fonts) driven by
// tools/pdf-items.mjs — the same extraction the CLI runs under Node — so the
// core's paragraph restoration (planlens_core::decode::decode_pdf_json, in the
// analysis worker) gives the same text in both. Loaded only when a PDF is opened.
//
// Under a budget: compressed streams are inflated (counted, not kept) before pdf.js
// sees the file, and refused over 128 MB each or 512 MB together; pdf.js always runs
// in a worker of its own (never pdf.js's "fake worker" on the page's thread), one per
// document; the extraction stops, and that worker is terminated, when the time budget
// passes, when the text pieces or characters cross their limits, when the worker
// crashes, or on 取消 (`signal`).
// The single file (scripts/pack.mjs) passes `env` with pdf.js, its worker and the
// CMaps from embedded blobs instead of the files under pdfjs/.
import { pdfPieces, inflateBomb } from './pdf-items.mjs';

export const LIMITS = {
  /** The same input cap as the core's decoders (Limits::max_input_bytes). */
  maxBytes: 50 * 1024 * 1024,
  /** Text pieces and characters over all pages (the core's text limit is 20 M chars). */
  maxItems: 2_000_000,
  maxChars: 20_000_000,
  /** 30 s, plus 3 s per MB of PDF. */
  timeMs: (bytes) => 30_000 + 3_000 * Math.ceil(bytes / (1024 * 1024)),
};

function hostedEnv() {
  const base = new URL('pdfjs/', import.meta.url);
  return {
    pdfjsUrl: new URL('pdf.min.mjs', base).href,
    workerUrl: new URL('pdf.worker.min.mjs', base).href,
    workerType: 'module',
    cMapUrl: new URL('cmaps/', base).href,
    standardFontDataUrl: new URL('standard_fonts/', base).href,
  };
}

/** How many bytes `stream` (zlib, as PDF's FlateDecode; `layers` times over)
 *  inflates to, counted as it comes out of a DecompressionStream and thrown away;
 *  more than `cap` as soon as it is crossed (the rest is not inflated). A damaged or truncated stream counts
 *  what came out of it. Stops early, too, once `over()` says the extraction is over
 *  (cancelled or out of time). */
async function inflatedLength(stream, cap, layers = 1, over = () => false) {
  // In 1 KB pieces, each written when the last is taken: Chromium 156 errors ("Junk
  // found after end of compressed data") as soon as a written piece holds bytes after
  // the zlib stream's end, dropping the output of that whole piece not yet read (a
  // 3.5 MB stream with one byte after its end, written at once, gave 128 KB), so a
  // bomb with junk appended would pass; in 1 KB pieces, at most the last KB's worth.
  const feed = async (writer, chunk) => {
    for (let i = 0; i < chunk.length; i += 1024) await writer.write(chunk.subarray(i, i + 1024));
  };
  const ds = new DecompressionStream('deflate');
  const first = ds.writable.getWriter();
  (async () => {
    await feed(first, stream);
    await first.close();
  })().catch(() => {});
  // Deflated more than once: each layer's output fed into the next by hand (not
  // pipeThrough, which would pass an outer layer's error — such as the end-of-line
  // before `endstream`, junk after its data — on to the inner one and cut it short).
  let readable = ds.readable;
  for (let i = 1; i < layers; i++) {
    const inner = new DecompressionStream('deflate');
    const from = readable.getReader();
    const to = inner.writable.getWriter();
    (async () => {
      try {
        for (;;) {
          const { value, done } = await from.read();
          if (done) break;
          await feed(to, value);
        }
      } catch {
        // the outer layer ended badly: the inner one gets what came out of it
      }
      await to.close();
    })().catch(() => {});
    readable = inner.readable;
  }
  const reader = readable.getReader();
  let n = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return n;
      n += value.byteLength;
      if (n > cap || over()) {
        reader.cancel().catch(() => {});
        return n;
      }
    }
  } catch {
    return n;
  }
}

/** `?test-hooks` only: the e2e tests may shorten the budget (`window.__planlensTestPdf`). */
function testLimits() {
  try {
    if (!new URLSearchParams(location.search).has('test-hooks')) return {};
    return globalThis.__planlensTestPdf || {};
  } catch {
    return {};
  }
}

const fail = (error, message = '') => JSON.stringify({ error, message });

/** The pieces JSON ({"pages":[[…]]} or {"error","message"}) for the PDF's bytes.
 *  Errors: password, invalid, other (from pdf.js), too_large, inflate, limit,
 *  timeout, crashed, cancelled, unsupported. */
export async function extractPieces(bytes, { signal, env = hostedEnv() } = {}) {
  const t = testLimits();
  const maxItems = t.maxItems ?? LIMITS.maxItems;
  const maxChars = t.maxChars ?? LIMITS.maxChars;
  const timeMs = t.timeMs ?? LIMITS.timeMs(bytes.length);
  if (bytes.length > LIMITS.maxBytes) return fail('too_large', String(bytes.length));
  if (signal?.aborted) return fail('cancelled');
  if (typeof Worker !== 'function') return fail('unsupported', 'no Worker');
  const pdfjs = await import(env.pdfjsUrl);
  let port;
  try {
    port = new Worker(env.workerUrl, { type: env.workerType, name: 'planlens-pdf' });
  } catch (e) {
    return fail('unsupported', String(e && e.message));
  }
  const worker = new pdfjs.PDFWorker({ port, verbosity: 0 });
  let timer;
  let onAbort;
  const stopped = new Promise((resolve) => {
    timer = setTimeout(() => resolve(fail('timeout', String(timeMs))), timeMs);
    onAbort = () => resolve(fail('cancelled'));
    signal?.addEventListener('abort', onAbort);
    port.addEventListener('error', (e) => {
      e.preventDefault();
      resolve(fail('crashed', String(e.message || '')));
    });
  });
  const options = {
    cMapUrl: env.cMapUrl,
    standardFontDataUrl: env.standardFontDataUrl,
    maxItems,
    maxChars,
    worker,
  };
  if (env.CMapReaderFactory) {
    options.CMapReaderFactory = env.CMapReaderFactory;
    options.StandardFontDataFactory = env.StandardFontDataFactory;
    options.useWorkerFetch = false;
  }
  // Compressed streams first (as the CLI does): a stream inflating to a gigabyte would
  // exhaust pdf.js's heap, and a worker out of heap can take the whole tab down.
  const caps = {};
  if (t.maxStreamBytes) caps.maxStream = t.maxStreamBytes;
  if (t.maxInflatedBytes) caps.maxTotal = t.maxInflatedBytes;
  let over = false;
  const work = (async () => {
    const length = (stream, cap, layers) => inflatedLength(stream, cap, layers, () => over);
    const bomb = typeof DecompressionStream === 'function' ? await inflateBomb(bytes, length, caps) : null;
    if (over) return { error: 'cancelled' };
    return bomb || pdfPieces(pdfjs, bytes, options);
  })().then((r) => JSON.stringify(r), (e) => fail('other', String(e && e.message)));
  try {
    return await Promise.race([work, stopped]);
  } finally {
    over = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    // Whatever pdf.js was still doing ends with its worker.
    try { worker.destroy(); } catch { /* already gone */ }
    port.terminate();
  }
}
