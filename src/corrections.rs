//! Corrections made by the user over an analysis: an ordered list of edits,
//! applied to the analysis the core produced, with undo and redo.
//!
//! An edit names the rows it touches by id and keeps the original text of each row
//! of the analysis it touches (its anchor). Applied to the same document, every id
//! is found; applied to a re-analysis of a changed text, a row is found again by its
//! text, and an edit whose rows are gone is listed, not silently dropped.
//!
//! Pure: no browser. Storage is behind `load_corrections` / `save_corrections` in
//! the page (src/store.rs).

use crate::state::Doc;
use crate::ByPtr;
use planlens_core::{Analysis, Basis, Comparator, Deadline, Measure, Target, YearBasis};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

/// A stable hash of a document's text (FNV-1a, 64 bits, over its UTF-8 bytes, and
/// its length): the key its corrections are kept under.
pub fn doc_hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}-{}", text.len())
}

/// A row of the 任务分解表 or the 指标表.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RowId {
    Measure(String),
    Target(String),
}

/// A measure's column, as given (units as a list).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeasureField {
    Task(String),
    Lead(Vec<String>),
    Support(Vec<String>),
    /// As written; empty: no deadline.
    Deadline(String),
}

impl MeasureField {
    /// The `data-col` of the cell.
    pub fn col(&self) -> &'static str {
        match self {
            MeasureField::Task(_) => "task",
            MeasureField::Lead(_) => "lead",
            MeasureField::Support(_) => "support",
            MeasureField::Deadline(_) => "deadline",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetField {
    Indicator(String),
    /// The value, and the upper bound of a range.
    Value {
        value: f64,
        max: Option<f64>,
    },
    Comparator(Comparator),
    Unit(String),
    Year(Option<i32>),
}

impl TargetField {
    pub fn col(&self) -> &'static str {
        match self {
            TargetField::Indicator(_) => "indicator",
            TargetField::Value { .. } => "value",
            TargetField::Comparator(_) => "comparator",
            TargetField::Unit(_) => "unit",
            TargetField::Year(_) => "year",
        }
    }
}

/// One thing the user did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Measure {
        id: String,
        field: MeasureField,
    },
    Target {
        id: String,
        field: TargetField,
    },
    Delete {
        row: RowId,
    },
    Restore {
        row: RowId,
    },
    /// Split a measure's text at a char offset: the tail becomes a new measure after it.
    Split {
        id: String,
        at: usize,
    },
    /// Merge `next` into `id` (text appended, units joined).
    Merge {
        id: String,
        next: String,
    },
    /// A measure from a span of the original text.
    AddMeasure {
        span: [usize; 2],
        text: String,
    },
    /// A target from a span of the original text.
    AddTarget {
        span: [usize; 2],
        text: String,
        /// What the analysis worker read in the passage when the user added it
        /// (src/worker.rs `find_target`), kept so that replaying the edit (undo, redo,
        /// reload) needs no analysis; absent: none was found (or the edit predates
        /// this field), and the passage's first number is taken.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        found: Option<Box<Target>>,
    },
    /// 不是指标: the target leaves the table (restorable like a deleted row).
    NotTarget {
        id: String,
    },
}

impl Op {
    /// What it does, in Chinese, for the list of edits that found no row.
    pub fn label(&self) -> &'static str {
        match self {
            Op::Measure { field, .. } => match field {
                MeasureField::Task(_) => "修改任务内容",
                MeasureField::Lead(_) => "修改牵头单位",
                MeasureField::Support(_) => "修改配合单位",
                MeasureField::Deadline(_) => "修改完成时限",
            },
            Op::Target { .. } => "修改指标",
            Op::Delete { .. } => "删除",
            Op::Restore { .. } => "恢复",
            Op::Split { .. } => "拆分任务",
            Op::Merge { .. } => "合并任务",
            Op::AddMeasure { .. } => "添加任务",
            Op::AddTarget { .. } => "添加指标",
            Op::NotTarget { .. } => "标为不是指标",
        }
    }

    fn rows(&self) -> Vec<RowId> {
        match self {
            Op::Measure { id, .. } | Op::Split { id, .. } => vec![RowId::Measure(id.clone())],
            Op::Target { id, .. } | Op::NotTarget { id } => vec![RowId::Target(id.clone())],
            Op::Delete { row } | Op::Restore { row } => vec![row.clone()],
            Op::Merge { id, next } => {
                vec![RowId::Measure(id.clone()), RowId::Measure(next.clone())]
            }
            Op::AddMeasure { .. } | Op::AddTarget { .. } => vec![],
        }
    }
}

/// A row of the analysis an edit touches, with its text there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Anchor {
    pub row: RowId,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edit {
    pub op: Op,
    /// The analysis' rows it touches (rows added by earlier edits have none).
    #[serde(default)]
    pub anchors: Vec<Anchor>,
    /// Names the rows it creates (`me3`, `te3`), unique within the corrections.
    pub seq: u32,
}

/// The ordered edits over one document, and the undone ones (for redo).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Corrections {
    pub edits: Vec<Edit>,
    #[serde(default)]
    pub undone: Vec<Edit>,
    #[serde(default)]
    pub next_seq: u32,
}

fn base_text(base: &Analysis, row: &RowId) -> Option<String> {
    match row {
        RowId::Measure(id) => base
            .measures
            .iter()
            .find(|m| &m.id == id)
            .map(|m| m.text.clone()),
        RowId::Target(id) => base
            .targets
            .iter()
            .find(|t| &t.id == id)
            .map(|t| t.text.clone()),
    }
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    pub fn can_undo(&self) -> bool {
        !self.edits.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// Add an edit made on screen; `base` is the analysis of the document (before
    /// corrections), which gives the anchors.
    pub fn push(&mut self, base: &Analysis, op: Op) {
        let anchors = op
            .rows()
            .into_iter()
            .filter_map(|row| base_text(base, &row).map(|text| Anchor { row, text }))
            .collect();
        let seq = self.next_seq;
        self.next_seq = self.next_seq.wrapping_add(1);
        self.edits.push(Edit { op, anchors, seq });
        self.undone.clear();
    }

    pub fn undo(&mut self) -> bool {
        match self.edits.pop() {
            Some(e) => {
                self.undone.push(e);
                true
            }
            None => false,
        }
    }

    pub fn redo(&mut self) -> bool {
        match self.undone.pop() {
            Some(e) => {
                self.edits.push(e);
                true
            }
            None => false,
        }
    }
}

/// A row taken out of a table, shown with a 恢复 button.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub row: RowId,
    /// The row's text, to recognise it.
    pub text: String,
    /// Marked 不是指标 rather than deleted.
    pub not_target: bool,
}

/// An analysis with the corrections applied, and what the tables need to show them.
#[derive(Clone, Debug, PartialEq)]
pub struct Applied {
    pub analysis: Analysis,
    /// Deleted rows, in the order they were deleted.
    pub removed: Vec<Removed>,
    /// Changed cells: (row id, `data-col`).
    pub cells: BTreeSet<(String, &'static str)>,
    /// Edits that found none of their rows, in Chinese.
    pub lost: Vec<String>,
}

impl Applied {
    pub fn edited(&self, id: &str, col: &str) -> bool {
        self.cells.contains(&(id.to_string(), col_static(col)))
    }
}

fn col_static(col: &str) -> &'static str {
    const COLS: [&str; 9] = [
        "task",
        "lead",
        "support",
        "deadline",
        "indicator",
        "value",
        "comparator",
        "unit",
        "year",
    ];
    COLS.iter().find(|c| **c == col).copied().unwrap_or("")
}

/// The working tables while edits are applied.
struct Work<'a> {
    base: &'a Analysis,
    measures: Vec<Measure>,
    targets: Vec<Target>,
    removed: Vec<Removed>,
    cells: BTreeSet<(String, &'static str)>,
    /// Ids of the edits' rows → ids in this analysis (found again by text).
    map: HashMap<RowId, String>,
}

impl Work<'_> {
    fn measure(&mut self, id: &str) -> Option<&mut Measure> {
        if self.is_removed(&RowId::Measure(id.to_string())) {
            return None;
        }
        self.measures.iter_mut().find(|m| m.id == id)
    }

    fn target(&mut self, id: &str) -> Option<&mut Target> {
        if self.is_removed(&RowId::Target(id.to_string())) {
            return None;
        }
        self.targets.iter_mut().find(|t| t.id == id)
    }

    fn is_removed(&self, row: &RowId) -> bool {
        self.removed.iter().any(|r| &r.row == row)
    }

    fn exists(&self, row: &RowId) -> bool {
        match row {
            RowId::Measure(id) => self.measures.iter().any(|m| &m.id == id),
            RowId::Target(id) => self.targets.iter().any(|t| &t.id == id),
        }
    }

    /// The rows of an edit in this analysis; `None` when one is not found.
    fn resolve(&mut self, e: &Edit) -> Option<HashMap<RowId, String>> {
        let mut out = HashMap::new();
        for a in &e.anchors {
            let id = match self.map.get(&a.row) {
                Some(id) => id.clone(),
                None => {
                    let same = base_text(self.base, &a.row).is_some_and(|t| t == a.text);
                    let found = if same {
                        row_name(&a.row).to_string()
                    } else {
                        // found again by its text, among rows not claimed by another anchor
                        let claimed: HashSet<&String> = self.map.values().collect();
                        let hit = match &a.row {
                            RowId::Measure(_) => self
                                .base
                                .measures
                                .iter()
                                .find(|m| same_text(&m.text, &a.text) && !claimed.contains(&m.id))
                                .map(|m| m.id.clone()),
                            RowId::Target(_) => self
                                .base
                                .targets
                                .iter()
                                .find(|t| same_text(&t.text, &a.text) && !claimed.contains(&t.id))
                                .map(|t| t.id.clone()),
                        };
                        hit?
                    };
                    self.map.insert(a.row.clone(), found.clone());
                    found
                }
            };
            out.insert(a.row.clone(), id);
        }
        for row in e.op.rows() {
            let id = out
                .get(&row)
                .cloned()
                .unwrap_or_else(|| row_name(&row).to_string());
            let current = with_name(&row, id);
            if !self.exists(&current) {
                return None;
            }
            out.insert(row, row_name(&current).to_string());
        }
        Some(out)
    }

    fn insert_measure(&mut self, m: Measure) {
        let at = self
            .measures
            .iter()
            .rposition(|x| x.span[0] <= m.span[0])
            .map_or(0, |i| i + 1);
        self.measures.insert(at, m);
    }

    /// The measure whose span holds a char offset, else the last one before it.
    fn measure_at(&self, pos: usize) -> Option<&Measure> {
        self.measures
            .iter()
            .find(|m| m.span[0] <= pos && pos < m.span[1])
            .or_else(|| self.measures.iter().rev().find(|m| m.span[0] <= pos))
    }

    /// Apply one edit; false when its rows are not there.
    fn apply(&mut self, e: &Edit) -> bool {
        let Some(ids) = self.resolve(e) else {
            return false;
        };
        let id_of = |row: RowId| {
            ids.get(&row)
                .cloned()
                .unwrap_or_else(|| row_name(&row).to_string())
        };
        let year = self.base.meta.year;
        match &e.op {
            Op::Measure { id, field } => {
                let id = id_of(RowId::Measure(id.clone()));
                let Some(m) = self.measure(&id) else {
                    return false;
                };
                match field {
                    MeasureField::Task(t) => m.text = t.clone(),
                    MeasureField::Lead(v) => m.lead = shared(clean_units(v)),
                    MeasureField::Support(v) => m.support = shared(clean_units(v)),
                    MeasureField::Deadline(t) => {
                        let t = t.trim();
                        m.deadline = (!t.is_empty()).then(|| Deadline {
                            text: t.to_string(),
                            date: deadline_date(t, year),
                        });
                    }
                }
                m.edited = true;
                self.cells.insert((id, field.col()));
            }
            Op::Target { id, field } => {
                let id = id_of(RowId::Target(id.clone()));
                let Some(t) = self.target(&id) else {
                    return false;
                };
                match field {
                    TargetField::Indicator(s) => t.indicator = s.clone(),
                    TargetField::Value { value, max } => {
                        t.value = *value;
                        t.value_max = *max;
                    }
                    TargetField::Comparator(c) => t.comparator = *c,
                    TargetField::Unit(u) => t.unit = u.clone(),
                    TargetField::Year(y) => {
                        t.year = *y;
                        t.year_basis = if y.is_some() {
                            YearBasis::Sentence
                        } else {
                            YearBasis::None
                        };
                    }
                }
                t.edited = true;
                self.cells.insert((id, field.col()));
            }
            Op::Delete { row } => {
                let row = with_name(row, id_of(row.clone()));
                if self.is_removed(&row) {
                    return false;
                }
                let text = self.row_text(&row);
                self.removed.push(Removed {
                    row,
                    text,
                    not_target: false,
                });
            }
            Op::NotTarget { id } => {
                let row = RowId::Target(id_of(RowId::Target(id.clone())));
                if self.is_removed(&row) {
                    return false;
                }
                let text = self.row_text(&row);
                self.removed.push(Removed {
                    row,
                    text,
                    not_target: true,
                });
            }
            Op::Restore { row } => {
                let row = with_name(row, id_of(row.clone()));
                let before = self.removed.len();
                self.removed.retain(|r| r.row != row);
                if self.removed.len() == before {
                    return false;
                }
            }
            Op::Split { id, at } => {
                let id = id_of(RowId::Measure(id.clone()));
                let new_id = format!("me{}", e.seq);
                let Some(i) = self.measures.iter().position(|m| m.id == id) else {
                    return false;
                };
                if self.is_removed(&RowId::Measure(id.clone())) {
                    return false;
                }
                let m = &mut self.measures[i];
                let len = m.text.chars().count();
                if *at == 0 || *at >= len {
                    return false;
                }
                let cut = m
                    .text
                    .char_indices()
                    .nth(*at)
                    .map_or(m.text.len(), |(b, _)| b);
                let tail = m.text[cut..].trim_start().to_string();
                m.text = m.text[..cut].trim_end().to_string();
                m.edited = true;
                let split = (m.span[0] + at).min(m.span[1]);
                let mut second = m.clone();
                m.span[1] = split;
                second.id = new_id.clone();
                second.title = None;
                second.text = tail;
                second.span[0] = split;
                match m.note_span {
                    Some(n) if n[0] >= split => m.note_span = None,
                    _ => second.note_span = None,
                }
                self.measures.insert(i + 1, second);
                self.cells.insert((id, "task"));
                self.cells.insert((new_id, "task"));
            }
            Op::Merge { id, next } => {
                let (id, next) = (
                    id_of(RowId::Measure(id.clone())),
                    id_of(RowId::Measure(next.clone())),
                );
                if id == next
                    || self.is_removed(&RowId::Measure(id.clone()))
                    || self.is_removed(&RowId::Measure(next.clone()))
                {
                    return false;
                }
                let Some(j) = self.measures.iter().position(|m| m.id == next) else {
                    return false;
                };
                let b = self.measures.remove(j);
                let Some(a) = self.measures.iter_mut().find(|m| m.id == id) else {
                    self.measures.insert(j, b);
                    return false;
                };
                a.text.push_str(&b.text);
                for u in b.lead {
                    if !a.lead.contains(&u) {
                        a.lead.push(u);
                    }
                }
                for u in b.support {
                    if !a.support.contains(&u) && !a.lead.contains(&u) {
                        a.support.push(u);
                    }
                }
                if a.deadline.is_none() {
                    a.deadline = b.deadline;
                }
                if a.note_span.is_none() {
                    a.note_span = b.note_span;
                }
                a.span = [a.span[0].min(b.span[0]), a.span[1].max(b.span[1])];
                a.edited = true;
                for t in &mut self.targets {
                    if t.measure.as_deref() == Some(next.as_str()) {
                        t.measure = Some(id.clone());
                    }
                }
                self.cells.insert((id, "task"));
            }
            Op::AddMeasure { span, text } => {
                let near = self.measure_at(span[0]).cloned();
                let m = Measure {
                    id: format!("me{}", e.seq),
                    section: near.as_ref().map(|m| m.section.clone()).unwrap_or_default(),
                    path: near.as_ref().map(|m| m.path.clone()).unwrap_or_default(),
                    section_kind: near
                        .as_ref()
                        .map_or(planlens_core::SectionKind::Tasks, |m| m.section_kind),
                    title: None,
                    text: text.trim().to_string(),
                    lead: vec![],
                    support: vec![],
                    deadline: None,
                    span: *span,
                    note_span: None,
                    basis: Basis::NoUnits,
                    edited: true,
                };
                self.cells.insert((m.id.clone(), "task"));
                self.insert_measure(m);
            }
            Op::AddTarget { span, text, found } => {
                let near = self.measure_at(span[0]).cloned();
                let mut t = target_from(text, found.as_deref());
                t.id = format!("te{}", e.seq);
                t.span = *span;
                t.measure = near
                    .as_ref()
                    .filter(|m| m.span[0] <= span[0] && span[0] < m.span[1])
                    .map(|m| m.id.clone());
                t.section = near.map(|m| m.section).unwrap_or_default();
                t.edited = true;
                self.cells.insert((t.id.clone(), "indicator"));
                let at = self
                    .targets
                    .iter()
                    .rposition(|x| x.span[0] <= span[0])
                    .map_or(0, |i| i + 1);
                self.targets.insert(at, t);
            }
        }
        true
    }

    fn row_text(&self, row: &RowId) -> String {
        match row {
            RowId::Measure(id) => self
                .measures
                .iter()
                .find(|m| &m.id == id)
                .map(|m| m.text.clone()),
            RowId::Target(id) => self
                .targets
                .iter()
                .find(|t| &t.id == id)
                .map(|t| t.text.clone()),
        }
        .unwrap_or_default()
    }
}

/// The text without its leading numbering (`（三）`, `3.`, `一、`), which a
/// re-numbered plan changes.
fn unnumbered(text: &str) -> &str {
    let t = text.trim_start();
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十百零〇".contains(c);
    let mut chars = t.char_indices();
    let Some((_, first)) = chars.next() else {
        return t;
    };
    if first == '（' || first == '(' {
        for (i, c) in chars {
            if c == '）' || c == ')' {
                return t[i + c.len_utf8()..].trim_start();
            }
            if !numeral(c) {
                return t;
            }
        }
        return t;
    }
    if numeral(first) {
        for (i, c) in t.char_indices() {
            if numeral(c) {
                continue;
            }
            if "、.．:：".contains(c) {
                return t[i + c.len_utf8()..].trim_start();
            }
            return t;
        }
    }
    t
}

/// Whether a row is the one an anchor names: the same text, numbering aside.
fn same_text(row: &str, anchor: &str) -> bool {
    row == anchor || unnumbered(row) == unnumbered(anchor)
}

fn row_name(row: &RowId) -> &str {
    match row {
        RowId::Measure(id) | RowId::Target(id) => id,
    }
}

fn with_name(row: &RowId, id: String) -> RowId {
    match row {
        RowId::Measure(_) => RowId::Measure(id),
        RowId::Target(_) => RowId::Target(id),
    }
}

/// Unit names as typed: trimmed, no empty or repeated names.
/// Names as the model keeps them (`Arc<str>`).
fn shared(v: Vec<String>) -> Vec<std::sync::Arc<str>> {
    v.into_iter().map(Into::into).collect()
}

fn clean_units(v: &[String]) -> Vec<String> {
    let mut out: Vec<String> = vec![];
    for u in v {
        let u = u.trim();
        if !u.is_empty() && !out.iter().any(|x| x == u) {
            out.push(u.to_string());
        }
    }
    out
}

/// A `、`-separated list as typed (also `,`, `，`, `;`, `；`, spaces between names).
pub fn parse_units(s: &str) -> Vec<String> {
    let parts: Vec<String> = s
        .split(['、', ',', '，', ';', '；', '/', '\n'])
        .map(|p| p.trim().to_string())
        .collect();
    clean_units(&parts)
}

/// A plain decimal as typed (`50`, `-3`, `1.5`, `.5`, `007`): digits with at most one
/// point, an optional sign; no exponent, `inf` or `NaN` (no cell holds them, and JSON
/// has no NaN). Read by serde_json's number parser (exact for up to 15 significant
/// digits): `str::parse::<f64>` would link core's 11 KB table of powers of five into
/// the page's first load for this alone.
pub fn decimal(s: &str) -> Option<f64> {
    let (minus, digits) = match s.trim() {
        t if t.starts_with('-') => (true, &t[1..]),
        t => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    if (int.is_empty() && frac.is_empty()) || !plain(int) || !plain(frac) {
        return None;
    }
    let int = int.trim_start_matches('0');
    let json = format!(
        "{}{}{}{frac}",
        if minus { "-" } else { "" },
        if int.is_empty() { "0" } else { int },
        if frac.is_empty() { "" } else { "." },
    );
    serde_json::from_str(&json).ok()
}

/// A value as typed: `50`, `1.5`, `10-20` / `10～20` / `10至20` (a range).
pub fn parse_value(s: &str) -> Option<(f64, Option<f64>)> {
    let s = s.trim().replace([',', '，'], "");
    let num = |x: &str| decimal(x.trim().trim_end_matches('%'));
    for sep in ["–", "—", "～", "~", "至", "-"] {
        if let Some((a, b)) = s.split_once(sep) {
            if !a.trim().is_empty() {
                return Some((num(a)?, Some(num(b)?)));
            }
        }
    }
    num(&s).map(|v| (v, None))
}

/// A year as typed: `2025`, `2025年`; empty: none.
pub fn parse_year(s: &str) -> Option<Option<i32>> {
    let s = s.trim().trim_end_matches('年').trim();
    if s.is_empty() {
        return Some(None);
    }
    s.parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
        .map(Some)
}

/// The comparator from its Chinese label (as shown in the 比较 column).
pub fn parse_comparator(s: &str) -> Option<Comparator> {
    [
        Comparator::AtLeast,
        Comparator::AtMost,
        Comparator::About,
        Comparator::Range,
        Comparator::Exact,
    ]
    .into_iter()
    .find(|c| c.label() == s.trim())
}

fn digits(s: &str) -> Option<(usize, u32)> {
    let n: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    n.parse().ok().map(|v| (n.len(), v))
}

/// The ISO date of a deadline as typed: `2025年6月底前` → 2025-06-30,
/// `2024年底` / `2024年` → 2024-12-31, `年底前` with the plan's year.
pub fn deadline_date(text: &str, plan_year: Option<i32>) -> Option<String> {
    let mut year: Option<i32> = None;
    let mut month: Option<u32> = None;
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if let Some((len, v)) = digits(&rest) {
            let after = chars.get(i + len).copied();
            if len == 4 && after == Some('年') && year.is_none() {
                year = i32::try_from(v).ok();
            } else if (1..=2).contains(&len) && after == Some('月') && year.is_some() {
                month = Some(v).filter(|m| (1..=12).contains(m));
            }
            i += len.max(1);
        } else {
            i += 1;
        }
    }
    if year.is_none() && (text.contains("年底") || text.contains("年内") || text.contains("年末"))
    {
        year = plan_year;
    }
    let y = year?;
    let m = month.unwrap_or(if text.contains("上半年") { 6 } else { 12 });
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let d = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A target from a selected passage: what the core read in it (`found`, asked of
/// the analysis worker when the user added it), else its first number.
fn target_from(text: &str, found: Option<&Target>) -> Target {
    let text = text.trim();
    if let Some(t) = found {
        let mut t = t.clone();
        t.text = text.to_string();
        return t;
    }
    let chars: Vec<char> = text.chars().collect();
    // the numbers, skipping a model name (`5G`) and taking `2025年` as the year
    let mut year = None;
    let mut found = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
            i += 1;
        }
        let next = chars.get(i).copied();
        let num: String = chars[s..i].iter().collect();
        if next == Some('年') && i - s == 4 {
            year = year.or_else(|| num.parse::<i32>().ok());
        } else if !next.is_some_and(|c| c.is_ascii_alphabetic()) && found.is_none() {
            found = Some((s, i, num));
        }
    }
    let (indicator, value, unit) = match found {
        Some((s, e, num)) => {
            let unit: String = chars[e..]
                .iter()
                .take_while(|c| !c.is_ascii_digit() && !"，,。；;、）)".contains(**c))
                .take(4)
                .collect();
            let before: String = chars[..s].iter().collect();
            // what is measured: after the year phrase (`到2025年,`)
            let before = before
                .rsplit([',', '，'])
                .next()
                .unwrap_or(&before)
                .to_string();
            (before, decimal(&num).unwrap_or(0.0), unit)
        }
        None => (text.to_string(), 0.0, String::new()),
    };
    Target {
        id: String::new(),
        text: text.to_string(),
        indicator: indicator
            .trim()
            .trim_end_matches("达到")
            .trim_end_matches("超过")
            .trim_end_matches('为')
            .to_string(),
        value,
        value_max: None,
        unit: unit.trim().to_string(),
        comparator: Comparator::Exact,
        year,
        year_basis: if year.is_some() {
            YearBasis::Sentence
        } else {
            YearBasis::None
        },
        measure: None,
        section: String::new(),
        span: [0, 0],
        edited: true,
    }
}

/// The analysis with the corrections applied; and which edits applied.
fn apply_each(base: &Analysis, c: &Corrections) -> (Applied, Vec<bool>) {
    let mut w = Work {
        base,
        measures: base.measures.clone(),
        targets: base.targets.clone(),
        removed: vec![],
        cells: BTreeSet::new(),
        map: HashMap::new(),
    };
    let mut ok = Vec::with_capacity(c.edits.len());
    let mut lost = vec![];
    for e in &c.edits {
        let done = w.apply(e);
        if !done {
            let what = e
                .anchors
                .first()
                .map(|a| format!("「{}」", planlens_export::ellipsis(&a.text, 24)))
                .unwrap_or_default();
            lost.push(format!("{}{}", e.op.label(), what));
        }
        ok.push(done);
    }
    let gone: HashSet<&RowId> = w.removed.iter().map(|r| &r.row).collect();
    let mut a = base.clone();
    a.measures = w
        .measures
        .iter()
        .filter(|m| !gone.contains(&RowId::Measure(m.id.clone())))
        .cloned()
        .collect();
    let kept: HashSet<&str> = a.measures.iter().map(|m| m.id.as_str()).collect();
    a.targets = w
        .targets
        .iter()
        .filter(|t| !gone.contains(&RowId::Target(t.id.clone())))
        .cloned()
        .map(|mut t| {
            if t.measure.as_deref().is_some_and(|m| !kept.contains(m)) {
                t.measure = None;
            }
            t
        })
        .collect();
    a.units = planlens_core::unit_index(&a.measures);
    (
        Applied {
            analysis: a,
            removed: w.removed,
            cells: w.cells,
            lost,
        },
        ok,
    )
}

/// The analysis with the corrections applied: edited rows have `edited: true`,
/// deleted rows are left out, the units index follows the corrected units.
pub fn apply(base: &Analysis, c: &Corrections) -> Applied {
    apply_each(base, c).0
}

/// Corrections made on an earlier text, carried over to the analysis of the new
/// one: the edits whose rows are found (by id with the same text, else by text)
/// are kept with the new ids; the others are listed.
pub fn carry_over(new_base: &Analysis, c: &Corrections) -> (Corrections, Vec<String>) {
    let (applied, ok) = apply_each(new_base, c);
    // the ids each anchor was found under
    let mut w = Work {
        base: new_base,
        measures: new_base.measures.clone(),
        targets: new_base.targets.clone(),
        removed: vec![],
        cells: BTreeSet::new(),
        map: HashMap::new(),
    };
    let mut kept = Corrections {
        next_seq: c.next_seq,
        ..Corrections::default()
    };
    for (e, ok) in c.edits.iter().zip(ok) {
        if !ok {
            continue;
        }
        let mut e = e.clone();
        if w.apply(&e) {
            for a in &mut e.anchors {
                if let Some(id) = w.map.get(&a.row) {
                    a.row = with_name(&a.row, id.clone());
                }
            }
            rename_op(&mut e.op, &w.map);
            kept.edits.push(e);
        }
    }
    (kept, applied.lost)
}

fn rename_op(op: &mut Op, map: &HashMap<RowId, String>) {
    let get = |row: RowId| map.get(&row).cloned();
    match op {
        Op::Measure { id, .. } | Op::Split { id, .. } => {
            if let Some(n) = get(RowId::Measure(id.clone())) {
                *id = n;
            }
        }
        Op::Target { id, .. } | Op::NotTarget { id } => {
            if let Some(n) = get(RowId::Target(id.clone())) {
                *id = n;
            }
        }
        Op::Delete { row } | Op::Restore { row } => {
            if let Some(n) = get(row.clone()) {
                *row = with_name(row, n);
            }
        }
        Op::Merge { id, next } => {
            if let Some(n) = get(RowId::Measure(id.clone())) {
                *id = n;
            }
            if let Some(n) = get(RowId::Measure(next.clone())) {
                *next = n;
            }
        }
        Op::AddMeasure { .. } | Op::AddTarget { .. } => {}
    }
}

/// Which rows a table shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Only {
    #[default]
    All,
    /// 只看已改.
    Edited,
    /// 无责任单位.
    Unowned,
    /// 值得核对: units inherited or read from elsewhere, a year from the plan period.
    Check,
}

impl Only {
    pub const ALL: [Only; 4] = [Only::All, Only::Edited, Only::Unowned, Only::Check];

    pub fn label(self) -> &'static str {
        match self {
            Only::All => "全部",
            Only::Edited => "只看已改",
            Only::Unowned => "无责任单位",
            Only::Check => "值得核对",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Only::All => "all",
            Only::Edited => "edited",
            Only::Unowned => "unowned",
            Only::Check => "check",
        }
    }

    pub fn from_key(k: &str) -> Only {
        Only::ALL
            .into_iter()
            .find(|o| o.key() == k)
            .unwrap_or_default()
    }

    pub fn keeps_measure(self, m: &Measure) -> bool {
        match self {
            Only::All => true,
            Only::Edited => m.edited,
            Only::Unowned => m.lead.is_empty() && m.support.is_empty(),
            Only::Check => matches!(
                m.basis,
                Basis::Inherited | Basis::AnnexRow | Basis::DutyParagraph
            ),
        }
    }

    pub fn keeps_target(self, t: &Target) -> bool {
        match self {
            Only::All => true,
            Only::Edited => t.edited,
            Only::Unowned => t.measure.is_none(),
            Only::Check => t.year_basis == YearBasis::PlanPeriod,
        }
    }
}

/// One plan in 最近的分析.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recent {
    pub hash: String,
    pub title: String,
    /// ISO date and time (local), when last opened.
    pub date: String,
    pub measures: usize,
    pub targets: usize,
    /// Whether its text is kept, so it can be reopened.
    #[serde(default)]
    pub text_kept: bool,
    /// The file it came from.
    #[serde(default)]
    pub name: Option<String>,
}

/// Plans kept in 最近的分析.
pub const RECENT_MAX: usize = 8;

/// The list with `entry` first (once), at most [`RECENT_MAX`] long; returns the
/// hashes that fell off.
pub fn remember(list: &mut Vec<Recent>, entry: Recent) -> Vec<String> {
    list.retain(|r| r.hash != entry.hash);
    list.insert(0, entry);
    list.split_off(RECENT_MAX.min(list.len()))
        .into_iter()
        .map(|r| r.hash)
        .collect()
}

/// What the tables show of the corrections besides the corrected analysis.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    pub removed: Vec<Removed>,
    pub cells: BTreeSet<(String, &'static str)>,
    /// Edits that found no row: those of this document, then those not carried
    /// over from the text before it changed.
    pub lost: Vec<String>,
}

impl Shown {
    pub fn edited(&self, id: &str, col: &str) -> bool {
        self.cells.contains(&(id.to_string(), col_static(col)))
    }
}

/// The corrections of the document on screen, in the app state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditState {
    /// [`doc_hash`] of the document's text: the key the corrections are kept under.
    pub hash: String,
    /// The analysis before corrections (the state's `doc.analysis` has them applied).
    pub base: Option<ByPtr<Analysis>>,
    pub corrections: Corrections,
    /// The kept corrections were read (nothing is saved before, so none is overwritten).
    pub loaded: bool,
    /// Bumped on every change of the corrections, so the storage effect runs.
    pub rev: u32,
    pub shown: Rc<Shown>,
    /// Corrections of the text before it changed, to carry over once the kept ones
    /// (of the new text) are read and found empty.
    pub pending: Option<Corrections>,
    pub carried_lost: Vec<String>,
    /// The text in the box is not the analysed one: results are 已过期.
    pub stale: bool,
    /// 最近的分析.
    pub recent: Rc<Vec<Recent>>,
}

impl EditState {
    /// A new analysis is on screen: start its corrections (read from storage next).
    pub fn on_done(&mut self, doc: &mut Doc) {
        let hash = doc_hash(&doc.text.0);
        if hash == self.hash && self.loaded {
            // the same text again: keep what was corrected
            self.base = Some(doc.analysis.clone());
            self.stale = false;
            self.refresh(doc);
            return;
        }
        let carry = (self.stale && self.base.is_some() && !self.corrections.is_empty())
            .then(|| std::mem::take(&mut self.corrections));
        *self = EditState {
            hash,
            base: Some(doc.analysis.clone()),
            pending: carry,
            recent: self.recent.clone(),
            rev: self.rev,
            ..EditState::default()
        };
    }

    /// The kept corrections of a document were read (`None`: none kept).
    pub fn on_loaded(&mut self, hash: &str, kept: Option<Corrections>, doc: &mut Doc) {
        if hash != self.hash || self.loaded {
            return;
        }
        self.loaded = true;
        match (
            kept.filter(|c| !c.edits.is_empty() || !c.undone.is_empty()),
            self.pending.take(),
        ) {
            (Some(c), _) => self.corrections = c,
            (None, Some(old)) => {
                if let Some(base) = &self.base {
                    let (kept, lost) = carry_over(&base.0, &old);
                    self.corrections = kept;
                    self.carried_lost = lost;
                    self.bump();
                }
            }
            (None, None) => {}
        }
        self.refresh(doc);
    }

    fn bump(&mut self) {
        self.rev = self.rev.wrapping_add(1);
    }

    /// An edit made on screen.
    pub fn edit(&mut self, op: Op, doc: &mut Doc) {
        let Some(base) = self.base.clone() else {
            return;
        };
        self.corrections.push(&base.0, op);
        self.bump();
        self.refresh(doc);
    }

    pub fn undo(&mut self, doc: &mut Doc) {
        if self.corrections.undo() {
            self.bump();
            self.refresh(doc);
        }
    }

    pub fn redo(&mut self, doc: &mut Doc) {
        if self.corrections.redo() {
            self.bump();
            self.refresh(doc);
        }
    }

    /// Put the corrected analysis on screen.
    fn refresh(&mut self, doc: &mut Doc) {
        let Some(base) = &self.base else {
            return;
        };
        if self.corrections.is_empty() {
            doc.analysis = base.clone();
            self.shown = Rc::new(Shown {
                lost: self.carried_lost.clone(),
                ..Shown::default()
            });
            return;
        }
        let applied = apply(&base.0, &self.corrections);
        let mut lost = applied.lost;
        lost.extend(self.carried_lost.iter().cloned());
        self.shown = Rc::new(Shown {
            removed: applied.removed,
            cells: applied.cells,
            lost,
        });
        doc.analysis = ByPtr(Rc::new(applied.analysis));
    }

    /// 知道了: the list of edits that were not carried over is closed.
    pub fn dismiss_lost(&mut self, doc: &mut Doc) {
        self.carried_lost.clear();
        self.refresh(doc);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、主要任务\n\
（一）加强创新平台建设。到2025年,新增研发机构10家。(责任单位:区科委;完成时限:2024年底前)\n\
（二）优化营商环境。(牵头单位:区商务委;配合单位:区科委)\n\
（三）完善人才政策。(责任单位:区人社局)\n\
（四）推进数字化转型。\n";

    fn base() -> Analysis {
        planlens_core::analyze(PLAN)
    }

    fn push(c: &mut Corrections, a: &Analysis, op: Op) {
        c.push(a, op);
    }

    fn m<'a>(a: &'a Analysis, id: &str) -> &'a Measure {
        a.measures.iter().find(|m| m.id == id).unwrap()
    }

    #[test]
    fn the_hash_is_stable_and_tells_texts_apart() {
        assert_eq!(doc_hash("abc"), doc_hash("abc"));
        assert_ne!(doc_hash("abc"), doc_hash("abd"));
        assert_eq!(doc_hash(""), "cbf29ce484222325-0");
        assert!(doc_hash(PLAN).ends_with(&format!("-{}", PLAN.len())));
    }

    #[test]
    fn no_corrections_is_the_analysis_itself() {
        let a = base();
        let out = apply(&a, &Corrections::default());
        assert_eq!(out.analysis, a);
        assert!(out.removed.is_empty() && out.cells.is_empty() && out.lost.is_empty());
    }

    #[test]
    fn editing_cells_marks_the_row_and_the_units_index_follows() {
        let a = base();
        assert_eq!(a.measures.len(), 4, "{:#?}", a.measures);
        let mut c = Corrections::default();
        push(
            &mut c,
            &a,
            Op::Measure {
                id: "m2".into(),
                field: MeasureField::Lead(parse_units("区发改委、 区商务委")),
            },
        );
        push(
            &mut c,
            &a,
            Op::Measure {
                id: "m3".into(),
                field: MeasureField::Deadline("2025年6月底前".into()),
            },
        );
        let out = apply(&a, &c);
        let m2 = m(&out.analysis, "m2");
        assert_eq!(
            m2.lead,
            ["区发改委", "区商务委"].map(std::sync::Arc::<str>::from)
        );
        assert!(m2.edited);
        assert!(!m(&out.analysis, "m1").edited);
        let d = m(&out.analysis, "m3").deadline.clone().unwrap();
        assert_eq!(
            (d.text.as_str(), d.date.as_deref()),
            ("2025年6月底前", Some("2025-06-30"))
        );
        assert!(out.edited("m2", "lead") && out.edited("m3", "deadline"));
        assert!(!out.edited("m2", "support"));
        let fgw = out
            .analysis
            .units
            .iter()
            .find(|u| u.name == "区发改委")
            .expect("the new unit is in the index");
        assert_eq!(fgw.lead, ["m2"]);
        // the JSON carries the mark
        let json = serde_json::to_value(&out.analysis).unwrap();
        assert_eq!(json["measures"][1]["edited"], true);
        assert!(json["measures"][0].get("edited").is_none());
    }

    #[test]
    fn undo_and_redo_walk_the_edits_and_a_new_edit_drops_the_redo() {
        let a = base();
        let mut c = Corrections::default();
        let task = |t: &str| Op::Measure {
            id: "m1".into(),
            field: MeasureField::Task(t.into()),
        };
        push(&mut c, &a, task("甲"));
        push(&mut c, &a, task("乙"));
        assert_eq!(m(&apply(&a, &c).analysis, "m1").text, "乙");
        assert!(c.undo());
        assert_eq!(m(&apply(&a, &c).analysis, "m1").text, "甲");
        assert!(c.undo() && !c.undo());
        assert_eq!(apply(&a, &c).analysis, a);
        assert!(c.redo());
        assert_eq!(m(&apply(&a, &c).analysis, "m1").text, "甲");
        push(&mut c, &a, task("丙"));
        assert!(!c.can_redo());
    }

    #[test]
    fn delete_and_restore_and_not_a_target() {
        let a = base();
        assert!(!a.targets.is_empty());
        let t = a.targets[0].id.clone();
        let mut c = Corrections::default();
        push(
            &mut c,
            &a,
            Op::Delete {
                row: RowId::Measure("m2".into()),
            },
        );
        push(&mut c, &a, Op::NotTarget { id: t.clone() });
        let out = apply(&a, &c);
        assert_eq!(out.analysis.measures.len(), 3);
        assert!(out.analysis.measures.iter().all(|m| m.id != "m2"));
        assert!(out.analysis.targets.iter().all(|x| x.id != t));
        assert!(
            out.analysis.units.iter().all(|u| u.name != "区商务委"),
            "a deleted row's units leave the index"
        );
        assert_eq!(out.removed.len(), 2);
        assert!(out.removed[1].not_target);
        push(
            &mut c,
            &a,
            Op::Restore {
                row: RowId::Measure("m2".into()),
            },
        );
        let out = apply(&a, &c);
        assert_eq!(out.analysis.measures.len(), 4);
        assert_eq!(out.removed.len(), 1);
    }

    #[test]
    fn split_and_merge() {
        let a = base();
        let mut c = Corrections::default();
        let text = m(&a, "m1").text.clone();
        let at = text.chars().position(|ch| ch == '。').unwrap() + 1;
        push(
            &mut c,
            &a,
            Op::Split {
                id: "m1".into(),
                at,
            },
        );
        let out = apply(&a, &c);
        assert_eq!(out.analysis.measures.len(), 5);
        let (first, second) = (&out.analysis.measures[0], &out.analysis.measures[1]);
        assert_eq!(first.id, "m1");
        assert_eq!(second.id, "me0");
        assert_eq!(format!("{}{}", first.text, second.text), text);
        assert_eq!(second.lead, first.lead);
        // merge them back, then merge two others
        push(
            &mut c,
            &a,
            Op::Merge {
                id: "m1".into(),
                next: "me0".into(),
            },
        );
        push(
            &mut c,
            &a,
            Op::Merge {
                id: "m2".into(),
                next: "m3".into(),
            },
        );
        let out = apply(&a, &c);
        assert_eq!(out.analysis.measures.len(), 3);
        assert_eq!(m(&out.analysis, "m1").text, text);
        let m2 = m(&out.analysis, "m2");
        assert!(m2.lead.contains(&"区商务委".into()) && m2.lead.contains(&"区人社局".into()));
        assert!(m2.text.contains("人才"));
        assert!(out.lost.is_empty(), "{:?}", out.lost);
    }

    #[test]
    fn a_measure_and_a_target_from_a_passage() {
        let a = base();
        let chars: Vec<char> = PLAN.chars().collect();
        let find = |s: &str| {
            let start = (0..chars.len())
                .find(|&i| {
                    chars[i..]
                        .iter()
                        .take(s.chars().count())
                        .collect::<String>()
                        == s
                })
                .unwrap();
            [start, start + s.chars().count()]
        };
        let mut c = Corrections::default();
        let span = find("完善人才政策");
        push(
            &mut c,
            &a,
            Op::AddMeasure {
                span,
                text: "完善人才政策".into(),
            },
        );
        let span_t = find("新增研发机构10家");
        push(
            &mut c,
            &a,
            Op::AddTarget {
                span: span_t,
                text: "新增研发机构10家".into(),
                // as the worker answers (src/worker.rs find_target)
                found: crate::jobs::passage_target("新增研发机构10家").map(Box::new),
            },
        );
        let out = apply(&a, &c);
        let i = out
            .analysis
            .measures
            .iter()
            .position(|m| m.id == "me0")
            .unwrap();
        assert_eq!(i, 3, "placed after the measure it starts in");
        assert!(out.analysis.measures[i].edited);
        let t = out.analysis.targets.iter().find(|t| t.id == "te1").unwrap();
        assert_eq!((t.value, t.unit.as_str()), (10.0, "家"));
        assert!(t.indicator.contains("研发机构"), "{t:?}");
        assert_eq!(t.measure.as_deref(), Some("m1"));
        assert!(t.edited);
    }

    #[test]
    fn an_added_target_replays_from_what_was_stored_without_an_analysis() {
        let a = base();
        let found = crate::jobs::passage_target("到2026年,建成实训基地3个").map(Box::new);
        let f = found.as_ref().expect("the core reads a target in it");
        assert_eq!((f.value, f.year), (3.0, Some(2026)));
        let mut c = Corrections::default();
        push(
            &mut c,
            &a,
            Op::AddTarget {
                span: [0, 4],
                text: "到2026年,建成实训基地3个".into(),
                found,
            },
        );
        // stored (draft, IndexedDB) and read back: the same target, nothing re-analysed
        let stored = serde_json::to_string(&c).unwrap();
        assert!(stored.contains(r#""found":{"#), "{stored}");
        let back: Corrections = serde_json::from_str(&stored).unwrap();
        assert_eq!(back, c);
        let t = |c: &Corrections| {
            apply(&a, c)
                .analysis
                .targets
                .into_iter()
                .find(|t| t.id == "te0")
                .unwrap()
        };
        let first = t(&c);
        assert_eq!(t(&back), first);
        assert_eq!((first.value, first.year), (3.0, Some(2026)));
        assert_eq!(first.text, "到2026年,建成实训基地3个");
        // undo then redo gives it back unchanged
        let mut u = back.clone();
        assert!(u.undo());
        assert!(apply(&a, &u).analysis.targets.iter().all(|t| t.id != "te0"));
        assert!(u.redo());
        assert_eq!(t(&u), first);
        // an edit stored before `found` existed still loads, read by its first number
        let mut old: serde_json::Value = serde_json::from_str(&stored).unwrap();
        let op = &mut old["edits"][0]["op"]["add_target"];
        assert!(op["found"].is_object(), "{op}");
        op.as_object_mut().unwrap().remove("found");
        let old: Corrections = serde_json::from_value(old).unwrap();
        let Op::AddTarget { found: None, .. } = &old.edits[0].op else {
            panic!("{old:?}")
        };
        assert_eq!(t(&old).value, 3.0);
    }

    #[test]
    fn a_target_from_a_passage_without_a_target_the_core_sees() {
        let t = target_from("新建5G基站500个", None);
        assert_eq!((t.value, t.unit.as_str()), (500.0, "个"), "{t:?}");
        assert_eq!(t.indicator, "新建5G基站");
        let t = target_from("到2027年,建成实训基地3个", None);
        assert_eq!((t.value, t.year), (3.0, Some(2027)), "{t:?}");
        assert_eq!(t.indicator, "建成实训基地");
        let t = target_from("加强组织领导", None);
        assert_eq!((t.value, t.indicator.as_str()), (0.0, "加强组织领导"));
    }

    #[test]
    fn decimals_as_typed_read_as_rust_reads_them() {
        for t in [
            "0",
            "50",
            "007",
            "1.5",
            ".5",
            "5.",
            "-3",
            "+2.25",
            "0.1",
            "0.3",
            "123456.789",
            "2.675",
            "99.99",
            "1500",
            "0.000001",
            "123456789012345",
        ] {
            assert_eq!(decimal(t), t.parse::<f64>().ok(), "{t}");
        }
        for t in [
            "", ".", "-", "1.2.3", "1e3", "inf", "NaN", "1,5", "五", "--1", "1 2",
        ] {
            assert_eq!(decimal(t), None, "{t}");
        }
    }

    #[test]
    fn target_cells() {
        let a = base();
        let id = a.targets[0].id.clone();
        let mut c = Corrections::default();
        let (v, max) = parse_value("12-15").unwrap();
        push(
            &mut c,
            &a,
            Op::Target {
                id: id.clone(),
                field: TargetField::Value { value: v, max },
            },
        );
        push(
            &mut c,
            &a,
            Op::Target {
                id: id.clone(),
                field: TargetField::Year(parse_year("2026年").unwrap()),
            },
        );
        let out = apply(&a, &c);
        let t = &out.analysis.targets[0];
        assert_eq!(
            (t.value, t.value_max, t.year),
            (12.0, Some(15.0), Some(2026))
        );
        assert!(t.edited && out.edited(&id, "value") && out.edited(&id, "year"));
        assert_eq!(parse_value("abc"), None);
        assert_eq!(parse_value("NaN"), None, "no NaN in a table");
        assert_eq!(parse_value("1e3"), None);
        assert_eq!(parse_value("12.5%"), Some((12.5, None)));
        assert_eq!(parse_value("-3"), Some((-3.0, None)));
        assert_eq!(parse_value("1,500"), Some((1500.0, None)));
        assert_eq!(parse_year("二〇二五"), None);
        assert_eq!(parse_comparator("不少于"), Some(Comparator::AtLeast));
    }

    #[test]
    fn corrections_carry_over_to_rows_with_the_same_text_and_the_rest_are_listed() {
        let a = base();
        let mut c = Corrections::default();
        push(
            &mut c,
            &a,
            Op::Measure {
                id: "m3".into(),
                field: MeasureField::Lead(vec!["区教育局".into()]),
            },
        );
        push(
            &mut c,
            &a,
            Op::Measure {
                id: "m2".into(),
                field: MeasureField::Deadline("2026年底".into()),
            },
        );
        // a new paragraph before, and the 营商环境 item reworded
        let text = PLAN
            .replace("（四）", "（五）")
            .replace("（三）", "（四）")
            .replace("（二）", "（三）")
            .replace("（一）", "（二）")
            .replace("一、主要任务\n", "一、主要任务\n（一）新增一项。\n")
            .replace("优化营商环境", "持续优化营商环境");
        let b = planlens_core::analyze(&text);
        let (kept, lost) = carry_over(&b, &c);
        assert_eq!(kept.edits.len(), 1);
        assert_eq!(lost.len(), 1);
        assert!(
            lost[0].contains("完成时限") && lost[0].contains("营商环境"),
            "{lost:?}"
        );
        let out = apply(&b, &kept);
        let moved = out
            .analysis
            .measures
            .iter()
            .find(|m| m.text.contains("人才"))
            .unwrap();
        assert_eq!(moved.lead, ["区教育局"].map(std::sync::Arc::<str>::from));
        assert!(moved.edited);
        assert_ne!(moved.id, "m3", "it is the fourth measure now");
        assert!(out.lost.is_empty());
    }

    #[test]
    fn numbering_aside() {
        assert_eq!(unnumbered("（三）完善。"), "完善。");
        assert_eq!(unnumbered("12. 完善"), "完善");
        assert_eq!(unnumbered("二、完善"), "完善");
        assert_eq!(unnumbered("2025年完善"), "2025年完善");
        assert_eq!(unnumbered("（注）完善"), "（注）完善");
        assert!(same_text("（四）甲", "（三）甲") && !same_text("（四）甲", "（三）乙"));
    }

    #[test]
    fn corrections_round_trip_through_json() {
        let a = base();
        let mut c = Corrections::default();
        push(
            &mut c,
            &a,
            Op::Target {
                id: a.targets[0].id.clone(),
                field: TargetField::Comparator(Comparator::AtLeast),
            },
        );
        push(
            &mut c,
            &a,
            Op::AddMeasure {
                span: [0, 2],
                text: "一、".into(),
            },
        );
        c.undo();
        let json = serde_json::to_string(&c).unwrap();
        let back: Corrections = serde_json::from_str(&json).unwrap();
        assert_eq!(back, c);
    }

    #[test]
    fn filters() {
        let a = base();
        let mut c = Corrections::default();
        push(
            &mut c,
            &a,
            Op::Measure {
                id: "m1".into(),
                field: MeasureField::Task("改".into()),
            },
        );
        let out = apply(&a, &c);
        let ids = |o: Only| -> Vec<&str> {
            out.analysis
                .measures
                .iter()
                .filter(|m| o.keeps_measure(m))
                .map(|m| m.id.as_str())
                .collect()
        };
        assert_eq!(ids(Only::Edited), ["m1"]);
        assert_eq!(ids(Only::Unowned), ["m4"]);
        assert_eq!(ids(Only::All).len(), 4);
        assert_eq!(Only::from_key("check"), Only::Check);
    }

    #[test]
    fn deadline_dates() {
        assert_eq!(
            deadline_date("2024年底前", None).as_deref(),
            Some("2024-12-31")
        );
        assert_eq!(
            deadline_date("2024年2月", None).as_deref(),
            Some("2024-02-29")
        );
        assert_eq!(
            deadline_date("年底前", Some(2023)).as_deref(),
            Some("2023-12-31")
        );
        assert_eq!(deadline_date("长期坚持", Some(2023)), None);
    }

    #[test]
    fn recent_keeps_the_latest_first_once() {
        let e = |h: &str| Recent {
            hash: h.into(),
            title: h.into(),
            date: String::new(),
            measures: 0,
            targets: 0,
            text_kept: false,
            name: None,
        };
        let mut list = vec![];
        for i in 0..RECENT_MAX {
            assert!(remember(&mut list, e(&i.to_string())).is_empty());
        }
        assert!(remember(&mut list, e("3")).is_empty());
        assert_eq!(list[0].hash, "3");
        assert_eq!(list.len(), RECENT_MAX);
        assert_eq!(remember(&mut list, e("new")), ["0"]);
    }
}
