//! 任务分解表 tables: a header row naming the task and unit columns, in any order
//! and wording (`序号 | 重点任务 | 工作措施 | 牵头单位 | 配合单位 | 完成时限`), then one
//! measure per row. Rows arrive as `|`-separated lines: .docx and HTML tables,
//! markdown copies (`| --- |` alignment rows), tab-separated pastes.
//!
//! Rows that span the table (`一、…`) are headings of the section path; a row with
//! fewer or empty leading cells continues the row above (merged cells lost in
//! conversion). Rows that restate a body task (an annex 任务分工表) give that task its
//! units and deadline instead of becoming a second measure.

use crate::lex::hash::{FastMap, FastSet};
use crate::lex::markers::{self, row_number};
use crate::lex::notes::{header_role, HeaderRole};
use crate::lex::{chars, dates};
use crate::model::{Basis, Deadline, Measure, SectionKind};
use crate::outline::{self, Outline};
use crate::text::blocks::row_cells as cells;
use crate::text::{BlockKind, Document};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

crate::lexicon!(pub(crate) TASK_HEADERS, "table_task_headers.txt");
crate::lexicon!(NUMBER_HEADERS, "table_number_headers.txt");
crate::lexicon!(CATEGORY_HEADERS, "table_category_headers.txt");

/// A soft line break inside a cell (decoders write U+2028 for `<br>` and for a
/// cell's paragraphs): it separates unit names.
const CELL_BREAK: char = '\u{2028}';

#[derive(Default, Debug)]
struct Columns {
    number: Option<usize>,
    /// The column whose cell is the measure's text.
    task: Option<usize>,
    /// A more general task column beside it (重点任务 beside 具体措施): the title.
    title: Option<usize>,
    lead: Vec<usize>,
    support: Vec<usize>,
    deadline: Option<usize>,
    width: usize,
    /// Laid out one cell per line: a merged cell stands on its group's first row only,
    /// so a row without title or unit cells continues the row above.
    lines: bool,
}

/// The header cell's words without a bracketed remark: `牵头单位(部门)` → `牵头单位`.
fn header_words(cell: &[char]) -> &[char] {
    match cell.iter().position(|c| *c == '(') {
        Some(p) if p > 0 => &cell[..p],
        _ => cell,
    }
}

fn header(chars: &[char]) -> Option<Columns> {
    header_columns(chars)
        .filter(|c| !c.lead.is_empty() || !c.support.is_empty() || c.deadline.is_some())
}

/// The columns a header row names, with a task column (units and deadline may be
/// missing).
fn header_columns(chars: &[char]) -> Option<Columns> {
    let cs = cells(chars);
    if cs.len() < 3 {
        return None;
    }
    let mut cols = Columns {
        width: cs.len(),
        ..Columns::default()
    };
    let mut chief = vec![];
    let mut duty = vec![];
    let mut support = vec![];
    // (group, column) of the task columns: group 0 is the specific measure.
    let mut tasks: Vec<(usize, usize)> = vec![];
    let mut holders: Vec<(usize, bool)> = vec![];
    for (k, &(a, b)) in cs.iter().enumerate() {
        // A header cell broken over two lines ("牵头⏎单位") is one word.
        let joined: Vec<char> = chars[a..b]
            .iter()
            .copied()
            .filter(|c| *c != CELL_BREAK)
            .collect();
        let cell = header_words(&joined);
        if cell.len() > 12 {
            return None;
        }
        let t: String = cell.iter().collect();
        if NUMBER_HEADERS.contains_word(&t) {
            cols.number.get_or_insert(k);
            continue;
        }
        match header_role(cell) {
            Some(role @ (HeaderRole::Chief | HeaderRole::Lead | HeaderRole::Support)) => {
                // 处室/科室 columns beside 单位 columns break a unit down internally.
                let internal = chars::ends_at(cell, cell.len(), "处室")
                    || chars::ends_at(cell, cell.len(), "科室");
                holders.push((k, internal));
                match role {
                    HeaderRole::Chief => chief.push(k),
                    HeaderRole::Lead => duty.push(k),
                    _ => support.push(k),
                }
            }
            Some(HeaderRole::Deadline) => {
                cols.deadline.get_or_insert(k);
            }
            Some(HeaderRole::People) => {}
            // 任务类型: a column of kinds over groups of rows, not the task.
            None if is_kinds_header(cell) => {}
            None => {
                if let Some(w) = TASK_HEADERS.first_in(&t) {
                    tasks.push((TASK_HEADERS.group_of(w), k));
                }
            }
        }
    }
    let internal: Vec<usize> = if holders.iter().any(|(_, i)| !i) {
        holders
            .iter()
            .filter(|(_, i)| *i)
            .map(|(k, _)| *k)
            .collect()
    } else {
        vec![]
    };
    let keep =
        |v: Vec<usize>| -> Vec<usize> { v.into_iter().filter(|k| !internal.contains(k)).collect() };
    let (chief, duty, support) = (keep(chief), keep(duty), keep(support));
    // Beside a 牵头 column every other unit column supports; without one 责任单位 leads.
    if !chief.is_empty() {
        cols.lead = chief;
        cols.support = duty.into_iter().chain(support).collect();
    } else {
        cols.lead = duty;
        cols.support = support;
    }
    cols.support.sort_unstable();
    tasks.sort_unstable();
    cols.task = tasks.first().map(|t| t.1);
    cols.title = tasks
        .iter()
        .find(|t| t.0 > 0 && tasks[0].0 == 0)
        .map(|t| t.1);
    cols.task.is_some().then_some(cols)
}

/// Rows looked at to find a unit column by its cells.
const UNIT_COLUMN_ROWS: usize = 60;

/// A numbered header with a task column but no unit or deadline column: the units may
/// stand in a column whose header names no role (`考核项目` spanning a department
/// sub-column, `考核部门`). It is the column whose filled cells below are unit names,
/// at least three of them and four in five.
fn with_unit_column_below(doc: &Document, at: usize, mut cols: Columns) -> Option<Columns> {
    cols.number?;
    let skip = [cols.number, cols.task, cols.title];
    let mut filled = vec![0usize; cols.width];
    let mut units = vec![0usize; cols.width];
    let rows = doc.blocks.get(at + 1..).unwrap_or(&[]).iter();
    for block in rows
        .take_while(|b| b.kind == BlockKind::Cell && b.chars.contains(&'|'))
        .take(UNIT_COLUMN_ROWS)
    {
        let cs = cells(&block.chars);
        let Some(missing) = cols.width.checked_sub(cs.len()) else {
            continue;
        };
        for (i, &(a, b)) in cs.iter().enumerate() {
            let k = i + missing;
            if b <= a || skip.contains(&Some(k)) {
                continue;
            }
            let Some(f) = filled.get_mut(k) else { continue };
            *f += 1;
            if is_unit_cell(&block.chars, a, b) {
                units[k] += 1;
            }
        }
    }
    let best = (0..cols.width).max_by_key(|&k| (units[k], std::cmp::Reverse(k)))?;
    (units[best] >= 3 && units[best] * 5 >= filled[best] * 4).then(|| {
        cols.lead = vec![best];
        cols
    })
}

/// `| --- | :---: |`: the alignment row of a markdown table.
fn is_alignment_row(chars: &[char]) -> bool {
    chars.contains(&'-') && chars.iter().all(|c| matches!(c, '-' | ':' | '|'))
}

/// A unit-name range split at 、 , ; / (outside brackets) and in-cell line breaks, with the words that
/// close a list dropped (等, 等部门: the notes' own rule). Pieces of one name broken across lines (`区机关事务管理⏎服务中心`) are
/// joined again.
fn unit_ranges(chars: &[char], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize, bool)> = vec![];
    let mut start = a;
    // A bracketed gloss is part of its unit's name: 区委宣传部(区文明办、区网信办).
    let mut depth = 0i32;
    for i in a..=b {
        match chars.get(i) {
            Some('(') => depth += 1,
            Some(')') => depth = (depth - 1).max(0),
            Some(&CELL_BREAK) => depth = 0,
            _ => {}
        }
        let sep = |c: char| matches!(c, '、' | ',' | ';' | '/' | '，') && depth == 0;
        if i == b || sep(chars[i]) || chars[i] == CELL_BREAK {
            let e = crate::lex::notes::without_list_tail(chars, start, i);
            if e > start {
                ranges.push((start, e, i < b && chars[i] == CELL_BREAK));
            }
            start = i + 1;
        }
    }
    let mut out: Vec<(usize, usize)> = vec![];
    let mut joined_to_next = false;
    for (k, &(x, y, at_break)) in ranges.iter().enumerate() {
        if joined_to_next {
            if let Some(last) = out.last_mut() {
                last.1 = y;
            }
        } else {
            out.push((x, y));
        }
        // "区机关事务管理" + "服务中心": the first piece is no unit on its own.
        joined_to_next = at_break
            && !crate::lex::notes::looks_like_unit(&chars[x..y])
            && ranges.get(k + 1).is_some();
    }
    out
}

/// Whether every name in `chars[a..b]` ends like a unit (a cell of a unit column).
fn is_unit_cell(chars: &[char], a: usize, b: usize) -> bool {
    let pieces = unit_ranges(chars, a, b);
    !pieces.is_empty()
        && pieces
            .iter()
            .all(|&(x, y)| crate::lex::notes::looks_like_unit(&chars[x..y]))
}

fn names(doc: &Document, block: usize, (a, b): (usize, usize)) -> Vec<Arc<str>> {
    let chars = &doc.blocks[block].chars;
    let ranges: Vec<(usize, usize)> = unit_ranges(chars, a, b)
        .into_iter()
        .filter(|&(x, y)| !matches!(&chars[x..y], ['无'] | ['-'] | ['—'] | ['/']))
        .collect();
    super::names::as_written(doc, block, &ranges)
}

fn cell_text(doc: &Document, block: usize, (a, b): (usize, usize)) -> String {
    let [s, e] = doc.blocks[block].span(a, b);
    doc.display(s, e).trim().to_string()
}

/// A row that spans the table: one filled cell (or every cell the same, when a
/// merged cell was copied into each), opening with numbering: `一、营造环境`.
fn group_heading(chars: &[char], cs: &[(usize, usize)]) -> Option<(usize, usize)> {
    let filled: Vec<&(usize, usize)> = cs.iter().filter(|(a, b)| b > a).collect();
    let first = **filled.first()?;
    let all_same = filled
        .iter()
        .all(|&&(a, b)| chars[a..b] == chars[first.0..first.1]);
    if !(filled.len() == 1 || all_same) {
        return None;
    }
    let m = markers::detect(&chars[first.0..first.1])?;
    (!m.style.is_inline_list()).then_some(first)
}

/// Comparison key: the matching view of a text without punctuation, for finding the
/// body task an annex row restates.
fn key_into(s: &[char], out: &mut Vec<char>) {
    out.clear();
    out.extend(
        s.iter()
            .filter(|c| !matches!(c, '。' | ',' | ';' | ':' | '、' | '|')),
    );
}

/// How many opening chars of a row's key must be found in a body task's text.
const OPENING: usize = 12;
/// The fewest chars of an opening, or of a title found in a row.
const MIN_MATCH: usize = 6;

/// The opening words of a row's key (`None`: too short to match anything).
fn opening(row: &[char]) -> Option<&[char]> {
    let o = &row[..row.len().min(OPENING)];
    (o.len() >= MIN_MATCH).then_some(o)
}

/// Polynomial hashes of every prefix of `s` (wrapping arithmetic), so that the hash of
/// any window is two multiplications away: [`window_hash`].
fn prefix_hashes(s: &[char], out: &mut Vec<u64>) {
    out.clear();
    out.push(0);
    let mut h = 0u64;
    for &c in s {
        h = h.wrapping_mul(HASH_BASE).wrapping_add(c as u64 + 1);
        out.push(h);
    }
}

const HASH_BASE: u64 = 0x100_0000_01b3;

fn hash_of(s: &[char]) -> u64 {
    s.iter().fold(0u64, |h, &c| {
        h.wrapping_mul(HASH_BASE).wrapping_add(c as u64 + 1)
    })
}

/// The hash of `s[i..i + len]` from its prefix hashes and `HASH_BASE^len`.
fn window_hash(pre: &[u64], i: usize, len: usize, pow: u64) -> u64 {
    pre[i + len].wrapping_sub(pre[i].wrapping_mul(pow))
}

fn power(len: usize) -> u64 {
    (0..len).fold(1u64, |p, _| p.wrapping_mul(HASH_BASE))
}

/// A hash map keyed by hashes already computed: the key is its own hash.
#[derive(Default, Clone, Copy)]
struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(HASH_BASE);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Spread the high bits to the low ones the table indexes by.
        self.0 = (self.0 ^ n)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type HashBy<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Prehashed>>;

/// A window of chars by its length and hash.
type WindowKey = (usize, u64);

/// The body measures (not from a table) that annex rows may restate, indexed so that
/// matching every row costs time linear in the rows and the body texts, not their
/// product: a row restates the first body measure whose text holds the row's opening
/// words, or else the first whose title (≥ 6 chars) the row holds.
#[derive(Default)]
struct Body {
    /// Each row opening found in a body text → the first such body measure.
    openings: FastMap<Vec<char>, usize>,
    /// (length, hash) of each distinct title → the last of them in `title_list` (each
    /// links to the one before it with the same length and hash).
    titles: HashBy<WindowKey, u32>,
    /// Each distinct title: its first body measure and where its key is.
    title_list: Vec<TitleAt>,
    /// The distinct titles' keys, one after another.
    title_chars: Vec<char>,
    /// The distinct title lengths, ascending.
    title_lens: Vec<usize>,
}

/// A distinct title of the body measures: its first measure, where its key starts in
/// [`Body::title_chars`] (its length is the map's key), and the title before it with
/// the same length and hash ([`NO_TITLE`]: none). u32: the decoders' limits keep texts
/// far below 4 G chars.
struct TitleAt {
    measure: usize,
    start: u32,
    before: u32,
}

const NO_TITLE: u32 = u32::MAX;

/// A row that restates no body measure (u32: no document has 4 G measures).
const NOT_RESTATED: u32 = u32::MAX;

impl Body {
    /// The titles of length `len` and hash `hash`: (their first measure, their key).
    fn titles_at(&self, len: usize, hash: u64) -> impl Iterator<Item = (usize, &[char])> {
        let mut at = self.titles.get(&(len, hash)).copied().unwrap_or(NO_TITLE);
        std::iter::from_fn(move || {
            let t = self.title_list.get(at as usize)?;
            at = t.before;
            let start = t.start as usize;
            Some((t.measure, self.title_chars.get(start..start + len)?))
        })
    }

    /// Adds a body measure's title key, unless an earlier measure had the same one.
    fn add_title(&mut self, measure: usize, key: &[char]) -> bool {
        let hash = hash_of(key);
        if self.titles_at(key.len(), hash).any(|(_, t)| t == key) {
            return false;
        }
        let (Ok(id), Ok(start)) = (
            u32::try_from(self.title_list.len()),
            u32::try_from(self.title_chars.len()),
        ) else {
            return false;
        };
        let before = self
            .titles
            .insert((key.len(), hash), id)
            .unwrap_or(NO_TITLE);
        self.title_list.push(TitleAt {
            measure,
            start,
            before,
        });
        self.title_chars.extend_from_slice(key);
        true
    }

    /// `rows`: the task cells of every table row (their matching-view chars).
    fn new<'r>(
        doc: &Document,
        measures: &[Measure],
        rows: impl Iterator<Item = &'r [char]>,
    ) -> Body {
        let items = measures
            .iter()
            .enumerate()
            .filter(|(_, m)| m.basis != Basis::TableRow)
            // The texts are not written yet (`fill_texts`): each is shown from its span.
            .map(|(i, m)| (i, doc.display(m.span[0], m.span[1]), m.title.as_deref()));
        Body::build(rows, items, |s| doc.matching(s))
    }

    /// The index over body measures `(index, text, title)`, in order, their texts put in
    /// the matching view by `matching`.
    fn build<'r, 'm, T: AsRef<str>>(
        rows: impl Iterator<Item = &'r [char]>,
        items: impl Iterator<Item = (usize, T, Option<&'m str>)>,
        matching: impl Fn(&str) -> Vec<char>,
    ) -> Body {
        let mut body = Body::default();
        // The openings to look for, by length: (length, hash) → opening ids.
        let mut wanted: Vec<Vec<char>> = vec![];
        let mut by_hash: HashBy<WindowKey, Vec<usize>> = HashBy::default();
        let mut seen: FastSet<Vec<char>> = FastSet::default();
        let mut k = vec![];
        for row in rows {
            key_into(row, &mut k);
            if let Some(o) = opening(&k) {
                if seen.insert(o.to_vec()) {
                    by_hash
                        .entry((o.len(), hash_of(o)))
                        .or_default()
                        .push(wanted.len());
                    wanted.push(o.to_vec());
                }
            }
        }
        if wanted.is_empty() {
            // No row long enough to restate anything: nothing to index.
            return body;
        }
        let mut lens: Vec<usize> = wanted.iter().map(Vec::len).collect();
        lens.sort_unstable();
        lens.dedup();
        let pows: Vec<u64> = lens.iter().map(|&l| power(l)).collect();
        let mut left = wanted.len();
        let mut found = vec![false; wanted.len()];
        let (mut text, mut pre) = (vec![], vec![]);
        let mut titles: Vec<usize> = vec![];
        for (i, m_text, m_title) in items {
            if let Some(t) = m_title {
                key_into(&matching(t), &mut text);
                if text.len() >= MIN_MATCH && body.add_title(i, &text) {
                    titles.push(text.len());
                }
            }
            if left == 0 {
                continue;
            }
            key_into(&matching(m_text.as_ref()), &mut text);
            prefix_hashes(&text, &mut pre);
            for (&len, &pow) in lens.iter().zip(&pows) {
                for at in 0..(text.len() + 1).saturating_sub(len) {
                    let Some(ids) = by_hash.get(&(len, window_hash(&pre, at, len, pow))) else {
                        continue;
                    };
                    for &id in ids {
                        if !found[id] && wanted[id][..] == text[at..at + len] {
                            found[id] = true;
                            left -= 1;
                            body.openings.insert(wanted[id].clone(), i);
                        }
                    }
                }
            }
        }
        titles.sort_unstable();
        titles.dedup();
        body.title_lens = titles;
        // Kept while the rows are taken: no spare room.
        body.title_list.shrink_to_fit();
        body.title_chars.shrink_to_fit();
        body
    }

    /// The body measure that a row (its task cell) restates.
    fn restated(&self, row: &[char]) -> Option<usize> {
        let mut row_key = vec![];
        key_into(row, &mut row_key);
        let o = opening(&row_key)?;
        if let Some(&i) = self.openings.get(o) {
            return Some(i);
        }
        let mut pre = vec![];
        prefix_hashes(&row_key, &mut pre);
        let mut first: Option<usize> = None;
        for &len in self.title_lens.iter().take_while(|&&l| l <= row_key.len()) {
            let pow = power(len);
            for at in 0..=row_key.len() - len {
                for (i, t) in self.titles_at(len, window_hash(&pre, at, len, pow)) {
                    if t[..] == row_key[at..at + len] && first.is_none_or(|f| i < f) {
                        first = Some(i);
                    }
                }
            }
        }
        first
    }
}

fn merge_names(into: &mut Vec<Arc<str>>, from: &[Arc<str>]) {
    for n in from {
        if !into.contains(n) {
            into.push(n.clone());
        }
    }
}

/// A cell of a row: its block and char range there. Cells of a pipe row share one
/// block; a table laid out one cell per line has a block per cell.
type Cell = (usize, usize, usize);

/// Rows of one table, turned into measures (or into units of the body tasks they
/// restate) one by one.
struct Rows<'a> {
    doc: &'a Document,
    outline: &'a Outline,
    plan_year: Option<i32>,
    group: Option<String>,
    /// The row above, for rows that continue it: (number, title, measure index).
    above: Option<(String, Option<String>, Option<usize>)>,
    /// The units of the row above (a line table's rows that lost their unit cells).
    above_units: (Vec<Arc<str>>, Vec<Arc<str>>),
}

impl Rows<'_> {
    fn text(&self, (b, x, y): Cell) -> String {
        cell_text(self.doc, b, (x, y))
    }

    fn names(&self, (b, x, y): Cell) -> Vec<Arc<str>> {
        names(self.doc, b, (x, y))
    }

    /// One data row, its cells in column order (`None` for an empty or lost cell), and
    /// the body measure its task restates, if any ([`Body::restated`]).
    fn take(
        &mut self,
        c: &Columns,
        cs: &[Option<Cell>],
        restated: Option<usize>,
        measures: &mut Vec<Measure>,
        ranges: &mut Vec<Vec<Cell>>,
    ) {
        let (doc, outline) = (self.doc, self.outline);
        let get = |k: Option<usize>| {
            k.and_then(|k| cs.get(k).copied().flatten())
                .filter(|(_, x, y)| y > x)
        };
        let number = get(c.number).map(|r| self.text(r));
        let task = task_cell(c, cs);
        let title_cell = get(c.title).map(|r| self.text(r));
        let units = |cols: &[usize]| -> Vec<Arc<str>> {
            cols.iter()
                .filter_map(|&k| cs.get(k).copied().flatten())
                .flat_map(|r| self.names(r))
                .collect()
        };
        let (mut lead, mut support) = (units(&c.lead), units(&c.support));
        let more: Vec<Arc<str>> = overflow(c, cs).flat_map(|r| self.names(r)).collect();
        if c.support.is_empty() {
            lead.extend(more);
        } else {
            support.extend(more);
        }
        if c.lines && lead.is_empty() && support.is_empty() {
            (lead, support) = self.above_units.clone();
        } else {
            self.above_units = (lead.clone(), support.clone());
        }
        let at_block = task
            .or_else(|| cs.iter().flatten().next().copied())
            .map(|r| r.0)
            .unwrap_or(0);
        let node = outline.owner.get(at_block).copied().flatten();
        let section_year = node
            .and_then(|n| outline::section_year(doc, outline, n))
            .or(self.plan_year);
        let deadline = get(c.deadline).map(|(b, x, y)| {
            let block = &doc.blocks[b];
            let [s, e] = block.span(x, y);
            Deadline {
                text: doc.display(s, e).trim().to_string(),
                date: dates::to_date(&block.chars[x..y], section_year),
            }
        });
        let continues = (number.is_none() || c.lines) && self.above.is_some();
        let title = title_cell.or_else(|| {
            if continues {
                self.above.as_ref().and_then(|a| a.1.clone())
            } else {
                None
            }
        });
        let Some((tb_block, ta, tb)) = task else {
            // No task text: the row adds units to the row above (a merged task cell).
            if let Some(m) = self.above.as_ref().and_then(|a| a.2) {
                merge_names(&mut measures[m].lead, &lead);
                merge_names(&mut measures[m].support, &support);
                if measures[m].deadline.is_none() {
                    measures[m].deadline = deadline;
                }
            }
            return;
        };
        // A row restating a body task gives it units rather than a second measure.
        if let Some(i) = restated {
            let m = &mut measures[i];
            if matches!(m.basis, Basis::NoUnits | Basis::AnnexRow | Basis::Inherited) {
                if m.basis != Basis::AnnexRow {
                    m.lead.clear();
                    m.support.clear();
                }
                merge_names(&mut m.lead, &lead);
                merge_names(&mut m.support, &support);
                let lead_now = m.lead.clone();
                m.support.retain(|s| !lead_now.contains(s));
                if m.deadline.is_none() {
                    m.deadline = deadline;
                }
                m.basis = Basis::AnnexRow;
            }
            self.above = Some((number.unwrap_or_default(), title, None));
            return;
        }
        let mut section = outline::section_path(doc, outline, node);
        let number = number.or_else(|| self.above.as_ref().map(|a| a.0.clone()));
        for part in [
            self.group.as_deref().and_then(|g| marker_label(doc, g)),
            number.clone(),
        ] {
            if let Some(p) = part.filter(|p| !p.is_empty()) {
                if !section.is_empty() {
                    section.push('/');
                }
                section.push_str(&p);
            }
        }
        let mut path: Vec<Arc<str>> = node
            .map(|n| {
                outline
                    .ancestors(n)
                    .iter()
                    .map(|&a| outline.shared_title(doc, a))
                    .collect()
            })
            .unwrap_or_default();
        path.extend(self.group.as_deref().map(|g| doc.share(g)));
        let [s, e] = doc.blocks[tb_block].span(ta, tb);
        let has_units = !lead.is_empty() || !support.is_empty();
        measures.push(Measure {
            id: String::new(),
            section,
            path,
            section_kind: node
                .map(|n| outline.nodes[n].kind)
                .unwrap_or(SectionKind::Other),
            title: title.clone(),
            // Written from `span` once the views are freed (`fill_texts`).
            text: String::new(),
            lead,
            support,
            deadline,
            span: [s, e],
            note_span: None,
            basis: if has_units {
                Basis::TableRow
            } else {
                Basis::NoUnits
            },
            edited: false,
        });
        ranges.push(vec![(tb_block, ta, tb)]);
        self.above = Some((number.unwrap_or_default(), title, Some(measures.len() - 1)));
    }
}

pub fn extract(
    doc: &Document,
    outline: &Outline,
    plan_year: Option<i32>,
    measures: &mut Vec<Measure>,
    ranges: &mut Vec<Vec<(usize, usize, usize)>>,
) {
    // Cells laid out one per line were read as paragraphs: their drafts give way to rows.
    let line_tables = line_tables(doc);
    if !line_tables.is_empty() {
        let inside = |r: &Vec<Cell>| {
            r.iter()
                .all(|c| line_tables.iter().any(|t| t.blocks.contains(&c.0)))
        };
        let keep: Vec<bool> = ranges.iter().map(|r| r.is_empty() || !inside(r)).collect();
        let mut k = keep.iter();
        measures.retain(|_| *k.next().unwrap_or(&true));
        let mut k = keep.iter();
        ranges.retain(|_| *k.next().unwrap_or(&true));
    }
    let tables = steps(doc, line_tables);
    // Each step's task cell, read once for the index and the look-ups (freed before
    // the rows are taken).
    let task_cells: Vec<Option<Cell>> = tables
        .steps
        .iter()
        .map(|&s| tables.row(doc, s).and_then(|(c, row)| task_cell(c, &row)))
        .collect();
    let task = |&(b, x, y): &Cell| &doc.blocks[b].chars[x..y];
    // Only a document with a table needs the body measures' texts to match rows against.
    let body = Body::new(doc, measures, task_cells.iter().flatten().map(task));
    // The body measure each step's row restates, found once (the index is freed before
    // the rows are taken): `NOT_RESTATED` for no task or a task that restates nothing.
    let mut new_rows = 0;
    let restates: Vec<u32> = task_cells
        .iter()
        .map(|t| {
            let Some(t) = t else {
                return NOT_RESTATED;
            };
            match body.restated(task(t)) {
                Some(i) => u32::try_from(i).unwrap_or(NOT_RESTATED),
                None => {
                    new_rows += 1;
                    NOT_RESTATED
                }
            }
        })
        .collect();
    drop(body);
    drop(task_cells);
    // A row with a task that restates no body measure adds one: room for those once,
    // rather than by doubling (up to twice the measures, a few hundred bytes each).
    measures.reserve_exact(new_rows);
    ranges.reserve_exact(new_rows);
    let mut rows = Rows {
        doc,
        outline,
        plan_year,
        group: None,
        above: None,
        above_units: Default::default(),
    };
    for (&step, &restated) in tables.steps.iter().zip(&restates) {
        match step {
            Step::Reset => {
                rows.group = None;
                rows.above = None;
                rows.above_units = Default::default();
            }
            Step::Group(b, keeps_units) => {
                let b = b as usize;
                let chars = &doc.blocks[b].chars;
                // A group line of a table laid out one cell per line is the whole line.
                rows.group = if chars.contains(&'|') {
                    group_heading(chars, &cells(chars)).map(|g| cell_text(doc, b, g))
                } else {
                    Some(cell_text(doc, b, (0, chars.len())))
                };
                rows.above = None;
                if !keeps_units {
                    rows.above_units = Default::default();
                }
            }
            Step::Row(..) | Step::LineRow(..) => {
                if let Some((c, row)) = tables.row(doc, step) {
                    let restated = (restated != NOT_RESTATED).then_some(restated as usize);
                    rows.take(c, &row, restated, measures, ranges);
                }
            }
        }
    }
}

/// Cells past a row's columns: lines of its last unit cell broken over lines (only a
/// table laid out one cell per line has them, see `place`).
fn overflow<'c>(c: &Columns, cs: &'c [Option<Cell>]) -> impl Iterator<Item = Cell> + 'c {
    cs.get(c.width..).unwrap_or(&[]).iter().flatten().copied()
}

/// The task cell of a row (`None` when empty or lost).
fn task_cell(c: &Columns, cs: &[Option<Cell>]) -> Option<Cell> {
    c.task
        .and_then(|k| cs.get(k).copied().flatten())
        .filter(|(_, x, y)| y > x)
}

/// What the tables of a document hold, in reading order: rows to take (with the index
/// of their header's columns), group rows, and the ends of tables and groups. A step
/// says where its row is, not what its cells are: a pipe row's cells are read again from
/// its block when the row is taken, so a table's rows are never all held at once. u32:
/// the decoders' limits keep texts far below 4 G blocks.
#[derive(Clone, Copy)]
enum Step {
    /// The group and the row above end.
    Reset,
    /// A group row (`一、营造环境`), by its block: the title of the rows below. The
    /// flag: the units of the row above carry on into the group (see [`LineRow::Group`]).
    Group(u32, bool),
    /// A pipe row: its header's columns and its block.
    Row(u32, u32),
    /// A row of a table laid out one cell per line: its header's columns and its index
    /// in [`Tables::line_rows`].
    LineRow(u32, u32),
}

/// The tables of a document: the columns of each header, the steps, and the rows of
/// tables laid out one cell per line (already placed in their columns).
struct Tables {
    cols: Vec<Columns>,
    steps: Vec<Step>,
    line_rows: Vec<Vec<Option<Cell>>>,
}

impl Tables {
    /// A row step's columns and cells in column order (`None` for an empty or lost
    /// cell); any cells past the columns continue its last unit cell.
    fn row(&self, doc: &Document, step: Step) -> Option<(&Columns, Cow<'_, [Option<Cell>]>)> {
        match step {
            Step::Row(k, b) => {
                let c = self.cols.get(k as usize)?;
                Some((c, Cow::Owned(pipe_row(doc, b as usize, c.width)?)))
            }
            Step::LineRow(k, r) => {
                let c = self.cols.get(k as usize)?;
                Some((c, Cow::Borrowed(self.line_rows.get(r as usize)?.as_slice())))
            }
            Step::Reset | Step::Group(..) => None,
        }
    }
}

/// The cells of a pipe row in column order: leading cells lost with a merge (fewer
/// cells than columns) are `None`, the cells present the last ones. `None`: more cells
/// than columns, no row of this table.
fn pipe_row(doc: &Document, b: usize, width: usize) -> Option<Vec<Option<Cell>>> {
    let cs = cells(&doc.blocks.get(b)?.chars);
    let missing = width.checked_sub(cs.len())?;
    Some(
        std::iter::repeat_n(None, missing)
            .chain(cs.iter().map(|&(x, y)| Some((b, x, y))))
            .collect(),
    )
}

/// Ends the group and the row above, once: a run of paragraphs between tables (every
/// block of a document without any) is one step.
fn reset(steps: &mut Vec<Step>) {
    if !matches!(steps.last(), Some(Step::Reset)) {
        steps.push(Step::Reset);
    }
}

/// The tables' rows and headers, found before any row is taken so that every row's
/// task can be matched against the body measures at once.
fn steps(doc: &Document, line_tables: Vec<LineTable>) -> Tables {
    let mut all_cols: Vec<Columns> = vec![];
    let mut steps: Vec<Step> = vec![];
    let mut line_rows: Vec<Vec<Option<Cell>>> = vec![];
    let mut cols: Option<usize> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        let Ok(b32) = u32::try_from(bi) else { break };
        if block.kind != BlockKind::Cell || !block.chars.contains(&'|') {
            // A numbered heading between rows (a group row that lost its cells) keeps the
            // table open; the outline gives its section.
            let heading_in_table = cols.is_some()
                && markers::detect(&block.chars).is_some_and(|m| !m.style.is_inline_list())
                && doc
                    .blocks
                    .get(bi + 1)
                    .is_some_and(|n| n.kind == BlockKind::Cell);
            if heading_in_table {
                reset(&mut steps);
                continue;
            }
            if block.kind != BlockKind::Noise {
                cols = None;
                reset(&mut steps);
            }
            continue;
        }
        if is_alignment_row(&block.chars) {
            continue;
        }
        let found = header(&block.chars).or_else(|| {
            header_columns(&block.chars).and_then(|h| with_unit_column_below(doc, bi, h))
        });
        if let Some(h) = found {
            // A header repeated after a page break keeps the group and the row above.
            let current = cols.and_then(|k| all_cols.get(k));
            if current.is_none_or(|c| c.width != h.width) {
                reset(&mut steps);
            }
            cols = Some(all_cols.len());
            all_cols.push(h);
            continue;
        }
        let Some((k, c)) = cols.and_then(|k| all_cols.get(k).map(|c| (k, c))) else {
            continue;
        };
        let Ok(k32) = u32::try_from(k) else { break };
        let cs = cells(&block.chars);
        if group_heading(&block.chars, &cs).is_some() {
            steps.push(Step::Group(b32, false));
            continue;
        }
        if cs.len() > c.width {
            continue;
        }
        steps.push(Step::Row(k32, b32));
    }
    for t in line_tables {
        reset(&mut steps);
        let Ok(k) = u32::try_from(all_cols.len()) else {
            break;
        };
        all_cols.push(t.cols);
        for row in t.rows {
            let row = match row {
                LineRow::Group(b, keeps_units) => {
                    steps.push(Step::Group(b, keeps_units));
                    continue;
                }
                LineRow::Cells(row) => row,
            };
            let Ok(r) = u32::try_from(line_rows.len()) else {
                break;
            };
            line_rows.push(row);
            steps.push(Step::LineRow(k, r));
        }
    }
    Tables {
        cols: all_cols,
        steps,
        line_rows,
    }
}

/// A table laid out one cell per line (PDF and web copies): its header's columns, the
/// blocks it spans, and its rows with each cell placed in its column.
struct LineTable {
    cols: Columns,
    blocks: std::ops::Range<usize>,
    rows: Vec<LineRow>,
}

enum LineRow {
    /// A line spanning the table between rows (`推进实施“光伏+”示范工程`), by its block.
    /// In a table with columns of kinds before the number, a unit cell merged over rows
    /// may run on past it (the flag).
    Group(u32, bool),
    Cells(Vec<Option<Cell>>),
}

fn whole(doc: &Document, b: usize) -> Cell {
    (b, 0, doc.blocks[b].chars.len())
}

fn line_tables(doc: &Document) -> Vec<LineTable> {
    let mut out = vec![];
    let paras: Vec<usize> = (0..doc.blocks.len())
        .filter(|&b| doc.blocks[b].kind == BlockKind::Para)
        .collect();
    let mut i = 0;
    while i < paras.len() {
        // A header: consecutive short lines, each a header word, naming a task column
        // and a unit or deadline column.
        let mut j = i;
        while j < paras.len()
            && j - i < 10
            && doc.blocks[paras[j]].chars.len() <= 12
            && is_header_cell(&doc.blocks[paras[j]].chars)
        {
            j += 1;
        }
        let joined: Vec<char> = paras[i..j]
            .iter()
            .enumerate()
            .flat_map(|(k, &b)| {
                (if k > 0 { Some('|') } else { None })
                    .into_iter()
                    .chain(doc.blocks[b].chars.iter().copied())
            })
            .collect();
        // The number column comes first, or after columns of kinds only (任务类型).
        let cols = (j - i >= 3)
            .then(|| header(&joined))
            .flatten()
            .filter(|c| c.number.is_some_and(|n| only_kinds_before(c, n)));
        let Some(mut cols) = cols else {
            // The run may open with a title that holds a header word (任务分工表):
            // the header can start on the next line.
            i += 1;
            continue;
        };
        cols.lines = true;
        // Rows: from a line holding the row number to the line before the next number.
        let mut rows = vec![];
        let mut cell_rows = 0;
        let mut k = j;
        let mut want = 1;
        // Columns of kinds before the number: their cells (merged over a group of rows)
        // stand on the line before a group's first row, after any line spanning the table.
        let kinds = cols.number.unwrap_or(0);
        'rows: loop {
            let is_number = |k: usize| {
                paras
                    .get(k)
                    .is_some_and(|&b| row_number(&doc.blocks[b].chars) == Some(want))
            };
            // Group lines: a line spanning the table and the cells of kinds, right before
            // the row they head.
            let group_lines = (!is_number(k))
                .then(|| (1..=kinds + 1).find(|&g| is_number(k + g)))
                .flatten();
            if let Some(g) = group_lines {
                for &b in &paras[k..k + g] {
                    if !is_group_line(&doc.blocks[b].chars) {
                        break 'rows;
                    }
                    let Ok(b32) = u32::try_from(b) else {
                        break 'rows;
                    };
                    rows.push(LineRow::Group(b32, kinds > 0));
                }
                k += g;
            }
            if !is_number(k) {
                break;
            }
            let mut end = k + 1;
            while end < paras.len()
                && end - k <= cols.width
                && row_number(&doc.blocks[paras[end]].chars) != Some(want + 1)
                && !markers::is_annex_title(&doc.blocks[paras[end]].chars)
            {
                end += 1;
            }
            let next_row = paras
                .get(end)
                .is_some_and(|&b| row_number(&doc.blocks[b].chars) == Some(want + 1));
            if kinds > 0 && next_row {
                // The next group's lines stand at the end of this row's: short lines past
                // the row's own cells, or in a unit cell's place but naming no unit (a
                // merged unit cell left none), after the row's own first line.
                let own = cols.width - kinds - 1;
                let mut peeled = 0;
                while peeled <= kinds && end - peeled > k + 2 {
                    let at = end - peeled - 1;
                    let chars = &doc.blocks[paras[at]].chars;
                    if !is_group_line(chars) || (at - k <= own && names_a_unit(chars)) {
                        break;
                    }
                    peeled += 1;
                }
                end -= peeled;
            } else if end - k > cols.width - kinds {
                // More lines than columns: the table has ended inside this row.
                end = k + cols.width - kinds;
            }
            rows.push(LineRow::Cells(place(
                doc,
                &cols,
                paras[k],
                &paras[k + 1..end.min(paras.len())],
            )));
            cell_rows += 1;
            want += 1;
            k = end;
        }
        if cell_rows >= 2 {
            let first = paras[i];
            let last = paras[k.min(paras.len()) - 1];
            out.push(LineTable {
                cols,
                blocks: first..last + 1,
                rows,
            });
        }
        i = k.max(j);
    }
    out
}

/// Whether every column before the number column `n` holds kinds (任务类型): no task,
/// unit or deadline column.
fn only_kinds_before(c: &Columns, n: usize) -> bool {
    let after = |k: &usize| *k > n;
    [c.task, c.title, c.deadline].iter().flatten().all(after)
        && c.lead.iter().chain(&c.support).all(after)
}

/// A line that may head rows of a table laid out one cell per line: short, no sentence.
fn is_group_line(chars: &[char]) -> bool {
    chars.len() <= 40 && !chars.contains(&'。')
}

/// Whether any name of a line ends like a unit (`区“两旧”专班、区房管局`).
fn names_a_unit(chars: &[char]) -> bool {
    unit_ranges(chars, 0, chars.len())
        .iter()
        .any(|&(x, y)| crate::lex::notes::looks_like_unit(&chars[x..y]))
}

fn is_header_cell(chars: &[char]) -> bool {
    let cell = header_words(chars);
    let t: String = cell.iter().collect();
    NUMBER_HEADERS.contains_word(&t)
        || header_role(cell).is_some()
        || (TASK_HEADERS.first_in(&t).is_some() || is_kinds_header(cell)) && cell.len() <= 8
}

/// A header of a column of kinds (任务类型, 项目类别).
fn is_kinds_header(cell: &[char]) -> bool {
    CATEGORY_HEADERS.suffix_at(cell, cell.len()).is_some()
}

/// A row's lines put in their columns. With a line for every column they go in order,
/// unless that would shift a cell into the wrong column (a unit name as the task, a
/// date as a unit, a unit or an annex title as the deadline): a merged cell lost and a
/// cell broken over two lines can make the count match by chance. Otherwise (empty
/// cells leave no line) each goes where its content fits: a time statement to the
/// deadline column, unit names to the unit columns, text to the task (a short phrase
/// before the task's text is the title).
fn place(doc: &Document, cols: &Columns, number: usize, lines: &[usize]) -> Vec<Option<Cell>> {
    let mut row: Vec<Option<Cell>> = vec![None; cols.width];
    if let Some(n) = cols.number {
        row[n] = Some(whole(doc, number));
    }
    // Cells of kinds before the number stood on group lines (see `line_tables`).
    let rest: Vec<usize> = (cols.number.map_or(0, |n| n + 1)..cols.width).collect();
    let is_units = |chars: &[char]| !chars.is_empty() && is_unit_cell(chars, 0, chars.len());
    let is_time = |chars: &[char]| dates::opens_with_time(chars) || dates::is_date_only(chars);
    let in_order = rest.iter().zip(lines).all(|(&k, &b)| {
        let chars = &doc.blocks[b].chars;
        if Some(k) == cols.task {
            !is_units(chars) && !is_time(chars)
        } else if cols.lead.contains(&k) || cols.support.contains(&k) {
            !is_time(chars)
        } else if Some(k) == cols.deadline {
            !is_units(chars) && !crate::lex::chars::starts_at(chars, 0, "附件")
        } else {
            true
        }
    });
    if lines.len() == rest.len() && in_order {
        for (&k, &b) in rest.iter().zip(lines) {
            row[k] = Some(whole(doc, b));
        }
        return row;
    }
    let unit_cols: Vec<usize> = cols.lead.iter().chain(&cols.support).copied().collect();
    let mut next_unit = unit_cols.iter();
    let mut texts: Vec<usize> = vec![];
    let mut units_seen = false;
    for &b in lines {
        let chars = &doc.blocks[b].chars;
        if cols.deadline.is_some_and(|d| row[d].is_none()) && is_time(chars) {
            row[cols.deadline.unwrap_or(0)] = Some(whole(doc, b));
        } else if is_units(chars) && !texts.is_empty() {
            units_seen = true;
            match next_unit.next() {
                Some(&k) => row[k] = Some(whole(doc, b)),
                // More unit lines than unit columns: the last unit cell was broken
                // over lines (`区绿化市容局` / `区党政机关、公共机构`); see `overflow`.
                None if !unit_cols.is_empty() => row.push(Some(whole(doc, b))),
                None => {}
            }
        } else if !units_seen && texts.len() < 2 {
            texts.push(b);
        }
    }
    // A title cell is a short phrase (`加强组织领导`), never a sentence.
    let titled = |a: usize, b: usize| {
        let (a, b) = (&doc.blocks[a].chars, &doc.blocks[b].chars);
        !a.contains(&'。') && a.len() < b.len()
    };
    match (cols.title, cols.task, texts.as_slice()) {
        (Some(t), Some(k), [a, b]) if titled(*a, *b) => {
            row[t] = Some(whole(doc, *a));
            row[k] = Some(whole(doc, *b));
        }
        (_, Some(k), [a, ..]) => row[k] = Some(whole(doc, *a)),
        _ => {}
    }
    row
}

/// The numbering of a group row, for the section path: `一、营造环境` → `一`.
fn marker_label(doc: &Document, title: &str) -> Option<String> {
    let chars = doc.matching(title);
    let m = markers::detect(&chars)?;
    let label: String = chars[..m.len]
        .iter()
        .filter(|c| !matches!(c, '、' | '.' | ':' | ','))
        .collect();
    Some(label)
}

#[cfg(test)]
mod tests {
    use super::Body;
    use crate::analyze;
    use crate::model::Basis;
    use proptest::prelude::*;
    use std::sync::Arc;

    /// The plain scan the index replaces: each row against every body measure.
    fn restated_by_scan(body: &[(usize, String, Option<String>)], row: &[char]) -> Option<usize> {
        let key = |s: &[char]| -> String {
            s.iter()
                .filter(|c| !matches!(c, '。' | ',' | ';' | ':' | '、' | '|'))
                .collect()
        };
        let row = key(row);
        let opening: String = row.chars().take(12).collect();
        if opening.chars().count() < 6 {
            return None;
        }
        let fold = |s: &str| key(&s.chars().collect::<Vec<_>>());
        body.iter()
            .find(|(_, text, _)| fold(text).contains(&opening))
            .or_else(|| {
                body.iter().find(|(_, _, title)| {
                    title
                        .as_deref()
                        .map(fold)
                        .is_some_and(|t| t.chars().count() >= 6 && row.contains(t.as_str()))
                })
            })
            .map(|(i, _, _)| *i)
    }

    proptest! {
        /// Texts made of a few chunks (many shared windows), equal titles, rows cut from
        /// the texts or made of titles, shorter and longer than an opening: the index finds
        /// what the scan finds, row by row.
        #[test]
        fn the_index_finds_what_a_scan_finds(
            texts in prop::collection::vec("(甲乙|乙甲丙|甲,|丙。)+", 1..12),
            titles in prop::collection::vec(prop::option::of("(甲乙|乙、|丙)+"), 12),
            cuts in prop::collection::vec((0..12usize, 0..40usize, 0..20usize, "[丁|]{0,2}"), 1..8),
            pairs in prop::collection::vec((0..12usize, 0..12usize, "[丁乙]{0,2}"), 0..6),
            random in prop::collection::vec("[甲乙丙丁|]{0,30}", 0..4),
        ) {
            let body: Vec<(usize, String, Option<String>)> = texts
                .iter()
                .enumerate()
                .map(|(k, t)| (k * 2 + 1, t.clone(), titles[k].clone()))
                .collect();
            let mut rows: Vec<Vec<char>> = random.iter().map(|r| r.chars().collect()).collect();
            for (k, at, len, junk) in &cuts {
                let t: Vec<char> = texts[k % texts.len()].chars().collect();
                let at = (*at).min(t.len());
                let end = (at + len).min(t.len());
                rows.push(junk.chars().chain(t[at..end].iter().copied()).collect());
            }
            for (x, y, junk) in &pairs {
                let (x, y) = (titles[*x].clone().unwrap_or_default(), titles[*y].clone().unwrap_or_default());
                rows.push(junk.chars().chain(x.chars()).chain("丁".chars()).chain(y.chars()).collect());
            }
            let index = Body::build(
                rows.iter().map(Vec::as_slice),
                body.iter().map(|(i, t, h)| (*i, t.as_str(), h.as_deref())),
                |s| s.chars().collect(),
            );
            for row in &rows {
                prop_assert_eq!(index.restated(row), restated_by_scan(&body, row), "{:?}", row);
            }
        }
    }

    #[test]
    fn an_annex_row_restating_a_body_task_gives_it_units() {
        let text = "一、重点任务\n1.建设智慧城市运行平台，推进政务数据共享。\n2.完善公共服务体系，提升群众满意度。\n附件\n序号 | 重点任务 | 牵头单位 | 完成时限\n1 | 建设智慧城市运行平台推进政务数据共享 | 市大数据局 | 2024年底\n2 | 开展营商环境专项督查 | 市政务办 | 2025年底\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 3, "{:#?}", a.measures);
        assert_eq!(a.measures[0].lead, ["市大数据局"].map(Arc::<str>::from));
        assert_eq!(a.measures[0].basis, Basis::AnnexRow);
        assert_eq!(a.measures[2].basis, Basis::TableRow);
        assert_eq!(a.measures[2].lead, ["市政务办"].map(Arc::<str>::from));
    }

    #[test]
    fn specific_measure_column_and_duty_columns() {
        let text = "附件\n序号 | 工作任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限\n1 | 优化环境 | 推行一网通办 | 市政务办 | 市大数据局、各区政府 | 2022年底\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 1, "{:#?}", a.measures);
        assert_eq!(a.measures[0].text, "推行一网通办");
        assert_eq!(a.measures[0].title.as_deref(), Some("优化环境"));
        assert_eq!(a.measures[0].lead, ["市政务办"].map(Arc::<str>::from));
        assert_eq!(
            a.measures[0].support,
            ["市大数据局", "各区政府"].map(Arc::<str>::from)
        );
        assert_eq!(
            a.measures[0].deadline.as_ref().unwrap().date.as_deref(),
            Some("2022-12-31")
        );
        assert_eq!(a.measures[0].basis, Basis::TableRow);
    }

    #[test]
    fn a_unit_column_without_a_role_header_is_found_by_its_cells() {
        // A 考核细则: 考核项目 spans a department sub-column with no header of its own,
        // and the rows' last cells (说明) are empty.
        let text = "序号 | 考核项目 | | 分值 | 考核内容 | 评分标准 | 说明\n\
            1 | 重点考核部门 | 县农粮局 | 30 | 持续推进畜禽养殖污染控制 | 建立台账(5分) |\n\
            2 | 重点考核部门 | 县工信局 | 60 | 加强工业聚集区水污染防治 | 完善设施(35分) |\n\
            3 | 一般考核部门 | 县交通运输局 | 60 | 加强砂石运输车辆监管 | 执法检查(60分) |\n";
        let a = analyze(text);
        let got: Vec<(&str, Vec<&str>)> = a
            .measures
            .iter()
            .map(|m| (m.text.as_str(), m.lead.iter().map(|u| &**u).collect()))
            .collect();
        assert_eq!(
            got,
            [
                ("持续推进畜禽养殖污染控制", vec!["县农粮局"]),
                ("加强工业聚集区水污染防治", vec!["县工信局"]),
                ("加强砂石运输车辆监管", vec!["县交通运输局"]),
            ]
        );
        assert_eq!(a.measures[0].title.as_deref(), Some("重点考核部门"));
        // Without unit names in any column the table is no task table.
        let plain = "序号 | 考核项目 | 考核内容 | 说明\n1 | 组织领导 | 配合开展工作 | 8分\n2 | 日常工作 | 上报责任人 | 7分\n3 | 宣传工作 | 开展宣传 | 10分\n";
        assert!(analyze(plain)
            .measures
            .iter()
            .all(|m| m.basis != Basis::TableRow));
    }

    #[test]
    fn a_bracketed_gloss_stays_in_its_unit_name() {
        let text = "附件\n序号 | 工作任务 | 牵头单位 | 配合单位\n1 | 开展宣传活动 | 区科委、市委宣传部（市文明办、市网信办） | 市委组织部（市公务员局）、各区\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 1, "{:#?}", a.measures);
        assert_eq!(
            a.measures[0].lead,
            ["区科委", "市委宣传部（市文明办、市网信办）"].map(Arc::<str>::from)
        );
        assert_eq!(
            a.measures[0].support,
            ["市委组织部（市公务员局）", "各区"].map(Arc::<str>::from)
        );
    }

    #[test]
    fn header_cells_broken_over_lines() {
        let text = "序号 | 重点\u{2028}任务 | 牵头\u{2028}单位 | 完成\u{2028}时限\n1 | 建设创新平台 | 区科委 | 2024年底前\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 1, "{:#?}", a.measures);
        assert_eq!(a.measures[0].lead, ["区科委"].map(Arc::<str>::from));
    }

    #[test]
    fn rows_of_a_task_table_are_measures() {
        let text = "三、任务分解\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 建设创新驿站3家 | 区科委 | 区财政局、区人社局 | 2019年6月底前\n2 | 成立天使俱乐部 | 区金融办 |  | 长期坚持\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
        assert_eq!(a.measures[0].lead, ["区科委"].map(Arc::<str>::from));
        assert_eq!(
            a.measures[0].support,
            ["区财政局", "区人社局"].map(Arc::<str>::from)
        );
        assert_eq!(
            a.measures[0].deadline.as_ref().unwrap().date.as_deref(),
            Some("2019-06-30")
        );
        assert_eq!(a.measures[1].deadline.as_ref().unwrap().text, "长期坚持");
        assert_eq!(a.targets.len(), 1);
        assert_eq!(a.units.len(), 4);
    }

    #[test]
    fn cells_one_per_line_with_a_column_of_kinds_before_the_number() {
        // 任务类型 comes before 序号: its merged cells stand on the line before their
        // group's first row, after a line spanning the table; 推进单位 cells are merged
        // over rows too (a row without one has the units of the row above).
        let lines = [
            "某区城市更新行动方案",
            "一、重点任务",
            "（一）住房改造。推进老旧住房改造，完善社区设施。",
            "附件",
            "某区城市更新行动重点任务清单",
            "任务类型",
            "序号",
            "工作任务",
            "推进单位",
            "行动一：住房改造行动",
            "旧房改造",
            "1",
            "完成老旧住房成套改造",
            "区房管局、区“两旧”专班、各街镇",
            "加装电梯",
            "2",
            "完成既有多层住宅加装电梯500台",
            "3",
            "推进加装电梯全覆盖",
            "社区设施",
            "4",
            "新建社区食堂10家",
            "区民政局",
        ];
        let a = analyze(&lines.join("\n\n"));
        let rows: Vec<(&str, Vec<&str>)> = a
            .measures
            .iter()
            .filter(|m| m.basis == Basis::TableRow)
            .map(|m| (m.text.as_str(), m.lead.iter().map(|u| &**u).collect()))
            .collect();
        let housing = vec!["区房管局", "区“两旧”专班", "各街镇"];
        assert_eq!(
            rows,
            [
                ("完成老旧住房成套改造", housing.clone()),
                ("完成既有多层住宅加装电梯500台", housing.clone()),
                ("推进加装电梯全覆盖", housing),
                ("新建社区食堂10家", vec!["区民政局"]),
            ],
            "{:#?}",
            a.measures
        );
        // Neither a kinds cell nor the spanning line is a measure or a unit.
        assert!(a.measures.iter().all(|m| !matches!(
            m.text.as_str(),
            "旧房改造" | "加装电梯" | "社区设施" | "行动一：住房改造行动"
        )));
    }

    #[test]
    fn cells_one_per_line_with_group_lines_and_merged_cells_lost() {
        // The table's title holds a header word (任务分工表); a group line spans the
        // table; 事项 and 责任单位 stand on their group's first row only; the last row
        // runs into the next annex's title.
        let lines = [
            "某市光伏推广应用实施方案",
            "一、主要任务",
            "（一）推进示范工程。推进光伏设施建设。",
            "附表1",
            "任务分工表",
            "序号",
            "事项",
            "工作措施",
            "责任单位",
            "推进实施示范工程",
            "1",
            "光伏地铁工程",
            "充分利用轨道交通内既有高架车站资源进行开发",
            "申通地铁集团",
            "2",
            "新建高架车站要求屋顶光伏覆盖面积达到一半",
            "3",
            "光伏铁路工程",
            "充分利用候车楼货场站房资源进行光伏改造",
            "中国铁路上海局",
            "4",
            "推进检修段动车段光伏设施建设",
            "附表2",
            "分配表",
        ];
        let a = analyze(&lines.join("\n\n"));
        let rows: Vec<(&str, Option<&str>, Vec<&str>)> = a
            .measures
            .iter()
            .filter(|m| m.basis == Basis::TableRow)
            .map(|m| {
                let lead = m.lead.iter().map(|u| &**u).collect();
                (m.text.as_str(), m.title.as_deref(), lead)
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "充分利用轨道交通内既有高架车站资源进行开发",
                    Some("光伏地铁工程"),
                    vec!["申通地铁集团"]
                ),
                (
                    "新建高架车站要求屋顶光伏覆盖面积达到一半",
                    Some("光伏地铁工程"),
                    vec!["申通地铁集团"]
                ),
                (
                    "充分利用候车楼货场站房资源进行光伏改造",
                    Some("光伏铁路工程"),
                    vec!["中国铁路上海局"]
                ),
                (
                    "推进检修段动车段光伏设施建设",
                    Some("光伏铁路工程"),
                    vec!["中国铁路上海局"]
                ),
            ],
            "{:#?}",
            a.measures
        );
        assert!(a.measures.iter().all(|m| m.text != "推进实施示范工程"));
    }

    #[test]
    fn cells_one_per_line_keep_their_columns() {
        // Row 2 lost its merged 任务名称 cell; row 3 also has its 配合 cell over two
        // lines (the count matches by chance); row 4 runs into the next annex's title.
        let text = "某区河湖保护工作实施方案\n\n一、主要任务\n\n（一）加强河湖管护。落实河长制各项工作。\n\n附件1\n\n某区河湖保护重点工作任务清单\n\n序号\n\n任务名称\n\n任务内容\n\n牵头部门\n\n配合部门\n\n时间节点\n\n\
1\n\n完善工作机制\n\n召开全区河长制工作推进大会并建立联络员制度。\n\n区水务局\n\n各街镇\n\n2023年3月\n\n\
2\n\n制定巡河工作考核办法并按季度通报巡查结果。\n\n区水务局\n\n各街镇\n\n2023年\n\n\
3\n\n组织全区河湖水质监测并公开发布监测报告。\n\n区生态环境局\n\n区水务局\n\n各街镇\n\n2023年6月\n\n\
4\n\n开展河湖保护宣传活动进社区进学校进企业。\n\n区水务局、区教育局\n\n各街镇\n\n2023年\n\n附件2\n\n各街镇任务分解表\n";
        let a = analyze(text);
        let row = |head: &str| {
            a.measures
                .iter()
                .find(|m| m.text.starts_with(head))
                .unwrap_or_else(|| panic!("{head}: {:#?}", a.measures))
        };
        let deadline = |head: &str| row(head).deadline.as_ref().map(|d| d.text.clone());
        assert_eq!(deadline("召开全区").as_deref(), Some("2023年3月"));
        assert_eq!(deadline("制定巡河").as_deref(), Some("2023年"));
        assert_eq!(row("组织全区").lead, ["区生态环境局"].map(Arc::<str>::from));
        assert_eq!(deadline("组织全区").as_deref(), Some("2023年6月"));
        assert_eq!(
            row("开展河湖").lead,
            ["区水务局", "区教育局"].map(Arc::<str>::from)
        );
        assert_eq!(row("开展河湖").support, ["各街镇"].map(Arc::<str>::from));
        assert_eq!(deadline("开展河湖").as_deref(), Some("2023年"));
    }
}
