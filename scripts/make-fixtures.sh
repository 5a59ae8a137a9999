#!/usr/bin/env bash
# Regenerate the decode fixtures in tests/fixtures/ from ../shared/corpus/docs/*.txt.
#
# Needs LibreOffice and a CJK font (Debian: apt-get install -y libreoffice-writer-nogui
# fonts-noto-cjk), python3 (standard library only) and, for the PDF text check,
# `npm ci --prefix tools`. Deterministic enough to rerun; the committed fixtures are
# what the tests read, so rerun only when the corpus or this script changes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${CORPUS:-$here/../shared/corpus/docs}"
out="$here/tests/fixtures"
if ! command -v soffice >/dev/null; then
  echo "soffice not found: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk" >&2
  exit 1
fi
mkdir -p "$out/originals"
rm -f "$out"/*.docx "$out"/*.pdf "$out"/*.txt "$out"/*.html "$out"/*.htm "$out"/*.doc "$out"/*.mht
cp "$corpus"/*.txt "$out/originals/"
chmod u+w "$out/originals/"*.txt
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# LibreOffice conversions: every plan as .docx and .pdf; one as legacy .doc and one as
# LibreOffice's own HTML export.
cp "$out/originals/"*.txt "$work/"
(cd "$work" && soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to docx ./*.txt >/dev/null 2>&1)
# PDFs with structure tags (as Word and WPS write them by default), and one without
# tags so paragraph restoration from geometry alone is exercised too.
(cd "$work" && soffice --headless --infilter="Text (encoded):UTF8,,," \
  --convert-to 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}' ./*.txt >/dev/null 2>&1)
mkdir -p "$work/untagged"
(cd "$work" && soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to pdf --outdir untagged 003_cad4160aa9a2acde.txt >/dev/null 2>&1)
(cd "$work" && soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to doc 003_cad4160aa9a2acde.txt >/dev/null 2>&1)
(cd "$work" && soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to rtf 002_228e446d7a41f1e4.txt >/dev/null 2>&1)
(cd "$work" && soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to "html:HTML (StarWriter)" 000_f2349a8e578e908b.txt >/dev/null 2>&1)
for f in "$work"/*.docx "$work"/*.pdf; do cp "$f" "$out/"; done
cp "$work/untagged/003_cad4160aa9a2acde.pdf" "$out/003_cad4160aa9a2acde.untagged.pdf"
cp "$work/003_cad4160aa9a2acde.doc" "$out/legacy-003.doc"
# RTF as government sites often serve it: named .doc.
cp "$work/002_228e446d7a41f1e4.rtf" "$out/002_228e446d7a41f1e4.rtf.doc"
cp "$work/000_f2349a8e578e908b.html" "$out/000_f2349a8e578e908b.lo.html"
# Encoded copies, Word-numbered / table .docx, a saved gov-style page, an HTML fragment.
python3 "$here/scripts/make_fixtures.py" "$out"
# The government-style .docx as an untagged PDF (Word "print to PDF" / WPS style).
mkdir -p "$work/gov"
(cd "$work/gov" && soffice --headless --convert-to pdf "$out/001_4bf031228254654b.govstyle.docx" >/dev/null 2>&1)
cp "$work/gov/001_4bf031228254654b.govstyle.pdf" "$out/"
# Word 97 .doc saved by LibreOffice from .docx fixtures (plain, traditional script, a
# table, Word numbering), and a page with merged and nested table cells as .docx and as .doc.
mkdir -p "$work/doc"
(cd "$work/doc" && soffice --headless --convert-to 'doc:MS Word 97' \
  "$out/000_f2349a8e578e908b.docx" "$out/002_228e446d7a41f1e4.docx" \
  "$out/003_cad4160aa9a2acde.table.docx" "$out/003_cad4160aa9a2acde.numbered.docx" \
  "$out/004a_nanshan.docx" >/dev/null 2>&1)
(cd "$work/doc" && soffice --headless --infilter="HTML (StarWriter)" --convert-to docx \
  "$out/sources/doc-tables.html" >/dev/null 2>&1 &&
  soffice --headless --convert-to 'doc:MS Word 97' doc-tables.docx >/dev/null 2>&1)
# Hand-written .docx files (footnotes and an endnote; hidden text and tracked changes),
# resaved by LibreOffice, then as .doc.
mkdir -p "$work/doc/src"
for n in doc-notes doc-revisions; do
  cp "$out/sources/$n.src.docx" "$work/doc/src/$n.docx"
  (cd "$work/doc" && soffice --headless --convert-to docx "src/$n.docx" >/dev/null 2>&1 &&
    soffice --headless --convert-to 'doc:MS Word 97' "$n.docx" >/dev/null 2>&1)
done
cp "$work/doc/"*.doc "$work/doc/doc-tables.docx" "$work/doc/doc-notes.docx" \
  "$work/doc/doc-revisions.docx" "$out/"
ls -la "$out" | sed 1d
du -sh "$out"
