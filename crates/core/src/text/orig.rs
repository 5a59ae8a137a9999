//! The original text, indexed by char offset (what spans count) while stored as
//! UTF-8: a hanzi is 3 bytes here instead of the 4 of a `char`, and the decoded
//! string is kept as it is, not copied. A byte offset every [`STEP`] chars makes
//! any offset a short walk away.

/// Chars between two recorded byte offsets.
const STEP: usize = 64;

#[derive(Debug, Clone, Default)]
pub struct Orig {
    text: String,
    /// Byte offset of char `k * STEP`, for every k.
    marks: Vec<usize>,
    len: usize,
}

impl Orig {
    pub fn new(mut text: String) -> Self {
        // Kept through the whole analysis: no spare room.
        text.shrink_to_fit();
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let mut len = 0;
        for (b, _) in text.char_indices() {
            if len % STEP == 0 {
                marks.push(b);
            }
            len += 1;
        }
        marks.shrink_to_fit();
        Orig { text, marks, len }
    }

    /// Length in chars.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Byte offset of char `i` (the text's byte length at or past the end).
    fn byte_at(&self, i: usize) -> usize {
        if i >= self.len {
            return self.text.len();
        }
        let Some(&from) = self.marks.get(i / STEP) else {
            return self.text.len();
        };
        self.walk(from, i % STEP)
    }

    /// The byte offset `n` chars after byte offset `from` (a char boundary), stepping
    /// over whole chars by their lead byte's width (the text is valid UTF-8).
    fn walk(&self, from: usize, n: usize) -> usize {
        let b = self.text.as_bytes();
        let mut j = from;
        for _ in 0..n {
            j += match b.get(j) {
                Some(0..=0x7F) => 1,
                Some(0xC0..=0xDF) => 2,
                Some(0xE0..=0xEF) => 3,
                Some(_) => 4,
                None => return self.text.len(),
            };
        }
        j.min(self.text.len())
    }

    /// Char `i`.
    pub fn get(&self, i: usize) -> Option<char> {
        if i >= self.len {
            return None;
        }
        self.text.get(self.byte_at(i)..)?.chars().next()
    }

    /// Chars `a..b` (clamped to the text).
    pub fn slice(&self, a: usize, b: usize) -> &str {
        let b = b.min(self.len);
        let a = a.min(b);
        let from = self.byte_at(a);
        // A short slice (a title, a unit name) is walked from its start.
        let to = if b - a <= STEP {
            self.walk(from, b - a)
        } else {
            self.byte_at(b)
        };
        self.text.get(from..to).unwrap_or_default()
    }

    /// Every char, in order.
    pub fn chars(&self) -> std::str::Chars<'_> {
        self.text.chars()
    }

    /// The chars before offset `i`, nearest first.
    pub fn before(&self, i: usize) -> std::iter::Rev<std::str::Chars<'_>> {
        self.slice(0, i).chars().rev()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_the_chars_do() {
        // Mixed widths (1-, 2-, 3- and 4-byte chars) across several steps.
        let s: String = "一、a总体é要求𠀀;\n".repeat(40);
        let chars: Vec<char> = s.chars().collect();
        let o = Orig::new(s.clone());
        assert_eq!(o.len(), chars.len());
        assert_eq!(o.as_str(), s);
        for (i, &c) in chars.iter().enumerate() {
            assert_eq!(o.get(i), Some(c), "char {i}");
        }
        assert_eq!(o.get(chars.len()), None);
        for (a, b) in [
            (0, 0),
            (0, 5),
            (3, 70),
            (63, 65),
            (64, 128),
            (100, 10_000),
            (9, 3),
        ] {
            let want: String = chars.iter().take(b.min(chars.len())).skip(a).collect();
            assert_eq!(o.slice(a, b), want, "{a}..{b}");
        }
        let back: String = o.before(70).collect();
        let want: String = chars[..70].iter().rev().collect();
        assert_eq!(back, want);
        assert_eq!(Orig::new(String::new()).len(), 0);
        assert_eq!(Orig::new(String::new()).get(0), None);
    }
}
