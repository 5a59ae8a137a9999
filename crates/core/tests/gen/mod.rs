//! Generators of small hostile files, shared by crates/core/tests/decode_hostile.rs and
//! crates/cli/tests/hostile.rs (included there with `#[path]`).
#![allow(dead_code)]

use std::io::Write;
use zip::write::SimpleFileOptions;

pub const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

pub fn docx(parts: &[(&str, String)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut all: Vec<(String, String)> = vec![(
        "word/_rels/document.xml.rels".into(),
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>
        <Relationship Id="c1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.htm"/>
        </Relationships>"#
            .into(),
    )];
    for (n, c) in parts {
        all.push((n.to_string(), c.clone()));
    }
    for (name, content) in all {
        z.start_file(name, opts).unwrap();
        z.write_all(content.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

pub fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{body}</w:body></w:document>"#
    )
}

/// A `lvlText` of `label_chars` chars used by `paras` numbered paragraphs.
pub fn numbering_bomb(label_chars: usize, paras: usize) -> Vec<u8> {
    let label = "%1".repeat(label_chars / 2);
    let numbering = format!(
        r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="{label}"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let p = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>加强组织领导</w:t></w:r></w:p>"#;
    docx(&[
        ("word/document.xml", document(&p.repeat(paras))),
        ("word/numbering.xml", numbering),
    ])
}

/// One footnote of `note_chars` chars referenced `refs` times.
pub fn footnote_bomb(note_chars: usize, refs: usize) -> Vec<u8> {
    let note = "注".repeat(note_chars);
    let footnotes = format!(
        r#"<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>{note}</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let p =
        r#"<w:p><w:r><w:t>推进改革</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>"#;
    docx(&[
        ("word/document.xml", document(&p.repeat(refs))),
        ("word/footnotes.xml", footnotes),
    ])
}

/// A vertically merged cell of `cell_chars` chars continued over `rows` rows.
pub fn vmerge_bomb(cell_chars: usize, rows: usize) -> Vec<u8> {
    let cell = "表".repeat(cell_chars);
    let first = format!(
        r#"<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>{cell}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc></w:tr>"#
    );
    let next = r#"<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc></w:tr>"#;
    docx(&[(
        "word/document.xml",
        document(&format!("<w:tbl>{first}{}</w:tbl>", next.repeat(rows))),
    )])
}

/// An altChunk HTML part of `chunk_chars` chars referenced `refs` times, in a .docx.
pub fn altchunk_docx(chunk_chars: usize, refs: usize) -> Vec<u8> {
    let chunk = format!(
        "<html><body><p>{}</p></body></html>",
        "块".repeat(chunk_chars)
    );
    let body = r#"<w:altChunk r:id="c1"/>"#.repeat(refs);
    docx(&[
        ("word/document.xml", document(&body)),
        ("word/chunk.htm", chunk),
    ])
}

/// Word flat XML (Flat OPC) whose document references one XHTML altChunk part `refs` times.
pub fn altchunk_flat(chunk_chars: usize, refs: usize) -> Vec<u8> {
    let body = r#"<w:altChunk r:id="c1"/>"#.repeat(refs);
    let chunk = format!(
        r#"<html xmlns="http://www.w3.org/1999/xhtml"><body><p>{}</p></body></html>"#,
        "块".repeat(chunk_chars)
    );
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<?mso-application progid="Word.Document"?>
<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage">
<pkg:part pkg:name="/word/_rels/document.xml.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml"><pkg:xmlData><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="chunk.xhtml"/></Relationships></pkg:xmlData></pkg:part>
<pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"><pkg:xmlData>{}</pkg:xmlData></pkg:part>
<pkg:part pkg:name="/word/chunk.xhtml" pkg:contentType="application/xhtml+xml"><pkg:xmlData>{chunk}</pkg:xmlData></pkg:part>
</pkg:package>"#,
        document(&body)
    )
    .into_bytes()
}

/// HTML table whose first cell of `cell_chars` chars spans `rows` rows (its text
/// pushed past the layout-cell look-ahead, so it stays a data cell).
pub fn rowspan_html(cell_chars: usize, rows: usize) -> Vec<u8> {
    format!(
        "<html><body><table><tr><td rowspan=\"{rows}\">{}{}</td><td>一</td></tr>{}</table></body></html>",
        " ".repeat(70_000),
        "格".repeat(cell_chars),
        "<tr><td>任务</td></tr>".repeat(rows)
    )
    .into_bytes()
}

/// pdf-items JSON with `items` pieces of `chars` chars each on one page.
pub fn pdf_json(items: usize, chars: usize) -> String {
    let piece = format!(
        r#"{{"str":"{}","x":72,"y":700,"w":400,"h":12}}"#,
        "字".repeat(chars)
    );
    let mut s = String::from(r#"{"pages":[["#);
    for i in 0..items {
        if i > 0 {
            s.push(',');
        }
        s.push_str(&piece);
    }
    s.push_str("]]}");
    s
}
