//! Property campaign over the decoders (runs in `cargo test`; the longer cargo-fuzz
//! campaign is in crates/core/fuzz): whatever the bytes, decode returns — text whose
//! `chars` matches, or a refusal with a Chinese message — and never panics.
//! `PROPTEST_CASES=N` makes the campaign longer.

use planlens_core::decode::{decode, decode_pdf_json, decode_pdf_pages, Limits, PdfLine};
use proptest::prelude::*;
use std::io::Write;

fn check(bytes: &[u8], name: &str) {
    let limits = Limits {
        max_input_bytes: 4 << 20,
        ..Limits::default()
    };
    match decode(bytes, name, &limits) {
        Ok(d) => {
            assert_eq!(d.source.chars, d.text.chars().count());
            assert!(!d.text.contains('\u{0}'));
        }
        Err(e) => assert!(e
            .message()
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))),
    }
}

const PREFIXES: &[&[u8]] = &[
    b"",
    b"PK\x03\x04",
    b"%PDF-1.4\n",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"\xFE\xFF",
    b"<html><body>",
    b"<!DOCTYPE html><meta charset=gbk>",
    b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
    b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html; charset=gbk\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n",
    b"{\\rtf1",
];

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn docx_with(document: &str, numbering: &str) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (n, c) in [
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ] {
        z.start_file(n, opts).unwrap();
        z.write_all(c.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// A zip of stored entries, in order.
fn zip_parts(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (n, c) in parts {
        z.start_file(*n, opts).unwrap();
        z.write_all(c.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

/// XML of a spreadsheet, an OpenDocument body and an OFD page, as token soup for `soup`.
fn soup_packages(soup: &str) -> Vec<(Vec<u8>, &'static str)> {
    let sheet = format!(
        r#"<worksheet><sheetData>{soup}</sheetData><mergeCells>{soup}</mergeCells></worksheet>"#
    );
    let strings = format!("<sst>{soup}</sst>");
    let styles =
        format!("<styleSheet><numFmts>{soup}</numFmts><cellXfs>{soup}</cellXfs></styleSheet>");
    let xlsx = zip_parts(&[
        ("[Content_Types].xml", "<Types/>"),
        (
            "xl/workbook.xml",
            r#"<workbook><workbookPr date1904="1"/><sheets><sheet name="任务" r:id="rId1"/><sheet name="b"/></sheets></workbook>"#,
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
        ),
        ("xl/worksheets/sheet1.xml", &sheet),
        ("xl/worksheets/sheet2.xml", &sheet),
        ("xl/sharedStrings.xml", &strings),
        ("xl/styles.xml", &styles),
    ]);
    let content = format!(
        r#"<office:document-content><office:automatic-styles><text:list-style style:name="L1">{soup}</text:list-style></office:automatic-styles><office:body><office:text>{soup}</office:text></office:body></office:document-content>"#
    );
    let odt = zip_parts(&[
        ("mimetype", "application/vnd.oasis.opendocument.text"),
        ("content.xml", &content),
        ("styles.xml", &format!("<office:document-styles><text:outline-style>{soup}</text:outline-style></office:document-styles>")),
    ]);
    let ods = zip_parts(&[
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        (
            "content.xml",
            &content.replace("office:text>", "office:spreadsheet>"),
        ),
    ]);
    let page =
        format!(r#"<ofd:Page><ofd:Content><ofd:Layer>{soup}</ofd:Layer></ofd:Content></ofd:Page>"#);
    let ofd = zip_parts(&[
        ("OFD.xml", "<ofd:OFD><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"),
        ("Doc_0/Document.xml", r#"<ofd:Document><ofd:Pages><ofd:Page BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page BaseLoc="Pages/Page_0"/><ofd:Page BaseLoc="../../OFD.xml"/></ofd:Pages></ofd:Document>"#),
        ("Doc_0/Pages/Page_0/Content.xml", &page),
    ]);
    vec![
        (xlsx, "s.xlsx"),
        (odt, "s.odt"),
        (ods, "s.ods"),
        (ofd, "s.ofd"),
    ]
}

proptest! {
    #[test]
    fn any_bytes_under_any_name(prefix in 0..PREFIXES.len(), body in proptest::collection::vec(any::<u8>(), 0..4096), ext in 0..6usize) {
        let mut bytes = PREFIXES[prefix].to_vec();
        bytes.extend_from_slice(&body);
        let name = ["a.txt", "a.docx", "a.html", "a.mht", "a.wps", "a"][ext];
        check(&bytes, name);
    }

    #[test]
    fn mutated_real_docx(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        let mut bytes = fixture("003_cad4160aa9a2acde.numbered.docx");
        for (i, b) in flips {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        if truncate {
            let n = cut.index(bytes.len());
            bytes.truncate(n);
        }
        check(&bytes, "m.docx");
    }

    #[test]
    fn mutated_saved_pages(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..64)) {
        for name in ["003_cad4160aa9a2acde.saved.html", "003_cad4160aa9a2acde.saved.mht", "002_228e446d7a41f1e4.fragment.txt", "001_4bf031228254654b.utf16le.txt"] {
            let mut bytes = fixture(name);
            for (i, b) in &flips {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            check(&bytes, name);
        }
    }

    #[test]
    fn html_token_soup(tokens in proptest::collection::vec(prop_oneof![
        Just("<p>"), Just("</p>"), Just("<br>"), Just("<td>"), Just("</td>"), Just("<tr>"), Just("</tr>"), Just("<table>"), Just("</table>"),
        Just("<ol start=\"x\">"), Just("<li value=99999999999>"), Just("</ol>"), Just("<script>"), Just("</script"), Just("<!--"), Just("-->"),
        Just("&nbsp;"), Just("&#x110000;"), Just("&#0;"), Just("&"), Just("&amp"), Just("<"), Just(">"), Just("\""), Just("'"), Just("<pre>"), Just("</pre>"),
        Just("一、总体要求"), Just("到2025年"), Just(" "), Just("\n"), Just("<![CDATA["), Just("]]>"), Just("<?xml"), Just("<a href='"),
    ], 0..200)) {
        let s: String = tokens.concat();
        check(s.as_bytes(), "soup.html");
        check(s.as_bytes(), "soup.txt");
    }

    #[test]
    fn numbering_definitions(fmt in prop_oneof![
        Just("decimal"), Just("chineseCounting"), Just("chineseCountingThousand"), Just("chineseLegalSimplified"), Just("ideographTraditional"),
        Just("ideographZodiac"), Just("decimalEnclosedCircle"), Just("decimalEnclosedFullstop"), Just("decimalEnclosedParen"), Just("upperRoman"),
        Just("lowerLetter"), Just("bullet"), Just("none"), Just("decimalFullWidth"), Just("ideographDigital"), Just("bogus"),
    ], start in any::<u32>(), text in "[%0-9（）、.]{0,12}", ilvl in any::<u8>(), restart in any::<i64>(), paras in 1..40usize) {
        let numbering = format!(
            r#"<w:numbering xmlns:w="w"><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlRestart w:val="{restart}"/><w:lvlText w:val="{text}"/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1.%2.%9"/><w:isLgl/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{start}"/></w:lvlOverride></w:num></w:numbering>"#
        );
        let mut body = String::new();
        for i in 0..paras {
            body.push_str(&format!(r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="{}"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>段{i}</w:t></w:r></w:p>"#, (i as u32 * 7 + ilvl as u32) % 10));
        }
        let doc = format!(r#"<w:document xmlns:w="w"><w:body>{body}</w:body></w:document>"#);
        check(&docx_with(&doc, &numbering), "n.docx");
    }

    #[test]
    fn pdf_pieces(pieces in proptest::collection::vec((
        "[一、。1.（）a ]{0,30}",
        prop_oneof![any::<f64>(), -1000.0..1000.0f64],
        prop_oneof![any::<f64>(), 0.0..900.0f64],
        prop_oneof![any::<f64>(), 0.0..600.0f64],
        prop_oneof![any::<f64>(), 0.0..30.0f64],
        proptest::option::of(0..5i64),
        any::<bool>(),
        0..4u8,
    ), 0..300)) {
        let mut pages = vec![vec![]];
        for (text, x, y, w, h, block, artifact, brk) in pieces {
            let mut p = PdfLine::new(text, x, y, w, h);
            p.block = block;
            p.artifact = artifact && brk == 0;
            if brk == 3 {
                pages.push(vec![]);
            }
            pages.last_mut().unwrap().push(p);
        }
        let _ = decode_pdf_pages(&pages, "p.pdf");
    }

    #[test]
    fn pdf_json(s in "\\PC{0,200}") {
        let _ = decode_pdf_json(&s, "p.pdf");
        let _ = decode_pdf_json(&format!(r#"{{"pages":[[{{"str":"{}","x":1e308,"y":-1e308,"w":1,"h":0}}]]}}"#, s.replace(['"', '\\'], "")), "p.pdf");
    }

    #[test]
    fn mutated_real_sheets_odf_and_ofd(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24), cut in any::<prop::sample::Index>(), truncate in any::<bool>()) {
        for name in ["formats/task-table.lo.xlsx", "formats/task-table.lo.ods", "003_cad4160aa9a2acde.table.odt", "formats/003_cad4160aa9a2acde.easyofd.ofd"] {
            let mut bytes = fixture(name);
            for (i, b) in &flips {
                let at = i.index(bytes.len());
                bytes[at] = *b;
            }
            if truncate {
                let n = cut.index(bytes.len());
                bytes.truncate(n);
            }
            check(&bytes, name);
        }
    }

    #[test]
    fn sheet_odf_and_ofd_token_soup(tokens in proptest::collection::vec(prop_oneof![
        Just("<row>"), Just("<row r=\"4294967295\">"), Just("</row>"), Just("<c r=\"XFD1048576\" t=\"s\">"), Just("<c t=\"inlineStr\">"), Just("<c s=\"99\">"), Just("<c t=\"d\">"), Just("</c>"),
        Just("<v>"), Just("</v>"), Just("<is><t>"), Just("</t></is>"), Just("<si><t>"), Just("</t></si>"), Just("<mergeCell ref=\"A1:XFD1048576\"/>"), Just("<mergeCell ref=\"B2:A1\"/>"),
        Just("<numFmt numFmtId=\"0\" formatCode=\"yyyy[\"/>"), Just("<xf numFmtId=\"14\"/>"), Just("1e308"), Just("-45838.5"), Just("NaN"), Just("99999999999"),
        Just("<text:p>"), Just("</text:p>"), Just("<text:h text:outline-level=\"99\">"), Just("</text:h>"), Just("<text:list>"), Just("</text:list>"), Just("<text:list-item text:start-value=\"4294967295\">"), Just("</text:list-item>"),
        Just("<text:number>"), Just("</text:number>"), Just("<text:s text:c=\"999999\"/>"), Just("<text:note><text:note-body>"), Just("</text:note-body></text:note>"),
        Just("<text:list-level-style-number text:level=\"0\" loext:num-list-format=\"%99%%1%\" text:display-levels=\"99\"/>"),
        Just("<table:table table:name=\"表\">"), Just("</table:table>"), Just("<table:table-row table:number-rows-repeated=\"1048576\">"), Just("</table:table-row>"),
        Just("<table:table-cell table:number-columns-repeated=\"16384\" table:number-rows-spanned=\"4294967295\" table:number-columns-spanned=\"99999\">"), Just("</table:table-cell>"), Just("<table:covered-table-cell/>"),
        Just("<ofd:PageBlock>"), Just("</ofd:PageBlock>"), Just("<ofd:TextObject Boundary=\"1e308 -1e308 NaN 1\" Size=\"0\" CTM=\"0 0 0 0 inf 1\">"), Just("<ofd:TextObject Boundary=\"10 20 100 5\" Size=\"5\">"), Just("</ofd:TextObject>"),
        Just("<ofd:TextCode X=\"1\" Y=\"5\" DeltaX=\"g 99999999 5\" DeltaY=\"g 2 1e308\">"), Just("<ofd:TextCode>"), Just("</ofd:TextCode>"), Just("<ofd:ImageObject/>"), Just("<ofd:Template/>"),
        Just("一、总体要求"), Just("牵头单位"), Just("到2025年达到95%"), Just(" "), Just("\n"), Just("&amp;"), Just("&#0;"), Just("<"), Just("<![CDATA["), Just("]]>"),
    ], 0..160)) {
        let soup: String = tokens.concat();
        for (bytes, name) in soup_packages(&soup) {
            check(&bytes, name);
        }
    }
}

/// A compound file holding `streams` (name, bytes).
fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    for (name, data) in streams {
        cf.create_stream(name).unwrap().write_all(data).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// The streams of a fixture .doc, by name.
fn doc_streams(name: &str) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let bytes = fixture(name);
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = cf
        .walk()
        .filter(|e| e.is_stream())
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    names
        .into_iter()
        .map(|n| {
            let mut v = vec![];
            cf.open_stream(&n).unwrap().read_to_end(&mut v).unwrap();
            (n, v)
        })
        .collect()
}

/// Decode within a work budget: a .doc of any shape ends well under a few seconds.
fn check_quick(bytes: &[u8], name: &str) {
    let t = std::time::Instant::now();
    check(bytes, name);
    assert!(
        t.elapsed() < std::time::Duration::from_secs(60), // a hang guard, not a speed claim
        "{:?}",
        t.elapsed()
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(96)
    ))]

    #[test]
    fn mutated_real_doc_bytes(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24), cut in any::<prop::sample::Index>(), truncate in any::<bool>(), which in 0..5usize) {
        let mut bytes = fixture(["doc-tables.doc", "legacy-003.doc", "003_cad4160aa9a2acde.numbered.doc", "doc-notes.doc", "doc-revisions.doc"][which]);
        for (i, b) in flips {
            let at = i.index(bytes.len());
            bytes[at] = b;
        }
        if truncate {
            let n = cut.index(bytes.len());
            bytes.truncate(n);
        }
        check_quick(&bytes, "a.doc");
    }

    /// Flipped bytes in the FIB (first 1 KB of WordDocument), in the table stream (CLX,
    /// PlcBtePapx) and in the FKP pages, inside a well-formed compound file; or
    /// truncated streams.
    #[test]
    fn mutated_fib_clx_and_fkps(fib in proptest::collection::vec((0..1024usize, any::<u8>()), 0..12), table in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12), word in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..12), cut_word in proptest::option::of(any::<prop::sample::Index>()), cut_table in proptest::option::of(any::<prop::sample::Index>()), which in 0..3usize) {
        let mut streams = doc_streams(["doc-tables.doc", "003_cad4160aa9a2acde.table.doc", "003_cad4160aa9a2acde.numbered.doc"][which]);
        for (name, data) in streams.iter_mut() {
            if data.is_empty() {
                continue;
            }
            if name.ends_with("WordDocument") {
                for (at, b) in &fib {
                    if let Some(x) = data.get_mut(*at) {
                        *x = *b;
                    }
                }
                for (i, b) in &word {
                    let at = i.index(data.len());
                    data[at] = *b;
                }
                if let Some(c) = cut_word {
                    let n = c.index(data.len());
                    data.truncate(n);
                }
            } else if name.ends_with("Table") {
                for (i, b) in &table {
                    let at = i.index(data.len());
                    data[at] = *b;
                }
                if let Some(c) = cut_table {
                    let n = c.index(data.len());
                    data.truncate(n);
                }
            }
        }
        let refs: Vec<(&str, &[u8])> = streams.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
        check_quick(&compound(&refs), "a.wps");
    }

    /// Random WordDocument and table streams behind a valid FIB identifier.
    #[test]
    fn random_word_streams(word in proptest::collection::vec(any::<u8>(), 0..4096), table in proptest::collection::vec(any::<u8>(), 0..2048), one in any::<bool>()) {
        let mut w = vec![0xEC, 0xA5, 0xC1, 0x00];
        w.extend_from_slice(&word);
        let t = if one { "/1Table" } else { "/0Table" };
        check_quick(&compound(&[("/WordDocument", &w), (t, &table)]), "a.doc");
    }
}
