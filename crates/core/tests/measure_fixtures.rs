//! Fixture plans in `tests/fixtures/measures/`: each `NAME.txt` with the measures it
//! must give in `NAME.expected` (see the README there).

use std::path::Path;

fn split_units(s: &str) -> Vec<std::sync::Arc<str>> {
    s.split('、')
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(Into::into)
        .collect()
}

#[test]
fn every_fixture_gives_its_measures() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/measures");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    assert!(names.len() >= 5, "fixtures missing in {}", dir.display());
    let mut failures = vec![];
    for path in names {
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let expected = std::fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{name}.expected is missing"));
        let rows: Vec<Vec<&str>> = expected
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| l.split('|').map(str::trim).collect())
            .collect();
        let analysis = planlens_core::analyze(&text);
        let got = &analysis.measures;
        if got.len() != rows.len() {
            failures.push(format!(
                "{name}: {} measures, expected {}:\n{}",
                got.len(),
                rows.len(),
                got.iter()
                    .map(|m| format!("  {} | {:?} | {:?}", m.text, m.lead, m.support))
                    .collect::<Vec<_>>()
                    .join("\n")
            ));
            continue;
        }
        for (m, row) in got.iter().zip(&rows) {
            let [head, lead, support, deadline] =
                [0, 1, 2, 3].map(|k| row.get(k).copied().unwrap_or(""));
            let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            if !squeeze(&m.text).contains(&squeeze(head)) {
                failures.push(format!(
                    "{name}: expected a measure with `{head}`, got `{}`",
                    m.text
                ));
                continue;
            }
            if m.lead != split_units(lead) || m.support != split_units(support) {
                failures.push(format!(
                    "{name}: `{head}`: units {:?}/{:?}, expected {lead}/{support}",
                    m.lead, m.support
                ));
            }
            let got_deadline = m.deadline.as_ref().map(|d| d.text.as_str()).unwrap_or("");
            if got_deadline != deadline {
                failures.push(format!(
                    "{name}: `{head}`: deadline `{got_deadline}`, expected `{deadline}`"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
