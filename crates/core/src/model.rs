//! The `plan-analysis/1` contract: what `analyze` returns and the CLI prints.
//!
//! Spans are `[start, end)` offsets in Unicode scalar values (chars) into the
//! analysed text. Texts and unit names are as written in the document.

use serde::{Deserialize, Serialize, Serializer};
use std::sync::Arc;

pub const SCHEMA: &str = "plan-analysis/1";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema: String,
    pub meta: Meta,
    pub source: SourceInfo,
    pub outline: Vec<OutlineNode>,
    pub measures: Vec<Measure>,
    pub targets: Vec<Target>,
    pub units: Vec<UnitEntry>,
    pub warnings: Vec<Warning>,
    /// Names in `units` that look like one unit (区发改委 / 区发展和改革委员会), each group
    /// with the suggested name first: suggestions for the user to confirm, never
    /// applied by the analysis. Left out of the JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unit_variants: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub title: Option<String>,
    pub issuer: Option<String>,
    /// 文号, e.g. `静府发〔2016〕20号`.
    pub doc_number: Option<String>,
    /// ISO date `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The date as written.
    pub date_text: Option<String>,
    /// 主送机关.
    pub recipients: Vec<String>,
    pub script: Script,
    /// The year the plan was issued (from the date or the 文号), used to date deadlines.
    pub year: Option<i32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Script {
    #[default]
    Simplified,
    Traditional,
    Mixed,
}

/// Where the text came from: filled by the decode step, or `text` for pasted text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceInfo {
    pub name: Option<String>,
    /// `text`, `docx`, `html`, `pdf`.
    pub format: String,
    /// Encoding the bytes were decoded from, e.g. `UTF-8`, `GBK`, `Big5`, `UTF-16LE`.
    pub encoding: Option<String>,
    /// Decode-time notes, in Chinese.
    pub warnings: Vec<String>,
    /// Length of the analysed text in chars.
    pub chars: usize,
}

impl Default for SourceInfo {
    fn default() -> Self {
        SourceInfo {
            name: None,
            format: "text".into(),
            encoding: None,
            warnings: vec![],
            chars: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutlineNode {
    pub id: String,
    /// The numbering as written: `一、`, `（一）`, `1.`, `举措3:` …
    pub marker: String,
    pub title: String,
    pub level: u32,
    pub kind: SectionKind,
    /// From the heading to the end of the section.
    pub span: [usize; 2],
    /// The heading line itself.
    pub heading_span: [usize; 2],
    pub children: Vec<OutlineNode>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Background,
    Principles,
    Goals,
    Tasks,
    Projects,
    Safeguards,
    Other,
}

impl SectionKind {
    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            SectionKind::Background => "背景",
            SectionKind::Principles => "思路原则",
            SectionKind::Goals => "目标",
            SectionKind::Tasks => "任务",
            SectionKind::Projects => "项目",
            SectionKind::Safeguards => "保障",
            SectionKind::Other => "其他",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    /// `m1`, `m2`, … in document order.
    pub id: String,
    /// The numbering path, e.g. `二/(一)/1`.
    pub section: String,
    /// Titles of the enclosing sections, outermost first. Shared: the measures of a
    /// section hold one copy of each title (the JSON is the same as for strings).
    pub path: Vec<Arc<str>>,
    pub section_kind: SectionKind,
    /// The item's title sentence, when it has one.
    pub title: Option<String>,
    pub text: String,
    /// Units as written. Shared like `path`: one copy of each name for all measures.
    pub lead: Vec<Arc<str>>,
    pub support: Vec<Arc<str>>,
    pub deadline: Option<Deadline>,
    pub span: [usize; 2],
    /// Where the responsibility note is, if the measure has one of its own.
    pub note_span: Option<[usize; 2]>,
    /// How the units were found, so a reader knows which rows to check.
    #[serde(default)]
    pub basis: Basis,
    /// Set by a user's correction (never by the analysis), so exports can show it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub edited: bool,
}

/// Where a measure's units come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A bracketed note in the measure's own text: `（责任单位：…）`.
    Note,
    /// A label line or labeled tail without brackets: `责任单位：…`.
    LabelLine,
    /// A row of a 任务分解表.
    TableRow,
    /// A row of an annex table that restates this body task.
    AnnexRow,
    /// The note of the item above, which covers its children.
    Inherited,
    /// A duty paragraph under a 职责分工 part: `区商务委：负责…`.
    DutyParagraph,
    /// No units were found.
    #[default]
    #[serde(rename = "none")]
    NoUnits,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    pub text: String,
    /// ISO date when the plan's year makes one derivable.
    pub date: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    AtLeast,
    AtMost,
    About,
    Range,
    Exact,
}

impl Comparator {
    pub fn label(self) -> &'static str {
        match self {
            Comparator::AtLeast => "不少于",
            Comparator::AtMost => "不超过",
            Comparator::About => "左右",
            Comparator::Range => "区间",
            Comparator::Exact => "等于",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// `t1`, `t2`, … in document order.
    pub id: String,
    /// The clause that states the target, as written.
    pub text: String,
    /// What is measured: the words before the number.
    pub indicator: String,
    #[serde(serialize_with = "number")]
    pub value: f64,
    #[serde(serialize_with = "opt_number")]
    pub value_max: Option<f64>,
    /// As written after the number: `亿元`, `万平方米`, `%`, `家`.
    pub unit: String,
    pub comparator: Comparator,
    /// The year by which it is due.
    pub year: Option<i32>,
    /// Where the year came from, so a reader knows which rows to check.
    #[serde(default)]
    pub year_basis: YearBasis,
    /// The measure it belongs to, if any.
    pub measure: Option<String>,
    /// The numbering path of its section.
    pub section: String,
    pub span: [usize; 2],
    /// Set by a user's correction (never by the analysis), so exports can show it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub edited: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// How a target's year was found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearBasis {
    /// Its own sentence, paragraph or table column names the year.
    Sentence,
    /// A heading or the goals section above it names the year.
    Section,
    /// Only the plan's period (`（2023—2025年）`, `“十四五”`, `2024年工作要点`) gives it.
    PlanPeriod,
    /// No year, or a `20XX` placeholder.
    #[default]
    None,
}

impl Basis {
    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Basis::Note => "括注",
            Basis::LabelLine => "标注行",
            Basis::TableRow => "任务表",
            Basis::AnnexRow => "附件分工表",
            Basis::Inherited => "沿用上级条目",
            Basis::DutyParagraph => "职责分工段落",
            Basis::NoUnits => "未写明",
        }
    }

    /// The CSS and JSON name (`annex_row`), as serde writes it.
    pub fn key(self) -> &'static str {
        match self {
            Basis::Note => "note",
            Basis::LabelLine => "label_line",
            Basis::TableRow => "table_row",
            Basis::AnnexRow => "annex_row",
            Basis::Inherited => "inherited",
            Basis::DutyParagraph => "duty_paragraph",
            Basis::NoUnits => "none",
        }
    }
}

impl YearBasis {
    /// The CSS and JSON name (`plan_period`).
    pub fn key(self) -> &'static str {
        match self {
            YearBasis::Sentence => "sentence",
            YearBasis::Section => "section",
            YearBasis::PlanPeriod => "plan_period",
            YearBasis::None => "none",
        }
    }

    /// The Chinese label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            YearBasis::Sentence => "原文",
            YearBasis::Section => "所在章节",
            YearBasis::PlanPeriod => "规划期末",
            YearBasis::None => "未注明",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitEntry {
    pub name: String,
    /// Ids of the measures it leads.
    pub lead: Vec<String>,
    /// Ids of the measures it supports.
    pub support: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// `missing_owner`, `numbering_gap`, `numbering_repeat`, `placeholder_year`,
    /// `duplicate_passage`, `nothing_found`.
    pub kind: String,
    /// In Chinese, for the user.
    pub message: String,
    pub span: [usize; 2],
}

/// Whole numbers print without `.0`, so `50` stays `50` in the JSON.
fn number<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

fn opt_number<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(x) => number(x, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_what_serde_writes() {
        for b in [
            Basis::Note,
            Basis::LabelLine,
            Basis::TableRow,
            Basis::AnnexRow,
            Basis::Inherited,
            Basis::DutyParagraph,
            Basis::NoUnits,
        ] {
            assert_eq!(
                serde_json::to_string(&b).unwrap(),
                format!("\"{}\"", b.key())
            );
        }
        for y in [
            YearBasis::Sentence,
            YearBasis::Section,
            YearBasis::PlanPeriod,
            YearBasis::None,
        ] {
            assert_eq!(
                serde_json::to_string(&y).unwrap(),
                format!("\"{}\"", y.key())
            );
        }
    }
}
