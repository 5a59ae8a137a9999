//! The original text, indexed by char offset (what spans count) while stored as
//! UTF-8: a hanzi is 3 bytes here instead of the 4 of a `char`, and the decoded
//! string is kept as it is, not copied. A byte offset every [`STEP`] chars makes
//! any offset a short walk away.

/// Chars between two recorded byte offsets: 32 (a walk of 16 on average), at 4 bytes
/// a mark, takes the memory 64 took at 8.
const STEP: usize = 32;

#[derive(Debug, Clone, Default)]
pub struct Orig {
    text: String,
    /// Byte offset of char `k * STEP`, for every k (u32: the decoders' limits keep
    /// texts far below 4 GB).
    marks: Vec<u32>,
    len: usize,
}

impl Orig {
    pub fn new(mut text: String) -> Self {
        // Kept through the whole analysis: no spare room.
        text.shrink_to_fit();
        let mut marks = Vec::with_capacity(text.len() / STEP + 1);
        let mut len = 0;
        let mut at = 0;
        // Mark to mark, counting lead bytes instead of decoding chars.
        while at < text.len() {
            marks.push(at as u32);
            let (next, passed) = advance(text.as_bytes(), at, STEP);
            len += passed;
            at = next;
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
        self.walk(from as usize, i % STEP)
    }

    /// The byte offset `n` chars after byte offset `from` (a char boundary; the text's
    /// byte length when fewer chars follow).
    fn walk(&self, from: usize, n: usize) -> usize {
        advance(self.text.as_bytes(), from, n).0
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

/// From byte offset `from` (a char boundary of valid UTF-8), past `n` chars: the byte
/// offset of the next char (or the end) and the number of chars passed (`n` unless the
/// text ends first). Chars are counted by their lead bytes (any byte but 10xxxxxx),
/// eight bytes at a time while a word holds no more leads than are left to pass.
fn advance(b: &[u8], from: usize, n: usize) -> (usize, usize) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x0101_0101_0101_0101;
    let mut j = from;
    let mut left = n;
    while let Some(word) = b.get(j..j + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or_default());
        // A 1 in each byte that continues a char; the multiply sums them in the top byte.
        let continuations = ((w & !(w << 1) & HIGH) >> 7).wrapping_mul(LOW) >> 56;
        let leads = 8 - continuations as usize;
        if leads > left {
            break;
        }
        left -= leads;
        j += 8;
    }
    while let Some(&byte) = b.get(j) {
        if byte & 0xC0 != 0x80 {
            if left == 0 {
                return (j, n);
            }
            left -= 1;
        }
        j += 1;
    }
    (b.len(), n - left)
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
        for n in 0..=chars.len().min(300) {
            let head: String = chars[..n].iter().collect();
            assert_eq!(Orig::new(head).len(), n, "{n} chars");
        }
        assert_eq!(Orig::new(String::new()).len(), 0);
        assert_eq!(Orig::new(String::new()).get(0), None);
    }
}
