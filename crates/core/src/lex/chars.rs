//! Word tests on char slices, without allocating (they run at every position).

/// `w` stands in `s` at `at`.
pub fn starts_at(s: &[char], at: usize, w: &str) -> bool {
    (at..).zip(w.chars()).all(|(i, c)| s.get(i) == Some(&c))
}

/// `w` ends in `s` just before `end`.
pub fn ends_at(s: &[char], end: usize, w: &str) -> bool {
    let n = w.chars().count();
    end >= n && end <= s.len() && starts_at(s, end - n, w)
}

/// Where `w` first stands in `s`.
pub fn find(s: &[char], w: &str) -> Option<usize> {
    (0..s.len()).find(|&i| starts_at(s, i, w))
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
    }
}
