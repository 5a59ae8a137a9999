//! The page's reader of the worker's replies — the analysis (`plan-analysis/1` JSON)
//! and the small replies — and of the stored corrections, without serde's derived
//! deserializers of `Analysis`, `Reply` and `Corrections`.
//!
//! Those weighed ~15 KB (`Analysis` with `Reply`) and ~6 KB (`Corrections`: the edits,
//! their ops and fields) of the page's first load (gzip): every struct and enum
//! of the analysis brings its field visitor, map and seq visitors and their error
//! paths. Here the JSON is only scanned for its structure (objects as key → raw
//! value text, arrays as raw items); the leaves — strings, numbers, lists of strings
//! — and the targets (whose deserializer the page links anyway, for the corrections'
//! `Op::AddTarget`) are read by serde_json itself, so a value reads exactly as
//! before. The contract is the serde serializers: the tests round-trip analyses,
//! replies and corrections through them, on values whose every field is set, so a
//! field added to the model or to an edit fails them until it is read here (a new
//! variant of an enum needs its own case in the tests).
//!
//! Anything that is not what the serializer writes reads as `None` (never a panic).

use planlens_core::{
    Analysis, Basis, Deadline, Measure, Meta, OutlineNode, Script, SectionKind, SourceInfo,
    UnitEntry, Warning,
};
use serde::de::DeserializeOwned;
use std::sync::Arc;

use crate::corrections::{Anchor, Corrections, Edit, MeasureField, Op, RowId, TargetField};
use crate::protocol::{Reply, Stage};

fn ws(s: &str, i: usize) -> usize {
    let b = s.as_bytes();
    let mut i = i;
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\n' | b'\r' | b'\t'))
    {
        i += 1;
    }
    i
}

/// Where the value starting at `i` (after whitespace) ends. Nesting is counted,
/// not recursed into, so deep input cannot overflow the stack.
fn value_end(s: &str, i: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = ws(s, i);
    let mut depth = 0usize;
    loop {
        match *b.get(i)? {
            b'"' => {
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        b'"' => break,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                i += 1;
            }
            _ => {
                // a number or a literal inside (or as) the value, or a separator
                if depth == 0 {
                    while b.get(i).is_some_and(|c| {
                        !matches!(c, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t')
                    }) {
                        i += 1;
                    }
                    return Some(i);
                }
                i += 1;
            }
        }
        if depth == 0 {
            return Some(i);
        }
    }
}

/// The raw members of a JSON array or object (`open` `[` or `{`): for an object
/// each member is `key":value` text split by [`Obj`].
fn members(s: &str, open: u8, close: u8) -> Option<Vec<(Option<String>, &str)>> {
    let b = s.as_bytes();
    let mut i = ws(s, 0);
    if *b.get(i)? != open {
        return None;
    }
    i = ws(s, i + 1);
    let mut out = vec![];
    if *b.get(i)? == close {
        return (ws(s, i + 1) == s.len()).then_some(out);
    }
    loop {
        let key = if open == b'{' {
            let end = value_end(s, i)?;
            let key: String = de(s.get(i..end)?)?;
            i = ws(s, end);
            if *b.get(i)? != b':' {
                return None;
            }
            i = ws(s, i + 1);
            Some(key)
        } else {
            None
        };
        let end = value_end(s, i)?;
        out.push((key, s.get(i..end)?));
        i = ws(s, end);
        match *b.get(i)? {
            b',' => i = ws(s, i + 1),
            c if c == close => return (ws(s, i + 1) == s.len()).then_some(out),
            _ => return None,
        }
    }
}

/// A leaf (or a small value) read by serde_json, as the derived code read it.
fn de<T: DeserializeOwned>(raw: &str) -> Option<T> {
    serde_json::from_str(raw).ok()
}

/// The items of an array, each read by `f`.
fn list<T>(raw: &str, f: impl Fn(&str) -> Option<T>) -> Option<Vec<T>> {
    members(raw, b'[', b']')?
        .into_iter()
        .map(|(_, v)| f(v))
        .collect()
}

fn is_null(raw: &str) -> bool {
    raw.trim() == "null"
}

/// An object's members by key.
struct Obj<'a>(Vec<(Option<String>, &'a str)>);

impl<'a> Obj<'a> {
    fn new(raw: &'a str) -> Option<Obj<'a>> {
        members(raw, b'{', b'}').map(Obj)
    }

    fn raw(&self, key: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(k, _)| k.as_deref() == Some(key))
            .map(|(_, v)| *v)
    }

    /// A required field.
    fn get<T: DeserializeOwned>(&self, key: &str) -> Option<T> {
        de(self.raw(key)?)
    }

    /// A field that may be absent (an `Option`, or a `#[serde(default)]` one).
    fn or_default<T: DeserializeOwned + Default>(&self, key: &str) -> Option<T> {
        match self.raw(key) {
            None => Some(T::default()),
            Some(v) => de(v),
        }
    }

    /// A required field read by `f`.
    fn with<T>(&self, key: &str, f: impl Fn(&str) -> Option<T>) -> Option<T> {
        f(self.raw(key)?)
    }

    /// An optional field read by `f` (absent or null: none).
    fn opt_with<T>(&self, key: &str, f: impl Fn(&str) -> Option<T>) -> Option<Option<T>> {
        match self.raw(key) {
            None => Some(None),
            Some(v) if is_null(v) => Some(None),
            Some(v) => f(v).map(Some),
        }
    }
}

fn shared(v: Vec<String>) -> Vec<Arc<str>> {
    v.into_iter().map(Arc::from).collect()
}

/// A unit variant's name (`"tasks"`) as the variant that serde writes so.
fn variant<T: Copy>(raw: &str, all: &[(&str, T)]) -> Option<T> {
    let name: String = de(raw)?;
    all.iter().find(|(k, _)| *k == name).map(|(_, v)| *v)
}

fn script(raw: &str) -> Option<Script> {
    variant(
        raw,
        &[
            ("simplified", Script::Simplified),
            ("traditional", Script::Traditional),
            ("mixed", Script::Mixed),
        ],
    )
}

fn section_kind(raw: &str) -> Option<SectionKind> {
    use SectionKind::*;
    variant(
        raw,
        &[
            ("background", Background),
            ("principles", Principles),
            ("goals", Goals),
            ("tasks", Tasks),
            ("projects", Projects),
            ("safeguards", Safeguards),
            ("other", Other),
        ],
    )
}

fn basis(raw: &str) -> Option<Basis> {
    use Basis::*;
    let all = [
        Note,
        LabelLine,
        TableRow,
        AnnexRow,
        Inherited,
        DutyParagraph,
        NoUnits,
    ];
    let name: String = de(raw)?;
    all.into_iter().find(|b| b.key() == name)
}

fn stage(raw: &str) -> Option<Stage> {
    use Stage::*;
    variant(
        raw,
        &[
            ("reading", Reading),
            ("pdf", Pdf),
            ("decoding", Decoding),
            ("analyzing", Analyzing),
            ("sending", Sending),
        ],
    )
}

fn meta(raw: &str) -> Option<Meta> {
    let o = Obj::new(raw)?;
    Some(Meta {
        title: o.or_default("title")?,
        issuer: o.or_default("issuer")?,
        doc_number: o.or_default("doc_number")?,
        date: o.or_default("date")?,
        date_text: o.or_default("date_text")?,
        recipients: o.get("recipients")?,
        script: o.with("script", script)?,
        year: o.or_default("year")?,
    })
}

fn source(raw: &str) -> Option<SourceInfo> {
    let o = Obj::new(raw)?;
    Some(SourceInfo {
        name: o.or_default("name")?,
        format: o.get("format")?,
        encoding: o.or_default("encoding")?,
        warnings: o.get("warnings")?,
        chars: o.get("chars")?,
    })
}

fn outline_node(raw: &str) -> Option<OutlineNode> {
    let o = Obj::new(raw)?;
    Some(OutlineNode {
        id: o.get("id")?,
        marker: o.get("marker")?,
        title: o.get("title")?,
        level: o.get("level")?,
        kind: o.with("kind", section_kind)?,
        span: o.get("span")?,
        heading_span: o.get("heading_span")?,
        children: o.with("children", |v| list(v, outline_node))?,
    })
}

fn deadline(raw: &str) -> Option<Deadline> {
    let o = Obj::new(raw)?;
    Some(Deadline {
        text: o.get("text")?,
        date: o.or_default("date")?,
    })
}

fn measure(raw: &str) -> Option<Measure> {
    let o = Obj::new(raw)?;
    Some(Measure {
        id: o.get("id")?,
        section: o.get("section")?,
        path: shared(o.get("path")?),
        section_kind: o.with("section_kind", section_kind)?,
        title: o.or_default("title")?,
        text: o.get("text")?,
        lead: shared(o.get("lead")?),
        support: shared(o.get("support")?),
        deadline: o.opt_with("deadline", deadline)?,
        span: o.get("span")?,
        note_span: o.or_default("note_span")?,
        basis: match o.raw("basis") {
            None => Basis::default(),
            Some(v) => basis(v)?,
        },
        edited: o.or_default("edited")?,
    })
}

fn unit(raw: &str) -> Option<UnitEntry> {
    let o = Obj::new(raw)?;
    Some(UnitEntry {
        name: o.get("name")?,
        lead: o.get("lead")?,
        support: o.get("support")?,
    })
}

fn warning(raw: &str) -> Option<Warning> {
    let o = Obj::new(raw)?;
    Some(Warning {
        kind: o.get("kind")?,
        message: o.get("message")?,
        span: o.get("span")?,
    })
}

/// An analysis from its JSON text (as `serde_json::to_string` of it writes it).
pub fn analysis(json: &str) -> Option<Analysis> {
    let o = Obj::new(json)?;
    Some(Analysis {
        schema: o.get("schema")?,
        meta: o.with("meta", meta)?,
        source: o.with("source", source)?,
        outline: o.with("outline", |v| list(v, outline_node))?,
        measures: o.with("measures", |v| list(v, measure))?,
        targets: o.with("targets", |v| list(v, de))?,
        units: o.with("units", |v| list(v, unit))?,
        warnings: o.with("warnings", |v| list(v, warning))?,
        unit_variants: o.or_default("unit_variants")?,
    })
}

/// A reply other than `done` and `file` (which the page takes apart itself), from
/// its JSON text: `"booted"` or `{"variant":{fields}}`, as serde writes `Reply`.
pub fn small_reply(json: &str) -> Option<Reply> {
    if let Some(name) = de::<String>(json) {
        return (name == "booted").then_some(Reply::Booted);
    }
    let o = Obj::new(json)?;
    let [(Some(tag), inner)] = o.0.as_slice() else {
        return None;
    };
    let f = Obj::new(inner)?;
    Some(match tag.as_str() {
        "boot_failed" => Reply::BootFailed {
            message: f.get("message")?,
        },
        "crashed" => Reply::Crashed {
            message: f.get("message")?,
        },
        "stage" => Reply::Stage {
            id: f.get("id")?,
            stage: f.with("stage", stage)?,
        },
        "target" => Reply::Target {
            id: f.get("id")?,
            target: f.or_default("target")?,
        },
        "failed" => Reply::Failed {
            id: f.get("id")?,
            message: f.get("message")?,
        },
        _ => return None,
    })
}

/// An externally tagged enum's variant: `{"tag":inner}` as (tag, inner text).
fn tagged(raw: &str) -> Option<(String, &str)> {
    let o = Obj::new(raw)?;
    match o.0.as_slice() {
        [(Some(tag), inner)] => Some((tag.clone(), *inner)),
        _ => None,
    }
}

fn row_id(raw: &str) -> Option<RowId> {
    let (tag, inner) = tagged(raw)?;
    let id: String = de(inner)?;
    match tag.as_str() {
        "measure" => Some(RowId::Measure(id)),
        "target" => Some(RowId::Target(id)),
        _ => None,
    }
}

fn measure_field(raw: &str) -> Option<MeasureField> {
    let (tag, v) = tagged(raw)?;
    Some(match tag.as_str() {
        "task" => MeasureField::Task(de(v)?),
        "lead" => MeasureField::Lead(de(v)?),
        "support" => MeasureField::Support(de(v)?),
        "deadline" => MeasureField::Deadline(de(v)?),
        _ => return None,
    })
}

fn target_field(raw: &str) -> Option<TargetField> {
    let (tag, v) = tagged(raw)?;
    Some(match tag.as_str() {
        "indicator" => TargetField::Indicator(de(v)?),
        "value" => {
            let o = Obj::new(v)?;
            TargetField::Value {
                value: o.get("value")?,
                max: o.or_default("max")?,
            }
        }
        "comparator" => TargetField::Comparator(de(v)?),
        "unit" => TargetField::Unit(de(v)?),
        "year" => TargetField::Year(de(v)?),
        _ => return None,
    })
}

fn op(raw: &str) -> Option<Op> {
    let (tag, v) = tagged(raw)?;
    let o = Obj::new(v)?;
    Some(match tag.as_str() {
        "measure" => Op::Measure {
            id: o.get("id")?,
            field: o.with("field", measure_field)?,
        },
        "target" => Op::Target {
            id: o.get("id")?,
            field: o.with("field", target_field)?,
        },
        "delete" => Op::Delete {
            row: o.with("row", row_id)?,
        },
        "restore" => Op::Restore {
            row: o.with("row", row_id)?,
        },
        "split" => Op::Split {
            id: o.get("id")?,
            at: o.get("at")?,
        },
        "merge" => Op::Merge {
            id: o.get("id")?,
            next: o.get("next")?,
        },
        "add_measure" => Op::AddMeasure {
            span: o.get("span")?,
            text: o.get("text")?,
        },
        "add_target" => Op::AddTarget {
            span: o.get("span")?,
            text: o.get("text")?,
            found: o.or_default("found")?,
        },
        "not_target" => Op::NotTarget { id: o.get("id")? },
        _ => return None,
    })
}

fn edit(raw: &str) -> Option<Edit> {
    let o = Obj::new(raw)?;
    Some(Edit {
        op: o.with("op", op)?,
        anchors: match o.raw("anchors") {
            None => vec![],
            Some(v) => list(v, |a| {
                let a = Obj::new(a)?;
                Some(Anchor {
                    row: a.with("row", row_id)?,
                    text: a.get("text")?,
                })
            })?,
        },
        seq: o.get("seq")?,
    })
}

/// A document's stored corrections (as `serde_json::to_string` of them writes them).
pub fn corrections(json: &str) -> Option<Corrections> {
    let o = Obj::new(json)?;
    let edits = |key: &str| match o.raw(key) {
        None => Some(vec![]),
        Some(v) => list(v, edit),
    };
    Some(Corrections {
        edits: o.with("edits", |v| list(v, edit))?,
        undone: edits("undone")?,
        next_seq: o.or_default("next_seq")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use planlens_core::{Comparator, Target, YearBasis};

    fn round_trip(a: &Analysis) {
        let json = serde_json::to_string(a).unwrap();
        assert_eq!(analysis(&json).as_ref(), Some(a));
        // pretty (whitespace between tokens) reads the same
        let pretty = serde_json::to_string_pretty(a).unwrap();
        assert_eq!(analysis(&pretty).as_ref(), Some(a));
    }

    /// Analyses of the sample and of every fixture the core decodes (text in
    /// several encodings, .docx, .odt, .html, …: each format's source info).
    fn plans() -> Vec<Analysis> {
        let mut out = vec![planlens_core::analyze(crate::jobs::SAMPLE)];
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let (Ok(bytes), Some(name)) = (std::fs::read(&p), p.file_name()) else {
                continue;
            };
            if let Ok(a) = planlens_core::analyze_bytes(&bytes, &name.to_string_lossy()) {
                out.push(a);
            }
        }
        assert!(out.len() > 10, "fixtures not found: {}", out.len());
        out
    }

    #[test]
    fn analyses_of_plans_read_as_serde_wrote_them() {
        for a in plans() {
            round_trip(&a);
        }
        round_trip(&planlens_core::analyze(""));
    }

    fn target() -> Target {
        Target {
            id: "t1".into(),
            text: "到2025年，覆盖率达到95.5%以上".into(),
            indicator: "覆盖率".into(),
            value: 95.5,
            value_max: Some(1e-7),
            unit: "%".into(),
            comparator: Comparator::AtLeast,
            year: Some(2025),
            year_basis: YearBasis::PlanPeriod,
            measure: Some("m1".into()),
            section: "一、".into(),
            span: [3, 9],
            edited: true,
        }
    }

    /// Every field set to something that is not its default, every list non-empty.
    fn full() -> Analysis {
        let node = |id: &str, children| OutlineNode {
            id: id.into(),
            marker: "一、".into(),
            title: "主要\"任务\"\n\\ {[,:]}".into(),
            level: 1,
            kind: SectionKind::Safeguards,
            span: [0, 10],
            heading_span: [0, 4],
            children,
        };
        Analysis {
            schema: planlens_core::SCHEMA.into(),
            meta: Meta {
                title: Some("标题\u{1F600}\u{0}".into()),
                issuer: Some("区政府".into()),
                doc_number: Some("沪府〔2024〕1号".into()),
                date: Some("2024-01-02".into()),
                date_text: Some("2024年1月2日".into()),
                recipients: vec!["各区".into()],
                script: Script::Mixed,
                year: Some(-1),
            },
            source: SourceInfo {
                name: Some("方案.docx".into()),
                format: "docx".into(),
                encoding: Some("gbk".into()),
                warnings: vec!["警告".into()],
                chars: 123_456,
            },
            outline: vec![node("s1", vec![node("s1.1", vec![])])],
            measures: vec![Measure {
                id: "m1".into(),
                section: "一、".into(),
                path: vec![Arc::from("一、主要任务")],
                section_kind: SectionKind::Tasks,
                title: Some("小标题".into()),
                text: "推进\t工作。".into(),
                lead: vec![Arc::from("区发改委")],
                support: vec![Arc::from("区财政局"), Arc::from("各街道")],
                deadline: Some(Deadline {
                    text: "2025年底前".into(),
                    date: Some("2025-12".into()),
                }),
                span: [usize::MAX >> 12, 1 << 40],
                note_span: Some([5, 6]),
                basis: Basis::DutyParagraph,
                edited: true,
            }],
            targets: vec![target()],
            units: vec![UnitEntry {
                name: "区发改委".into(),
                lead: vec!["m1".into()],
                support: vec!["m2".into()],
            }],
            warnings: vec![Warning {
                kind: "missing_owner".into(),
                message: "提示".into(),
                span: [1, 2],
            }],
            unit_variants: vec![vec!["区发改委".into(), "区发展改革委".into()]],
        }
    }

    /// No null, no empty list, no `false` anywhere: a field added to the model is
    /// then set in `full()`, and the round trip fails until it is read here.
    fn all_set(v: &serde_json::Value, path: &str) {
        match v {
            serde_json::Value::Null => panic!("{path} is null: set it in full()"),
            serde_json::Value::Bool(false) => panic!("{path} is false: set it in full()"),
            serde_json::Value::Array(a) => {
                // an outline leaf's children may be empty; nothing else may
                assert!(
                    !a.is_empty() || path.ends_with(".children"),
                    "{path} is empty: fill it in full()"
                );
                for (i, x) in a.iter().enumerate() {
                    all_set(x, &format!("{path}[{i}]"));
                }
            }
            serde_json::Value::Object(o) => {
                for (k, x) in o {
                    all_set(x, &format!("{path}.{k}"));
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_field_of_the_model_is_read() {
        let a = full();
        all_set(&serde_json::to_value(&a).unwrap(), "analysis");
        round_trip(&a);
        // each default: every Basis, SectionKind and Script is read
        for b in [
            Basis::Note,
            Basis::LabelLine,
            Basis::TableRow,
            Basis::AnnexRow,
            Basis::Inherited,
            Basis::DutyParagraph,
            Basis::NoUnits,
        ] {
            let mut a = full();
            a.measures[0].basis = b;
            a.measures[0].deadline = None;
            a.measures[0].note_span = None;
            a.meta = Meta::default();
            round_trip(&a);
        }
        for k in [
            SectionKind::Background,
            SectionKind::Principles,
            SectionKind::Goals,
            SectionKind::Tasks,
            SectionKind::Projects,
            SectionKind::Safeguards,
            SectionKind::Other,
        ] {
            let mut a = full();
            a.outline[0].kind = k;
            a.measures[0].section_kind = k;
            round_trip(&a);
        }
        for s in [Script::Simplified, Script::Traditional, Script::Mixed] {
            let mut a = full();
            a.meta.script = s;
            round_trip(&a);
        }
    }

    #[test]
    fn fields_with_defaults_may_be_absent_and_required_ones_may_not() {
        let a = full();
        let mut v = serde_json::to_value(&a).unwrap();
        v["measures"][0].as_object_mut().unwrap().remove("basis");
        v["measures"][0].as_object_mut().unwrap().remove("edited");
        v["measures"][0].as_object_mut().unwrap().remove("deadline");
        v.as_object_mut().unwrap().remove("unit_variants");
        let back = analysis(&v.to_string()).unwrap();
        assert_eq!(back.measures[0].basis, Basis::NoUnits);
        assert!(!back.measures[0].edited && back.measures[0].deadline.is_none());
        assert!(back.unit_variants.is_empty());
        for key in ["schema", "meta", "measures", "targets"] {
            let mut v = serde_json::to_value(&a).unwrap();
            v.as_object_mut().unwrap().remove(key);
            assert_eq!(analysis(&v.to_string()), None, "{key}");
        }
        let mut v = serde_json::to_value(&a).unwrap();
        v["measures"][0].as_object_mut().unwrap().remove("text");
        assert_eq!(analysis(&v.to_string()), None);
        v = serde_json::to_value(&a).unwrap();
        v["measures"][0]["section_kind"] = "unknown".into();
        assert_eq!(analysis(&v.to_string()), None);
    }

    #[test]
    fn text_that_is_not_an_analysis_reads_as_none() {
        let json = serde_json::to_string(&full()).unwrap();
        for cut in (0..json.len())
            .step_by(7)
            .filter(|i| json.is_char_boundary(*i))
        {
            assert_eq!(analysis(&json[..cut]), None, "{cut}");
        }
        for s in [
            "",
            "{",
            "}",
            "[]",
            "null",
            "\"",
            "{\"a\":}",
            "[[[[",
            "]]]]",
            "{\"schema\"}",
        ] {
            assert_eq!(analysis(s), None, "{s}");
        }
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert_eq!(analysis(&deep), None);
        assert!(value_end(&deep, 0).is_some());
    }

    #[test]
    fn small_replies_read_as_serde_wrote_them() {
        let replies = [
            Reply::Booted,
            Reply::BootFailed {
                message: "无法\"启动\"".into(),
            },
            Reply::Crashed {
                message: "unreachable".into(),
            },
            Reply::Stage {
                id: 3,
                stage: Stage::Reading,
            },
            Reply::Stage {
                id: 3,
                stage: Stage::Pdf,
            },
            Reply::Stage {
                id: 3,
                stage: Stage::Decoding,
            },
            Reply::Stage {
                id: 3,
                stage: Stage::Analyzing,
            },
            Reply::Stage {
                id: 3,
                stage: Stage::Sending,
            },
            Reply::Target {
                id: 4,
                target: Some(Box::new(target())),
            },
            Reply::Target {
                id: 4,
                target: None,
            },
            Reply::Failed {
                id: u32::MAX,
                message: "失败".into(),
            },
        ];
        for r in replies {
            let json = serde_json::to_string(&r).unwrap();
            assert_eq!(small_reply(&json), Some(r.clone()), "{json}");
            // serde-wasm-bindgen writes None as undefined: JSON.stringify leaves it out
            let json = json.replace(",\"target\":null", "");
            assert_eq!(small_reply(&json), Some(r), "{json}");
        }
        for s in [
            "\"other\"",
            "{}",
            "{\"stage\":{\"id\":1}}",
            "{\"a\":{},\"b\":{}}",
            "7",
        ] {
            assert_eq!(small_reply(s), None, "{s}");
        }
    }

    /// Every op and field variant, every optional field set.
    fn all_corrections() -> Corrections {
        let ops = vec![
            Op::Measure {
                id: "m1".into(),
                field: MeasureField::Task("任务\"一\"".into()),
            },
            Op::Measure {
                id: "m1".into(),
                field: MeasureField::Lead(vec!["区发改委".into()]),
            },
            Op::Measure {
                id: "m1".into(),
                field: MeasureField::Support(vec!["甲".into(), "乙".into()]),
            },
            Op::Measure {
                id: "m1".into(),
                field: MeasureField::Deadline("2025年".into()),
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Indicator("覆盖率".into()),
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Value {
                    value: 12.5,
                    max: Some(20.0),
                },
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Value {
                    value: -0.1,
                    max: None,
                },
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Comparator(Comparator::Range),
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Unit("%".into()),
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Year(Some(2030)),
            },
            Op::Target {
                id: "t1".into(),
                field: TargetField::Year(None),
            },
            Op::Delete {
                row: RowId::Measure("m2".into()),
            },
            Op::Restore {
                row: RowId::Target("t2".into()),
            },
            Op::Split {
                id: "m3".into(),
                at: 7,
            },
            Op::Merge {
                id: "m3".into(),
                next: "m4".into(),
            },
            Op::AddMeasure {
                span: [1, 5],
                text: "新增".into(),
            },
            Op::AddTarget {
                span: [2, 6],
                text: "达到95%".into(),
                found: Some(Box::new(target())),
            },
            Op::AddTarget {
                span: [2, 6],
                text: "达到95%".into(),
                found: None,
            },
            Op::NotTarget { id: "t3".into() },
        ];
        let edit = |(i, op): (usize, Op)| Edit {
            op,
            anchors: vec![
                Anchor {
                    row: RowId::Measure("m1".into()),
                    text: "原文".into(),
                },
                Anchor {
                    row: RowId::Target("t1".into()),
                    text: String::new(),
                },
            ],
            seq: i as u32 + 1,
        };
        Corrections {
            edits: ops.clone().into_iter().enumerate().map(edit).collect(),
            undone: ops.into_iter().rev().enumerate().map(edit).collect(),
            next_seq: 40,
        }
    }

    #[test]
    fn stored_corrections_read_as_serde_wrote_them() {
        let c = all_corrections();
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(corrections(&json), Some(c.clone()));
        // what an earlier version stored: no undone, no next_seq, no anchors
        let mut v = serde_json::to_value(&c).unwrap();
        let o = v.as_object_mut().unwrap();
        o.remove("undone");
        o.remove("next_seq");
        o["edits"][0].as_object_mut().unwrap().remove("anchors");
        let back = corrections(&v.to_string()).unwrap();
        assert!(back.undone.is_empty() && back.next_seq == 0 && back.edits[0].anchors.is_empty());
        assert_eq!(back.edits[1..], c.edits[1..]);
        assert_eq!(
            corrections(&serde_json::to_string(&Corrections::default()).unwrap()),
            Some(Corrections::default())
        );
        for bad in [
            "",
            "{}",
            "{\"edits\":[{\"op\":{\"other\":{}},\"seq\":1}]}",
            "{\"edits\":[{\"op\":{\"delete\":{\"row\":{\"x\":\"m\"}}},\"seq\":1}]}",
        ] {
            assert_eq!(corrections(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_field_of_the_corrections_is_read() {
        // no null, no empty list, no false: a field added later is set here and
        // then fails the round trip until it is read
        let mut c = all_corrections();
        c.edits.retain(|e| {
            !matches!(
                e.op,
                Op::AddTarget { found: None, .. }
                    | Op::Target {
                        field: TargetField::Year(None) | TargetField::Value { max: None, .. },
                        ..
                    }
            )
        });
        c.undone.clear();
        c.undone.push(c.edits[0].clone());
        all_set(&serde_json::to_value(&c).unwrap(), "corrections");
        assert_eq!(corrections(&serde_json::to_string(&c).unwrap()), Some(c));
    }
}
