//! The accuracy gate: the CLI over the shared corpus, scored by the corpus's own
//! score.py against the hand-written gold. Fails when accuracy drops below the
//! floors: the figures reached so far, raised as the analysis improves.

use std::path::{Path, PathBuf};
use std::process::Command;

const THRESHOLDS: &[(&str, f64)] = &[
    ("measure_f1", 0.932),
    ("responsibility_accuracy", 0.823),
    ("deadline_accuracy", 0.305),
    ("target_f1", 0.867),
    ("target_value_accuracy", 0.987),
    ("target_comparator_accuracy", 0.992),
    ("target_year_accuracy", 0.866),
];

fn corpus() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var("PLANLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/corpus"));
    assert!(
        dir.join("score.py").exists(),
        "shared corpus not found at {} (set PLANLENS_CORPUS)",
        dir.display()
    );
    dir
}

#[test]
fn corpus_accuracy_meets_thresholds() {
    let corpus = corpus();
    let out = std::env::temp_dir().join(format!("planlens-score-{}", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .args([
            "batch",
            &corpus.join("docs").to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
        ])
        .status()
        .expect("run planlens batch");
    assert!(status.success(), "planlens batch failed");
    let score = Command::new("python3")
        .arg(corpus.join("score.py"))
        .args([
            "--gold",
            &corpus.join("gold").to_string_lossy(),
            "--pred",
            &out.to_string_lossy(),
            "--json",
        ])
        .output()
        .expect("run score.py (python3)");
    assert!(
        score.status.success(),
        "score.py failed: {}",
        String::from_utf8_lossy(&score.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&score.stdout).expect("score.py JSON");
    let overall = &report["overall"];
    let mut failures = vec![];
    for (key, min) in THRESHOLDS {
        let got = overall[key].as_f64().unwrap_or(0.0);
        eprintln!("{key:>28}: {got:.3} (threshold {min})");
        if got < *min {
            failures.push(format!("{key} {got:.3} < {min}"));
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    assert!(
        failures.is_empty(),
        "accuracy below threshold: {failures:?}"
    );
}

#[test]
fn unreadable_input_gives_a_chinese_message_and_nonzero_exit() {
    let out = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .args(["analyze", "/nonexistent/plan.txt", "--json"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("文件不存在"), "{err}");

    let empty = std::env::temp_dir().join(format!("planlens-empty-{}.txt", std::process::id()));
    std::fs::write(&empty, b"").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .args(["analyze", &empty.to_string_lossy()])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&empty);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("为空"));
}

#[test]
fn json_follows_the_contract() {
    let corpus = corpus();
    let doc = corpus.join("docs/003_cad4160aa9a2acde.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .args(["analyze", &doc.to_string_lossy(), "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["schema"], "plan-analysis/1");
    for key in ["title", "issuer", "doc_number", "date", "script"] {
        assert!(v["meta"].get(key).is_some(), "meta.{key}");
    }
    let m = &v["measures"][0];
    for key in [
        "id", "section", "path", "title", "text", "lead", "support", "deadline", "span",
    ] {
        assert!(m.get(key).is_some(), "measures[].{key}");
    }
    let t = &v["targets"][0];
    for key in [
        "id",
        "text",
        "indicator",
        "value",
        "value_max",
        "unit",
        "comparator",
        "year",
        "measure",
        "span",
    ] {
        assert!(t.get(key).is_some(), "targets[].{key}");
    }
    assert!(v["units"][0]["lead"].is_array());
    // Spans index the original text in chars.
    let text: Vec<char> = std::fs::read_to_string(&doc).unwrap().chars().collect();
    let span = &m["span"];
    let (a, b) = (
        span[0].as_u64().unwrap() as usize,
        span[1].as_u64().unwrap() as usize,
    );
    let slice: String = text[a..b].iter().collect();
    assert_eq!(
        slice.split_whitespace().collect::<String>(),
        m["text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<String>()
    );
}

#[test]
fn readable_report_has_both_tables() {
    let doc = corpus().join("docs/000_f2349a8e578e908b.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_planlens"))
        .args(["analyze", &doc.to_string_lossy()])
        .output()
        .unwrap();
    let s = String::from_utf8_lossy(&out.stdout);
    assert!(s.contains("【任务分解表】") && s.contains("【指标表】"));
    assert!(s.contains("区市场监管局"));
}
