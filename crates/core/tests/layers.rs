//! The analysis flows one way: each folder of `src/` may use only the folders before
//! it in `LAYERS` (and `model`, the shared contract). This test reads the sources and
//! fails on any `crate::…` path that points later in the flow.

use std::path::Path;

const LAYERS: &[&str] = &["lex", "text", "outline", "measures", "targets", "report"];

fn rank(name: &str) -> Option<usize> {
    LAYERS.iter().position(|l| *l == name)
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every module name that follows `crate::` in the text.
fn crate_paths(src: &str) -> Vec<String> {
    src.match_indices("crate::")
        .map(|(i, _)| {
            src[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect()
        })
        .collect()
}

#[test]
fn no_folder_uses_a_later_step() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    rust_files(&src, &mut files);
    let mut back_edges = vec![];
    let mut checked = 0;
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let folder = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .to_string();
        let Some(own) = rank(&folder) else { continue };
        checked += 1;
        let text = std::fs::read_to_string(file).unwrap();
        for used in crate_paths(&text) {
            if used == "decode" {
                back_edges.push(format!(
                    "{}: the analysis reads text, never the decoders",
                    rel.display()
                ));
            }
            if rank(&used).is_some_and(|r| r > own) {
                back_edges.push(format!("{} uses crate::{used}", rel.display()));
            }
        }
    }
    assert!(
        checked >= LAYERS.len(),
        "too few files checked ({checked}): has the layout changed?"
    );
    assert!(
        back_edges.is_empty(),
        "back-edges in the flow:\n{}",
        back_edges.join("\n")
    );
}

#[test]
fn the_decoders_know_nothing_of_the_analysis() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/decode");
    let mut files = vec![];
    rust_files(&src, &mut files);
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for used in crate_paths(&text) {
            assert!(
                rank(&used).is_none(),
                "{} uses crate::{used}",
                file.display()
            );
        }
    }
}

#[test]
fn the_checker_sees_a_back_edge() {
    assert_eq!(
        crate_paths("use crate::targets::x; crate::lex::chars"),
        vec!["targets", "lex"]
    );
    assert!(rank("report") > rank("lex"));
}
