//! Mojibake: text that decoded without error but is not what was written — UTF-8
//! bytes once read as GBK (杩拌亴鎶ュ憡 for 述职报告) or as Windows-1252 (å¸‚ for 市)
//! and saved again. The test is the pattern itself: written back in the wrong
//! encoding, the text's bytes are valid UTF-8 hanzi, which ordinary Chinese text
//! almost never is. When that gives the text back whole it is used; when pieces
//! were lost (U+FFFD) the file is refused, since analysing garbage helps nobody.

use encoding_rs::{Encoding, GBK, WINDOWS_1252};

/// How much of the text the check reads (the verdict needs a sample, not all).
const SAMPLE_CHARS: usize = 20_000;
/// Fewer non-ASCII chars than this is too little evidence either way.
const MIN_EVIDENCE: usize = 24;

pub(crate) enum Verdict {
    /// Not mojibake (or too little text to tell).
    Clean,
    /// Mojibake that reverses without loss: the text as written.
    Repaired {
        text: String,
        misread_as: &'static str,
    },
    /// Mojibake that lost characters: it cannot be given back.
    Garbled {
        misread_as: &'static str,
        sample: String,
    },
}

pub(crate) fn check(text: &str) -> Verdict {
    let end = text
        .char_indices()
        .nth(SAMPLE_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    for (enc, name) in [(GBK, "GBK"), (WINDOWS_1252, "Windows-1252")] {
        if !misread_as(sample, enc) {
            continue;
        }
        let lost = text.contains('\u{fffd}');
        if !lost {
            if let Some(back) = reverse(text, enc) {
                return Verdict::Repaired {
                    text: back,
                    misread_as: name,
                };
            }
        }
        let sample = text
            .chars()
            .filter(|c| !c.is_ascii() && !c.is_whitespace() && *c != '\u{fffd}')
            .take(8)
            .collect();
        return Verdict::Garbled {
            misread_as: name,
            sample,
        };
    }
    Verdict::Clean
}

/// Whether `sample`, written back in `enc`, reads as UTF-8 hanzi: most of its
/// non-ASCII chars take part, and few bytes are left that are not UTF-8.
fn misread_as(sample: &str, enc: &'static Encoding) -> bool {
    let non_ascii = sample.chars().filter(|c| !c.is_ascii()).count();
    if non_ascii < MIN_EVIDENCE {
        return false;
    }
    // Written back and read a piece at a time, so that the check holds a few KB, not
    // several copies of the sample. Pieces end after an ASCII char: its byte is the same
    // in both encodings and never part of a UTF-8 sequence, so reading the pieces one
    // by one finds what reading them all at once would.
    let (mut hanzi, mut broken) = (0, 0);
    for piece in ascii_cut_pieces(sample, 4096) {
        let (bytes, _, _) = enc.encode(piece);
        let again = String::from_utf8_lossy(&bytes);
        hanzi += again.chars().filter(|&c| is_cjk(c)).count();
        broken += again.chars().filter(|&c| c == '\u{fffd}').count();
    }
    // n misread chars hold about 2n (GBK) or n (1252) bytes, i.e. 2n/3 or n/3 hanzi.
    hanzi * 4 >= non_ascii && broken * 3 <= hanzi
}

/// `s` in pieces of at least `min` bytes (but the last), each ending after an ASCII char.
fn ascii_cut_pieces(s: &str, min: usize) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = rest
            .bytes()
            .enumerate()
            .skip(min)
            .find(|(_, b)| b.is_ascii())
            .map_or(rest.len(), |(i, _)| i + 1);
        let (piece, tail) = rest.split_at(cut);
        rest = tail;
        Some(piece)
    })
}

/// The text written back in `enc` and read as UTF-8, if that is lossless.
fn reverse(text: &str, enc: &'static Encoding) -> Option<String> {
    let (bytes, _, unmappable) = enc.encode(text);
    if unmappable {
        return None;
    }
    String::from_utf8(bytes.into_owned()).ok()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、主要任务\n（一）加快建设创新平台。到2025年，建成市级以上创新平台30个以上。（牵头单位：市科技局；配合单位：市发展改革委、市财政局）\n（二）完善人才政策，落实住房、子女入学等保障措施。";

    fn misread(text: &str, enc: &'static Encoding) -> String {
        enc.decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn chinese_text_is_clean_in_every_script() {
        assert!(matches!(check(PLAN), Verdict::Clean));
        let traditional = "一、主要任務\n（一）加快建設創新平臺。到2025年，建成市級以上創新平臺30個以上。（牽頭單位：市科技局；配合單位：市發展改革委、市財政局）";
        assert!(matches!(check(traditional), Verdict::Clean));
        assert!(matches!(check("short 文本"), Verdict::Clean));
    }

    /// The counts of the whole sample written back at once, as the check did before it
    /// read it in pieces.
    fn counts_at_once(sample: &str, enc: &'static Encoding) -> (usize, usize) {
        let (bytes, _, _) = enc.encode(sample);
        let again = String::from_utf8_lossy(&bytes);
        (
            again.chars().filter(|&c| is_cjk(c)).count(),
            again.chars().filter(|&c| c == '\u{fffd}').count(),
        )
    }

    fn counts_in_pieces(sample: &str, enc: &'static Encoding, min: usize) -> (usize, usize) {
        let mut n = (0, 0);
        let mut joined = String::new();
        for piece in ascii_cut_pieces(sample, min) {
            joined.push_str(piece);
            let (h, b) = counts_at_once(piece, enc);
            n = (n.0 + h, n.1 + b);
        }
        assert_eq!(joined, sample, "the pieces make the sample");
        n
    }

    #[test]
    fn reading_in_pieces_counts_what_reading_at_once_does() {
        let texts = [
            PLAN.repeat(30),
            misread(&PLAN.repeat(30), GBK),
            misread(&PLAN.repeat(30), WINDOWS_1252),
            // Pieces cut after one ASCII char each, and a text with no ASCII at all.
            "甲a乙b丙c".repeat(50),
            "中文没有空格".repeat(400),
        ];
        for t in &texts {
            for enc in [GBK, WINDOWS_1252] {
                for min in [1, 7, 4096] {
                    assert_eq!(
                        counts_in_pieces(t, enc, min),
                        counts_at_once(t, enc),
                        "{} min {min}",
                        enc.name()
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_read_as_gbk_is_given_back_when_nothing_was_lost() {
        // An even number of bytes per run keeps it lossless; build it the way a wrong
        // codec does and check that the round trip is recognised either way.
        let bad = misread(PLAN, GBK);
        match check(&bad) {
            Verdict::Repaired { text, misread_as } => {
                assert_eq!(text, PLAN);
                assert_eq!(misread_as, "GBK");
            }
            Verdict::Garbled { misread_as, .. } => assert_eq!(misread_as, "GBK"),
            Verdict::Clean => panic!("mojibake not seen: {bad}"),
        }
    }

    #[test]
    fn utf8_read_as_windows_1252_is_given_back() {
        let bad = misread(PLAN, WINDOWS_1252);
        match check(&bad) {
            Verdict::Repaired { text, misread_as } => {
                assert_eq!(text, PLAN);
                assert_eq!(misread_as, "Windows-1252");
            }
            _ => panic!("not repaired: {bad}"),
        }
    }

    #[test]
    fn mojibake_with_lost_characters_is_garbled() {
        let bad = misread(PLAN, GBK).replacen(|c: char| !c.is_ascii(), "\u{fffd}", 3);
        assert!(matches!(check(&bad), Verdict::Garbled { .. }));
    }
}
