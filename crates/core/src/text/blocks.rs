//! Lines → blocks (paragraphs, table cells, noise), each with its char span and
//! its matching-view chars mapped back to original offsets.

use super::{fold, noise, Document};
use crate::lex::markers;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Para,
    /// A table cell or a table row flattened with `|`.
    Cell,
    Noise,
}

#[derive(Debug, Clone)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    /// Matching view: folded chars, no whitespace. Boxed: a block never grows once
    /// built, and holds no capacity field.
    pub chars: Box<[char]>,
    /// Original offset of each char in `chars`, as runs.
    pos: Pos,
    pub kind: BlockKind,
}

/// A built block's [`Offsets`], frozen: the first run is implied by `base` (it always
/// starts at char 0), so a block that is one run (most paragraphs) allocates nothing;
/// the other runs take 4 bytes each when every run's index and offset from `base` fit
/// in 16 bits, as a table row's do (it breaks a run at each separator, the spaces
/// around it dropped: a run every dozen chars), else 8.
#[derive(Debug, Clone, Default)]
struct Pos {
    /// The original offset of char 0.
    base: u32,
    /// The number of chars, with [`Pos::WIDE`] set when the runs are wide.
    len: u32,
    /// Narrow: `k, p - base` per run after the first. Wide: `k` and `p` (absolute), each
    /// as its high and low halves.
    runs: Box<[u16]>,
}

impl Pos {
    /// The flag of wide runs, in `len`: no block holds 2^31 chars (the decoders'
    /// limits keep texts far below that).
    const WIDE: u32 = 1 << 31;

    fn new(o: &Offsets) -> Pos {
        let Some(&(_, base)) = o.runs.first().filter(|_| !o.is_empty()) else {
            return Pos::default();
        };
        let rest = o.runs.get(1..).unwrap_or(&[]);
        let small = |n: u32| n <= u32::from(u16::MAX);
        let narrow = rest
            .iter()
            .all(|&(k, p)| small(k) && p.checked_sub(base).is_some_and(small));
        let half = |n: u32| [(n >> 16) as u16, n as u16];
        let runs: Box<[u16]> = if narrow {
            rest.iter()
                .flat_map(|&(k, p)| [k as u16, (p - base) as u16])
                .collect()
        } else {
            rest.iter()
                .flat_map(|&(k, p)| half(k).into_iter().chain(half(p)))
                .collect()
        };
        Pos {
            base,
            len: (o.len & !Pos::WIDE) | if narrow { 0 } else { Pos::WIDE },
            runs,
        }
    }

    fn len(&self) -> usize {
        (self.len & !Pos::WIDE) as usize
    }

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Run `i` after the first: its first char's index and original offset.
    fn run(&self, i: usize) -> Option<(usize, usize)> {
        let whole = |hi: u16, lo: u16| (usize::from(hi) << 16) | usize::from(lo);
        if self.len & Pos::WIDE == 0 {
            let [k, p] = self.runs.get(i * 2..i * 2 + 2)? else {
                return None;
            };
            Some((usize::from(*k), self.base as usize + usize::from(*p)))
        } else {
            let [kh, kl, ph, pl] = self.runs.get(i * 4..i * 4 + 4)? else {
                return None;
            };
            Some((whole(*kh, *kl), whole(*ph, *pl)))
        }
    }

    /// The original offset of char `k` (as [`Offsets::get`]).
    #[inline]
    fn get(&self, k: usize) -> Option<usize> {
        if k >= self.len() {
            return None;
        }
        if self.runs.is_empty() {
            // One run (most blocks).
            return Some(self.base as usize + k);
        }
        let per = if self.len & Pos::WIDE == 0 { 2 } else { 4 };
        // The runs after the first that start at or before `k`.
        let (mut lo, mut hi) = (0, self.runs.len() / per);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.run(mid).is_some_and(|(k0, _)| k0 <= k) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let (k0, p0) = match lo.checked_sub(1) {
            Some(i) => self.run(i)?,
            None => (0, self.base as usize),
        };
        Some(p0 + (k - k0))
    }
}

/// A block while lines may still join it.
struct Open {
    start: usize,
    end: usize,
    chars: Vec<char>,
    pos: Offsets,
    kind: BlockKind,
    /// [`Marks::depth`] of `chars`, kept as lines join (not counted again per line).
    depth: i32,
}

/// The original offsets of a run of matching-view chars, kept as runs of consecutive
/// offsets: a char almost always sits right after the one before (only dropped
/// whitespace, hidden tags and joined lines break a run), so a block holds a few runs
/// instead of an offset per char. u32: the decoders' limits keep texts far below 4 G
/// chars.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Offsets {
    /// `(k, p)`: the chars from index `k` to the next run's `k` sit at `p`, `p + 1`, ….
    runs: Vec<(u32, u32)>,
    len: u32,
}

impl Offsets {
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The original offset of char `k`.
    pub fn get(&self, k: usize) -> Option<usize> {
        if k >= self.len() {
            return None;
        }
        // Most blocks are one run.
        if let [(k0, p0)] = self.runs[..] {
            return Some(p0 as usize + (k - k0 as usize));
        }
        let i = self.runs.partition_point(|r| r.0 as usize <= k);
        let &(k0, p0) = self.runs.get(i.checked_sub(1)?)?;
        Some(p0 as usize + (k - k0 as usize))
    }

    pub fn first(&self) -> Option<usize> {
        self.get(0)
    }

    pub fn last(&self) -> Option<usize> {
        self.get(self.len().checked_sub(1)?)
    }

    pub fn push(&mut self, p: u32) {
        self.push_run(p, 1);
    }

    /// `n` chars at `p`, `p + 1`, …, merged into the last run when they continue it.
    fn push_run(&mut self, p: u32, n: u32) {
        if n == 0 {
            return;
        }
        let continues = self
            .runs
            .last()
            .is_some_and(|&(k0, p0)| u64::from(p0) + u64::from(self.len - k0) == u64::from(p));
        if !continues {
            if self.runs.is_empty() {
                // Most lines are one run: room for one, not the four a first push makes
                // (then no shrinking realloc per line).
                self.runs.reserve_exact(1);
            }
            self.runs.push((self.len, p));
        }
        self.len += n;
    }

    /// Each run as (first offset, number of chars).
    fn each_run(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.runs.iter().enumerate().map(|(i, &(k0, p0))| {
            let k1 = self.runs.get(i + 1).map_or(self.len, |r| r.0);
            (p0, k1.saturating_sub(k0))
        })
    }

    /// Every offset, in order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.each_run()
            .flat_map(|(p, n)| (p as usize..).take(n as usize))
    }

    pub fn extend(&mut self, other: &Offsets) {
        for (p, n) in other.each_run() {
            self.push_run(p, n);
        }
    }

    /// The offsets of chars `a..b`.
    pub fn range(&self, a: usize, b: usize) -> Offsets {
        let mut out = Offsets::default();
        let b = b.min(self.len());
        if a >= b {
            return out;
        }
        let mut i = self
            .runs
            .partition_point(|r| r.0 as usize <= a)
            .saturating_sub(1);
        let mut k = a;
        while k < b {
            let Some(&(k0, p0)) = self.runs.get(i) else {
                break;
            };
            let k1 = self.runs.get(i + 1).map_or(self.len(), |r| r.0 as usize);
            let end = k1.min(b);
            if end > k {
                out.push_run(p0 + (k - k0 as usize) as u32, (end - k) as u32);
            }
            k = k.max(end);
            i += 1;
        }
        out
    }

    /// The offsets of the chars `keep` says yes to (by index).
    fn retain(&mut self, mut keep: impl FnMut(usize) -> bool) {
        let mut out = Offsets::default();
        for (k, p) in self.iter().enumerate() {
            if keep(k) {
                out.push(p as u32);
            }
        }
        *self = out;
    }

    fn shrink_to_fit(&mut self) {
        self.runs.shrink_to_fit();
    }
}

impl Block {
    pub fn text(&self) -> String {
        crate::lex::chars::string(&self.chars)
    }

    /// Original span of `chars[a..b]`.
    pub fn span(&self, a: usize, b: usize) -> [usize; 2] {
        if self.pos.is_empty() || a >= b || a >= self.pos.len() {
            let at = self.at(a);
            return [at, at];
        }
        let b = b.min(self.pos.len());
        [self.at(a), self.at(b - 1) + 1]
    }

    /// Original offset of `chars[k]`.
    pub fn at(&self, k: usize) -> usize {
        self.pos.get(k).unwrap_or(self.end)
    }
}

/// Cell ranges of a table row flattened with `|`.
pub fn row_cells(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        if *c == '|' {
            out.push((start, i));
            start = i + 1;
        }
    }
    out.push((start, chars.len()));
    out
}

struct Line {
    start: usize,
    end: usize,
    chars: Vec<char>,
    pos: Offsets,
    /// What [`Marks::of`] gives for `chars`.
    marks: Marks,
}

/// The chars of a line that later steps count: brackets and pipes.
#[derive(Debug, Clone, Copy, Default)]
struct Marks {
    /// Opening brackets and quotes less closing ones: above 0, the chars are unbalanced.
    depth: i32,
    pipes: usize,
}

impl Marks {
    /// Counts `c` (a char of the matching view).
    #[inline]
    fn add(&mut self, c: char) {
        match c {
            '(' | '《' | '“' | '〔' | '【' => self.depth += 1,
            ')' | '》' | '”' | '〕' | '】' => self.depth -= 1,
            '|' => self.pipes += 1,
            _ => {}
        }
    }

    fn of(chars: &[char]) -> Marks {
        let mut m = Marks::default();
        for &c in chars {
            m.add(c);
        }
        m
    }
}

fn lines(doc: &Document) -> (Vec<Line>, crate::model::Script) {
    // Most texts hold no HTML: their loop asks nothing of the view or the breaks.
    if doc.disp.is_some() || !doc.breaks.is_empty() {
        lines_of::<true>(doc)
    } else {
        lines_of::<false>(doc)
    }
}

/// The lines of the matching view and the script, in one pass over the original;
/// `HTML`: the text has hidden chars or block tags that break lines.
fn lines_of<const HTML: bool>(doc: &Document) -> (Vec<Line>, crate::model::Script) {
    let mut out = vec![];
    let mut tally = super::script::Tally::default();
    let folder = doc.folder;
    let disp = doc.disp.as_deref();
    // The line being read: its matching chars (one buffer, copied out exactly per
    // line), their offsets, a tab in it, a tab written as '|'.
    let mut line = LineBuf {
        run_end: usize::MAX,
        ..LineBuf::default()
    };
    let mut i = 0;
    // '\n' is tested as the chars are read (a search for it first reads every byte).
    for o in doc.orig.chars() {
        if o == '\n' {
            line.finish(doc, i, &mut out);
            i += 1;
            line.start = i;
            continue;
        }
        if HTML && i > line.start && doc.breaks_at(i) {
            line.finish(doc, i, &mut out);
            line.start = i;
        }
        // A hanzi of the CJK block is never a bracket or a pipe: only the others
        // are counted in the line's marks.
        let m = if !HTML && o.is_ascii() {
            // Class 0 for the tally; whitespace dropped.
            let m = (!matches!(o, ' ' | '\t'..='\r')).then_some(o);
            if let Some(m) = m {
                line.marks.add(m);
            }
            m
        } else if let (false, Some((m, class))) = (HTML, folder.fold_cjk(o)) {
            tally.count(class);
            Some(m)
        } else {
            tally.add(folder, o);
            let shown = match disp {
                Some(d) if HTML => d.get(i).copied().flatten(),
                _ => Some(o),
            };
            let m = shown.and_then(|c| fold(folder, c));
            if let Some(m) = m {
                line.marks.add(m);
            }
            m
        };
        match m {
            Some(m) => line.push(m, i),
            None if o == '\t' => line.tab(i),
            None => {}
        }
        i += 1;
    }
    line.finish(doc, i, &mut out);
    (out, tally.script())
}

/// The line [`lines_of`] is reading.
#[derive(Default)]
struct LineBuf {
    start: usize,
    chars: Vec<char>,
    pos: Offsets,
    /// Where the last run ends: a char there continues it (the usual case, known
    /// without asking the runs); `usize::MAX` before the first.
    run_end: usize,
    marks: Marks,
    tab: bool,
    piped: bool,
}

impl LineBuf {
    #[inline]
    fn push(&mut self, c: char, i: usize) {
        self.chars.push(c);
        if i == self.run_end {
            self.pos.len += 1;
        } else {
            self.pos.push(i as u32);
        }
        self.run_end = i + 1;
    }

    /// A tab at `i`: in a tab-separated row (a copy from a spreadsheet) each tab ends
    /// a cell; written as '|' before the row is known to be one (undone if not).
    fn tab(&mut self, i: usize) {
        self.tab = true;
        if !self.chars.is_empty() {
            self.piped = true;
            self.marks.add('|');
            self.push('|', i);
        }
    }

    /// The line ends before offset `end`: its matching view, if any, goes out.
    fn finish(&mut self, doc: &Document, end: usize, out: &mut Vec<Line>) {
        if !self.chars.is_empty() {
            let tab_row = self.tab && {
                let raw: Vec<char> = doc.orig.slice(self.start, end).chars().collect();
                is_tab_row(&raw)
            };
            if self.piped && !tab_row {
                // A tab after the text but no tab row: read the line again the slow way.
                let raw: Vec<char> = doc.orig.slice(self.start, end).chars().collect();
                line(doc, self.start, &raw, out);
            } else {
                let pos = std::mem::take(&mut self.pos);
                let chars = self.chars.clone();
                split_run_on(doc, self.start, end, chars, pos, Some(self.marks), out);
            }
        }
        self.chars.clear();
        self.pos = Offsets::default();
        self.run_end = usize::MAX;
        self.marks = Marks::default();
        self.tab = false;
        self.piped = false;
    }
}

/// The matching view of one line: `raw`, the original chars from offset `start` (the
/// slow way of [`lines`], for a line with a tab that is no tab row).
fn line(doc: &Document, start: usize, raw: &[char], out: &mut Vec<Line>) {
    // At most one char a position: sized once, never regrown (nor over-allocated).
    let mut chars = Vec::with_capacity(raw.len());
    let mut pos = Offsets::default();
    let tab_row = is_tab_row(raw);
    // Where the last run ends: a char there continues it (the usual case, known
    // without asking the runs).
    let mut run_end = usize::MAX;
    for (k, &o) in raw.iter().enumerate() {
        let j = start + k;
        let c = match doc.norm_as(j, o) {
            Some(c) => c,
            // A tab-separated row (a copy from a spreadsheet): each tab ends a cell.
            None if tab_row && o == '\t' && !chars.is_empty() => '|',
            None => continue,
        };
        chars.push(c);
        if j == run_end {
            pos.len += 1;
        } else {
            pos.push(j as u32);
        }
        run_end = j + 1;
    }
    if !chars.is_empty() {
        split_run_on(doc, start, start + raw.len(), chars, pos, None, out);
    }
}

/// A line of at least three tab-separated cells: a row pasted from a spreadsheet
/// or a table. Indentation tabs before the text do not count.
fn is_tab_row(line: &[char]) -> bool {
    let text_from = line
        .iter()
        .position(|c| !c.is_whitespace())
        .unwrap_or(line.len());
    line[text_from..].iter().filter(|c| **c == '\t').count() >= 2
}

/// A paste that lost its line breaks holds a whole plan on one line: break it
/// again before each numbering marker that follows a sentence end or a space.
fn split_run_on(
    doc: &Document,
    start: usize,
    end: usize,
    chars: Vec<char>,
    mut pos: Offsets,
    marks: Option<Marks>,
    out: &mut Vec<Line>,
) {
    const RUN_ON: usize = 1500;
    let mut cuts = vec![0];
    if chars.len() > RUN_ON {
        // The original chars of the line, for the spaces between its parts.
        let raw: Vec<char> = doc.orig.slice(start, end).chars().collect();
        for k in 1..chars.len() {
            let after_stop = matches!(chars[k - 1], '。' | ';' | ':' | '!' | '?' | ')')
                || pos
                    .get(k)
                    .and_then(|p| raw.get(p.checked_sub(start + 1)?))
                    .is_some_and(|c| c.is_whitespace());
            if after_stop && markers::detect(&chars[k..]).is_some_and(|m| !m.style.is_inline_list())
            {
                cuts.push(k);
            }
        }
    }
    if cuts.len() == 1 {
        // One line (the usual case): moved, not copied.
        if let (Some(a), Some(b)) = (pos.first(), pos.last()) {
            pos.shrink_to_fit();
            out.push(Line {
                start: a,
                end: b + 1,
                marks: marks.unwrap_or_else(|| Marks::of(&chars)),
                chars,
                pos,
            });
        }
        return;
    }
    cuts.push(chars.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if let (true, Some(start), Some(last)) = (b > a, pos.get(a), pos.get(b - 1)) {
            out.push(Line {
                start,
                end: last + 1,
                chars: chars[a..b].to_vec(),
                pos: pos.range(a, b),
                marks: Marks::of(&chars[a..b]),
            });
        }
    }
}

/// The width of hard-wrapped lines (PDF or e-mail copies), if the text has one.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let long: Vec<usize> = lines
        .iter()
        .map(|l| l.chars.len())
        .filter(|&n| n >= 20)
        .collect();
    if long.len() < 8 {
        return None;
    }
    let mut counts = std::collections::BTreeMap::new();
    for n in &long {
        *counts.entry(*n).or_insert(0usize) += 1;
    }
    let (&width, _) = counts
        .iter()
        .max_by_key(|(w, c)| (**c + counts.get(&(**w - 1)).copied().unwrap_or(0), **w))?;
    let near =
        counts.get(&width).copied().unwrap_or(0) + counts.get(&(width - 1)).copied().unwrap_or(0);
    (near * 10 >= long.len() * 3).then_some(width)
}

/// Where a copy of a web page broke its sentences at inline elements (a number, a
/// quote, a bold word each on a line: `确保⏎2025⏎年底前实现`, `直接⏎“⏎报量报价⏎”⏎参与`):
/// the lines that join the line above. Only in a text that shows it, by at least
/// five bare numbers that a date or measure word goes on from, or lone quotes;
/// there a short piece between two unfinished lines joins both of them.
fn inline_breaks(lines: &[Line]) -> Vec<bool> {
    const SHORT: usize = 12;
    let open = |l: &Line| l.chars.last().is_some_and(|&c| !is_terminal(c));
    let starts_marker = |l: &Line| markers::detect(&l.chars).is_some();
    let number = |l: &Line| {
        (1..=8).contains(&l.chars.len())
            && l.chars[0].is_ascii_digit()
            && l.chars
                .iter()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%'))
    };
    // What a bare number goes on into: `2025⏎年`, `6⏎月`, `0.4012⏎元`, `136⏎号`. A table's
    // row number before its next cell (`4⏎年均受灾人次`) is none of these.
    let goes_on = |n: &Line, l: &Line| {
        let first = l.chars.first().copied();
        let value: f64 = crate::lex::chars::parse_ascii(&n.chars).unwrap_or(0.0);
        match first {
            Some('年') => n.chars.len() == 4 && (1900.0..2100.0).contains(&value),
            Some('月' | '日' | '号') => n.chars.len() <= 3 && value.fract() == 0.0,
            Some(c) => {
                n.chars.contains(&'.') && matches!(c, '元' | '万' | '亿' | '千' | '%' | '倍' | '小')
            }
            None => false,
        }
    };
    let lone_quote = |l: &Line| matches!(l.chars.as_slice(), ['“'] | ['”'] | ['"']);
    let evidence = lines
        .windows(3)
        .filter(|w| (number(&w[1]) && open(&w[0]) && goes_on(&w[1], &w[2])) || lone_quote(&w[1]))
        .count();
    let mut join = vec![false; lines.len()];
    if evidence < 5 {
        return join;
    }
    let heading = |l: &Line| {
        markers::detect(&l.chars).is_some_and(|m| m.len < l.chars.len())
            && !l.chars.iter().any(|&c| is_terminal(c))
    };
    for i in 1..lines.len().saturating_sub(1) {
        let (prev, piece, next) = (&lines[i - 1], &lines[i], &lines[i + 1]);
        // A number that goes on into a date or unit is no paragraph's start, even after a ';'.
        let dated = number(piece) && goes_on(piece, next) && prev.chars.last() == Some(&';');
        if piece.chars.len() <= SHORT
            && (open(prev) || dated)
            && !heading(prev)
            && !starts_marker(piece)
            && !starts_marker(next)
            && (join[i - 1]
                || prev.chars.len() > SHORT
                || next.chars.len() > SHORT
                || number(piece)
                || lone_quote(piece))
        {
            join[i] = true;
            if open(piece) {
                join[i + 1] = true;
            }
        }
    }
    join
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | ':' | '…')
}

/// A line that is only a responsibility note, e.g. `(责任单位:区科委)`.
pub fn is_note_line(chars: &[char]) -> bool {
    if chars.first() != Some(&'(') {
        return false;
    }
    (chars.ends_with(&[')']) || chars.ends_with(&[')', '。']))
        && crate::lex::chars::contains_any(
            chars,
            &["责任", "牵头", "配合", "负责", "协办", "主办", "完成时"],
        )
}

pub fn build(doc: &Document) -> (Vec<Block>, crate::model::Script) {
    let (lines, script) = lines(doc);
    let width = wrap_width(&lines);
    let inline_joins = inline_breaks(&lines);
    // One buffer for the text of the lines that may be noise (the noise checks read a
    // str); most lines are refused on their chars.
    let mut s = String::new();
    // Everything after a "纠错"/"为你推荐" line near the end is page furniture.
    let junk_from = lines
        .iter()
        .enumerate()
        .find(|(i, l)| {
            *i * 10 >= lines.len() * 6
                && l.chars.len() < noise::TRAILING_JUNK_MAX
                && noise::may_start_trailing_junk(&l.chars)
                && {
                    s.clear();
                    s.extend(l.chars.iter());
                    noise::starts_trailing_junk(&s)
                }
        })
        .map(|(i, _)| i)
        .unwrap_or(lines.len());

    let mut blocks: Vec<Open> = vec![];
    let mut prev_line_len = 0usize;
    for (i, mut line) in lines.into_iter().enumerate() {
        let noise = i >= junk_from
            || noise::may_be_noise(&line.chars) && {
                s.clear();
                s.extend(line.chars.iter());
                noise::is_noise_line(&s)
            };
        // Two pipes make three cells.
        let kind = if noise {
            BlockKind::Noise
        } else if line.chars.last() == Some(&'|') || line.marks.pipes >= 2 {
            BlockKind::Cell
        } else {
            BlockKind::Para
        };
        // Markdown of a scrape: "## 一、总体要求", "**(一)指导思想**", "> 引文".
        if kind == BlockKind::Para {
            // A cell's line break means nothing outside a table.
            if line.chars.contains(&'\u{2028}') {
                let keep: Vec<bool> = line.chars.iter().map(|c| *c != '\u{2028}').collect();
                let mut k = keep.iter();
                line.chars.retain(|_| *k.next().unwrap_or(&true));
                line.pos.retain(|k| keep.get(k).copied().unwrap_or(true));
                if line.chars.is_empty() {
                    continue;
                }
            }
            let marks = line
                .chars
                .iter()
                .take_while(|c| matches!(c, '#' | '*' | '>'))
                .count();
            if marks > 0 && marks < line.chars.len() {
                line.chars.drain(..marks);
                line.pos = line.pos.range(marks, line.pos.len());
            }
            while line.chars.len() > 2 && line.chars.ends_with(&['*', '*']) {
                line.chars.truncate(line.chars.len() - 2);
                line.pos = line.pos.range(0, line.pos.len() - 2);
            }
        }
        if kind == BlockKind::Cell {
            // A markdown row opens and closes with a pipe: "| 1 | 任务 |". A decoder's
            // row has pipes only between cells, so a pipe at its end is an empty last
            // cell (kept, so the row's cells stay in their columns) and one at its start
            // an empty first cell (dropped: a row short of cells is aligned right).
            if line.chars.first() == Some(&'|') {
                if line.chars.len() > 1 && line.chars.last() == Some(&'|') {
                    line.chars.pop();
                    line.pos = line.pos.range(0, line.pos.len().saturating_sub(1));
                }
                line.chars.remove(0);
                line.pos = line.pos.range(1, line.pos.len());
            }
            if line.chars.iter().all(|c| *c == '|') {
                continue;
            }
        }
        let this_len = line.chars.len();
        if kind == BlockKind::Para {
            if let Some(prev) = blocks.last_mut() {
                // "责任单位:…" on its own line belongs to the paragraph above; a ';'
                // (mapped to the line's first char) keeps the two apart for parsing.
                let label_line = crate::lex::notes::starts_with_label(&line.chars)
                    && markers::detect(&line.chars).is_none();
                if prev.kind == BlockKind::Para
                    && (label_line
                        || inline_joins[i]
                        || should_join(prev, prev_line_len, &line, width))
                {
                    if label_line {
                        prev.chars.push(';');
                        if let Some(p) = line.pos.first() {
                            prev.pos.push(p as u32);
                        }
                    }
                    prev.depth += line.marks.depth;
                    prev.chars.extend(line.chars);
                    prev.pos.extend(&line.pos);
                    prev.end = line.end;
                    prev_line_len = this_len;
                    continue;
                }
            }
        }
        prev_line_len = this_len;
        blocks.push(Open {
            start: line.start,
            end: line.end,
            depth: line.marks.depth,
            chars: line.chars,
            pos: line.pos,
            kind,
        });
    }
    // Joined lines grew their block by doubling: give back what no char uses, since
    // the blocks live through the whole analysis.
    let mut out: Vec<Block> = blocks
        .into_iter()
        .map(|b| Block {
            start: b.start,
            end: b.end,
            chars: b.chars.into_boxed_slice(),
            pos: Pos::new(&b.pos),
            kind: b.kind,
        })
        .collect();
    // Collected in place (a block is smaller than an open one): the room left over goes.
    out.shrink_to_fit();
    (out, script)
}

fn should_join(prev: &Open, prev_line_len: usize, line: &Line, width: Option<usize>) -> bool {
    if prev.chars.len() > 4000 {
        return false;
    }
    let first = line.chars[0];
    let starts_marker = markers::detect(&line.chars).is_some();
    // A note broken over two lines, or a sentence broken inside brackets or quotes.
    if prev.depth > 0 && !starts_marker {
        return true;
    }
    if matches!(first, '。' | ',' | '、' | ';' | ')' | '”' | '》' | '〕') {
        return true;
    }
    // A line that stops on a comma or an enumeration comma goes on below.
    if matches!(prev.chars.last(), Some(',' | '、')) && !starts_marker {
        return true;
    }
    if is_note_line(&line.chars)
        && !starts_marker
        && markers::detect(&prev.chars).is_none_or(|m| m.len != prev.chars.len())
    {
        return true;
    }
    if let Some(w) = width {
        let last = *prev.chars.last().unwrap_or(&'。');
        if prev_line_len + 1 >= w && !is_terminal(last) && !starts_marker {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{Offsets, Pos};
    use crate::text::Document;

    fn offsets(ps: &[u32]) -> Offsets {
        let mut o = Offsets::default();
        for &p in ps {
            o.push(p);
        }
        o
    }

    #[test]
    fn offsets_are_runs_that_answer_as_a_list() {
        let ps = [3, 4, 5, 7, 8, 20, 21, 22, 23, 0];
        let o = offsets(&ps);
        assert_eq!(o.runs.len(), 4, "consecutive offsets share a run");
        assert_eq!(o.len(), ps.len());
        let all: Vec<usize> = o.iter().collect();
        assert_eq!(all, ps.iter().map(|&p| p as usize).collect::<Vec<_>>());
        for (k, &p) in ps.iter().enumerate() {
            assert_eq!(o.get(k), Some(p as usize));
        }
        assert_eq!(o.get(ps.len()), None);
        assert_eq!((o.first(), o.last()), (Some(3), Some(0)));
        for a in 0..=ps.len() {
            for b in 0..=ps.len() + 1 {
                let want: Vec<usize> = ps.iter().take(b).skip(a).map(|&p| p as usize).collect();
                let got: Vec<usize> = o.range(a, b).iter().collect();
                assert_eq!(got, want, "range {a}..{b}");
            }
        }
        let mut joined = o.range(0, 3);
        joined.extend(&offsets(&[6, 7, 30]));
        assert_eq!(joined.iter().collect::<Vec<_>>(), vec![3, 4, 5, 6, 7, 30]);
        assert_eq!(joined.runs.len(), 2, "a joined run that goes on is merged");
        let mut kept = o.clone();
        kept.retain(|k| k % 2 == 0);
        assert_eq!(kept.iter().collect::<Vec<_>>(), vec![3, 5, 8, 21, 23]);
        assert!(Offsets::default().first().is_none());
    }

    #[test]
    fn frozen_offsets_answer_as_the_runs_did() {
        // Narrow (every run within 16 bits of the first), wide (an offset before the
        // first; one 70 000 chars on; a run starting past char 65 535), one run, none.
        let far: Vec<u32> = (0..5).chain(70_000..70_003).chain([70_010]).collect();
        let long: Vec<u32> = (0..70_000).chain([80_000, 80_001, 80_005]).collect();
        for ps in [
            vec![3, 4, 5, 7, 8, 20, 21, 22, 23, 0],
            vec![3, 4, 5, 7, 8, 20],
            far,
            long,
            vec![9, 10, 11],
            vec![],
        ] {
            let o = offsets(&ps);
            let f = Pos::new(&o);
            assert_eq!(f.len(), o.len());
            for k in 0..=ps.len() {
                assert_eq!(f.get(k), o.get(k), "{} offsets, at {k}", ps.len());
            }
        }
        assert!(
            Pos::new(&offsets(&[9, 10, 11])).runs.is_empty(),
            "one run: nothing"
        );
        assert_eq!(
            Pos::new(&offsets(&[3, 4, 7])).runs.len(),
            2,
            "a narrow run: 4 bytes"
        );
        assert_eq!(
            Pos::new(&offsets(&[3, 4, 0])).runs.len(),
            4,
            "a wide run: 8 bytes"
        );
    }

    fn texts(s: &str) -> Vec<String> {
        Document::new(s).blocks.iter().map(|b| b.text()).collect()
    }

    #[test]
    fn one_block_per_line() {
        assert_eq!(
            texts("一、总体思路\r\n\r\n(一)指导思想\n"),
            vec!["一、总体思路", "(一)指导思想"]
        );
    }

    #[test]
    fn joins_a_note_split_by_a_line_break() {
        let t = texts("1.推进改革。(责任单位:区\n财政局)\n2.下一项。");
        assert_eq!(t, vec!["1.推进改革。(责任单位:区财政局)", "2.下一项。"]);
    }

    #[test]
    fn joins_a_note_on_its_own_line() {
        let t = texts("探索政府采购政策。\n(责任部门:区财政局)\n");
        assert_eq!(t, vec!["探索政府采购政策。(责任部门:区财政局)"]);
    }

    #[test]
    fn joins_a_line_broken_after_a_comma() {
        let t = texts(
            "1.加快建设平台，
推动成果转化。
2.下一项。",
        );
        assert_eq!(t, vec!["1.加快建设平台,推动成果转化。", "2.下一项。"]);
    }

    #[test]
    fn a_plan_pasted_on_one_line_is_broken_at_its_numbering() {
        let item = "1.推进改革。做好审批制度改革和商事登记制度改革工作,持续优化营商环境。(责任单位:区发改委)";
        let mut s = String::from("一、主要任务 ");
        for _ in 0..40 {
            s.push_str(item);
        }
        let t = texts(&s);
        assert_eq!(t.len(), 41);
        assert_eq!(t[0], "一、主要任务");
        assert!(t[1].starts_with("1.推进改革"));
    }

    #[test]
    fn breaks_html_paragraphs() {
        let t = texts("<p>一、总体要求</p><p>(一)指导思想</p>");
        assert_eq!(t, vec!["一、总体要求", "(一)指导思想"]);
    }

    #[test]
    fn spans_point_into_the_original() {
        let d = Document::new("前言\n　一、总 体");
        let b = &d.blocks[1];
        assert_eq!(b.text(), "一、总体");
        assert_eq!(d.display(b.start, b.end), "一、总 体");
    }

    #[test]
    fn rejoins_a_page_broken_at_inline_elements() {
        // A copy of a web page with a line around every number, quote and bold word.
        let page = "二、基本原则\n坚持深化改革。\n（一）推进市场化。\n确保\n2025\n年底前实现全面市场化，\n按\n0.4012\n元\n/千瓦时执行；\n2025\n年\n6\n月\n1\n日起，\n以\n“\n报量报价\n”\n参与市场，在\n年度机制电量\n上限范围内执行。\n（二）做好衔接。\n";
        assert_eq!(
            texts(page),
            vec![
                "二、基本原则",
                "坚持深化改革。",
                "(一)推进市场化。",
                "确保2025年底前实现全面市场化,按0.4012元/千瓦时执行;2025年6月1日起,以“报量报价”参与市场,在年度机制电量上限范围内执行。",
                "(二)做好衔接。",
            ]
        );
        // A table read one cell a line keeps its row numbers and values apart.
        let table = "序号\n指标\n目标值\n1\n年均受灾人次\n15000\n2\n重特大事故起数\n20%\n3\n年均死亡率\n1\n";
        assert_eq!(texts(table).len(), 12);
    }

    #[test]
    fn rejoins_hard_wrapped_lines() {
        let line = "这是一段很长的文字被排版软件硬性折行了所以每一行都一样长短啊";
        let mut s = String::new();
        for _ in 0..10 {
            s.push_str(line);
            s.push('\n');
        }
        s.push_str("结束。\n");
        assert_eq!(texts(&s).len(), 1);
    }
}
