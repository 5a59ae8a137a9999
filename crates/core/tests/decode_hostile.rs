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
