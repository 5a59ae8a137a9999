// PDF → text pieces in the browser: pdf.js (pdfjs-dist 4.10.38, Apache-2.0,
// bundled under pdfjs/ with its CMaps and standard fonts) driven by
// tools/pdf-items.mjs — the same extraction the CLI runs under Node — so the
// core's paragraph restoration (planlens_core::decode::decode_pdf_json, in the
// analysis worker) gives the same text in both. Loaded only when a PDF is opened.
import { pdfPieces } from './pdf-items.mjs';

const base = new URL('pdfjs/', import.meta.url);

/** The pieces JSON ({"pages":[[…]]} or {"error","message"}) for the PDF's bytes. */
export async function extractPieces(bytes) {
  const pdfjs = await import(new URL('pdf.min.mjs', base).href);
  pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', base).href;
  const result = await pdfPieces(pdfjs, bytes, {
    cMapUrl: new URL('cmaps/', base).href,
    standardFontDataUrl: new URL('standard_fonts/', base).href,
  });
  return JSON.stringify(result);
}
