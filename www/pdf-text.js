// PDF → text with pdf.js (pdfjs-dist, Apache-2.0), bundled under pdfjs/ with its
// CMaps (needed for Chinese CID fonts such as GBK-EUC-H). Loaded only when a PDF
// is opened. Lines are rebuilt from the text items' positions; the core's decode
// step then joins and cleans them.
const base = new URL('pdfjs/', import.meta.url);

export async function extractText(bytes) {
  const pdfjs = await import(new URL('pdf.min.mjs', base).href);
  pdfjs.GlobalWorkerOptions.workerSrc = new URL('pdf.worker.min.mjs', base).href;
  const doc = await pdfjs.getDocument({
    data: bytes,
    cMapUrl: new URL('cmaps/', base).href,
    cMapPacked: true,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
  }).promise;
  const pages = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const lines = [];
    let line = '';
    let lastY = null;
    for (const item of content.items) {
      if (typeof item.str !== 'string') continue;
      const y = item.transform ? Math.round(item.transform[5]) : lastY;
      if (lastY !== null && y !== null && Math.abs(y - lastY) > 2 && line) {
        lines.push(line);
        line = '';
      }
      line += item.str;
      lastY = y;
      if (item.hasEOL) {
        lines.push(line);
        line = '';
      }
    }
    if (line) lines.push(line);
    pages.push(lines.join('\n'));
    page.cleanup();
  }
  await doc.destroy();
  return pages.join('\n');
}
