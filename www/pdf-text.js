// PDF → text pieces with pdf.js (pdfjs-dist, Apache-2.0), bundled under pdfjs/
// with its CMaps (needed for Chinese CID fonts such as GBK-EUC-H). Loaded only
// when a PDF is opened. Returns the same JSON as the CLI's tools/pdf-text.mjs —
// {"pages":[[{"str","x","y","w","h"},…],…]} or {"error":…, "message":…} — so the
// core's paragraph restoration (planlens_core::decode::pdf) gives the same text
// in the browser and on the command line. Nothing in the PDF is executed.
const base = new URL('pdfjs/', import.meta.url);
const MAX_PAGES = 5000;

export async function extractPieces(bytes) {
  const pdfjs = await import(new URL('pdf.min.mjs', base).href);
  pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', base).href;
  let doc;
  try {
    doc = await pdfjs.getDocument({
      data: bytes,
      cMapUrl: new URL('cmaps/', base).href,
      cMapPacked: true,
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      enableXfa: false,
      verbosity: 0,
    }).promise;
  } catch (e) {
    const name = (e && e.name) || '';
    if (name === 'PasswordException') return JSON.stringify({ error: 'password', message: String(e.message || '') });
    if (name === 'InvalidPDFException' || name === 'MissingPDFException') return JSON.stringify({ error: 'invalid', message: String(e.message || '') });
    return JSON.stringify({ error: 'other', message: String((e && e.message) || e) });
  }
  const pages = [];
  const n = Math.min(doc.numPages, MAX_PAGES);
  for (let i = 1; i <= n; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    const items = [];
    for (const it of content.items) {
      if (typeof it.str !== 'string') continue;
      const t = it.transform || [1, 0, 0, 1, 0, 0];
      const h = it.height || Math.hypot(t[2], t[3]) || 0;
      items.push({ str: it.str, x: t[4], y: t[5], w: it.width || 0, h });
    }
    pages.push(items);
    page.cleanup();
  }
  await doc.destroy();
  return JSON.stringify({ pages });
}
