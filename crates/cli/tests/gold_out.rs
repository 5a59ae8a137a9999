//! `--gold-out` (导出校对结果): the analysis in the corpus's gold layout. Scored by
//! the corpus's own score.py against the same analysis, every figure is 1.0 — the
//! layout is what score.py reads, and each head finds its own measure or target.

use std::path::{Path, PathBuf};
use std::process::Command;

fn corpus() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::env::var("PLANLENS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| root.join("../shared/corpus"))
}

#[test]
fn gold_out_of_corpus_plans_scores_one_against_their_analyses() {
    let corpus = corpus();
    assert!(
        corpus.join("score.py").exists(),
        "no corpus at {}",
        corpus.display()
    );
    let dir = std::env::temp_dir().join(format!("planlens-gold-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let (gold, pred) = (dir.join("gold"), dir.join("pred"));
    std::fs::create_dir_all(&gold).unwrap();
    std::fs::create_dir_all(&pred).unwrap();
    let mut docs: Vec<PathBuf> = std::fs::read_dir(corpus.join("docs"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    docs.sort();
    assert!(docs.len() >= 5);
    let (mut measures, mut targets) = (0, 0);
    for doc in &docs {
        let stem = doc.file_stem().unwrap().to_string_lossy().into_owned();
        let g = gold.join(format!("{stem}.json"));
        let out = Command::new(env!("CARGO_BIN_EXE_planlens"))
            .arg("analyze")
            .arg(doc)
            .arg("--json")
            .arg("--gold-out")
            .arg(&g)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(pred.join(format!("{stem}.json")), &out.stdout).unwrap();
        let written: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&g).unwrap()).unwrap();
        assert_eq!(
            written["doc"].as_str(),
            doc.file_name().and_then(|n| n.to_str())
        );
        assert!(written["part"].is_null());
        let m = written["measures"].as_array().unwrap();
        measures += m.len();
        targets += written["targets"].as_array().unwrap().len();
        if let Some(first) = m.first() {
            for key in ["section", "head", "lead", "support", "deadline", "optional"] {
                assert!(first.get(key).is_some(), "{key} in {first}");
            }
        }
    }
    assert!(measures > 100 && targets > 50, "{measures} {targets}");
    let score = Command::new("python3")
        .arg(corpus.join("score.py"))
        .arg("--gold")
        .arg(&gold)
        .arg("--pred")
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("python3 score.py");
    assert!(
        score.status.success(),
        "{}",
        String::from_utf8_lossy(&score.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&score.stdout).unwrap();
    let overall = &report["overall"];
    for key in [
        "measure_f1",
        "responsibility_accuracy",
        "deadline_accuracy",
        "target_f1",
        "target_value_accuracy",
        "target_comparator_accuracy",
        "target_year_accuracy",
    ] {
        assert_eq!(overall[key].as_f64(), Some(1.0), "{key}: {overall}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
