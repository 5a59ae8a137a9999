//! Every fixture in tests/fixtures (made by scripts/make-fixtures.sh with LibreOffice
//! and the standard library of Python) must analyse like the original .txt: same
//! measures (lead / support / deadline, compared without whitespace), same targets
//! (value, unit, comparator, year). Texts are compared with whitespace removed.
//!
//! PDFs go through pdf.js under Node (`tools/pdf-text.mjs`) like the CLI; when Node or
//! `tools/node_modules` is missing they are reported and skipped, unless
//! `PLANLENS_REQUIRE_PDF=1` makes that a failure.
//! `PLANLENS_DUMP=DIR` writes each decoded text to DIR for inspection.

use planlens_core::decode::{decode, decode_pdf_json, Limits};
use planlens_core::{analyze, analyze_source, Analysis, Decoded};
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn pdf_json(path: &Path) -> Option<String> {
    let tools = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools");
    if !tools.join("node_modules/pdfjs-dist").is_dir()
        && !tools.join("../node_modules/pdfjs-dist").is_dir()
    {
        return None;
    }
    let out = Command::new("node")
        .arg(tools.join("pdf-text.mjs"))
        .arg(path)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn decode_fixture(path: &Path) -> Result<Option<Decoded>, String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    if name.ends_with(".pdf") {
        let Some(json) = pdf_json(path) else {
            if std::env::var("PLANLENS_REQUIRE_PDF").as_deref() == Ok("1") {
                return Err(format!(
                    "{name}: pdf.js unavailable (run npm ci --prefix tools)"
                ));
            }
            eprintln!("skipped {name}: pdf.js unavailable (npm ci --prefix tools)");
            return Ok(None);
        };
        return decode_pdf_json(&json, &name)
            .map(Some)
            .map_err(|e| format!("{name}: {}", e.message()));
    }
    decode(&bytes, &name, &Limits::default())
        .map(Some)
        .map_err(|e| format!("{name}: {}", e.message()))
}

type MeasureKey = (String, String, String);
type TargetKey = (String, String, String, String);

fn measure_keys(a: &Analysis) -> Vec<MeasureKey> {
    a.measures
        .iter()
        .map(|m| {
            (
                squash(&m.lead.join("、")),
                squash(&m.support.join("、")),
                squash(m.deadline.as_ref().map(|d| d.text.as_str()).unwrap_or("")),
            )
        })
        .collect()
}

fn target_keys(a: &Analysis) -> Vec<TargetKey> {
    a.targets
        .iter()
        .map(|t| {
            (
                format!("{}~{:?}", t.value, t.value_max),
                squash(&t.unit),
                format!("{:?}", t.comparator),
                format!("{:?}", t.year),
            )
        })
        .collect()
}

/// `got` is `want` with at most `max` punctuation marks missing.
fn lost_only_punctuation(got: &str, want: &str, max: usize) -> bool {
    let mut g = got.chars().peekable();
    let mut lost = 0;
    for c in want.chars() {
        if g.peek() == Some(&c) {
            g.next();
        } else if "、,,。;;::".contains(c) && lost < max {
            lost += 1;
        } else {
            return false;
        }
    }
    g.next().is_none()
}

/// How the decoded text must relate to the original.
fn text_rule(name: &str) -> &'static str {
    if name.contains(".table.") {
        "table"
    } else if name.contains(".saved.") {
        "contains"
    } else if name.ends_with(".pdf") {
        "pdf"
    } else {
        "equal"
    }
}

#[test]
fn every_fixture_analyses_like_its_original() {
    let dir = fixtures();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let dump = std::env::var_os("PLANLENS_DUMP").map(PathBuf::from);
    let mut failures = vec![];
    let mut checked = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let stem = name.split('.').next().unwrap();
        let original_path = dir.join("originals").join(format!("{stem}.txt"));
        if !original_path.is_file() {
            continue;
        }
        let original = std::fs::read_to_string(&original_path).unwrap();
        let decoded = match decode_fixture(path) {
            Ok(Some(d)) => d,
            Ok(None) => continue,
            Err(e) => {
                failures.push(e);
                continue;
            }
        };
        checked += 1;
        if let Some(d) = &dump {
            std::fs::create_dir_all(d).unwrap();
            std::fs::write(d.join(format!("{name}.out.txt")), &decoded.text).unwrap();
        }
        let (got, want) = (squash(&decoded.text), squash(&original));
        let text_ok = match text_rule(&name) {
            "equal" => got == want,
            "contains" => got.contains(&want),
            "table" => got.replace('|', ":") == want,
            // PDF: page furniture is dropped, nothing of the body added; a few punctuation
            // marks that the PDF itself lacks (LibreOffice drops some hanging punctuation
            // at line ends) may be missing.
            _ => got == want || lost_only_punctuation(&got, &want, want.chars().count() / 1000 + 1),
        };
        if !text_ok {
            let at = got
                .chars()
                .zip(want.chars())
                .take_while(|(a, b)| a == b)
                .count();
            let ctx = |s: &str| {
                s.chars()
                    .skip(at.saturating_sub(20))
                    .take(60)
                    .collect::<String>()
            };
            failures.push(format!(
                "{name}: text differs at char {at}:\n  got  {}\n  want {}",
                ctx(&got),
                ctx(&want)
            ));
        }
        let a = analyze_source(&decoded.text, decoded.source.clone());
        let b = analyze(&original);
        if measure_keys(&a) != measure_keys(&b) {
            failures.push(format!(
                "{name}: measures differ ({} vs {} in the original)\n  got  {:?}\n  want {:?}",
                a.measures.len(),
                b.measures.len(),
                measure_keys(&a)
                    .iter()
                    .zip(measure_keys(&b))
                    .find(|(x, y)| *x != y)
                    .map(|p| p.0.clone()),
                measure_keys(&a)
                    .iter()
                    .zip(measure_keys(&b))
                    .find(|(x, y)| *x != y)
                    .map(|p| p.1.clone()),
            ));
        }
        if target_keys(&a) != target_keys(&b) {
            failures.push(format!(
                "{name}: targets differ ({} vs {} in the original)\n  first difference: {:?}",
                a.targets.len(),
                b.targets.len(),
                target_keys(&a)
                    .iter()
                    .zip(target_keys(&b))
                    .find(|(x, y)| *x != y)
            ));
        }
    }
    assert!(
        checked >= 20,
        "only {checked} fixtures checked: run scripts/make-fixtures.sh"
    );
    assert!(
        failures.is_empty(),
        "{} fixture(s) differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn fixtures_report_their_format_and_encoding() {
    let dir = fixtures();
    let cases = [
        ("000_f2349a8e578e908b.gbk.txt", "text", Some("GBK")),
        ("001_4bf031228254654b.utf16be.txt", "text", Some("UTF-16BE")),
        ("001_4bf031228254654b.utf16le.txt", "text", Some("UTF-16LE")),
        (
            "002_228e446d7a41f1e4.utf16le-bom.txt",
            "text",
            Some("UTF-16LE"),
        ),
        ("002_228e446d7a41f1e4.big5.txt", "text", Some("Big5")),
        ("002_228e446d7a41f1e4.fragment.txt", "text", Some("UTF-8")),
        ("003_cad4160aa9a2acde.saved.html", "html", Some("GBK")),
        ("003_cad4160aa9a2acde.saved.mht", "html", Some("GBK")),
        ("000_f2349a8e578e908b.lo.html", "html", Some("UTF-8")),
        ("003_cad4160aa9a2acde.docx", "docx", None),
        ("003_cad4160aa9a2acde.odt", "odt", None),
        ("002_228e446d7a41f1e4.rtf.doc", "rtf", None),
        ("000_f2349a8e578e908b.doc", "doc", None),
    ];
    for (name, format, encoding) in cases {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let d = decode(&bytes, name, &Limits::default())
            .unwrap_or_else(|e| panic!("{name}: {}", e.message()));
        assert_eq!(d.source.format, format, "{name}");
        let enc = d.source.encoding.as_deref();
        let ok = enc == encoding || (encoding == Some("GBK") && enc == Some("GB18030"));
        assert!(ok, "{name}: encoding {enc:?}, expected {encoding:?}");
        assert_eq!(d.source.chars, d.text.chars().count());
    }
}

#[test]
fn numbered_docx_renders_word_numbering() {
    let bytes = std::fs::read(fixtures().join("000_f2349a8e578e908b.numbered.docx")).unwrap();
    let d = decode(&bytes, "x.docx", &Limits::default()).unwrap();
    let lines: Vec<&str> = d.text.lines().collect();
    assert!(lines.contains(&"一、总体思路"), "{:?}", &lines[..10]);
    assert!(lines.iter().any(|l| l.starts_with("(二)基本原则")));
    assert!(
        lines.iter().any(|l| l.starts_with("26.推进创业创新技术")),
        "continuous item numbering (lvlRestart=0)"
    );
    let bytes = std::fs::read(fixtures().join("003_cad4160aa9a2acde.numbered.docx")).unwrap();
    let d = decode(&bytes, "x.docx", &Limits::default()).unwrap();
    assert!(d.text.lines().any(|l| l.starts_with("五、保障措施")));
    assert!(
        d.text.lines().filter(|l| l.starts_with("1.")).count() >= 5,
        "item numbers restart under each (一)"
    );
}

#[test]
fn table_docx_rows_are_lines() {
    let bytes = std::fs::read(fixtures().join("003_cad4160aa9a2acde.table.docx")).unwrap();
    let d = decode(&bytes, "x.docx", &Limits::default()).unwrap();
    assert!(
        d.text
            .lines()
            .any(|l| l == "发布机关 | 上海市虹口区人民政府"),
        "{}",
        &d.text[..300]
    );
}

#[test]
fn chinese_cmap_fonts_decode_through_pdfjs() {
    // Non-embedded STSong-Light with GBK-EUC-H and UniGB-UCS2-H encodings.
    let Some(json) = pdf_json(&fixtures().join("cjk-cmaps.pdf")) else {
        eprintln!("skipped: pdf.js unavailable (npm ci --prefix tools)");
        return;
    };
    let d = decode_pdf_json(&json, "cjk-cmaps.pdf").unwrap();
    assert_eq!(d.text, "一、总体要求\n到2020年，新增科技型企业100家。（责任单位：区科委）\n二、保障措施\n（一）加强组织领导。\n");
    assert_eq!(d.source.format, "pdf");
}
