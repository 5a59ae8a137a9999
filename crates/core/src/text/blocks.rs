//! Lines → blocks (paragraphs, table cells, noise), each with its char span and
//! its matching-view chars mapped back to original offsets.

use super::{noise, Document};
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
    /// Matching view: folded chars, no whitespace.
    pub chars: Vec<char>,
    /// Original offset of each char in `chars` (u32: the decoders' limits keep texts far
    /// below 4 G chars, and half the bytes of `usize` keep the blocks lean).
    pub pos: Vec<u32>,
    pub kind: BlockKind,
}

impl Block {
    pub fn text(&self) -> String {
        crate::lex::chars::string(&self.chars)
    }

    /// Original span of `chars[a..b]`.
    pub fn span(&self, a: usize, b: usize) -> [usize; 2] {
        if self.pos.is_empty() || a >= b || a >= self.pos.len() {
            let at = self.pos.get(a).map_or(self.end, |&p| p as usize);
            return [at, at];
        }
        let b = b.min(self.pos.len());
        [self.pos[a] as usize, self.pos[b - 1] as usize + 1]
    }

    /// Original offset of `chars[k]`.
    pub fn at(&self, k: usize) -> usize {
        self.pos.get(k).map_or(self.end, |&p| p as usize)
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
    pos: Vec<u32>,
}

fn lines(doc: &Document) -> Vec<Line> {
    let mut out = vec![];
    let mut start = 0;
    let n = doc.orig.len();
    for i in 0..=n {
        let at_break = i == n || doc.orig[i] == '\n' || (doc.breaks_at(i) && i > start);
        if !at_break {
            continue;
        }
        // At most one char a position: sized once, never regrown (nor over-allocated).
        let mut chars = Vec::with_capacity(i - start);
        let mut pos = Vec::with_capacity(i - start);
        let tab_row = is_tab_row(&doc.orig[start..i]);
        for j in start..i {
            if let Some(c) = doc.norm(j) {
                chars.push(c);
                pos.push(j as u32);
            } else if tab_row && doc.orig[j] == '\t' && !chars.is_empty() {
                // A tab-separated row (a copy from a spreadsheet): each tab ends a cell.
                chars.push('|');
                pos.push(j as u32);
            }
        }
        if !chars.is_empty() {
            split_run_on(doc, chars, pos, &mut out);
        }
        start = if i < n && doc.orig[i] == '\n' {
            i + 1
        } else {
            i
        };
    }
    out
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
fn split_run_on(doc: &Document, chars: Vec<char>, pos: Vec<u32>, out: &mut Vec<Line>) {
    const RUN_ON: usize = 1500;
    let mut cuts = vec![0];
    if chars.len() > RUN_ON {
        for k in 1..chars.len() {
            let after_stop = matches!(chars[k - 1], '。' | ';' | ':' | '!' | '?' | ')')
                || doc.orig[pos[k] as usize - 1].is_whitespace();
            if after_stop && markers::detect(&chars[k..]).is_some_and(|m| !m.style.is_inline_list())
            {
                cuts.push(k);
            }
        }
    }
    if cuts.len() == 1 {
        // One line (the usual case): moved, not copied.
        if let (Some(&a), Some(&b)) = (pos.first(), pos.last()) {
            out.push(Line {
                start: a as usize,
                end: b as usize + 1,
                chars,
                pos,
            });
        }
        return;
    }
    cuts.push(chars.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if b > a {
            out.push(Line {
                start: pos[a] as usize,
                end: pos[b - 1] as usize + 1,
                chars: chars[a..b].to_vec(),
                pos: pos[a..b].to_vec(),
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

fn unbalanced(chars: &[char]) -> bool {
    let mut depth = 0i32;
    for c in chars {
        match c {
            '(' | '《' | '“' | '〔' | '【' => depth += 1,
            ')' | '》' | '”' | '〕' | '】' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '!' | '?' | ';' | ':' | '…')
}

/// A line that is only a responsibility note, e.g. `(责任单位:区科委)`.
pub fn is_note_line(chars: &[char]) -> bool {
    if chars.first() != Some(&'(') {
        return false;
    }
    let s: String = chars.iter().collect();
    s.starts_with('(')
        && (s.ends_with(')') || s.ends_with(")。"))
        && ["责任", "牵头", "配合", "负责", "协办", "主办", "完成时"]
            .iter()
            .any(|k| s.contains(k))
}

pub fn build(doc: &Document) -> Vec<Block> {
    let lines = lines(doc);
    let width = wrap_width(&lines);
    // Everything after a "纠错"/"为你推荐" line near the end is page furniture.
    let junk_from = lines
        .iter()
        .enumerate()
        .find(|(i, l)| {
            *i * 10 >= lines.len() * 6
                && l.chars.len() < noise::TRAILING_JUNK_MAX
                && noise::starts_trailing_junk(&l.chars.iter().collect::<String>())
        })
        .map(|(i, _)| i)
        .unwrap_or(lines.len());

    let mut blocks: Vec<Block> = vec![];
    let mut prev_line_len = 0usize;
    // One buffer for every line's text (the noise checks read a str).
    let mut s = String::new();
    for (i, mut line) in lines.into_iter().enumerate() {
        s.clear();
        s.extend(line.chars.iter());
        let kind = if i >= junk_from || noise::is_noise_line(&s) {
            BlockKind::Noise
        } else if s.ends_with('|') || s.contains("|") && s.split('|').count() >= 3 {
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
                let mut k = keep.iter();
                line.pos.retain(|_| *k.next().unwrap_or(&true));
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
                line.pos.drain(..marks);
            }
            while line.chars.len() > 2 && line.chars.ends_with(&['*', '*']) {
                line.chars.truncate(line.chars.len() - 2);
                line.pos.truncate(line.pos.len() - 2);
            }
        }
        if kind == BlockKind::Cell {
            while line.chars.last() == Some(&'|') {
                line.chars.pop();
                line.pos.pop();
            }
            // Markdown rows open with a pipe too: "| 1 | 任务 |".
            let lead = line.chars.iter().take_while(|c| **c == '|').count();
            line.chars.drain(..lead);
            line.pos.drain(..lead);
            if line.chars.is_empty() {
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
                    && (label_line || should_join(prev, prev_line_len, &line, width))
                {
                    if label_line {
                        prev.chars.push(';');
                        prev.pos.push(line.pos[0]);
                    }
                    prev.chars.extend(line.chars);
                    prev.pos.extend(line.pos);
                    prev.end = line.end;
                    prev_line_len = this_len;
                    continue;
                }
            }
        }
        prev_line_len = this_len;
        blocks.push(Block {
            start: line.start,
            end: line.end,
            chars: line.chars,
            pos: line.pos,
            kind,
        });
    }
    blocks
}

fn should_join(prev: &Block, prev_line_len: usize, line: &Line, width: Option<usize>) -> bool {
    if prev.chars.len() > 4000 {
        return false;
    }
    let first = line.chars[0];
    let starts_marker = markers::detect(&line.chars).is_some();
    // A note broken over two lines, or a sentence broken inside brackets or quotes.
    if unbalanced(&prev.chars) && !starts_marker {
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
    use crate::text::Document;

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
