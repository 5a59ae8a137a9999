//! Spans for JS hosts: the analysis' spans count chars (Unicode scalar values),
//! JavaScript strings count UTF-16 code units. The JS API (src/api.rs) adds `span16` (and
//! `note_span16` on measures) beside every `span`, so that
//! `text.slice(span16[0], span16[1])` is the passage even after a character outside
//! the BMP (𠀀, an emoji), which is one char but two code units.

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

/// A char span as UTF-16 code units (offsets past the end clamp to it).
pub fn convert(offsets: &[usize], span: [usize; 2]) -> [usize; 2] {
    let end = offsets.last().copied().unwrap_or(0);
    let at = |c: usize| offsets.get(c).copied().unwrap_or(end);
    [at(span[0]), at(span[1])]
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
        let offsets = offsets(text);
        let by_chars =
            |s: [usize; 2]| -> String { text.chars().skip(s[0]).take(s[1] - s[0]).collect() };
        let m = &a.measures[0];
        let s16 = convert(&offsets, m.span);
        assert_eq!(js_slice(text, s16[0], s16[1]), by_chars(m.span));
        assert_eq!(s16[0], m.span[0] + 2, "two astral chars before it");
        let note = m.note_span.unwrap();
        let n16 = convert(&offsets, note);
        assert!(js_slice(text, n16[0], n16[1]).contains("区科委"));
        let t = &a.targets[0];
        let t16 = convert(&offsets, t.span);
        assert_eq!(js_slice(text, t16[0], t16[1]), by_chars(t.span));
        assert!(by_chars(t.span).contains("10家"));
        assert_eq!(
            convert(&offsets, [0, 999]),
            [0, text.encode_utf16().count()],
            "clamped"
        );
    }

    #[test]
    fn offsets_count_code_units() {
        assert_eq!(offsets("a𠀀b"), vec![0, 1, 3, 4]);
        assert_eq!(offsets(""), vec![0]);
    }
}
