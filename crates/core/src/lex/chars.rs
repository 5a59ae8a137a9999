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
/// where a char one of them starts with stands. Each word's first char is decoded once
/// a call, into a 256-bit set by its low byte (most chars of a clause are in no word's
/// first place, and are passed over by one test).
pub fn contains_any(s: &[char], words: &[&str]) -> bool {
    if words.iter().any(|w| w.is_empty()) {
        // The empty word stands in any text but the empty one (as `contains` says).
        return !s.is_empty();
    }
    // (first char, the rest) of each word; the lists passed here are short.
    const ON_STACK: usize = 48;
    let mut heads = [('\0', ""); ON_STACK];
    if words.len() > ON_STACK {
        return words.iter().any(|w| contains(s, w));
    }
    let mut firsts = [0u64; 4];
    let low = |c: char| (c as u32 & 0xFF) as usize;
    for (head, w) in heads.iter_mut().zip(words) {
        let mut cs = w.chars();
        let first = cs.next().unwrap_or('\0');
        *head = (first, cs.as_str());
        firsts[low(first) / 64] |= 1u64 << (low(first) % 64);
    }
    let heads = &heads[..words.len()];
    s.iter().enumerate().any(|(i, &c)| {
        firsts[low(c) / 64] & (1u64 << (low(c) % 64)) != 0
            && heads
                .iter()
                .any(|&(first, rest)| first == c && starts_at(s, i + 1, rest))
    })
}

/// The number written in ASCII digits (and a `.`) that `s` is, read as `str::parse`
/// reads the same text, without building a string for it (`None` where parse fails).
pub fn parse_ascii<T: std::str::FromStr>(s: &[char]) -> Option<T> {
    const ON_STACK: usize = 64;
    if s.len() > ON_STACK {
        return string(s).parse().ok();
    }
    let mut buf = [0u8; ON_STACK];
    for (b, &c) in buf.iter_mut().zip(s) {
        // Any other char makes the text no number.
        *b = u8::try_from(c).ok().filter(u8::is_ascii)?;
    }
    std::str::from_utf8(buf.get(..s.len())?).ok()?.parse().ok()
}

pub fn contains(s: &[char], w: &str) -> bool {
    find(s, w).is_some()
}

/// The chars of `list` in the CJK Unified Ideographs block, as one bit each (built at
/// compile time): [`in_han_bits`] tells a char in or out by one look-up, where a
/// `matches!` of a dozen hanzi compares a dozen times.
pub const fn han_bits(list: &[char]) -> [u64; 328] {
    let mut bits = [0u64; 328];
    let mut k = 0;
    while k < list.len() {
        let u = list[k] as u32;
        if u >= 0x4E00 && u <= 0x9FFF {
            let i = (u - 0x4E00) as usize;
            bits[i / 64] |= 1 << (i % 64);
        }
        k += 1;
    }
    bits
}

/// Whether `c` is one of the hanzi [`han_bits`] was given.
#[inline]
pub fn in_han_bits(bits: &[u64; 328], c: char) -> bool {
    (c as u32).checked_sub(0x4E00).is_some_and(|i| {
        bits.get(i as usize / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    })
}

/// A CJK unified ideograph (the block where plan text lives).
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Whether `c` may be a mark: every punctuation mark, bracket and quote of the matching
/// view lies below U+3400, where the hanzi begin. One compare refuses the hanzi that
/// make up most of a text before a `matches!` over marks is tried.
#[inline(always)]
pub fn may_be_mark(c: char) -> bool {
    (c as u32) < 0x3400
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mark_may_be_a_mark_and_no_hanzi_is() {
        for c in "。,;:!?|()《》“”「」【】〔〕\"、·—…".chars() {
            assert!(may_be_mark(c), "{c}");
        }
        for c in "年五本中㐀".chars() {
            assert!(!may_be_mark(c), "{c}");
        }
    }

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
        const BITS: [u64; 328] = han_bits(&['一', '鿿', '年', 'a', '〇']);
        for c in ['一', '鿿', '年'] {
            assert!(in_han_bits(&BITS, c), "{c}");
        }
        for c in ['二', 'a', '〇', '丁', '\u{A000}', '\0'] {
            assert!(!in_han_bits(&BITS, c), "{c}");
        }
        let many: Vec<String> = (0..60).map(|k| format!("词{k}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(!contains_any(&s, &many));
        assert!(contains_any(&"用词59来".chars().collect::<Vec<_>>(), &many));
        assert!(
            contains_any(&s, &["底前后", "年底"]),
            "a word not first in the list"
        );
    }

    #[test]
    fn numbers_read_as_parse_reads_them() {
        let v = |t: &str| t.chars().collect::<Vec<char>>();
        for t in [
            "2020",
            "0",
            "007",
            "12.5",
            "1.",
            ".5",
            "",
            "4294967296",
            "12a",
            "一",
            "+1",
        ] {
            assert_eq!(parse_ascii::<u32>(&v(t)), t.parse::<u32>().ok(), "{t}");
            assert_eq!(parse_ascii::<f64>(&v(t)), t.parse::<f64>().ok(), "{t}");
            assert_eq!(parse_ascii::<i32>(&v(t)), t.parse::<i32>().ok(), "{t}");
        }
        let long = "1".repeat(70);
        assert_eq!(parse_ascii::<f64>(&v(&long)), long.parse::<f64>().ok());
    }
}
