//! Hostile files built in code: small inputs whose expansion (numbering labels,
//! footnotes, altChunk parts, merged cells, entities, PDF pieces) would be huge.
//! Each must end with text under the output limit or a Chinese refusal — never
//! by expanding first and checking afterwards. Memory is checked from outside by
//! the CLI tests (crates/cli/tests/hostile.rs, under `ulimit -v`); here a small
//! output limit shows that the expansion is counted as it is produced.

use planlens_core::decode::{decode, decode_pdf_json, Limits};

mod gen;
use gen::*;

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

// --- Structure-aware property campaign -------------------------------------------
//
// Generated Word packages (numbering with long or odd `lvlText`, footnotes cited
// again and again, altChunk parts, nested and merged tables, repetition), flat XML,
// HTML (deep nesting, entities, spans) and pdf-items JSON. Whatever the shape: text
// within the output limit or a Chinese refusal, never a panic. Brief by default
// (`PROPTEST_CASES` raises it, e.g. `PROPTEST_CASES=5000`).

use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(24)
}

fn tiny() -> Limits {
    Limits {
        max_output_chars: 50_000,
        ..Limits::default()
    }
}

fn text_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("加强组织领导".to_string()),
        Just("到2025年，完成率达到90%以上".to_string()),
        Just("&amp;&lt;&#x4E00;&#20013;".to_string()),
        "[一-龥a-z0-9，。、 ]{0,40}",
    ]
}

/// One body element of a generated document, nesting tables up to `depth`.
fn body_part(depth: u32) -> BoxedStrategy<String> {
    let para = (text_piece(), 0u32..4, 0u8..3, 0u32..3).prop_map(|(t, num, lvl, note)| {
        let ppr = if num > 0 {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr></w:pPr>"#)
        } else {
            String::new()
        };
        let note = if note > 0 {
            format!(r#"<w:r><w:footnoteReference w:id="{note}"/></w:r>"#)
        } else {
            String::new()
        };
        format!(r#"<w:p>{ppr}<w:r><w:t>{t}</w:t></w:r>{note}</w:p>"#)
    });
    let alt = Just(r#"<w:altChunk r:id="c1"/>"#.to_string());
    if depth == 0 {
        return prop_oneof![4 => para, 1 => alt].boxed();
    }
    let cell = (body_part(depth - 1), 0u8..3).prop_map(|(inner, merge)| {
        let pr = match merge {
            1 => r#"<w:tcPr><w:vMerge w:val="restart"/></w:tcPr>"#,
            2 => r#"<w:tcPr><w:vMerge/></w:tcPr>"#,
            _ => "",
        };
        format!("<w:tc>{pr}{inner}<w:p/></w:tc>")
    });
    let table = (prop::collection::vec(cell, 1..4), 1usize..40).prop_map(|(cells, rows)| {
        let row = format!("<w:tr>{}</w:tr>", cells.concat());
        // The generator itself stays small: a few hundred KB per table at most.
        let rows = rows.min((256 << 10) / row.len().max(1)).max(1);
        format!("<w:tbl>{}</w:tbl>", row.repeat(rows))
    });
    prop_oneof![4 => para, 1 => alt, 1 => table].boxed()
}

fn word_doc() -> impl Strategy<Value = (String, String, String, String)> {
    let body =
        (prop::collection::vec(body_part(3), 1..12), 1usize..300).prop_map(|(parts, times)| {
            let once = parts.concat();
            let times = times.min((4 << 20) / once.len().max(1)).max(1);
            once.repeat(times)
        });
    let lvl_text = prop_oneof![
        Just("%1、".to_string()),
        Just("（%2）".to_string()),
        Just("%1.%2.%3.%4.%5.%6.%7.%8.%9".to_string()),
        (1usize..5000).prop_map(|n| "%1".repeat(n)),
        "[%0-9一-龥]{0,30}",
    ];
    let fmt = prop_oneof![
        Just("decimal"),
        Just("chineseCounting"),
        Just("lowerLetter"),
        Just("upperRoman"),
        Just("bullet"),
        Just("none"),
    ];
    let numbering = (lvl_text, fmt, 0u32..u32::MAX).prop_map(|(t, f, start)| {
        let t = t.replace('"', "");
        let lvls: String = (0..3)
            .map(|i| format!(r#"<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{f}"/><w:lvlText w:val="{t}"/></w:lvl>"#))
            .collect();
        format!(
            r#"<w:numbering {NS}><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num><w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num></w:numbering>"#
        )
    });
    let note = (1usize..20_000).prop_map(|n| {
        format!(
            r#"<w:footnotes {NS}><w:footnote w:id="1"><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:footnote><w:footnote w:id="2" w:type="separator"><w:p/></w:footnote></w:footnotes>"#,
            "注".repeat(n)
        )
    });
    let chunk = (1usize..20_000, any::<bool>()).prop_map(|(n, open)| {
        format!(
            "<html><body>{}<p>{}</p></body></html>",
            if open { "<!--" } else { "" },
            "块".repeat(n)
        )
    });
    (body, numbering, note, chunk)
}

fn html_doc() -> impl Strategy<Value = String> {
    let unit = prop_oneof![
        Just("<div>".to_string()),
        Just("</div>".to_string()),
        Just("<table><tr>".to_string()),
        (1usize..200).prop_map(|n| format!("<td rowspan=\"{n}\" colspan=\"{n}\">")),
        Just("</td></tr>".to_string()),
        Just("<ol start=\"99999999\"><li>".to_string()),
        Just("&nbsp;&#x10FFFF;&#0;&bogus;&#150;".to_string()),
        Just("<!--".to_string()),
        Just("<script>".to_string()),
        text_piece(),
    ];
    (prop::collection::vec(unit, 1..40), 1usize..2000).prop_map(|(units, times)| {
        let once = units.concat();
        let times = times.min((4 << 20) / once.len().max(1)).max(1);
        format!("<html><body>{}</body></html>", once.repeat(times))
    })
}

fn pdf_lines() -> impl Strategy<Value = String> {
    let piece = (
        text_piece(),
        -1e6f64..1e6,
        -1e6f64..1e6,
        0f64..1e4,
        -10f64..100.0,
        any::<bool>(),
    )
        .prop_map(|(t, x, y, w, h, art)| {
            format!(
                r#"{{"str":{},"x":{x},"y":{y},"w":{w},"h":{h},"b":{},"art":{art}}}"#,
                serde_json::to_string(&t).unwrap(),
                (x as i64).rem_euclid(7)
            )
        });
    let page = prop::collection::vec(piece, 0..30).prop_map(|p| format!("[{}]", p.join(",")));
    (prop::collection::vec(page, 0..20), 1usize..50).prop_map(|(pages, times)| {
        format!(
            r#"{{"pages":[{}]}}"#,
            vec![pages.join(","); times].join(",").trim_matches(',')
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn generated_word_packages_stay_bounded(doc in word_doc()) {
        let (body, numbering, footnotes, chunk) = doc;
        let bytes = docx(&[
            ("word/document.xml", document(&body)),
            ("word/numbering.xml", numbering),
            ("word/footnotes.xml", footnotes),
            ("word/chunk.htm", chunk),
        ]);
        let _ = bounded(&bytes, "g.docx", &tiny());
    }

    #[test]
    fn generated_flat_xml_stays_bounded(chunk in 1usize..50_000, refs in 1usize..5_000) {
        let _ = bounded(&altchunk_flat(chunk, refs), "g.xml", &tiny());
    }

    #[test]
    fn generated_html_stays_bounded(page in html_doc()) {
        let _ = bounded(page.as_bytes(), "g.html", &tiny());
    }

    #[test]
    fn generated_pdf_lines_stay_bounded(json in pdf_lines()) {
        match decode_pdf_json(&json, "g.pdf") {
            Ok(d) => prop_assert_eq!(d.source.chars, d.text.chars().count()),
            Err(e) => prop_assert!(is_chinese(&e.message()), "{}", e.message()),
        }
    }
}
