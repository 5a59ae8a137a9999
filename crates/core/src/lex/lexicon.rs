//! Word lists kept as data files under `crates/core/lexicons/`, one entry a line,
//! `#` starting a comment, so that someone who reads policy text but not Rust can
//! review them. Each file's first line says how its entries are matched:
//! `# match: prefix`, `# match: suffix`, `# match: whole` or `# match: anywhere`. Entries are tried in
//! file order, so a longer entry must come before a shorter one it starts (or
//! ends) with; `check` rejects files where that is not so, and duplicates.

use std::sync::OnceLock;

/// How a lexicon's entries are compared with the text (read by the file checks).
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// An entry matches at a position when the text there starts with it.
    Prefix,
    /// An entry matches before a position when the text there ends with it.
    Suffix,
    /// An entry matches a whole word or cell.
    Whole,
    /// An entry matches anywhere in a short text (a heading's title).
    Anywhere,
}

/// A word list read from its data file once.
pub struct Lexicon {
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    source: &'static str,
    entries: OnceLock<Entries>,
}

/// The entries, and an index of them by the char they start (and end) with, so
/// that a position is tried only against the entries that can match there.
struct Entries {
    words: Vec<&'static str>,
    groups: Vec<usize>,
    /// (first char, entry index), sorted by char and, for one char, in file order.
    firsts: Vec<(char, usize)>,
    /// (last char, entry index), likewise.
    lasts: Vec<(char, usize)>,
    /// A bit per low byte of the chars in `firsts` (and `lasts`): a char whose bit is
    /// clear starts (ends) no entry, known without a search.
    first_bits: [u64; 4],
    last_bits: [u64; 4],
}

fn bit(c: char) -> (usize, u64) {
    let low = (c as u32 & 0xFF) as usize;
    (low / 64, 1u64 << (low % 64))
}

fn bits_of(index: &[(char, usize)]) -> [u64; 4] {
    let mut bits = [0u64; 4];
    for &(c, _) in index {
        let (w, b) = bit(c);
        if let Some(word) = bits.get_mut(w) {
            *word |= b;
        }
    }
    bits
}

fn may_hold(bits: &[u64; 4], c: char) -> bool {
    let (w, b) = bit(c);
    bits.get(w).is_some_and(|word| word & b != 0)
}

impl Entries {
    fn new(source: &'static str) -> Entries {
        let (words, groups): (Vec<&'static str>, Vec<usize>) = grouped(source).into_iter().unzip();
        let index = |edge: fn(&str) -> Option<char>| {
            let mut v: Vec<(char, usize)> = words
                .iter()
                .enumerate()
                .filter_map(|(k, w)| edge(w).map(|c| (c, k)))
                .collect();
            // Sorted by (char, index): file order kept among entries of one char.
            v.sort_unstable();
            v
        };
        let firsts = index(|w| w.chars().next());
        let lasts = index(|w| w.chars().next_back());
        Entries {
            words,
            groups,
            first_bits: bits_of(&firsts),
            last_bits: bits_of(&lasts),
            firsts,
            lasts,
        }
    }

    /// The entries (in file order) that start with `c` (`Edge::First`) or end with it.
    fn with_edge(&self, edge: Edge, c: char) -> impl Iterator<Item = &'static str> + '_ {
        self.with_edge_indexed(edge, c).map(|(_, w)| w)
    }

    /// As [`Entries::with_edge`], with each entry's index in the file.
    fn with_edge_indexed(
        &self,
        edge: Edge,
        c: char,
    ) -> impl Iterator<Item = (usize, &'static str)> + '_ {
        let (index, bits) = match edge {
            Edge::First => (&self.firsts, &self.first_bits),
            Edge::Last => (&self.lasts, &self.last_bits),
        };
        let from = if may_hold(bits, c) {
            index.partition_point(|&(x, _)| x < c)
        } else {
            index.len()
        };
        index
            .get(from..)
            .unwrap_or(&[])
            .iter()
            .take_while(move |&&(x, _)| x == c)
            .filter_map(|&(_, k)| self.words.get(k).map(|w| (k, *w)))
    }
}

#[derive(Clone, Copy)]
enum Edge {
    First,
    Last,
}

impl Lexicon {
    pub const fn new(name: &'static str, source: &'static str) -> Lexicon {
        Lexicon {
            name,
            source,
            entries: OnceLock::new(),
        }
    }

    fn loaded(&self) -> &Entries {
        self.entries.get_or_init(|| Entries::new(self.source))
    }

    /// The entries in file order.
    pub fn words(&self) -> &[&'static str] {
        &self.loaded().words
    }

    #[cfg_attr(not(test), allow(dead_code))]
    pub fn matching(&self) -> Match {
        matching(self.source)
    }

    /// The group (0, 1, …) an entry belongs to, counting `---` lines before it.
    pub fn group_of(&self, word: &str) -> usize {
        let e = self.loaded();
        e.words
            .iter()
            .position(|w| *w == word)
            .map_or(0, |k| e.groups[k])
    }

    /// The first entry (in file order) that occurs anywhere in `s`.
    pub fn first_in(&self, s: &str) -> Option<&'static str> {
        // One pass over `s`: at each char, the entries that start with it; the one
        // earliest in the file wins, wherever it stands.
        let e = self.loaded();
        s.char_indices()
            .filter_map(|(i, c)| {
                let rest = s.get(i..).unwrap_or("");
                e.with_edge_indexed(Edge::First, c)
                    .find(|(_, w)| rest.starts_with(w))
                    .map(|(k, _)| k)
            })
            .min()
            .and_then(|k| e.words.get(k).copied())
    }

    /// Whether an entry may start with `c` (false: none does; true: look with
    /// [`Lexicon::prefix_at`]).
    pub fn may_start_with(&self, c: char) -> bool {
        may_hold(&self.loaded().first_bits, c)
    }

    /// Whether an entry may end with `c` (false: none does; true: look with
    /// [`Lexicon::suffix_at`]).
    pub fn may_end_with(&self, c: char) -> bool {
        may_hold(&self.loaded().last_bits, c)
    }

    /// The first entry (in file order) that the text starts with at `at`.
    pub fn prefix_at(&self, s: &[char], at: usize) -> Option<&'static str> {
        let e = self.loaded();
        let first = *s.get(at)?;
        e.with_edge(Edge::First, first)
            .find(|w| super::chars::starts_at(s, at, w))
    }

    /// The first entry (in file order) that the text ends with before `end`.
    pub fn suffix_at(&self, s: &[char], end: usize) -> Option<&'static str> {
        let e = self.loaded();
        let last = *s.get(end.checked_sub(1)?)?;
        e.with_edge(Edge::Last, last)
            .find(|w| super::chars::ends_at(s, end, w))
    }

    /// Every entry (in file order) that the text ends with before `end`.
    pub fn ending_at<'a>(
        &'a self,
        s: &'a [char],
        end: usize,
    ) -> impl Iterator<Item = &'static str> + 'a {
        let e = self.loaded();
        let last = end.checked_sub(1).and_then(|k| s.get(k)).copied();
        last.into_iter()
            .flat_map(move |c| e.with_edge(Edge::Last, c))
            .filter(move |w| super::chars::ends_at(s, end, w))
    }

    /// Whether some entry occurs anywhere in `s`.
    pub fn occurs_in(&self, s: &str) -> bool {
        let e = self.loaded();
        s.char_indices().any(|(i, c)| {
            let rest = s.get(i..).unwrap_or("");
            e.with_edge(Edge::First, c).any(|w| rest.starts_with(w))
        })
    }

    /// Whether some entry occurs anywhere in the chars `s`: one pass, a char that starts
    /// no entry passed over by one bit test (the entries are not decoded a call).
    pub fn occurs_in_chars(&self, s: &[char]) -> bool {
        let e = self.loaded();
        s.iter().enumerate().any(|(i, &c)| {
            may_hold(&e.first_bits, c)
                && e.with_edge(Edge::First, c)
                    .any(|w| super::chars::starts_at(s, i, w))
        })
    }

    /// Whether some entry is the whole of `s`.
    pub fn contains_word(&self, s: &str) -> bool {
        self.words().contains(&s)
    }

    /// Whether some entry is the whole of the chars `s` (no string built).
    pub fn is_whole(&self, s: &[char]) -> bool {
        let e = self.loaded();
        let Some(&first) = s.first() else {
            // No entry is empty.
            return false;
        };
        e.with_edge(Edge::First, first)
            .any(|w| w.chars().count() == s.len() && super::chars::starts_at(s, 0, w))
    }
}

/// The entries in file order, each with its group (the `---` lines before it).
fn grouped(source: &'static str) -> Vec<(&'static str, usize)> {
    let mut group = 0;
    let mut out = vec![];
    for l in source
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
    {
        match l {
            "" => {}
            "---" => group += 1,
            w => out.push((w, group)),
        }
    }
    out
}

fn matching(source: &str) -> Match {
    let first = source.lines().next().unwrap_or("");
    match first
        .trim()
        .strip_prefix('#')
        .map(str::trim)
        .and_then(|l| l.strip_prefix("match:"))
        .map(str::trim)
    {
        Some("suffix") => Match::Suffix,
        Some("whole") => Match::Whole,
        Some("anywhere") => Match::Anywhere,
        _ => Match::Prefix,
    }
}

/// Problems in a lexicon file: duplicates, and entries that can never match
/// because an earlier, shorter entry always matches first.
#[cfg(test)]
pub fn check(lexicon: &Lexicon) -> Vec<String> {
    let words: Vec<&str> = grouped(lexicon.source)
        .into_iter()
        .map(|(w, _)| w)
        .collect();
    let how = matching(lexicon.source);
    let mut problems = vec![];
    if !lexicon.source.trim_start().starts_with("# match:") {
        problems.push(format!(
            "{}: the first line must say `# match: prefix|suffix|whole|anywhere`",
            lexicon.name
        ));
    }
    for (i, w) in words.iter().enumerate() {
        for earlier in &words[..i] {
            if earlier == w {
                problems.push(format!("{}: `{w}` is listed twice", lexicon.name));
            } else if match how {
                Match::Prefix => w.starts_with(earlier),
                Match::Suffix => w.ends_with(earlier),
                Match::Whole => false,
                Match::Anywhere => w.contains(earlier),
            } {
                problems.push(format!(
                    "{}: `{w}` comes after `{earlier}`, which always matches first",
                    lexicon.name
                ));
            }
        }
    }
    problems
}

/// Declares a lexicon read from `crates/core/lexicons/<file>`.
#[macro_export]
#[doc(hidden)]
macro_rules! lexicon {
    ($vis:vis $name:ident, $file:literal) => {
        $vis static $name: $crate::lex::lexicon::Lexicon =
            $crate::lex::lexicon::Lexicon::new($file, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicons/", $file)));
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    static SAMPLE: Lexicon = Lexicon::new(
        "sample",
        "# match: prefix\n牵头单位\n牵头 # short form\n\n配合\n",
    );
    static SHADOWED: Lexicon =
        Lexicon::new("shadowed", "# match: prefix\n牵头\n牵头单位\n配合\n配合\n");
    static SUFFIXES: Lexicon = Lexicon::new("suffixes", "# match: suffix\n局\n市场监管局\n");

    #[test]
    fn entries_in_file_order_without_comments() {
        assert_eq!(SAMPLE.words(), ["牵头单位", "牵头", "配合"]);
        assert_eq!(SAMPLE.matching(), Match::Prefix);
        let s: Vec<char> = "由牵头单位负责".chars().collect();
        assert_eq!(SAMPLE.prefix_at(&s, 1), Some("牵头单位"));
        assert_eq!(SAMPLE.prefix_at(&s, 0), None);
        assert_eq!(SAMPLE.prefix_at(&s, s.len()), None);
        let t: Vec<char> = "请配合".chars().collect();
        assert_eq!(SAMPLE.suffix_at(&t, t.len()), Some("配合"));
        assert_eq!(SAMPLE.suffix_at(&t, 2), None);
        assert_eq!(SAMPLE.suffix_at(&t, 0), None);
        let u: Vec<char> = "市场监管局".chars().collect();
        assert_eq!(
            SUFFIXES.ending_at(&u, u.len()).collect::<Vec<_>>(),
            ["局", "市场监管局"]
        );
        assert_eq!(SUFFIXES.ending_at(&u, 4).count(), 0);
        assert_eq!(SUFFIXES.ending_at(&u, 0).count(), 0);
        let whole: Vec<char> = "牵头".chars().collect();
        assert!(SAMPLE.is_whole(&whole));
        assert!(!SAMPLE.is_whole(&whole[..1]));
        assert!(!SAMPLE.is_whole(&[]));
        // The entry first in the file wins, not the one that stands first.
        assert_eq!(SAMPLE.first_in("请配合牵头单位"), Some("牵头单位"));
        assert_eq!(SAMPLE.first_in("请配合牵头"), Some("牵头"));
        assert_eq!(SAMPLE.first_in("请协助"), None);
        assert!(SAMPLE.occurs_in("由牵头部门"));
        assert!(!SAMPLE.occurs_in("由主办部门"));
        assert!(!SAMPLE.occurs_in(""));
        for text in [
            "由牵头部门",
            "由主办部门",
            "",
            "配合",
            "请配",
            "牵头单位配合",
        ] {
            let chars: Vec<char> = text.chars().collect();
            assert_eq!(
                SAMPLE.occurs_in_chars(&chars),
                crate::lex::chars::contains_any(&chars, SAMPLE.words()),
                "{text}"
            );
        }
        assert!(check(&SAMPLE).is_empty(), "{:?}", check(&SAMPLE));
    }

    #[test]
    fn check_finds_duplicates_and_shadowed_entries() {
        let p = check(&SHADOWED);
        assert!(
            p.iter()
                .any(|m| m.contains("`牵头单位` comes after `牵头`")),
            "{p:?}"
        );
        assert!(
            p.iter().any(|m| m.contains("`配合` is listed twice")),
            "{p:?}"
        );
        let p = check(&SUFFIXES);
        assert!(
            p.iter()
                .any(|m| m.contains("`市场监管局` comes after `局`")),
            "{p:?}"
        );
    }
}

#[cfg(test)]
mod files {
    use super::*;

    /// Every file in `lexicons/` passes `check`, including ones no code loads yet.
    #[test]
    fn every_lexicon_file_is_clean() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
        let mut problems = vec![];
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            seen += 1;
            let text: &'static str =
                Box::leak(std::fs::read_to_string(&path).unwrap().into_boxed_str());
            let name: &'static str = Box::leak(
                path.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
                    .into_boxed_str(),
            );
            let lexicon = Lexicon::new(name, text);
            if lexicon.words().is_empty() {
                problems.push(format!("{name}: no entries"));
            }
            problems.extend(check(&lexicon));
        }
        assert!(seen > 0, "no lexicon files in {}", dir.display());
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
