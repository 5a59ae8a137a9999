#!/usr/bin/env python3
"""Encoded copies, Word-numbered and table .docx, saved web pages and an HTML
fragment, made from tests/fixtures/originals/*.txt (standard library only).

Called by scripts/make-fixtures.sh after the LibreOffice conversions."""
import html
import re
import sys
import zipfile
from pathlib import Path

out = Path(sys.argv[1])
orig = {p.stem: p.read_text(encoding="utf-8") for p in sorted((out / "originals").glob("*.txt"))}

# ---- encoded text copies -------------------------------------------------
for stem, text in orig.items():
    try:
        gbk = text.encode("gbk")
    except UnicodeEncodeError:
        gbk = text.encode("gb18030")
    (out / f"{stem}.gbk.txt").write_bytes(gbk)
    (out / f"{stem}.utf16le-bom.txt").write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    (out / f"{stem}.utf16le.txt").write_bytes(text.encode("utf-16-le"))
s001 = next(s for s in orig if s.startswith("001"))
(out / f"{s001}.utf16be.txt").write_bytes(orig[s001].encode("utf-16-be"))
s002 = next(s for s in orig if s.startswith("002"))
(out / f"{s002}.big5.txt").write_bytes(orig[s002].encode("big5", errors="strict"))

# ---- HTML fragment inside a .txt -----------------------------------------
frag = "".join(f"<p>{html.escape(l)}</p>\n" if l.strip() else "<br>\n" for l in orig[s002].splitlines())
(out / f"{s002}.fragment.txt").write_text(frag, encoding="utf-8")

# ---- .docx written directly (Word automatic numbering, a table) ----------
CN = "零一二三四五六七八九"


def cn(n):
    if n < 10:
        return CN[n]
    if n < 20:
        return "十" + (CN[n % 10] if n % 10 else "")
    return CN[n // 10] + "十" + (CN[n % 10] if n % 10 else "")


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def esc(s):
    return html.escape(s, quote=False)


def para(text, style=None, num=None):
    ppr = ""
    if style or num:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    return f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'


def table(rows):
    x = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid>'
    x += '<w:gridCol w:w="2000"/>' * max(len(r) for r in rows) + "</w:tblGrid>"
    for r in rows:
        x += "<w:tr>" + "".join(f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{para(c)}</w:tc>' for c in r) + "</w:tr>"
    return x + "</w:tbl>"


def write_docx(path, body, numbering=None, styles=None, footer=None):
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
          '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
          '<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>'
          '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
            '</Relationships>')
    drels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
             '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
             + ('<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>' if footer else '')
             + '</Relationships>')
    sect = ('<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="11906" w:h="16838"/>'
            '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
            if footer else '<w:sectPr/>')
    doc = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}{sect}</w:body></w:document>'
    st = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {W}>{styles or ""}</w:styles>'
    nb = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}>{numbering or ""}</w:numbering>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        parts = [("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/_rels/document.xml.rels", drels),
                 ("word/document.xml", doc), ("word/styles.xml", st), ("word/numbering.xml", nb)]
        if footer:
            parts.append(("word/footer1.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {W}>{footer}</w:ftr>'))
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def lvl(i, fmt, text, restart=None, pstyle=None):
    x = f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
    if restart is not None:
        x += f'<w:lvlRestart w:val="{restart}"/>'
    if pstyle:
        x += f'<w:pStyle w:val="{pstyle}"/>'
    return x + f'<w:lvlText w:val="{text}"/><w:suff w:val="nothing"/><w:lvlJc w:val="left"/></w:lvl>'


def numbered_docx(stem, continuous_items):
    """Headings 一、 / (一) / 1. become Word automatic numbering when the visible number
    is what Word would show; anything else stays literal text."""
    text = orig[stem]
    half = "(一)" in text
    l1 = "(%2)" if half else "（%2）"
    re0 = re.compile(r"^\s*([一二三四五六七八九十]+)、(.*)$")
    re1 = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)](.*)$")
    re2 = re.compile(r"^\s*(\d+)\.(\D.*)$")
    c = [0, 0, 0]
    body = []
    for line in text.splitlines():
        m0, m1, m2 = re0.match(line), re1.match(line), re2.match(line)
        if m0 and m0.group(1) == cn(c[0] + 1):
            c = [c[0] + 1, 0, c[2] if continuous_items else 0]
            body.append(para(m0.group(2), style="PlanHeading1"))  # style-linked level 0
        elif m1 and m1.group(1) == cn(c[1] + 1) and c[0] > 0 and (line.strip()[0] == "(") == half:
            c = [c[0], c[1] + 1, c[2] if continuous_items else 0]
            body.append(para(m1.group(2), num=(1, 1)))
        elif m2 and int(m2.group(1)) == c[2] + 1 and c[0] > 0:
            c[2] += 1
            body.append(para(m2.group(2), num=(1, 2)))
        else:
            body.append(para(line))
    numbering = ('<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>'
                 + lvl(0, "chineseCounting", "%1、", pstyle="PlanHeading1")
                 + lvl(1, "chineseCounting", l1)
                 + lvl(2, "decimal", "%3.", restart=0 if continuous_items else None)
                 + '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
              '<w:style w:type="paragraph" w:styleId="PlanHeading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
              '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>')
    write_docx(out / f"{stem}.numbered.docx", "".join(body), numbering, styles)


numbered_docx(next(s for s in orig if s.startswith("000")), continuous_items=True)
s003 = next(s for s in orig if s.startswith("003"))
numbered_docx(s003, continuous_items=False)

# 003 with its 基本信息 block (key: value lines) as a two-column table.
body, rows = [], []
for i, line in enumerate(orig[s003].splitlines()):
    m = re.match(r"^(发布机关|发文字号|当前状态|发布日期|实施日期): (.*)$", line)
    if m and i < 20:
        rows.append([m.group(1), m.group(2)])
        continue
    if rows and line.strip() == "" and i < 20:
        continue
    if rows and line.strip():
        body.append(table(rows))
        rows = []
    body.append(para(line))
write_docx(out / f"{s003}.table.docx", "".join(body))

# 001 laid out like a government document (仿宋 16 pt, justified, 2-character first-line
# indent, fixed 28 pt lines, "- N -" page numbers in the footer); LibreOffice turns it
# into an untagged PDF, so paragraphs must come back from geometry alone.
gov_styles = ('<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
              '<w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/></w:pPr>'
              '<w:rPr><w:rFonts w:ascii="Noto Serif CJK SC" w:eastAsia="Noto Serif CJK SC" w:hAnsi="Noto Serif CJK SC"/><w:sz w:val="32"/></w:rPr></w:style>')
gov_footer = ('<w:p><w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/></w:pPr><w:r><w:t xml:space="preserve">- </w:t></w:r>'
              '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
              '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
              '<w:r><w:t xml:space="preserve"> -</w:t></w:r></w:p>')
write_docx(out / f"{s001}.govstyle.docx", "".join(para(l.strip()) for l in orig[s001].splitlines() if l.strip()),
           styles=gov_styles, footer=gov_footer)

# ---- a saved government web page (GBK, meta charset) and its .mht -----------
lines = orig[s003].splitlines()
paras = []
for l in lines:
    if not l.strip():
        continue
    t = html.escape(l.strip(), quote=False).replace("“", "&ldquo;").replace("”", "&rdquo;")
    paras.append(f'<p style="text-indent:2em">&nbsp;&nbsp;{t}</p>')
page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>上海市虹口区人民政府关于印发虹口区建设科技创新体系实施方案的通知</title>
<style type="text/css">p {{ line-height: 2em; }} .nav a {{ color: #036; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; document.write("<p>不应出现</p>");</script>
</head>
<body>
<div class="nav"><a href="#">首页</a> &gt; <a href="#">政务公开</a></div>
<div class="content">
{chr(10).join(paras)}
</div>
<!-- <p>注释中的文字不应出现</p> -->
<div class="tools">【打印本页】【关闭窗口】</div>
<script>console.log("<div>不应出现</div>")</script>
</body>
</html>
"""
(out / f"{s003}.saved.html").write_bytes(page.encode("gbk"))
# .mht as a browser saves it: multipart/related, the page quoted-printable in GBK.
import quopri
boundary = "----MultipartBoundary--planlensFixture0001----"
qp = quopri.encodestring(page.replace("gb2312", "gbk").encode("gbk")).replace(b"\n", b"\r\n")
mht = (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/plan.html\r\n"
       b"Subject: =?utf-8?Q?plan?=\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n"
       b"\ttype=\"text/html\";\r\n\tboundary=\"" + boundary.encode() + b"\"\r\n\r\n\r\n"
       b"--" + boundary.encode() + b"\r\nContent-Type: text/html; charset=\"gbk\"\r\n"
       b"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: http://www.example.gov.cn/plan.html\r\n\r\n"
       + qp + b"\r\n\r\n--" + boundary.encode() + b"--\r\n")
(out / f"{s003}.saved.mht").write_bytes(mht)

# ---- a PDF without a text layer (a drawing only), for the scanned-PDF refusal --
objs = [
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
]
stream = b"0.5 g 72 600 450 150 re f 0 g 72 400 m 522 400 l S"
objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
pdf = b"%PDF-1.4\n"
offs = []
for i, o in enumerate(objs, 1):
    offs.append(len(pdf))
    pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
xref = len(pdf)
pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
for o in offs:
    pdf += b"%010d 00000 n \n" % o
pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
(out / "no-text-layer.pdf").write_bytes(pdf)

# ---- a PDF with non-embedded Chinese CID fonts and predefined CMaps (GBK-EUC-H,
# UniGB-UCS2-H), as older government PDFs have: what Rust PDF crates fail on.
def pdf_file(objs):
    pdf = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"
    offs = []
    for i, o in enumerate(objs, 1):
        offs.append(len(pdf))
        pdf += b"%d 0 obj\n" % i + o + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for o in offs:
        pdf += b"%010d 00000 n \n" % o
    return pdf + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)


gbk_lines = ["一、总体要求", "到2020年，新增科技型企业100家。（责任单位：区科委）"]
ucs_lines = ["二、保障措施", "（一）加强组织领导。"]
ops = b"BT /F1 12 Tf 72 770 Td"
for i, l in enumerate(gbk_lines):
    ops += (b" 0 -20 Td" if i else b"") + b" <" + l.encode("gbk").hex().upper().encode() + b"> Tj"
ops += b" ET BT /F2 12 Tf 72 700 Td"
for i, l in enumerate(ucs_lines):
    ops += (b" 0 -20 Td" if i else b"") + b" <" + l.encode("utf-16-be").hex().upper().encode() + b"> Tj"
ops += b" ET"
cid = (b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) "
       b"/Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R /DW 1000 >>")
(out / "cjk-cmaps.pdf").write_bytes(pdf_file([
    b"<< /Type /Catalog /Pages 2 0 R >>",
    b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
    b"<< /Length %d >>\nstream\n" % len(ops) + ops + b"\nendstream",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [7 0 R] >>",
    b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>",
    cid,
    b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
    b"/Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
]))
print("fixtures written to", out)
