//! The analysed text and its views. Every later step reads blocks of the
//! *matching view* (full-width folded, traditional folded, no whitespace, no
//! HTML tags) and maps positions back to char offsets in the original text.

pub mod blocks;
pub mod noise;
pub mod orig;
pub mod script;

pub use blocks::{Block, BlockKind};
pub use orig::Orig;

use crate::lex::hash::FastSet;
use script::Folder;
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::Arc;

pub struct Document {
    /// The original text; spans index its chars.
    pub orig: Orig,
    /// What a reader sees at each char where it differs from `orig` (`None` inside HTML
    /// tags and entity tails); `None` when the text has no tag or entity: nothing to
    /// rewrite, so `orig` is the view (see `Document::shown_as`).
    disp: Option<Vec<Option<char>>>,
    /// Bit set of the positions where a block-level HTML tag starts (a line break).
    breaks: Vec<u64>,
    pub blocks: Vec<Block>,
    pub folder: &'static Folder,
    /// The script of the original text, tallied while its lines are read.
    pub script: crate::model::Script,
    /// One allocation for each distinct text that measures repeat (the section titles
    /// of their paths), handed out by [`Document::share`].
    shared: RefCell<FastSet<Arc<str>>>,
}

impl Document {
    pub fn new(text: &str) -> Self {
        Document::from_string(text.to_string())
    }

    /// The views of a text the caller no longer needs: it is kept, not copied.
    pub fn from_string(text: String) -> Self {
        let orig = Orig::new(text);
        // Tags and entities need random access by char, so only a text that could hold
        // one is unpacked into chars, for the time of the scan.
        let (disp, breaks) = if may_hold_markup(orig.as_str()) {
            let chars: Vec<char> = orig.chars().collect();
            html_view(&chars)
        } else {
            (None, vec![])
        };
        let mut doc = Document {
            orig,
            disp,
            breaks,
            blocks: vec![],
            folder: Folder::shared(),
            script: crate::model::Script::default(),
            shared: RefCell::default(),
        };
        (doc.blocks, doc.script) = blocks::build(&doc);
        doc
    }

    /// The char a reader sees at original offset `i`, where the original has `c` (`None`:
    /// hidden); `c` comes from a caller reading the original in order.
    fn shown_as(&self, i: usize, c: char) -> Option<char> {
        match &self.disp {
            Some(disp) => disp.get(i).copied().flatten(),
            None => Some(c),
        }
    }

    /// The matching-view char at original offset `i`, where the original has `c`: `None`
    /// for whitespace and hidden chars.
    fn norm_as(&self, i: usize, c: char) -> Option<char> {
        self.shown_as(i, c).and_then(|c| fold(self.folder, c))
    }

    /// The matching-view char at original offset `i`.
    #[cfg(test)]
    fn norm(&self, i: usize) -> Option<char> {
        self.norm_as(i, self.orig.get(i)?)
    }

    /// Whether a block-level HTML tag starts at `i`.
    pub fn breaks_at(&self, i: usize) -> bool {
        self.breaks
            .get(i / 64)
            .is_some_and(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// Any text in the matching view (folded as the document's chars are, whitespace
    /// dropped), to compare a derived text with the document's blocks.
    pub fn matching(&self, text: &str) -> Vec<char> {
        text.chars().filter_map(|c| fold(self.folder, c)).collect()
    }

    /// `s`, as one allocation that every caller asking for the same text shares.
    pub fn share(&self, s: &str) -> Arc<str> {
        let mut shared = self.shared.borrow_mut();
        if let Some(t) = shared.get(s) {
            return Arc::clone(t);
        }
        let t: Arc<str> = Arc::from(s);
        shared.insert(Arc::clone(&t));
        t
    }

    /// Forgets the shared texts (they stay with whoever holds them): once the measures
    /// are built, no later step asks for one.
    pub fn forget_shared(&self) {
        *self.shared.borrow_mut() = FastSet::default();
    }

    /// The text a reader sees between two original offsets (tags hidden, entities decoded).
    pub fn display(&self, start: usize, end: usize) -> String {
        display(&self.orig, self.disp.as_deref(), start, end)
    }

    /// As [`Document::display`], borrowed from the original where it is the view (no
    /// tag, no entity): for a text that is only compared, or shared, not kept.
    pub fn shown(&self, start: usize, end: usize) -> Cow<'_, str> {
        match self.disp {
            None => {
                let end = end.min(self.orig.len());
                Cow::Borrowed(self.orig.slice(start.min(end), end).trim())
            }
            Some(_) => Cow::Owned(self.display(start, end)),
        }
    }

    /// What [`Document::display`] reads, kept once the matching views (the blocks) are
    /// done with: they are freed here.
    pub fn into_shown(self) -> Shown {
        Shown {
            orig: self.orig,
            disp: self.disp,
        }
    }
}

/// The original and what a reader sees of it, without the matching views: for the
/// texts an `Analysis` keeps that are written after the analysis proper.
pub struct Shown {
    orig: Orig,
    disp: Option<Vec<Option<char>>>,
}

impl Shown {
    /// As [`Document::display`].
    pub fn display(&self, start: usize, end: usize) -> String {
        display(&self.orig, self.disp.as_deref(), start, end)
    }
}

fn display(orig: &Orig, disp: Option<&[Option<char>]>, start: usize, end: usize) -> String {
    let end = end.min(orig.len());
    let start = start.min(end);
    // Sized to the bytes it holds: these strings are what the `Analysis` keeps, and
    // collecting chars would leave up to half of each one unused (3-byte hanzi).
    match disp {
        Some(disp) => {
            let shown = exact(disp.get(start..end).unwrap_or_default().iter().flatten());
            match shown.trim() {
                t if t.len() == shown.len() => shown,
                t => t.to_string(),
            }
        }
        None => orig.slice(start, end).trim().to_string(),
    }
}

/// The chars as a string with no spare capacity.
fn exact<'a>(chars: impl Iterator<Item = &'a char> + Clone) -> String {
    let mut s = String::with_capacity(chars.clone().map(|c| c.len_utf8()).sum());
    s.extend(chars);
    s
}

/// Folds one char for matching: full-width forms to ASCII, traditional to
/// simplified, whitespace and invisible chars removed.
#[inline]
fn fold(folder: &Folder, c: char) -> Option<char> {
    // Most chars are hanzi or ASCII, which no arm of `fold_other` names but by class.
    if c.is_ascii() {
        return (!matches!(c, ' ' | '\t'..='\r')).then_some(c);
    }
    if script::is_cjk(c) {
        return Some(folder.fold(c));
    }
    fold_other(folder, c)
}

/// [`fold`] of a char that is neither ASCII nor a hanzi of the CJK block.
#[inline(never)]
fn fold_other(folder: &Folder, c: char) -> Option<char> {
    let c = match c {
        '（' => '(',
        '）' => ')',
        '：' => ':',
        '，' | '﹐' => ',',
        '；' => ';',
        '！' => '!',
        '？' => '?',
        '．' | '﹒' => '.',
        '～' | '〜' => '~',
        '－' | '–' | '‐' | '−' => '-',
        '％' => '%',
        '｜' => '|',
        '＋' => '+',
        '﹙' => '(',
        '﹚' => ')',
        // A line break inside a table cell (decoders write it): it separates unit names.
        '\u{2028}' => '\u{2028}',
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        c if c.is_whitespace()
            || matches!(c, '\u{200b}' | '\u{feff}' | '\u{200c}' | '\u{200d}') =>
        {
            return None
        }
        c => folder.fold(c),
    };
    Some(c)
}

/// Whether a tag or an entity may start in `s`, as [`html_view`] reads them: a `<`
/// before a letter, `/` or `!`, or an `&` with a `;` in the 44 bytes after it (the 11
/// chars an entity may take). Where none does, the view would find nothing.
fn may_hold_markup(s: &str) -> bool {
    let b = s.as_bytes();
    // One char each: a search by bytes (memchr), no char decoded.
    let tag = |(i, _): (usize, &str)| {
        b.get(i + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/' || c == b'!')
    };
    let entity = |(i, _): (usize, &str)| {
        b.get(i + 1..(i + 45).min(b.len()))
            .is_some_and(|tail| tail.contains(&b';'))
    };
    s.match_indices('<').any(tag) || s.match_indices('&').any(entity)
}

/// Whether the raw line around `i` is a pipe-table row (a cell separator on each side).
fn in_table_row(orig: &[char], i: usize) -> bool {
    let is_pipe = |c: &char| matches!(c, '|' | '｜');
    // Bounded: a page pasted on one line must not make every <br> scan all of it.
    const REACH: usize = 2000;
    let before = orig[..i]
        .iter()
        .rev()
        .take(REACH)
        .take_while(|c| **c != '\n')
        .any(is_pipe);
    let after = orig[i..]
        .iter()
        .take(REACH)
        .take_while(|c| **c != '\n')
        .any(is_pipe);
    before && after
}

/// Tags that break a line in the text view: the HTML block elements (the decoder's
/// list, `data/html_block_tags.txt`) and the line-level ones a paste keeps.
fn breaks_line(name: &str) -> bool {
    matches!(name, "br" | "li" | "tr" | "table" | "ol") || crate::html_blocks::is_block(name)
}

/// Hides HTML tags left in the text and decodes entities, keeping offsets. The view is
/// only allocated once a tag or an entity is found; the breaks are a bit set.
fn html_view(orig: &[char]) -> (Option<Vec<Option<char>>>, Vec<u64>) {
    let mut view: Option<Vec<Option<char>>> = None;
    let mut breaks: Vec<u64> = vec![];
    let mut i = 0;
    while i < orig.len() {
        match orig[i] {
            '<' => {
                if let Some((end, name)) = tag_at(orig, i) {
                    let disp = view.get_or_insert_with(|| orig.iter().map(|&c| Some(c)).collect());
                    for d in disp.iter_mut().take(end).skip(i) {
                        *d = None;
                    }
                    if name == "br" && in_table_row(orig, i) {
                        // "区财政局<br>各街道" in a pipe row: a break inside the cell, not
                        // the end of the row.
                        if let Some(d) = disp.get_mut(i) {
                            *d = Some('\u{2028}');
                        }
                    } else if breaks_line(&name) {
                        if breaks.is_empty() {
                            breaks = vec![0; orig.len().div_ceil(64)];
                        }
                        if let Some(w) = breaks.get_mut(i / 64) {
                            *w |= 1u64 << (i % 64);
                        }
                    }
                    // Script and style bodies are never text.
                    if (name == "script" || name == "style") && orig.get(i + 1) != Some(&'/') {
                        let close = format!("</{name}");
                        let mut j = end;
                        while j < orig.len() && !starts_with_ci(orig, j, &close) {
                            if let Some(d) = disp.get_mut(j) {
                                *d = None;
                            }
                            j += 1;
                        }
                        i = j;
                        continue;
                    }
                    i = end;
                    continue;
                }
            }
            '&' => {
                if let Some((end, c)) = entity_at(orig, i) {
                    let disp = view.get_or_insert_with(|| orig.iter().map(|&c| Some(c)).collect());
                    if let Some(d) = disp.get_mut(i) {
                        *d = Some(c);
                    }
                    for d in disp.iter_mut().take(end).skip(i + 1) {
                        *d = None;
                    }
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    (view, breaks)
}

fn starts_with_ci(orig: &[char], at: usize, s: &str) -> bool {
    let n = s.chars().count();
    at + n <= orig.len()
        && orig[at..at + n]
            .iter()
            .zip(s.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b))
}

/// `<name …>`, `</name>`, `<!-- … -->`: its end offset and lower-case name.
fn tag_at(orig: &[char], i: usize) -> Option<(usize, String)> {
    if starts_with_ci(orig, i, "<!--") {
        let mut j = i + 4;
        while j + 2 < orig.len() {
            if orig[j] == '-' && orig[j + 1] == '-' && orig[j + 2] == '>' {
                return Some((j + 3, "!--".into()));
            }
            j += 1;
        }
        return None;
    }
    let mut j = i + 1;
    if orig.get(j) == Some(&'/') {
        j += 1;
    }
    let name_start = j;
    while j < orig.len() && orig[j].is_ascii_alphanumeric() {
        j += 1;
    }
    if j == name_start || !orig[name_start].is_ascii_alphabetic() {
        return None;
    }
    let name: String = orig[name_start..j]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    // A tag ends within a short distance, on the same logical element.
    let limit = (j + 600).min(orig.len());
    while j < limit {
        match orig[j] {
            '>' => return Some((j + 1, name)),
            '<' => return None,
            _ => j += 1,
        }
    }
    None
}

fn entity_at(orig: &[char], i: usize) -> Option<(usize, char)> {
    let limit = (i + 12).min(orig.len());
    let semi = (i + 1..limit).find(|&j| orig[j] == ';')?;
    let body: String = orig[i + 1..semi].iter().collect();
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        char::from_u32(code)?
    } else {
        match body.as_str() {
            "nbsp" | "ensp" | "emsp" | "thinsp" => ' ',
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            "ldquo" => '“',
            "rdquo" => '”',
            "lsquo" => '‘',
            "rsquo" => '’',
            "middot" => '·',
            "mdash" => '—',
            "ndash" => '–',
            "hellip" => '…',
            "times" => '×',
            "deg" => '°',
            _ => return None,
        }
    };
    Some((semi + 1, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hides_tags_and_decodes_entities() {
        let d = Document::new("<p>一、总体&nbsp;要求</p>");
        assert_eq!(d.display(0, d.orig.len()), "一、总体 要求");
        let n: String = (0..d.orig.len()).filter_map(|i| d.norm(i)).collect();
        assert_eq!(n, "一、总体要求");
        assert!(d.breaks_at(0));
        assert!(!d.breaks_at(1));
    }

    #[test]
    fn folds_full_width() {
        let d = Document::new("（责任单位：区科委）１２％");
        assert!(
            d.disp.is_none(),
            "no tag, no entity: the original is the view"
        );
        let n: String = (0..d.orig.len()).filter_map(|i| d.norm(i)).collect();
        assert_eq!(n, "(责任单位:区科委)12%");
    }

    #[test]
    fn markup_is_looked_for_only_where_it_may_stand() {
        for (text, may) in [
            ("<p>一</p>", true),
            ("</td>", true),
            ("<!-- x -->", true),
            ("R&amp;D", true),
            ("死亡率<1%,R&D经费", false),
            ("<“十四五”规划", false),
            ("A&B;", true),
            ("", false),
        ] {
            assert_eq!(may_hold_markup(text), may, "{text}");
            let chars: Vec<char> = text.chars().collect();
            let (view, breaks) = html_view(&chars);
            if !may {
                assert!(view.is_none() && breaks.is_empty(), "{text}");
            }
        }
    }

    #[test]
    fn drops_script_bodies() {
        let d = Document::new("前<script>alert('x')</script>后");
        assert_eq!(d.display(0, d.orig.len()), "前后");
    }
}
