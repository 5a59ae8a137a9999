//! 导出校对结果: an analysis (with the user's corrections) in the corpus's gold
//! layout (`ANNOTATION.md` → "Gold file layout"), so an office's corrected plan
//! can become a test case scored by `score.py`.

use planlens_core::{Analysis, Comparator};
use serde::Serialize;

/// One gold file.
#[derive(Debug, Serialize, PartialEq)]
pub struct Gold {
    /// The document's file name, as `score.py` finds its analysis (`X.txt` →
    /// `X.json`).
    pub doc: String,
    /// The plan's title when a file holds several plans; one plan here.
    pub part: Option<String>,
    pub measures: Vec<GoldMeasure>,
    pub targets: Vec<GoldTarget>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct GoldMeasure {
    pub section: String,
    /// The start of the measure's text, long enough to be found in no other measure.
    pub head: String,
    pub lead: Vec<String>,
    pub support: Vec<String>,
    pub deadline: Option<String>,
    pub optional: bool,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct GoldTarget {
    pub head: String,
    pub value: f64,
    pub value_max: Option<f64>,
    pub unit: String,
    pub comparator: Comparator,
    pub year: Option<i32>,
    pub optional: bool,
}

/// Text as the scorer compares it: no whitespace, full-width （）：，；、 folded.
pub fn scorer_norm(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '：' => ':',
            '，' | '、' => ',',
            '；' => ';',
            c => c,
        })
        .collect()
}

/// The shortest start of `texts[i]` of at least `min` characters (whitespace not
/// counted) that no other text contains, at most `max`; the whole text when shorter.
fn head_of(texts: &[String], i: usize, min: usize, max: usize) -> String {
    let Some(text) = texts.get(i) else {
        return String::new();
    };
    let text = text.trim();
    let normed: Vec<String> = texts.iter().map(|t| scorer_norm(t)).collect();
    let mut head = String::new();
    let mut counted = 0;
    for c in text.chars() {
        head.push(c);
        if c.is_whitespace() {
            continue;
        }
        counted += 1;
        if counted < min {
            continue;
        }
        let h = scorer_norm(&head);
        let unique = normed
            .iter()
            .enumerate()
            .all(|(j, t)| j == i || !t.contains(&h));
        if unique || counted >= max {
            break;
        }
    }
    head.trim().to_string()
}

/// The analysis as a gold file for document `doc`: every measure and target it
/// holds (deleted rows are gone from it, corrected ones carry their corrections),
/// none optional.
pub fn gold(a: &Analysis, doc: &str) -> Gold {
    let texts: Vec<String> = a.measures.iter().map(|m| m.text.clone()).collect();
    let measures = a
        .measures
        .iter()
        .enumerate()
        .filter(|(_, m)| !scorer_norm(&m.text).is_empty())
        .map(|(i, m)| GoldMeasure {
            section: m.section.clone(),
            head: head_of(&texts, i, 12, 40),
            lead: m.lead.iter().map(|n| n.to_string()).collect(),
            support: m.support.iter().map(|n| n.to_string()).collect(),
            deadline: m
                .deadline
                .as_ref()
                .map(|d| d.text.trim().to_string())
                .filter(|t| !t.is_empty()),
            optional: false,
        })
        .collect();
    let texts: Vec<String> = a.targets.iter().map(|t| t.text.clone()).collect();
    let targets = a
        .targets
        .iter()
        .enumerate()
        .filter(|(_, t)| !scorer_norm(&t.text).is_empty())
        .map(|(i, t)| GoldTarget {
            head: head_of(&texts, i, 8, 40),
            value: t.value,
            value_max: t.value_max,
            unit: t.unit.clone(),
            comparator: t.comparator,
            year: t.year,
            optional: false,
        })
        .collect();
    Gold {
        doc: doc.to_string(),
        part: None,
        measures,
        targets,
    }
}

/// The gold file as pretty JSON, as the corpus keeps them.
pub fn gold_json(a: &Analysis, doc: &str) -> String {
    let mut s = serde_json::to_string_pretty(&gold(a, doc)).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// The file name of the gold file for document `doc` (`X.txt` → `X.json`), which
/// is also the name `score.py` looks for the analysis under.
pub fn gold_file_name(doc: &str) -> String {
    let stem = doc.strip_suffix(".txt").unwrap_or(doc);
    let stem: String = stem
        .chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{}.json", if stem.is_empty() { "plan" } else { &stem })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_are_unique_starts() {
        let texts = vec![
            "加强创新平台建设，建设一批新型研发机构。".to_string(),
            "加强创新平台建设，建设一批新型研发机构和实验室。".to_string(),
            "优化营商环境。".to_string(),
            "完善企业服务体系，建立重点企业联系制度和问题清单。".to_string(),
        ];
        // every start of the first is inside the second: the whole text
        assert_eq!(
            head_of(&texts, 0, 12, 40),
            texts[0].trim_end_matches('。').to_owned() + "。"
        );
        // the shortest start the first does not contain
        assert_eq!(
            head_of(&texts, 1, 12, 40),
            "加强创新平台建设，建设一批新型研发机构和"
        );
        assert_eq!(
            head_of(&texts, 2, 12, 40),
            "优化营商环境。",
            "a short text whole"
        );
        assert_eq!(head_of(&texts, 3, 12, 40), "完善企业服务体系，建立重");
        assert_eq!(
            head_of(&texts, 3, 12, 5),
            "完善企业服务体系，建立重",
            "at least min"
        );
    }

    #[test]
    fn file_names_follow_the_scorer() {
        assert_eq!(gold_file_name("000_x.txt"), "000_x.json");
        assert_eq!(gold_file_name("方案.docx"), "方案.docx.json");
        assert_eq!(gold_file_name("a/b"), "a_b.json");
        assert_eq!(gold_file_name(""), "plan.json");
    }
}
