#!/usr/bin/env bash
# Regenerate the spreadsheet / OpenDocument / OFD fixtures in tests/fixtures/formats/
# (and the .odt copies of the corpus .docx fixtures in tests/fixtures/).
#
# Needs LibreOffice (soffice) and a CJK font; the OFD fixture needs python3 with
# `pip install easyofd` (PyPI; it converts a PDF fixture to OFD with text codes).
# The committed fixtures are what the tests read: rerun only when this script changes.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
fx="$here/tests/fixtures"
out="$fx/formats"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Drop the preview picture LibreOffice stores (Thumbnails/), keeping `mimetype` first
# and stored: the fixtures stay small and the content is what LibreOffice wrote.
slim() {
  python3 - "$1" <<'PY'
import sys, zipfile
path = sys.argv[1]
with zipfile.ZipFile(path) as z:
    items = [(i, z.read(i.filename)) for i in z.infolist()
             if not i.filename.startswith(("Thumbnails/", "Configurations2/"))]
with zipfile.ZipFile(path, "w") as z:
    for i, data in items:
        method = zipfile.ZIP_STORED if i.filename == "mimetype" else zipfile.ZIP_DEFLATED
        z.writestr(i, data, compress_type=method)
PY
}

# A 任务分解表 as offices circulate it: a title row and section rows merged across the
# table, a 牵头单位 merged down two tasks, a real date cell (sdval/sdnum = a number
# with a Chinese date format once in Calc).
cat > "$work/task-table.html" <<'HTML'
<html><head><meta charset="utf-8"></head><body>
<table border="1">
<tr><td colspan="6">2024年优化营商环境重点任务分解表</td></tr>
<tr><td>序号</td><td>重点任务</td><td>具体措施</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td colspan="6">一、提升政务服务效能</td></tr>
<tr><td>1</td><td>推行“一网通办”</td><td>政务服务事项网上可办率达到95%以上。</td><td rowspan="2">区政务服务中心</td><td>区大数据局</td><td>2024年6月底前</td></tr>
<tr><td>2</td><td>推行“一窗受理”</td><td>在区政务服务大厅设置综合受理窗口20个。</td><td>区人社局、区市场监管局</td><td sdval="45565" sdnum="2052;2052;YYYY&quot;年&quot;M&quot;月&quot;D&quot;日&quot;">2024年9月30日</td></tr>
<tr><td colspan="6">二、降低企业经营成本</td></tr>
<tr><td>3</td><td>落实减税降费政策</td><td>全年为企业减负1000万元以上。</td><td>区税务局</td><td>区财政局</td><td>2024年12月底前</td></tr>
<tr><td>4</td><td>降低用地成本</td><td>新增工业用地供应50公顷。</td><td>区自然资源局</td><td>区发展改革委、各街道</td><td>2024年12月底前</td></tr>
</table></body></html>
HTML
(cd "$work" && soffice --headless --infilter="calc_HTML_WebQuery" \
  --convert-to 'xlsx:Calc MS Excel 2007 XML' task-table.html >/dev/null 2>&1)
cp "$work/task-table.xlsx" "$out/task-table.lo.xlsx"
(cd "$work" && soffice --headless --convert-to ods "$out/task-table.lo.xlsx" >/dev/null 2>&1)
cp "$work/task-table.lo.ods" "$out/task-table.lo.ods"
slim "$out/task-table.lo.ods"

# .odt saved by LibreOffice from the corpus .docx fixtures: each must analyse like its
# source (decode_fixtures.rs). The Word-numbered ones lose their numbering of levels 2+
# in LibreOffice's import, so one is kept apart (formats/) for its heading numbers only.
mkdir -p "$work/odt"
for f in "$fx"/*.docx; do
  soffice --headless --convert-to odt --outdir "$work/odt" "$f" >/dev/null 2>&1 || true
done
for f in "$work"/odt/*.odt; do
  case "$f" in
    *.numbered.odt) ;;
    *) cp "$f" "$fx/"; slim "$fx/$(basename "$f")" ;;
  esac
done
cp "$work/odt/003_cad4160aa9a2acde.numbered.odt" "$out/numbered-003.odt"
slim "$out/numbered-003.odt"

# OFD from a PDF fixture by easyofd (PyPI), when it is installed (run in $work: it
# leaves a test/ folder in the current directory).
if python3 -c 'import easyofd' 2>/dev/null; then
  (cd "$work" && python3 - "$fx/003_cad4160aa9a2acde.pdf" "$out/003_cad4160aa9a2acde.easyofd.ofd" <<'PY'
import sys
from easyofd.ofd import OFD
pdf = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(OFD().pdf2ofd(pdf, optional_text=True))
PY
  )
fi
ls -la "$out"
du -sh "$out"
