//! Word tests on char slices, without allocating (they run at every position).

/// `w` stands in `s` at `at`.
pub fn starts_at(s: &[char], at: usize, w: &str) -> bool {
    let mut rest = s.get(at..).unwrap_or(&[]).iter();
    // Compared char by char as `w` is decoded: most positions fail at the first char.
    w.chars().all(|c| rest.next() == Some(&c))
}

/// `w` ends in `s` just before `end`.
pub fn ends_at(s: &[char], end: usize, w: &str) -> bool {
    let Some(head) = s.get(..end) else {
        return false;
    };
    // Compared from the last char back, without counting `w`'s chars first.
    let mut rest = head.iter().rev();
    w.chars().rev().all(|c| rest.next() == Some(&c))
}

/// Where `w` first stands in `s`.
pub fn find(s: &[char], w: &str) -> Option<usize> {
    let mut word = w.chars();
    let Some(first) = word.next() else {
        // The empty word stands at the start (of a non-empty text, as before).
        return (!s.is_empty()).then_some(0);
    };
    let tail = word.as_str();
    // A scan for the first char, the rest compared only where it stands.
    s.iter()
        .enumerate()
        .filter(|(_, c)| **c == first)
        .map(|(i, _)| i)
        .find(|&i| starts_at(s, i + 1, tail))
}

/// The chars as a string, allocated once at its size (collecting chars into a string
/// reserves a byte a char, and regrows for text that takes three).
pub fn string<'a>(chars: impl IntoIterator<Item = &'a char, IntoIter: Clone>) -> String {
    let chars = chars.into_iter();
    let mut out = String::with_capacity(chars.clone().map(|c| c.len_utf8()).sum());
    out.extend(chars);
    out
}

/// Whether any of `words` stands in `s`: one pass over `s`, the words tried only
/// where a char one of them starts with stands (a 64-bit set of their first chars).
pub fn contains_any(s: &[char], words: &[&str]) -> bool {
    let bit = |c: char| 1u64 << (c as u32 % 64);
    let firsts = words
        .iter()
        .filter_map(|w| w.chars().next())
        .fold(0u64, |m, c| m | bit(c));
    if words.iter().any(|w| w.is_empty()) {
        // The empty word stands in any text but the empty one (as `contains` says).
        return !s.is_empty();
    }
    s.iter().enumerate().any(|(i, &c)| {
        firsts & bit(c) != 0
            && words.iter().any(|w| {
                let mut word = w.chars();
                word.next() == Some(c) && starts_at(s, i + 1, word.as_str())
            })
    })
}

pub fn contains(s: &[char], w: &str) -> bool {
    find(s, w).is_some()
}

/// A CJK unified ideograph (the block where plan text lives).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tests() {
        let s: Vec<char> = "到2020年底前".chars().collect();
        assert!(starts_at(&s, 1, "2020年"));
        assert!(!starts_at(&s, 5, "年底前后"));
        assert!(ends_at(&s, s.len(), "底前"));
        assert_eq!(find(&s, "年底"), Some(5));
        assert!(!contains(&s, "月"));
        assert_eq!(find(&s, "底前后"), None, "a word running past the end");
        assert!(ends_at(&s, 3, "到20"));
        assert!(
            !ends_at(&s, 2, "到20"),
            "a word longer than the text before `end`"
        );
        assert!(!ends_at(&s, s.len() + 1, "前"), "`end` past the text");
        assert!(!starts_at(&s, s.len() + 1, "前"));
        assert!(starts_at(&s, s.len(), ""));
        assert_eq!(find(&s, ""), Some(0));
        assert_eq!(find(&[], ""), None);
        assert_eq!(string(&s), "到2020年底前");
        assert!(contains_any(&s, &["月", "年底"]));
        assert!(!contains_any(&s, &["月", "年初", "底前后"]));
        assert!(!contains_any(&s, &[]));
        assert!(contains_any(&s, &[""]));
        assert!(!contains_any(&[], &[""]));
        assert_eq!(string(&s).capacity(), "到2020年底前".len());
    }
}
