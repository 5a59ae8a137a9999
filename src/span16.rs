//! Spans for JS hosts: the analysis' spans count chars (Unicode scalar values),
//! JavaScript strings count UTF-16 code units. The JS API adds `span16` (and
//! `note_span16` on measures) beside every `span`, so that
//! `text.slice(span16[0], span16[1])` is the passage even after a character outside
//! the BMP (𠀀, an emoji), which is one char but two code units.

use planlens_core::Analysis;
use serde_json::Value;

/// The UTF-16 offset of every char offset of `text`, and of its end.
pub fn offsets(text: &str) -> Vec<usize> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let mut at = 0;
    for c in text.chars() {
        out.push(at);
        at += c.len_utf16();
    }
    out.push(at);
    out
}

fn span16(offsets: &[usize], span: &Value) -> Value {
    let at = |i: usize| {
        span.get(i)
            .and_then(Value::as_u64)
            .map(|c| c as usize)
            .and_then(|c| offsets.get(c).or(offsets.last()).copied())
    };
    match (at(0), at(1)) {
        (Some(a), Some(b)) => Value::from(vec![a, b]),
        _ => Value::Null,
    }
}

/// The analysis as JSON (the plan-analysis/1 document) with `span16` beside the
/// spans of measures and targets, counted in `text`, the text the analysis indexes.
pub fn with_span16(a: &Analysis, text: &str) -> Value {
    let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
    let offsets = offsets(text);
    for list in ["measures", "targets"] {
        let Some(items) = v.get_mut(list).and_then(Value::as_array_mut) else {
            continue;
        };
        for item in items {
            let Some(obj) = item.as_object_mut() else {
                continue;
            };
            for (from, to) in [("span", "span16"), ("note_span", "note_span16")] {
                if let Some(span) = obj.get(from) {
                    if !span.is_null() {
                        let s = span16(&offsets, span);
                        obj.insert(to.into(), s);
                    }
                }
            }
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JavaScript's `text.slice(a, b)`: UTF-16 code units.
    fn js_slice(text: &str, a: usize, b: usize) -> String {
        let units: Vec<u16> = text.encode_utf16().collect();
        String::from_utf16_lossy(&units[a..b])
    }

    #[test]
    fn span16_finds_the_passage_after_a_char_outside_the_bmp() {
        let text = "𠀀😀一、主要任务\n（一）加强创新平台建设,到2025年新增研发机构10家。(责任单位:区科委)\n";
        let a = planlens_core::analyze(text);
        assert!(!a.measures.is_empty() && !a.targets.is_empty());
        let v = with_span16(&a, text);
        let m = &v["measures"][0];
        let s16: Vec<usize> = serde_json::from_value(m["span16"].clone()).unwrap();
        let span = a.measures[0].span;
        let by_chars: String = text.chars().skip(span[0]).take(span[1] - span[0]).collect();
        assert_eq!(js_slice(text, s16[0], s16[1]), by_chars);
        assert_eq!(s16[0], span[0] + 2, "two astral chars before it");
        let n16: Vec<usize> = serde_json::from_value(m["note_span16"].clone()).unwrap();
        assert!(js_slice(text, n16[0], n16[1]).contains("区科委"));
        let t = &v["targets"][0];
        let t16: Vec<usize> = serde_json::from_value(t["span16"].clone()).unwrap();
        assert!(js_slice(text, t16[0], t16[1]).contains("10家"));
        // Everything else is the plan-analysis/1 document unchanged.
        assert_eq!(v["schema"], planlens_core::SCHEMA);
        assert_eq!(v["measures"][0]["span"], serde_json::json!(span));
    }

    #[test]
    fn offsets_count_code_units() {
        assert_eq!(offsets("a𠀀b"), vec![0, 1, 3, 4]);
        assert_eq!(offsets(""), vec![0]);
    }
}
