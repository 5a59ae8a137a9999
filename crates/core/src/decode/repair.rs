//! Text repair: characters that fonts and PDF printers write in place of ordinary
//! hanzi (Kangxi radicals ⾰⽂⽤ for 革文用, radical-supplement forms, CJK
//! compatibility ideographs) are swapped for the hanzi they stand for, one for one,
//! so titles match and spans into the text still hold. The pairs are data:
//! `data/cjk_repair.txt`. Full-width punctuation is left alone (the analysis reads it).

use std::sync::OnceLock;

/// Sorted `(as written, as read)` pairs.
fn pairs() -> &'static [(char, char)] {
    static PAIRS: OnceLock<Vec<(char, char)>> = OnceLock::new();
    PAIRS.get_or_init(|| {
        let mut v: Vec<(char, char)> = include_str!("../../data/cjk_repair.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let mut cs = l.split_whitespace().map(|w| w.chars());
                let from = cs.next()?.next()?;
                let to = cs.next()?.next()?;
                Some((from, to))
            })
            .collect();
        v.sort_unstable();
        v.dedup_by_key(|p| p.0);
        v
    })
}

/// Whether `c` lies in a block that holds stand-in forms (a cheap test first).
fn in_repair_blocks(c: char) -> bool {
    matches!(c as u32, 0x2E80..=0x2FDF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// The hanzi `c` stands for, or `c` itself.
pub fn fold(c: char) -> char {
    if !in_repair_blocks(c) {
        return c;
    }
    let p = pairs();
    match p.binary_search_by_key(&c, |&(from, _)| from) {
        Ok(i) => p[i].1,
        Err(_) => c,
    }
}

/// The text with every stand-in form swapped, and how many were swapped. Borrows
/// nothing new when there is none (the common case).
pub fn repair(text: String) -> (String, usize) {
    if !text.chars().any(|c| fold(c) != c) {
        return (text, 0);
    }
    let mut n = 0;
    let out = text
        .chars()
        .map(|c| {
            let f = fold(c);
            n += usize::from(f != c);
            f
        })
        .collect();
    (out, n)
}

/// The warning shown when characters were swapped.
pub fn warning(n: usize) -> String {
    format!(
        "文中有 {n} 个部首或兼容字形(如 ⾰、⽂、⽤,常见于浏览器打印的 PDF),已换成对应的通用汉字(革、文、用)再分析。"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kangxi_radicals_become_unified_ideographs() {
        let (t, n) = repair("关于实施⾰命⽂物保护利⽤⼯程（2018－2022年）的意⻅".to_string());
        assert_eq!(t, "关于实施革命文物保护利用工程（2018－2022年）的意见");
        assert_eq!(n, 5);
    }

    #[test]
    fn compatibility_ideographs_become_canonical_and_punctuation_stays() {
        // U+F900 豈 (compatibility) → U+8C48 豈; full-width punctuation is not folded.
        let (t, n) = repair("\u{F900}，（１）：；".to_string());
        assert_eq!(t, "\u{8C48}，（１）：；");
        assert_eq!(n, 1);
    }

    #[test]
    fn ordinary_text_is_unchanged() {
        let s = "一、主要任务（一）建设平台。建成平台3个。".to_string();
        assert_eq!(repair(s.clone()), (s, 0));
    }

    #[test]
    fn every_pair_maps_a_stand_in_to_an_ordinary_hanzi() {
        for &(from, to) in pairs() {
            assert!(
                in_repair_blocks(from),
                "{from} is outside the repaired blocks"
            );
            assert!(
                matches!(to as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0x20000..=0x3134F),
                "{from} → {to} is not a unified ideograph"
            );
        }
        assert!(pairs().len() > 1200);
    }
}
