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

export const MAX_PAGES = 5000;
// Budget of the extraction: it stops (answering { error: 'limit' }) as soon as the
// pages hold more pieces or chars than this — inside a page too, so a small PDF
// whose content stream inflates hugely is not read to the end first. Matches
// planlens_core's caps (2 million pieces, 20 million chars).
export const MAX_ITEMS = 2000000;
export const MAX_CHARS = 20000000;

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

export async function pdfPieces(
  pdfjs,
  data,
  { cMapUrl, standardFontDataUrl, maxPages = MAX_PAGES, maxItems = MAX_ITEMS, maxChars = MAX_CHARS } = {},
) {
  let doc;
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
    }).promise;
  } catch (e) {
    return failure(e);
  }
  try {
    const pages = [];
    let itemCount = 0;
    let charCount = 0;
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
      // Read the page's text as pdf.js streams it, so the budget can stop it midway.
      const reader = page.streamTextContent({ includeMarkedContent: true }).getReader();
      const items = [];
      const stack = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
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
          itemCount += 1;
          charCount += it.str.length;
          if (itemCount > maxItems || charCount > maxChars) {
            // Stop reading; the document is destroyed below, which ends the stream.
            reader.cancel(new Error('limit')).catch(() => {});
            return {
              error: 'limit',
              message: `page ${i}: more than ${maxItems} pieces or ${maxChars} chars`,
              page: i,
            };
          }
        }
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
