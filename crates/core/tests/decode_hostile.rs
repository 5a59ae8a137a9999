//! Hostile files built in code: small inputs whose expansion (numbering labels,
//! footnotes, altChunk parts, merged cells, entities, PDF pieces) would be huge.
//! Each must end with text under the output limit or a Chinese refusal — never
//! by expanding first and checking afterwards. Memory is checked from outside by
//! the CLI tests (crates/cli/tests/hostile.rs, under `ulimit -v`); here a small
//! output limit shows that the expansion is counted as it is produced.

use planlens_core::decode::{decode, decode_pdf_json, Limits};
use std::io::Write;
use zip::write::SimpleFileOptions;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

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

fn document(body: &str) -> String {
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

fn small() -> Limits {
    Limits {
        max_output_chars: 200_000,
        ..Limits::default()
    }
}

/// The refusal code, or "ok" (never printing the whole text).
fn refusal(r: Result<String, String>) -> String {
    r.err().unwrap_or_else(|| "ok".into())
}

fn is_chinese(msg: &str) -> bool {
    msg.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Decoded under `limits`: either text within the limit, or a Chinese refusal.
fn bounded(bytes: &[u8], name: &str, limits: &Limits) -> Result<String, String> {
    match decode(bytes, name, limits) {
        Ok(d) => {
            assert!(
                d.source.chars <= limits.max_output_chars,
                "{name}: {} chars over the limit {}",
                d.source.chars,
                limits.max_output_chars
            );
            Ok(d.text)
        }
        Err(e) => {
            println!("{name}: {}", e.message());
            assert!(is_chinese(&e.message()), "{}", e.message());
            Err(e.code().to_string())
        }
    }
}

#[test]
fn long_numbering_labels_are_capped() {
    // 200 000-char lvlText × 20 000 paragraphs would be 4 billion chars.
    let bytes = numbering_bomb(200_000, 20_000);
    let text = bounded(&bytes, "n.docx", &Limits::default()).expect("readable");
    let first = text.lines().next().unwrap();
    assert!(first.ends_with("加强组织领导"), "{first:.80}");
    assert!(
        first.chars().count() < 200,
        "label not capped: {}",
        first.len()
    );
    assert_eq!(text.lines().count(), 20_000);
}

#[test]
fn a_footnote_cited_many_times_is_shown_once() {
    let bytes = footnote_bomb(100_000, 20_000);
    let text = bounded(&bytes, "f.docx", &Limits::default()).expect("readable");
    assert_eq!(text.matches("注1:").count(), 1);
    assert!(!text.contains("注2:"));
    assert_eq!(text.matches("推进改革").count(), 20_000);
}

#[test]
fn merged_cells_count_towards_the_output_limit() {
    let bytes = vmerge_bomb(50_000, 2_000);
    assert_eq!(refusal(bounded(&bytes, "v.docx", &small())), "too_complex");
    // Within the limit the merged text is repeated as before.
    let text = bounded(&vmerge_bomb(10, 3), "v.docx", &small()).unwrap();
    assert_eq!(text.matches("表表表表表表表表表表 | 任务").count(), 4);
}

#[test]
fn repeated_alt_chunks_count_towards_the_output_limit() {
    let bytes = altchunk_docx(50_000, 20_000);
    assert_eq!(refusal(bounded(&bytes, "a.docx", &small())), "too_complex");
    let bytes = altchunk_flat(1_000_000, 20_000);
    assert_eq!(
        refusal(bounded(&bytes, "a.xml", &Limits::default())),
        "too_complex"
    );
    // A few references within the limit are all read.
    let text = bounded(&altchunk_flat(5, 3), "a.xml", &small()).unwrap();
    assert_eq!(text.matches("块块块块块").count(), 3);
}

#[test]
fn html_rowspan_counts_towards_the_output_limit() {
    let bytes = rowspan_html(100_000, 100);
    assert_eq!(refusal(bounded(&bytes, "r.html", &small())), "too_complex");
}

#[test]
fn html_entities_and_nesting_stay_bounded() {
    let deep = format!(
        "<html><body>{}深{}",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    let _ = bounded(deep.as_bytes(), "d.html", &small());
    let ents = format!("<p>{}</p>", "&#x4E00;&amp;&nbsp;".repeat(200_000));
    assert_eq!(
        refusal(bounded(ents.as_bytes(), "e.html", &small())),
        "too_complex"
    );
}

#[test]
fn pdf_pieces_are_bounded() {
    // Many pieces: stops at the output limit with a Chinese message.
    let json = pdf_json(30_000, 1_000);
    let Err(err) = decode_pdf_json(&json, "p.pdf") else {
        panic!("30 000 pieces of 1 000 chars read in full");
    };
    assert_eq!(err.code(), "too_complex", "{}", err.message());
    assert!(is_chinese(&err.message()));
    // One huge piece likewise.
    let json = pdf_json(1, 25_000_000);
    assert_eq!(
        decode_pdf_json(&json, "p.pdf").err().map(|e| e.code()),
        Some("too_complex")
    );
}

#[test]
fn pdf_pages_repeating_the_same_text_are_not_a_scan() {
    let page =
        r#"[{"str":"各区县要加强组织领导,确保任务落实到位。","x":72,"y":700,"w":400,"h":12}]"#;
    let json = format!(r#"{{"pages":[{}]}}"#, [page; 6].join(","));
    let d = decode_pdf_json(&json, "p.pdf").expect("text, not a scan");
    assert!(d.text.contains("加强组织领导"), "{}", d.text);
}
