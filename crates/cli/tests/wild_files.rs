//! Every file in `../shared/corpus/wild/` (published as offices and sites published
//! them) either gives a plausible analysis or a clear Chinese message: no panic, and
//! no silent empty result. A few files check what they are known to hold.

use std::path::{Path, PathBuf};
use std::process::Command;

fn wild() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = std::env::var("PLANLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/corpus"));
    let dir = corpus.join("wild");
    assert!(
        dir.is_dir(),
        "wild files not found at {} (set PLANLENS_CORPUS)",
        dir.display()
    );
    dir
}

struct Outcome {
    code: i32,
    json: Option<serde_json::Value>,
    stderr: String,
}

fn analyze(path: &Path) -> Outcome {
    let out = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .arg("analyze")
        .arg(path)
        .arg("--json")
        .output()
        .expect("planlens runs");
    Outcome {
        code: out.status.code().unwrap_or(-1),
        json: serde_json::from_slice(&out.stdout).ok(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn count(a: &serde_json::Value, key: &str) -> usize {
    a[key].as_array().map_or(0, Vec::len)
}

fn warning_messages(a: &serde_json::Value) -> Vec<String> {
    a["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["message"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn every_wild_file_gives_an_analysis_or_a_chinese_message() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(wild())
        .expect("wild dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut problems = vec![];
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let o = analyze(f);
        if o.stderr.contains("panicked") {
            problems.push(format!("{name}: panic: {}", o.stderr));
            continue;
        }
        match (o.code, &o.json) {
            (0, Some(a)) => {
                let found = count(a, "measures") + count(a, "targets");
                let said = warning_messages(a)
                    .iter()
                    .any(|m| m.contains("没有识别出") || m.contains("不是规划"));
                if found == 0 && !said {
                    problems.push(format!("{name}: nothing found and nothing said"));
                }
            }
            // PDFs need Node and pdf.js; without them the message says so (in Chinese).
            (2, _) if has_han(&o.stderr) => {}
            (code, _) => problems.push(format!("{name}: exit {code}: {}", o.stderr)),
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn wild_file(prefix: &str) -> PathBuf {
    std::fs::read_dir(wild())
        .expect("wild dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no wild file {prefix}*"))
}

#[test]
fn a_browser_printed_pdf_reads_in_unified_ideographs() {
    let o = analyze(&wild_file("pdf_zhongban_guoban_2018_geming_wenwu"));
    let Some(a) = o.json else {
        // Without Node and pdf.js the CLI cannot read PDFs at all; that is tested elsewhere.
        assert!(has_han(&o.stderr), "{}", o.stderr);
        eprintln!("skipped: {}", o.stderr);
        return;
    };
    assert_eq!(
        a["meta"]["title"].as_str(),
        Some("关于实施革命文物保护利用工程（2018－2022年）的意见")
    );
    let text = a["measures"].to_string();
    assert!(!text.contains('⽂') && !text.contains('⾰'), "{text}");
    assert!(count(&a, "measures") >= 10);
}

#[test]
fn declared_utf8_that_is_mojibake_is_refused_plainly() {
    let o = analyze(&wild_file(
        "html_handan_zuzhibu_2018_39_tongzhi_declared_utf8",
    ));
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("乱码"), "{}", o.stderr);
    assert!(o.stderr.contains("GBK"), "{}", o.stderr);
}

#[test]
fn a_form_is_said_to_be_a_form() {
    let o = analyze(&wild_file(
        "docx_chongqing_2026_jiadian_butie_fujian1_shenqingbiao",
    ));
    let a = o.json.expect("the form decodes");
    assert_eq!(count(&a, "measures"), 0);
    assert!(
        warning_messages(&a).iter().any(|m| m.contains("表格")),
        "{:?}",
        warning_messages(&a)
    );
}

#[test]
fn a_notice_that_assigns_the_work_lists_its_points() {
    let o = analyze(&wild_file("html_handan_zuzhibu_2018_39_tongzhi_gb2312"));
    let a = o.json.expect("the page decodes");
    let heads: Vec<String> = a["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["text"].as_str().unwrap_or("").chars().take(6).collect())
        .collect();
    assert_eq!(heads.len(), 7, "{heads:?}");
    assert!(heads[0].contains("召开纪念"), "{heads:?}");
    // 省委九届五次、六次全会 names sessions; the one count asked for is 推荐5个左右.
    let values: Vec<f64> = a["targets"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["value"].as_f64())
        .collect();
    assert_eq!(values, vec![5.0]);
}
