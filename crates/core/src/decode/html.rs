//! Web pages (and HTML fragments in text files) to text with block structure.
//!
//! A small tolerant tokenizer, no DOM and nothing executed: block elements (p, div,
//! h1–h6, li, br, tr…) end lines, table cells of one row are joined by
//! [`super::CELL_SEP`], `<ol>` items get their visible numbers, script / style /
//! head-only elements are dropped, entities decoded. Saved `.mht`/`.mhtml` pages are
//! unpacked (quoted-printable / base64, charset from the part header).

use super::numbering::format_number;
use super::xml::char_ref;
use super::{DecodeError, Limits, CELL_SEP};

pub(crate) struct HtmlOut {
    pub text: String,
    pub warnings: Vec<String>,
}

pub(crate) struct MhtmlOut {
    pub text: String,
    pub encoding: String,
    pub warnings: Vec<String>,
}

/// Elements whose content is never shown as text.
const SKIP: &[&str] = &[
    "script", "style", "title", "noscript", "template", "iframe", "object", "svg", "math",
    "select", "textarea", "head", "noembed", "noframes", "xml", "canvas", "video", "audio", "map",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "title", "textarea", "xmp", "noembed", "noframes",
];

/// Block-level elements: each starts a new line.
use crate::html_blocks::is_block;

struct Table {
    /// Inside a data cell: blocks join with spaces, cells with `CELL_SEP`.
    in_cell: bool,
    cells: usize,
    /// The current cell is page layout (a whole article in a `<td>`): read like a `<div>`.
    layout: bool,
    /// The column the next cell starts in (a colspan counts its width).
    col: usize,
    /// Where the current cell's text starts in the output, and its rowspan/colspan.
    cell: Option<(usize, usize, usize)>,
    /// Cells merged down from rows above: (column, rows still covered, text, width).
    carried: Vec<(usize, usize, String, usize)>,
    /// Empty columns a colspan covers, written only when another cell follows in the
    /// row (a title row spanning the table stays a line of text).
    pad: usize,
    /// Between `<tr>` and `</tr>`: a source newline there is layout of the markup, not
    /// the end of a line (a row written one `<td>` per line is still one row).
    in_row: bool,
}

impl Table {
    fn new() -> Table {
        Table {
            in_cell: false,
            cells: 0,
            layout: false,
            col: 0,
            cell: None,
            carried: vec![],
            pad: 0,
            in_row: false,
        }
    }
}

/// Rows or columns a merged cell covers (`rowspan="3"`), within reason.
fn span(attrs: &str, name: &str) -> usize {
    attr_value(attrs, name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 100)
}

struct State<'l> {
    out: String,
    line_has_text: bool,
    pending_space: bool,
    pre: usize,
    tables: Vec<Table>,
    lists: Vec<Option<(u32, String)>>,
    /// A list label was just written: the item's first block stays on its line.
    hold_line: bool,
    /// Set by the tokenizer before a `<td>`/`<th>`: that cell is page layout.
    next_cell_layout: bool,
    /// Text files with fragments: a newline in the source ends a line.
    keep_newlines: bool,
    limits: &'l Limits,
}

impl State<'_> {
    fn in_cell(&self) -> bool {
        self.tables.iter().any(|t| t.in_cell)
    }

    /// Inside a data row of the innermost table (not in a layout cell).
    fn in_data_row(&self) -> bool {
        self.tables.last().is_some_and(|t| t.in_row && !t.layout)
    }

    /// The text of a cell merged down into the current column, moving past it.
    fn take_carried(&mut self) -> Option<String> {
        let t = self.tables.last_mut()?;
        let k = t.carried.iter().position(|c| c.0 == t.col)?;
        let (_, _, text, width) = &t.carried[k];
        let text = text.clone();
        t.col += width;
        let extra = width - 1;
        let mut out = text;
        for _ in 0..extra {
            out.push_str(CELL_SEP);
        }
        Some(out)
    }

    fn newline(&mut self) {
        if self.hold_line {
            return;
        }
        if self.in_cell() {
            self.pending_space = true;
            return;
        }
        if self.line_has_text {
            self.out.push('\n');
        }
        self.line_has_text = false;
        self.pending_space = false;
    }

    /// A block element's edge (`<p>`, `<div>`): a new line, or inside a data cell once
    /// it has text, a break within the cell (its lines are separate unit names, as a
    /// Word cell's paragraphs are).
    fn block_edge(&mut self) {
        let cell_start = match self.tables.last() {
            Some(t) if t.in_cell && !self.hold_line => t.cell.map(|c| c.0),
            _ => None,
        };
        let Some(at) = cell_start else {
            self.newline();
            return;
        };
        let has_text = self.out.get(at..).is_some_and(|t| !t.trim().is_empty());
        if has_text && !self.out.ends_with(super::CELL_BREAK) {
            let trimmed = self.out.trim_end_matches(' ').len();
            self.out.truncate(trimmed);
            self.out.push_str(super::CELL_BREAK);
        }
        self.pending_space = false;
    }

    /// A cell's last block leaves no break after its text.
    fn drop_trailing_break(&mut self) {
        if self.out.ends_with(super::CELL_BREAK) {
            self.out.truncate(self.out.len() - super::CELL_BREAK.len());
        }
    }

    fn text(&mut self, s: &str) -> Result<(), DecodeError> {
        for c in s.chars() {
            if c == '\n' && self.keep_newlines && self.pre == 0 && !self.in_data_row() {
                self.newline();
                continue;
            }
            if self.pre == 0 && matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                if self.line_has_text {
                    self.pending_space = true;
                }
                continue;
            }
            if self.pre > 0 && c == '\n' {
                self.out.push('\n');
                self.line_has_text = false;
                self.pending_space = false;
                continue;
            }
            if c == '\r' || (c.is_control() && c != '\t') {
                continue;
            }
            // Leading indentation (nbsp, ideographic space) is dropped.
            if !self.line_has_text
                && matches!(
                    c,
                    '\u{a0}' | '\u{3000}' | ' ' | '\t' | '\u{2002}' | '\u{2003}' | '\u{2009}'
                )
            {
                continue;
            }
            if self.pending_space && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
            self.pending_space = false;
            self.out.push(if c == '\u{a0}' { ' ' } else { c });
            self.line_has_text = true;
            self.hold_line = false;
        }
        if self.out.len() > self.limits.max_output_chars.saturating_mul(4) {
            return Err(DecodeError::TooComplex {
                what: format!("文字超过 {} 万字", self.limits.max_output_chars / 10_000),
            });
        }
        Ok(())
    }

    fn start(&mut self, name: &str, attrs: &str) -> Result<(), DecodeError> {
        let depth_ok = self.tables.len() + self.lists.len() < self.limits.max_xml_depth;
        match name {
            "br" => {
                if self.in_cell() {
                    // A break inside a cell separates unit names: keep it as a cell break.
                    if self.line_has_text {
                        self.out.push_str(super::CELL_BREAK);
                    }
                    self.pending_space = false;
                } else {
                    // An empty line from <br><br>: keep one line break only.
                    if self.line_has_text {
                        self.out.push('\n');
                    }
                    self.line_has_text = false;
                    self.pending_space = false;
                }
            }
            "table" => {
                self.newline();
                if depth_ok {
                    self.tables.push(Table::new());
                }
            }
            "tr" => {
                let nested = self.tables.len() > 1
                    && self.tables[..self.tables.len() - 1]
                        .iter()
                        .any(|t| t.in_cell);
                if nested {
                    self.pending_space = self.line_has_text;
                } else {
                    if let Some(t) = self.tables.last_mut() {
                        t.in_cell = false;
                    }
                    self.newline();
                }
                if let Some(t) = self.tables.last_mut() {
                    t.cells = 0;
                    t.col = 0;
                    t.in_row = true;
                }
            }
            "td" | "th" => {
                // The cell before, left open, ends here.
                if self.tables.last().is_some_and(|t| t.in_cell) {
                    self.drop_trailing_break();
                }
                let layout = std::mem::take(&mut self.next_cell_layout);
                if layout {
                    // A layout cell is a block of the page, not a cell of data.
                    if let Some(t) = self.tables.last_mut() {
                        t.in_cell = false;
                        t.layout = true;
                    }
                    self.newline();
                    return Ok(());
                }
                let nested = self.tables.len() > 1
                    && self.tables[..self.tables.len() - 1]
                        .iter()
                        .any(|t| t.in_cell);
                let first = self.tables.last().is_none_or(|t| t.cells == 0 || t.layout);
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = true;
                    t.layout = false;
                    t.cells += 1;
                }
                if nested {
                    if !first {
                        self.pending_space = self.line_has_text;
                    }
                } else {
                    // Cells merged down from the rows above stand in their columns first,
                    // repeated, so every row has its full cells.
                    let mut first = first;
                    let pad = self
                        .tables
                        .last_mut()
                        .map(|t| std::mem::take(&mut t.pad))
                        .unwrap_or(0);
                    for _ in 0..pad {
                        self.out.push_str(CELL_SEP);
                    }
                    while let Some(text) = self.take_carried() {
                        if !first {
                            self.out.push_str(CELL_SEP);
                        }
                        self.out.push_str(&text);
                        first = false;
                    }
                    if !first {
                        // Keep empty cells so columns stay aligned.
                        self.out.push_str(CELL_SEP);
                    }
                    self.line_has_text = true;
                    self.pending_space = false;
                    let at = self.out.len();
                    if let Some(t) = self.tables.last_mut() {
                        t.cell = Some((at, span(attrs, "rowspan"), span(attrs, "colspan")));
                    }
                }
            }
            "ol" | "ul" => {
                self.newline();
                if depth_ok {
                    if name == "ol" {
                        let start = attr_value(attrs, "start")
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .unwrap_or(1);
                        let ty = attr_value(attrs, "type").unwrap_or_default();
                        let fmt = match ty.as_str() {
                            "a" => "lowerLetter",
                            "A" => "upperLetter",
                            "i" => "lowerRoman",
                            "I" => "upperRoman",
                            _ => "decimal",
                        };
                        self.lists.push(Some((start, fmt.to_string())));
                    } else {
                        self.lists.push(None);
                    }
                }
            }
            "li" => {
                self.newline();
                let label = match self.lists.last_mut() {
                    Some(Some((n, fmt))) => {
                        let v = attr_value(attrs, "value")
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .unwrap_or(*n);
                        *n = v.saturating_add(1);
                        Some(format!("{}.", format_number(v, fmt)))
                    }
                    _ => None,
                };
                if let Some(l) = label {
                    self.text(&l)?;
                    self.hold_line = true;
                }
            }
            n if is_block(n) => self.block_edge(),
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) {
        match name {
            "table" => {
                self.tables.pop();
                self.newline();
            }
            "tr" => {
                if self.tables.last().is_some_and(|t| t.in_cell) {
                    self.drop_trailing_break();
                }
                // Merged cells of the last columns, then one row fewer for each.
                let any = self.tables.last().is_some_and(|t| t.cells > 0);
                let pad = self
                    .tables
                    .last_mut()
                    .map(|t| std::mem::take(&mut t.pad))
                    .unwrap_or(0);
                let more = self
                    .tables
                    .last()
                    .is_some_and(|t| t.cells > 1 || t.carried.iter().any(|c| c.0 >= t.col));
                if more {
                    for _ in 0..pad {
                        self.out.push_str(CELL_SEP);
                    }
                }
                // A row of nothing but merged cells from above adds nothing.
                while let Some(text) = self.take_carried().filter(|_| any) {
                    self.out.push_str(CELL_SEP);
                    self.out.push_str(&text);
                    self.line_has_text = true;
                }
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    t.in_row = false;
                    t.carried.iter_mut().for_each(|c| c.1 -= 1);
                    t.carried.retain(|c| c.1 > 0);
                }
                self.newline();
            }
            "td" | "th" => {
                let layout = self.tables.last().is_some_and(|t| t.layout);
                if self.tables.last().is_some_and(|t| t.cell.is_some()) {
                    self.drop_trailing_break();
                }
                let out_len = self.out.len();
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                    if let Some((at, rows, cols)) = t.cell.take() {
                        if rows > 1 {
                            // Counted down at the end of each row, this one included.
                            let text = self.out.get(at..out_len).unwrap_or("").trim().to_string();
                            t.carried.push((t.col, rows, text, cols));
                        }
                        t.col += cols;
                        // A cell spanning columns leaves the columns it covers empty.
                        t.pad += cols - 1;
                    }
                }
                if layout {
                    self.newline();
                }
            }
            "ol" | "ul" => {
                self.lists.pop();
                self.newline();
            }
            "li" => self.newline(),
            n if is_block(n) => self.block_edge(),
            _ => {}
        }
    }
}

/// Text of an HTML document, one block per line.
pub(crate) fn html_to_text(src: &str, limits: &Limits) -> Result<HtmlOut, DecodeError> {
    convert(src, limits, false)
}

/// A text file with HTML fragments: markup read as HTML, but its own line breaks kept.
pub(crate) fn fragment_to_text(src: &str, limits: &Limits) -> Result<HtmlOut, DecodeError> {
    convert(src, limits, true)
}

fn convert(src: &str, limits: &Limits, keep_newlines: bool) -> Result<HtmlOut, DecodeError> {
    let b = src.as_bytes();
    let mut st = State {
        // A fragment is text with a few tags: its text is about as long as it, and room
        // for a third of it would be regrown by doubling (up to twice the input).
        out: String::with_capacity(if keep_newlines {
            src.len()
        } else {
            src.len() / 3
        }),
        line_has_text: false,
        pending_space: false,
        pre: 0,
        tables: vec![],
        lists: vec![],
        hold_line: false,
        next_cell_layout: false,
        keep_newlines,
        limits,
    };
    let mut tags: u64 = 0;
    let mut unclosed_comment = false;
    let mut close_cache: std::collections::BTreeMap<String, Option<usize>> = Default::default();
    // Look-ahead for layout cells is bounded in total, so `<td>` floods stay linear.
    let mut layout_budget = b.len().saturating_mul(2).saturating_add(1 << 20);
    let mut i = 0;
    let mut text_start = 0;
    while i < b.len() {
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        let is_markup = next.is_ascii_alphabetic() || next == b'/' || next == b'!' || next == b'?';
        if !is_markup {
            i += 1;
            continue;
        }
        // Merged cells repeated by the last tag count too: stop as soon as the
        // output passes the limit, not after building it.
        if st.out.len() > limits.max_output_chars.saturating_mul(4) {
            return Err(super::docx::too_much_text(limits));
        }
        // Flush text before the tag.
        st.text(&decode_entities(&src[text_start..i]))?;
        tags += 1;
        if tags > limits.max_events {
            return Err(DecodeError::TooComplex {
                what: format!("网页的标记超过 {} 个", limits.max_events),
            });
        }
        if b[i..].starts_with(b"<!--") {
            i = match find_from(b, i + 4, b"-->") {
                Some(p) => p + 3,
                None => {
                    unclosed_comment = true;
                    b.len()
                }
            };
            text_start = i;
            continue;
        }
        if next == b'!' || next == b'?' {
            if b[i..].len() >= 9 && b[i + 2..i + 9].eq_ignore_ascii_case(b"[CDATA[") {
                let end = find_from(b, i + 9, b"]]>").unwrap_or(b.len());
                st.text(&src[i + 9..end])?;
                i = (end + 3).min(b.len());
            } else {
                i = find_byte(b, i + 2, b'>').map(|p| p + 1).unwrap_or(b.len());
            }
            text_start = i;
            continue;
        }
        let closing = next == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let mut j = name_start;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || matches!(b[j], b':' | b'-' | b'_')) {
            j += 1;
        }
        if j == name_start {
            // `</ >` or similar: skip to '>'.
            i = find_byte(b, j, b'>').map(|p| p + 1).unwrap_or(b.len());
            text_start = i;
            continue;
        }
        let name = src[name_start..j].to_ascii_lowercase();
        let name = name.rsplit(':').next().unwrap_or("").to_string();
        // Attributes up to the closing '>', quotes respected.
        let mut k = j;
        let mut quote = 0u8;
        while k < b.len() {
            let c = b[k];
            if quote != 0 {
                if c == quote {
                    quote = 0;
                }
            } else if c == b'"' || c == b'\'' {
                quote = c;
            } else if c == b'>' {
                break;
            }
            k += 1;
        }
        let attrs = &src[j..k.min(b.len())];
        i = (k + 1).min(b.len());
        text_start = i;
        if closing {
            if name == "pre" {
                st.pre = st.pre.saturating_sub(1);
            }
            st.end(&name);
            continue;
        }
        let self_closing = attrs.trim_end().ends_with('/');
        if SKIP.contains(&name.as_str()) && !self_closing {
            // Skip to the matching end tag (raw text for script/style).
            let close = format!("</{name}");
            // Remember where (or that no) end tag was found: thousands of unclosed
            // `<head>`s must not each rescan the rest of the page.
            let found = match close_cache.get(&name) {
                Some(None) => None,
                Some(Some(q)) if *q >= i => Some(*q),
                _ => find_ci(b, i, close.as_bytes()),
            };
            close_cache.insert(name.clone(), found);
            match found {
                Some(p) => i = find_byte(b, p, b'>').map(|q| q + 1).unwrap_or(b.len()),
                // Raw-text elements run to the end when unclosed (as in browsers);
                // an unclosed <head>, <select>… hides nothing.
                None if RAW_TEXT.contains(&name.as_str()) => i = b.len(),
                None => {}
            }
            text_start = i;
            if name == "head" || name == "title" {
                st.newline();
            }
            continue;
        }
        if name == "pre" {
            st.newline();
            st.pre += 1;
            continue;
        }
        if name == "td" || name == "th" {
            let window = (b.len() - i).min(64 * 1024);
            // The third cell of a row or later is data beside data (序号 | 项目 | …).
            let late = st.tables.last().is_some_and(|t| t.in_row && t.cells >= 2);
            st.next_cell_layout =
                layout_budget >= window && is_layout_cell(&b[i..i + window], late);
            layout_budget = layout_budget.saturating_sub(window);
        }
        st.start(&name, attrs)?;
        if self_closing && name != "br" {
            st.end(&name);
        }
    }
    st.text(&decode_entities(&src[text_start.min(src.len())..]))?;
    let text = tidy_lines(std::mem::take(&mut st.out));
    if text.chars().count() > limits.max_output_chars {
        return Err(super::docx::too_much_text(limits));
    }
    if unclosed_comment && text.trim().is_empty() {
        // Browsers hide the rest of the page too; say why rather than "empty".
        return Err(DecodeError::Corrupt {
            what: "网页中的注释(<!--)没有结束,其后的全部内容都被当作注释".into(),
        });
    }
    Ok(HtmlOut {
        text,
        warnings: vec![],
    })
}

/// The lines of the converted text trimmed, runs of spaces made one, and blank lines,
/// rows of bare cell separators and rows of page commands dropped. Done in the text's
/// own bytes (a line only ever shrinks), so no second copy of the page's text is made.
fn tidy_lines(out: String) -> String {
    let mut buf = out.into_bytes();
    // Read at `r`, written at `w <= r`.
    let (mut r, mut w) = (0, 0);
    while r < buf.len() {
        let nl = buf
            .get(r..)
            .and_then(|rest| rest.iter().position(|&x| x == b'\n'))
            .map_or(buf.len(), |p| r + p);
        // The kept part of the line, `a..b`, if it is kept.
        let keep = {
            let line = std::str::from_utf8(buf.get(r..nl).unwrap_or_default()).unwrap_or("");
            let end = line.trim_end();
            let l = end.trim_start_matches([
                ' ', '\u{3000}', '\t', '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}',
            ]);
            let skip = l.is_empty()
                || l.trim_matches(|c| c == ' ' || c == '|').is_empty()
                || crate::furniture::is_page_commands(l);
            (!skip).then(|| (r + end.len() - l.len(), r + end.len()))
        };
        if let Some((a, b)) = keep {
            // Runs of spaces (from &nbsp; padding, e.g. after Word's list labels) become
            // one; a space byte is never part of a longer char, so bytes can be copied.
            let mut prev_space = false;
            for k in a..b {
                let Some(&c) = buf.get(k) else { break };
                if c == b' ' && prev_space {
                    continue;
                }
                prev_space = c == b' ';
                if let Some(d) = buf.get_mut(w) {
                    *d = c;
                    w += 1;
                }
            }
            match buf.get_mut(w) {
                Some(d) => *d = b'\n',
                None => buf.push(b'\n'),
            }
            w += 1;
        }
        r = nl + 1;
    }
    buf.truncate(w);
    String::from_utf8(buf).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A table cell that holds a page's article (old sites lay pages out with tables):
/// it contains a table, or many blocks, or much text. Late in a row (`late`), many
/// short blocks are a data cell's wrapped lines (`<p>` per line of a PDF copy).
fn is_layout_cell(scan: &[u8], late: bool) -> bool {
    let end = [
        find_ci(scan, 0, b"</td"),
        find_ci(scan, 0, b"</th"),
        find_ci(scan, 0, b"</tr"),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(scan.len());
    let cell = &scan[..end];
    if find_ci(cell, 0, b"<table").is_some() {
        return true;
    }
    let text_len = cell.iter().filter(|b| **b >= 0x80).count() / 3;
    let mut blocks = 0;
    for tag in [
        &b"<p"[..],
        b"<div",
        b"<br",
        b"<li",
        b"<h1",
        b"<h2",
        b"<h3",
        b"<h4",
    ] {
        let mut from = 0;
        while let Some(p) = find_ci(cell, from, tag) {
            let next = cell.get(p + tag.len()).copied().unwrap_or(b'>');
            if !next.is_ascii_alphanumeric() {
                blocks += 1;
            }
            from = p + tag.len();
            if blocks >= 6 && (!late || text_len >= 200) {
                return true;
            }
        }
    }
    text_len > 400
}

fn find_byte(b: &[u8], from: usize, c: u8) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|x| *x == c)
        .map(|p| p + from)
}

fn find_from(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    super::sniff::find(b.get(from..)?, needle).map(|p| p + from)
}

/// Case-insensitive search for an ASCII needle.
fn find_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0].to_ascii_lowercase();
    (0..=hay.len() - needle.len())
        .filter(|&p| hay[p].to_ascii_lowercase() == first)
        .find(|&p| hay[p..p + needle.len()].eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

fn attr_value(attrs: &str, name: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || !lower.as_bytes()[at - 1].is_ascii_alphanumeric();
        let rest = lower[at + name.len()..].trim_start();
        if before_ok && rest.starts_with('=') {
            let off = attrs.len() - rest.len() + 1;
            let v = attrs[off..].trim_start();
            let v = if let Some(q) = v.strip_prefix('"') {
                q.split('"').next().unwrap_or("")
            } else if let Some(q) = v.strip_prefix('\'') {
                q.split('\'').next().unwrap_or("")
            } else {
                v.split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or("")
            };
            return Some(decode_entities(v));
        }
        from = at + name.len();
    }
    None
}

/// Named and numeric character references. Unknown names stay as written.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p + 1..];
        let name_len = after
            .char_indices()
            .take_while(|(i, c)| *i < 32 && (c.is_ascii_alphanumeric() || *c == '#'))
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
        let name = &after[..name_len];
        let semi = after[name_len..].starts_with(';');
        let rep: Option<String> = if name.starts_with('#') {
            char_ref(name).map(|c| windows_1252_fix(c).to_string())
        } else if semi || matches!(name, "nbsp" | "amp" | "lt" | "gt" | "quot" | "copy" | "reg") {
            named(name).map(|s| s.to_string())
        } else {
            None
        };
        match rep {
            Some(r) => {
                out.push_str(&r);
                rest = &after[name_len + usize::from(semi)..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `&#150;` etc. mean Windows-1252 characters in practice.
fn windows_1252_fix(c: char) -> char {
    match c as u32 {
        0x80 => '€',
        0x85 => '…',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x95 => '•',
        0x96 => '–',
        0x97 => '—',
        0x81..=0x84 | 0x86..=0x90 | 0x98..=0x9F => '\u{fffd}',
        _ => c,
    }
}

fn named(name: &str) -> Option<&'static str> {
    Some(match name {
        "nbsp" => "\u{a0}",
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "ldquo" => "“",
        "rdquo" => "”",
        "lsquo" => "‘",
        "rsquo" => "’",
        "sbquo" => "‚",
        "bdquo" => "„",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "middot" => "·",
        "bull" => "•",
        "times" => "×",
        "divide" => "÷",
        "plusmn" => "±",
        "deg" => "°",
        "permil" => "‰",
        "percnt" => "%",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "sect" => "§",
        "para" => "¶",
        "yen" => "¥",
        "cent" => "¢",
        "pound" => "£",
        "euro" => "€",
        "laquo" => "«",
        "raquo" => "»",
        "lsaquo" => "‹",
        "rsaquo" => "›",
        "ensp" => "\u{2002}",
        "emsp" => "\u{2003}",
        "thinsp" => "\u{2009}",
        "zwnj" => "\u{200c}",
        "zwj" => "\u{200d}",
        "shy" => "",
        "sup1" => "¹",
        "sup2" => "²",
        "sup3" => "³",
        "frac12" => "½",
        "frac14" => "¼",
        "frac34" => "¾",
        "rarr" => "→",
        "larr" => "←",
        "uarr" => "↑",
        "darr" => "↓",
        "harr" => "↔",
        "le" => "≤",
        "ge" => "≥",
        "ne" => "≠",
        "asymp" => "≈",
        "micro" => "µ",
        "alpha" => "α",
        "beta" => "β",
        "gamma" => "γ",
        "delta" => "δ",
        "mu" => "μ",
        "pi" => "π",
        "sum" => "∑",
        "minus" => "−",
        "lowast" => "∗",
        "radic" => "√",
        "infin" => "∞",
        "prime" => "′",
        "Prime" => "″",
        "oline" => "‾",
        "frasl" => "⁄",
        "iexcl" => "¡",
        "iquest" => "¿",
        "acute" => "´",
        "uml" => "¨",
        "macr" => "¯",
        "cedil" => "¸",
        "ordf" => "ª",
        "ordm" => "º",
        "not" => "¬",
        "brvbar" => "¦",
        "curren" => "¤",
        "loz" => "◊",
        "spades" => "♠",
        "clubs" => "♣",
        "hearts" => "♥",
        "diams" => "♦",
        "star" => "☆",
        "starf" => "★",
        "check" => "✓",
        "cross" => "✗",
        "square" => "□",
        "squ" => "□",
        _ => return None,
    })
}

/// Text files that are really HTML fragments (copied from a web page's source).
pub(crate) fn looks_like_html_fragment(text: &str) -> bool {
    let end = text
        .char_indices()
        .nth(1 << 20)
        .map(|(i, _)| i)
        .unwrap_or(text.len());
    let marks: [&str; 24] = [
        "<p>", "<p ", "</p>", "<br>", "<br/>", "<br />", "<div", "</div>", "<span", "</span>",
        "<td", "</td>", "<tr", "<li>", "<table", "<strong>", "<font", "&nbsp;", "<h1", "<h2",
        "<h3", "<h4", "<html", "<body",
    ];
    // Each mark counts up to 50 times. Read in place, case folded per comparison (no
    // lower-case copy of the text); a mark holds no second '<' or '&', so its matches
    // never overlap and every position that matches counts.
    let mut seen = [0usize; 24];
    let b = &text.as_bytes()[..end];
    for i in 0..b.len() {
        if b[i] != b'<' && b[i] != b'&' {
            continue;
        }
        let rest = &b[i..];
        for (k, m) in marks.iter().enumerate() {
            let m = m.as_bytes();
            if rest.len() >= m.len() && rest[..m.len()].eq_ignore_ascii_case(m) {
                if let Some(n) = seen.get_mut(k) {
                    *n += 1;
                }
            }
        }
        if seen.iter().map(|n| (*n).min(50)).sum::<usize>() >= 4 {
            return true;
        }
    }
    false
}

/// A saved page in MIME form: the first text/html part (else text/plain).
pub(crate) fn decode_mhtml(bytes: &[u8], limits: &Limits) -> Result<MhtmlOut, DecodeError> {
    // A Latin-1 view keeps every byte as one char, so 8-bit parts map back exactly.
    let raw: String = bytes.iter().map(|&b| b as char).collect();
    let norm = raw.replace("\r\n", "\n");
    let (headers, body) = split_headers(&norm);
    let ctype = header(&headers, "content-type").unwrap_or_default();
    let parts: Vec<(Vec<(String, String)>, &str)> = match param(&ctype, "boundary") {
        Some(boundary) => {
            let delim = format!("--{boundary}");
            body.split(delim.as_str())
                .skip(1)
                .filter(|p| !p.starts_with("--"))
                .take(10_000)
                .map(|p| {
                    let p = p.strip_prefix('\n').unwrap_or(p);
                    split_headers(p)
                })
                .collect()
        }
        None => vec![(headers.clone(), body)],
    };
    let pick = |want: &str| {
        parts.iter().find(|(h, _)| {
            header(h, "content-type")
                .unwrap_or_else(|| "text/plain".into())
                .to_ascii_lowercase()
                .starts_with(want)
        })
    };
    let Some((h, content)) = pick("text/html").or_else(|| pick("text/plain")) else {
        return Err(DecodeError::Unsupported {
            what: "这个 .mht 网页存档中没有找到网页正文".into(),
        });
    };
    let cte = header(h, "content-transfer-encoding")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let latin1: Vec<u8> = content.chars().map(|c| c as u32 as u8).collect();
    let data: Vec<u8> = match cte.trim() {
        "quoted-printable" => quoted_printable(&latin1),
        "base64" => base64(&latin1),
        _ => latin1,
    };
    let pct = header(h, "content-type").unwrap_or_default();
    let charset = param(&pct, "charset");
    let t = super::text::decode_with_label(&data, charset.as_deref(), limits)?;
    let is_html = pct.to_ascii_lowercase().contains("html");
    let text = if is_html {
        html_to_text(&t.text, limits)?.text
    } else {
        super::text::normalize_text(&t.text)
    };
    Ok(MhtmlOut {
        text,
        encoding: t.encoding,
        warnings: t.warnings,
    })
}

fn split_headers(s: &str) -> (Vec<(String, String)>, &str) {
    let (head, body) = match s.find("\n\n") {
        Some(p) => (&s[..p], &s[p + 2..]),
        None => (s, ""),
    };
    let mut out: Vec<(String, String)> = vec![];
    for line in head.lines() {
        if line.starts_with([' ', '\t']) {
            if let Some(last) = out.last_mut() {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        } else if let Some((k, v)) = line.split_once(':') {
            out.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    (out, body)
}

fn header(h: &[(String, String)], name: &str) -> Option<String> {
    h.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

fn param(value: &str, name: &str) -> Option<String> {
    for part in value.split(';').skip(1) {
        if let Some((k, v)) = part.split_once('=') {
            if k.trim().eq_ignore_ascii_case(name) {
                return Some(v.trim().trim_matches('"').to_string());
            }
        }
    }
    None
}

fn quoted_printable(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'=' {
            // Soft line break: `=` then optional blanks then the line end.
            let mut j = i + 1;
            while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\r') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'\n' {
                i = j + 1;
                continue;
            }
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (
                b.get(i + 1).and_then(|c| hex(*c)),
                b.get(i + 2).and_then(|c| hex(*c)),
            ) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    out
}

fn base64(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &c in s {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            _ => continue,
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_tidied_in_place_as_a_copy_would_be() {
        // The copy the tidying made before it worked in place.
        fn by_copy(out: &str) -> String {
            let mut text = String::new();
            for line in out.lines() {
                let l = line.trim_end().trim_start_matches([
                    ' ', '\u{3000}', '\t', '\u{a0}', '\u{2002}', '\u{2003}', '\u{2009}',
                ]);
                if l.is_empty()
                    || l.trim_matches(|c| c == ' ' || c == '|').is_empty()
                    || crate::furniture::is_page_commands(l)
                {
                    continue;
                }
                let mut prev_space = false;
                for c in l.chars() {
                    if c == ' ' && prev_space {
                        continue;
                    }
                    prev_space = c == ' ';
                    text.push(c);
                }
                text.push('\n');
            }
            text
        }
        for s in [
            "",
            "\n\n",
            "一、总体要求",
            "  一、总体  要求   \r\n\u{3000}（一）指导  思想\n | | \n【打印】【关闭】\n末行",
            "a\n\nb\n",
            "\u{a0}\u{2003}表格 | 行 |   \n  \t\n尾",
        ] {
            assert_eq!(tidy_lines(s.to_string()), by_copy(s), "{s:?}");
        }
    }

    fn t(s: &str) -> String {
        html_to_text(s, &Limits::default()).unwrap().text
    }

    #[test]
    fn merged_cells_are_repeated_in_every_row_they_cover() {
        let html = "<table><tr><td>序号</td><td>任务</td><td>牵头单位</td><td>配合单位</td></tr>\
            <tr><td colspan=\"4\">一、优化环境</td></tr>\
            <tr><td rowspan=\"2\">1</td><td>推行一网通办</td><td rowspan=\"2\">市政务办</td><td>市数据局</td></tr>\
            <tr><td>推行一窗受理</td><td>市人社局</td></tr>\
            <tr><td>2</td><td colspan=\"2\">加强督查</td><td>市督查室</td></tr></table>";
        let lines: Vec<String> = t(html).lines().map(String::from).collect();
        assert_eq!(
            lines,
            vec![
                "序号 | 任务 | 牵头单位 | 配合单位",
                "一、优化环境",
                "1 | 推行一网通办 | 市政务办 | 市数据局",
                "1 | 推行一窗受理 | 市政务办 | 市人社局",
                "2 | 加强督查 | | 市督查室",
            ]
        );
    }

    #[test]
    fn blocks_entities_scripts() {
        let html = "<html><head><title>标题</title><script>alert('x<p>')</script><style>p{}</style></head>\
            <body><h1>一、总体要求</h1><p>到2025年,新增&nbsp;企业&gt;100家&#x3002;</p>第一行<br>第二行\
            <!-- 注释 <p> --><div>（一）<b>加强</b>领导</div></body></html>";
        assert_eq!(
            t(html),
            "一、总体要求\n到2025年,新增 企业>100家。\n第一行\n第二行\n（一）加强领导\n"
        );
    }

    #[test]
    fn tables_rows_cells() {
        let html = "<table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>\
            <tr><td>1</td><td><p>建设平台</p><p>完善机制</p></td><td>区科委</td></tr></table>";
        assert_eq!(
            t(html),
            "序号 | 任务 | 牵头单位\n1 | 建设平台\u{2028}完善机制 | 区科委\n"
        );
    }

    #[test]
    fn layout_tables_read_like_divs() {
        let body: String = (1..=8)
            .map(|i| format!("<p>{i}.第{i}项任务。(责任单位:区科委)</p>"))
            .collect();
        let html = format!("<table><tr><td>导航</td></tr><tr><td class=content><p>一、主要任务</p>{body}</td></tr></table>");
        let out = t(&html);
        assert!(
            out.starts_with("导航\n一、主要任务\n1.第1项任务。(责任单位:区科委)\n2.第2项"),
            "{out}"
        );
        // Word-exported data cells with a paragraph each stay one row.
        let data = "<table><tr><td><p class=MsoNormal>1</p></td><td><p class=MsoNormal>建设平台</p></td><td><p>区科委</p></td></tr></table>";
        assert_eq!(t(data), "1 | 建设平台 | 区科委\n");
    }

    #[test]
    fn ordered_lists() {
        assert_eq!(
            t("<ol><li>甲</li><li>乙</li></ol><ul><li>丙</li></ul>"),
            "1.甲\n2.乙\n丙\n"
        );
        assert_eq!(
            t("<ol start=3 type=a><li><p>甲</p><p>续</p></li></ol>"),
            "c.甲\n续\n"
        );
    }

    #[test]
    fn unclosed_head_hides_nothing() {
        assert_eq!(
            t("<html><head><meta charset=utf-8><body><p>一、总则</p>"),
            "一、总则\n"
        );
        assert_eq!(t("<p>前</p><script>var a = '<p>x</p>';"), "前\n");
        assert_eq!(
            t("<p>一、总则</p>&ldquo;放管服&rdquo;&amp;&#20013;&#x4e2D;&unknown;&nbsp"),
            "一、总则\n“放管服”&中中&unknown;\n"
        );
        assert_eq!(t("<p>&emsp;&emsp;（一）加强领导</p>"), "（一）加强领导\n");
        // Word's filtered HTML: list labels in conditional comments, padded with &nbsp;.
        let word = "<p class=MsoListParagraph><![if !supportLists]><span style='mso-list:Ignore'>一、<span style='font:7.0pt'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>总体要求<o:p></o:p></p>";
        assert_eq!(t(word), "一、 总体要求\n");
    }

    #[test]
    fn fragments_keep_the_files_line_breaks() {
        let s = "一、总体要求&nbsp;&nbsp;\n（一）指导思想<br>坚持创新。\n（二）基本原则&nbsp;\n<p>到2025年</p>";
        assert_eq!(
            fragment_to_text(s, &Limits::default()).unwrap().text,
            "一、总体要求\n（一）指导思想\n坚持创新。\n（二）基本原则\n到2025年\n"
        );
    }

    #[test]
    fn a_fragments_row_written_one_cell_per_line_is_one_row() {
        // A JSP page's table: each <td> on its own line, a cell's lines in <p>s; six
        // short ones late in a row are wrapped lines of one cell, not a page's layout.
        let s = "<table>\n<tr>\n  <td>序号</td>\n  <td>考核项目</td>\n  <td>考核指标</td>\n  <td>负责考核部门</td>\n</tr>\n<tr>\n  <td>1</td>\n  <td>深化宣传教育</td>\n  <td>\n    <p>1.开展公益宣传、</p><p>得2分。</p><p>2.开展进校园</p><p>活动，</p><p>得2分。</p><p>3.其他</p>\n  </td>\n  <td><p>县委宣传部</p>\n<p>县教育局</p></td>\n</tr>\n</table>\n正文另起一行\n第二行";
        let out = fragment_to_text(s, &Limits::default()).unwrap().text;
        let b = super::super::CELL_BREAK;
        assert_eq!(
            out,
            format!("序号 | 考核项目 | 考核指标 | 负责考核部门\n1 | 深化宣传教育 | 1.开展公益宣传、{b}得2分。{b}2.开展进校园{b}活动，{b}得2分。{b}3.其他 | 县委宣传部{b}县教育局\n正文另起一行\n第二行\n")
        );
    }

    #[test]
    fn fragments_detected() {
        assert!(looks_like_html_fragment(
            "<p>一、总体</p><p>二、任务&nbsp;</p>"
        ));
        assert!(!looks_like_html_fragment("一、总体要求\n到2025年 <100 家"));
    }

    #[test]
    fn mhtml_quoted_printable() {
        let m = "MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\tboundary=\"XYZ\"\r\n\r\n--XYZ\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<p>=E4=B8=80=E3=80=81=E6=80=BB=E5=88=99</p>=\r\n<p>ok</p>\r\n--XYZ--\r\n";
        let out = decode_mhtml(m.as_bytes(), &Limits::default()).unwrap();
        assert_eq!(out.text, "一、总则\nok\n");
    }
}
