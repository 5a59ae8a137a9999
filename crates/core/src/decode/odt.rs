//! OpenDocument: text (`.odt`) and spreadsheets (`.ods`) — zip + `content.xml`, read
//! with the zip guards of [`super::docx::Zip`] and quick-xml, like a `.docx`.
//!
//! Paragraphs and headings one per line; list and outline (heading) numbers rendered
//! from the list styles of `styles.xml` / `content.xml` (ODF stores only the rules, the
//! application counts), or taken as stored when a `text:number` is present; tables one
//! row per line with cells joined by [`super::CELL_SEP`], spanned cells expanded like
//! Word's (`number-rows-spanned` repeats the text down, `number-columns-spanned` leaves
//! the columns empty); notes as `注N:…` lines after their paragraph; text boxes after
//! the paragraph that anchors them; comments, tracked deletions and ruby text left out.
//! In a spreadsheet every sheet is a table with its name as a heading line.

use super::docx::Zip;
use super::numbering::format_number;
use super::sheet::{cell_text, named, Grid};
use super::xml::{attr, local, prefix, to_utf8, walk, Budget, XmlEv};
use super::{DecodeError, Limits, CELL_BREAK};
use std::collections::BTreeMap;

pub(crate) struct OdfOut {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Most list levels ODF defines.
const LEVELS: usize = 10;
/// Most cells a repeated cell or row is copied into (ODS repeats empty cells a lot).
const MAX_REPEAT: u32 = 1_000;
const MAX_ROW: u32 = 1_048_576;
const MAX_COL: u32 = 16_384;

/// One level of a list style (or of the outline style).
#[derive(Debug, Clone, Default)]
struct Level {
    /// The counter's format, as a `w:numFmt` name for [`format_number`].
    fmt: String,
    prefix: String,
    suffix: String,
    start: u32,
    display: usize,
    /// LibreOffice's explicit label template (`loext:num-list-format="%1%、"`).
    template: Option<String>,
    /// A bullet: its character.
    bullet: Option<String>,
}

/// `style:num-format` → a `w:numFmt` name.
fn num_format(f: &str) -> &'static str {
    let f = f.trim();
    match f {
        "" => "none",
        "1" => "decimal",
        "a" => "lowerLetter",
        "A" => "upperLetter",
        "i" => "lowerRoman",
        "I" => "upperRoman",
        _ if f.starts_with('一') || f.starts_with("十") => "chineseCounting",
        _ if f.starts_with('壹') => "chineseLegalSimplified",
        _ if f.starts_with('①') => "decimalEnclosedCircle",
        _ if f.starts_with('⑴') => "decimalEnclosedParen",
        _ if f.starts_with('⒈') => "decimalEnclosedFullstop",
        _ if f.starts_with('甲') => "ideographTraditional",
        _ if f.starts_with('子') => "ideographZodiac",
        _ if f.starts_with('１') => "decimalFullWidth",
        _ if f.starts_with('〇') || f.starts_with('○') => "ideographDigital",
        _ => "decimal",
    }
}

#[derive(Default)]
struct Styles {
    lists: BTreeMap<String, Vec<Level>>,
    outline: Vec<Level>,
    /// Paragraph style → (its list style, its parent style).
    paras: BTreeMap<String, (Option<String>, Option<String>)>,
}

impl Styles {
    /// List styles, the outline style and paragraph styles of one part.
    fn read(
        &mut self,
        xml: &str,
        part: &str,
        limits: &Limits,
        budget: &mut Budget,
    ) -> Result<(), DecodeError> {
        // (list style name or None for the outline style) being read.
        let mut cur: Option<Option<String>> = None;
        let mut levels: Vec<Level> = vec![];
        walk(xml, part, limits, budget, |ev| {
            match ev {
                XmlEv::Start(e) => {
                    let qn = e.name();
                    match local(qn.as_ref()) {
                        b"list-style" => {
                            cur = Some(attr(e, b"name"));
                            levels = vec![Level::default(); LEVELS];
                        }
                        b"outline-style" => {
                            cur = Some(None);
                            levels = vec![Level::default(); LEVELS];
                        }
                        name @ (b"list-level-style-number"
                        | b"outline-level-style"
                        | b"list-level-style-bullet"
                        | b"list-level-style-image")
                            if cur.is_some() =>
                        {
                            let l = attr(e, b"level")
                                .and_then(|v| v.trim().parse::<usize>().ok())
                                .unwrap_or(1)
                                .clamp(1, LEVELS);
                            let bullet = match name {
                                b"list-level-style-bullet" => Some(
                                    attr(e, b"bullet-char")
                                        .filter(|c| {
                                            !c.trim().is_empty()
                                                && !c
                                                    .chars()
                                                    .any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c))
                                        })
                                        .unwrap_or_else(|| "•".into()),
                                ),
                                b"list-level-style-image" => Some("•".into()),
                                _ => None,
                            };
                            if let Some(slot) = levels.get_mut(l - 1) {
                                *slot = Level {
                                    fmt: num_format(&attr(e, b"num-format").unwrap_or_default())
                                        .into(),
                                    prefix: attr(e, b"num-prefix").unwrap_or_default(),
                                    suffix: attr(e, b"num-suffix").unwrap_or_default(),
                                    start: attr(e, b"start-value")
                                        .and_then(|v| v.trim().parse().ok())
                                        .unwrap_or(1),
                                    display: attr(e, b"display-levels")
                                        .and_then(|v| v.trim().parse().ok())
                                        .unwrap_or(1)
                                        .clamp(1, LEVELS),
                                    template: attr(e, b"num-list-format"),
                                    bullet,
                                };
                            }
                        }
                        b"style" => {
                            let family = attr(e, b"family").unwrap_or_default();
                            if family == "paragraph" {
                                if let Some(n) = attr(e, b"name") {
                                    self.paras.insert(
                                        n,
                                        (
                                            attr(e, b"list-style-name"),
                                            attr(e, b"parent-style-name"),
                                        ),
                                    );
                                }
                            }
                        }
                        _ => {}
                    }
                }
                XmlEv::End(n) => match local(n) {
                    b"list-style" | b"outline-style" => {
                        if let Some(which) = cur.take() {
                            let done = std::mem::take(&mut levels);
                            match which {
                                Some(name) => {
                                    self.lists.insert(name, done);
                                }
                                None => self.outline = done,
                            }
                        }
                    }
                    _ => {}
                },
                XmlEv::Text(_) => {}
            }
            Ok(true)
        })
    }

    /// The list style a paragraph style carries (following its parents).
    fn list_of_para(&self, style: &str) -> Option<String> {
        let mut s = style.to_string();
        for _ in 0..16 {
            let (list, parent) = self.paras.get(&s)?;
            if let Some(l) = list.as_ref().filter(|l| !l.is_empty()) {
                return Some(l.clone());
            }
            s = parent.clone()?;
        }
        None
    }
}

/// Counters of one list (or of the outline).
#[derive(Clone, Default)]
struct Counters([Option<u32>; LEVELS]);

impl Counters {
    /// Count an item at `level` (0-based) and render its label; `start` overrides.
    fn label(&mut self, levels: &[Level], level: usize, start: Option<u32>) -> (String, bool) {
        let level = level.min(LEVELS - 1);
        let lv = levels.get(level).cloned().unwrap_or_default();
        let v = match (start, self.0[level]) {
            (Some(s), _) => s,
            (None, Some(v)) => v.saturating_add(1),
            (None, None) => lv.start,
        };
        self.0[level] = Some(v);
        for c in self.0.iter_mut().skip(level + 1) {
            *c = None;
        }
        if let Some(b) = &lv.bullet {
            return (b.clone(), true);
        }
        if lv.fmt == "none" && lv.template.as_deref().is_none_or(|t| t.contains('%')) {
            let text = format!("{}{}", lv.prefix, lv.suffix);
            return (text.clone(), ends_in_word(&text));
        }
        let value = |k: usize| -> String {
            let l = levels.get(k).cloned().unwrap_or_default();
            let v = self.0[k].unwrap_or(l.start);
            format_number(v, &l.fmt)
        };
        let out = match &lv.template {
            Some(t) if t.contains('%') => {
                let mut out = String::new();
                let mut rest = t.as_str();
                while let Some(p) = rest.find('%') {
                    out.push_str(&rest[..p]);
                    let after = &rest[p + 1..];
                    let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
                    match digits
                        .parse::<usize>()
                        .ok()
                        .filter(|d| (1..=LEVELS).contains(d))
                    {
                        Some(d) if after[digits.len()..].starts_with('%') => {
                            out.push_str(&value(d - 1));
                            rest = &after[digits.len() + 1..];
                        }
                        _ => {
                            out.push('%');
                            rest = after;
                        }
                    }
                }
                out.push_str(rest);
                out
            }
            _ => {
                let from = (level + 1).saturating_sub(lv.display);
                let nums: Vec<String> = (from..=level).map(value).collect();
                format!("{}{}{}", lv.prefix, nums.join("."), lv.suffix)
            }
        };
        let sep = ends_in_word(&out);
        (out, sep)
    }
}

/// A space follows labels ending in a letter, digit or hanzi (`第一章 总则`).
fn ends_in_word(s: &str) -> bool {
    s.chars().last().is_some_and(|c| {
        c.is_ascii_alphanumeric()
            || ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3400}'..='\u{4dbf}').contains(&c)
            || c == '•'
    })
}

#[derive(Default)]
struct Para {
    text: String,
    style: Option<String>,
    /// 1-based outline level of a heading not in a list.
    outline: Option<usize>,
    no_number: bool,
    start: Option<u32>,
    /// A label stored in the file (`text:number`).
    stored: Option<String>,
    /// Whether this paragraph opens a list item (gets the item's label).
    item: bool,
    notes: Vec<String>,
    boxes: Vec<String>,
}

struct Table {
    grid: Grid,
    name: String,
    row: u32,
    col: u32,
    row_repeat: u32,
}

struct Cell {
    lines: Vec<String>,
    cols: u32,
    rows: u32,
    repeat: u32,
}

enum C {
    Para(Para),
    Table(Table),
    Cell(Cell),
    Note(Vec<String>),
}

struct ListCtx {
    style: Option<String>,
}

struct Body<'a> {
    styles: &'a Styles,
    spreadsheet: bool,
    stack: Vec<C>,
    out: Vec<String>,
    lists: Vec<ListCtx>,
    counters: BTreeMap<String, Counters>,
    outline: Counters,
    /// The next paragraph opens a list item (with this start value).
    pending_item: Option<Option<u32>>,
    skip: usize,
    /// Inside `text:number`: its text is the stored label.
    in_number: bool,
    pending_label: Option<String>,
    note_no: usize,
    chars: usize,
    work: usize,
    limits: &'a Limits,
}

impl<'a> Body<'a> {
    fn para(&mut self) -> Option<&mut Para> {
        match self.stack.last_mut() {
            Some(C::Para(p)) => Some(p),
            _ => None,
        }
    }

    fn push_text(&mut self, s: &str) -> Result<(), DecodeError> {
        self.chars += s.len();
        if self.chars > self.limits.max_output_chars.saturating_mul(4) {
            return Err(DecodeError::TooComplex {
                what: format!("文字超过 {} 万字", self.limits.max_output_chars / 10_000),
            });
        }
        if self.in_number {
            match self.para() {
                Some(p) => p.stored.get_or_insert_with(String::new).push_str(s),
                // A label stored before the item's paragraph.
                None => self
                    .pending_label
                    .get_or_insert_with(String::new)
                    .push_str(s),
            }
            return Ok(());
        }
        if let Some(p) = self.para() {
            p.text.push_str(s);
        }
        Ok(())
    }

    fn deliver(&mut self, line: String) {
        match self.stack.last_mut() {
            Some(C::Cell(c)) => c.lines.push(line),
            Some(C::Note(v)) => v.push(line),
            Some(C::Para(p)) => p.boxes.push(line),
            // Text directly in a table (not in a cell) is not part of any row.
            Some(C::Table(_)) => {}
            None => self.out.push(line),
        }
    }

    fn start(&mut self, e: &quick_xml::events::BytesStart<'_>) -> Result<(), DecodeError> {
        if self.skip > 0 {
            self.skip += 1;
            return Ok(());
        }
        let qn = e.name();
        let n = qn.as_ref();
        let p = prefix(n);
        match (p, local(n)) {
            (b"text", b"p" | b"h") => {
                let heading = local(n) == b"h";
                let mut para = Para {
                    style: attr(e, b"style-name"),
                    ..Para::default()
                };
                if heading && self.lists.is_empty() {
                    para.outline = attr(e, b"outline-level")
                        .and_then(|v| v.trim().parse::<usize>().ok())
                        .filter(|l| (1..=LEVELS).contains(l));
                    para.no_number = attr(e, b"is-list-header").is_some_and(|v| v == "true");
                    para.start = if attr(e, b"restart-numbering").is_some_and(|v| v == "true") {
                        Some(
                            attr(e, b"start-value")
                                .and_then(|v| v.trim().parse().ok())
                                .unwrap_or(1),
                        )
                    } else {
                        None
                    };
                }
                if let Some(start) = self.pending_item.take() {
                    para.item = true;
                    para.start = start;
                    para.stored = self.pending_label.take();
                }
                self.stack.push(C::Para(para));
            }
            (b"text", b"list") => {
                let style = attr(e, b"style-name")
                    .or_else(|| self.lists.last().and_then(|l| l.style.clone()));
                if self.lists.is_empty() {
                    let cont = attr(e, b"continue-numbering").is_some_and(|v| v == "true")
                        || attr(e, b"continue-list").is_some();
                    if !cont {
                        if let Some(s) = &style {
                            self.counters.remove(s);
                        } else {
                            self.counters.remove("");
                        }
                    }
                }
                self.lists.push(ListCtx { style });
            }
            (b"text", b"list-item") => {
                self.pending_item =
                    Some(attr(e, b"start-value").and_then(|v| v.trim().parse().ok()));
            }
            (b"text", b"list-header") => self.pending_item = None,
            (b"text", b"number") => self.in_number = true,
            (b"text", b"s") => {
                let c = attr(e, b"c")
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .unwrap_or(1)
                    .clamp(1, 100);
                self.push_text(&" ".repeat(c))?;
            }
            (b"text", b"tab") => self.push_text(" ")?,
            (b"text", b"line-break") => self.push_text("\n")?,
            (b"text", b"note") => self.stack.push(C::Note(vec![])),
            (b"text", b"note-citation")
            | (b"text", b"tracked-changes")
            | (b"text", b"sequence-decls")
            | (b"text", b"variable-decls")
            | (b"text", b"user-field-decls")
            | (b"text", b"ruby-text")
            | (b"office", b"annotation")
            | (b"office", b"forms")
            | (b"office", b"scripts")
            | (b"office", b"font-face-decls")
            | (b"office", b"automatic-styles")
            | (b"svg", b"title" | b"desc")
            | (b"table", b"covered-table-cell")
            | (b"table", b"named-expressions")
            | (b"table", b"database-ranges")
            | (b"table", b"shapes") => {
                if local(n) == b"covered-table-cell" {
                    let repeat = attr(e, b"number-columns-repeated")
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .max(1);
                    if let Some(C::Table(t)) = self.stack.last_mut() {
                        t.col = t.col.saturating_add(repeat);
                    }
                }
                self.skip = 1;
            }
            (b"table", b"table") => self.stack.push(C::Table(Table {
                grid: Grid::default(),
                name: attr(e, b"name").unwrap_or_default(),
                row: 0,
                col: 0,
                row_repeat: 1,
            })),
            (b"table", b"table-row") => {
                let r = attr(e, b"number-rows-repeated")
                    .and_then(|v| v.trim().parse::<u32>().ok())
                    .unwrap_or(1)
                    .max(1);
                if let Some(C::Table(t)) = self.stack.last_mut() {
                    t.col = 0;
                    t.row_repeat = r;
                }
            }
            (b"table", b"table-cell") => {
                let num = |name: &[u8]| {
                    attr(e, name)
                        .and_then(|v| v.trim().parse::<u32>().ok())
                        .unwrap_or(1)
                        .max(1)
                };
                let cell = Cell {
                    lines: vec![],
                    cols: num(b"number-columns-spanned").min(MAX_COL),
                    rows: num(b"number-rows-spanned").min(MAX_ROW),
                    repeat: num(b"number-columns-repeated"),
                };
                self.stack.push(C::Cell(cell));
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, n: &[u8]) -> Result<(), DecodeError> {
        if self.skip > 0 {
            self.skip -= 1;
            return Ok(());
        }
        match (prefix(n), local(n)) {
            (b"text", b"p" | b"h") => self.end_para(),
            (b"text", b"list") => {
                self.lists.pop();
            }
            (b"text", b"list-item") => {
                self.pending_item = None;
                self.pending_label = None;
            }
            (b"text", b"number") => self.in_number = false,
            (b"text", b"note") => {
                if let Some(C::Note(lines)) = self.stack.last() {
                    let t = lines
                        .iter()
                        .map(|l| l.trim())
                        .filter(|l| !l.is_empty())
                        .collect::<Vec<_>>()
                        .join(" ");
                    self.stack.pop();
                    if let Some(p) = self.para() {
                        if !t.is_empty() {
                            p.notes.push(t);
                        }
                    }
                }
            }
            (b"table", b"table-cell") => {
                if let Some(C::Cell(c)) = self.stack.pop() {
                    let text = c
                        .lines
                        .iter()
                        .map(|s| s.replace('\n', CELL_BREAK).trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(CELL_BREAK);
                    let mut work = self.work;
                    if let Some(C::Table(t)) = self.stack.last_mut() {
                        let text = cell_text(&text);
                        let (row, mut col) = (t.row, t.col);
                        let repeat = if text.is_empty() {
                            1
                        } else {
                            c.repeat.min(MAX_REPEAT)
                        };
                        for _ in 0..repeat {
                            if col >= MAX_COL || row >= MAX_ROW {
                                break;
                            }
                            if !text.is_empty() {
                                work += 1;
                                t.grid.set(row, col, &text);
                                if c.rows > 1 || c.cols > 1 {
                                    t.grid.merges.push((
                                        row,
                                        col,
                                        row.saturating_add(c.rows - 1),
                                        col.saturating_add(c.cols - 1),
                                    ));
                                }
                            }
                            // The columns a span covers follow as covered cells.
                            col = col.saturating_add(1);
                        }
                        // Empty repeated cells only move the column on.
                        if text.is_empty() {
                            col = t.col.saturating_add(c.repeat.min(MAX_COL));
                        }
                        t.col = col;
                    }
                    self.work = work;
                    self.check_work()?;
                }
            }
            (b"table", b"table-row") => {
                let mut work = self.work;
                if let Some(C::Table(t)) = self.stack.last_mut() {
                    let copies = t.row_repeat.saturating_sub(1);
                    if copies > 0 {
                        if let Some(cells) = t.grid.cells.get(&t.row).cloned() {
                            for k in 1..=copies.min(MAX_REPEAT) {
                                work += cells.len();
                                if let Some(r) = t.row.checked_add(k) {
                                    t.grid.cells.insert(r, cells.clone());
                                }
                            }
                        }
                    }
                    t.row = t.row.saturating_add(t.row_repeat).min(MAX_ROW);
                    t.row_repeat = 1;
                }
                self.work = work;
                self.check_work()?;
            }
            (b"table", b"table") => {
                if let Some(C::Table(t)) = self.stack.pop() {
                    let mut work = self.work;
                    let (lines, _) = t.grid.lines(&mut work);
                    self.work = work;
                    if self.spreadsheet && !lines.is_empty() && named(&t.name) {
                        self.deliver(cell_text(&t.name).replace(CELL_BREAK, " "));
                    }
                    for l in lines {
                        self.deliver(l);
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn check_work(&self) -> Result<(), DecodeError> {
        if self.work > 2_000_000 {
            return Err(DecodeError::TooComplex {
                what: "单元格超过 200 万个".into(),
            });
        }
        Ok(())
    }

    fn end_para(&mut self) {
        let Some(C::Para(p)) = self.stack.pop() else {
            return;
        };
        let label = if let Some(s) = p.stored.clone().filter(|s| !s.trim().is_empty()) {
            let sep = ends_in_word(s.trim_end());
            Some((s.trim().to_string(), sep))
        } else if p.item {
            let level = self.lists.len().saturating_sub(1);
            let style = self
                .lists
                .last()
                .and_then(|l| l.style.clone())
                .or_else(|| p.style.as_deref().and_then(|s| self.styles.list_of_para(s)));
            match style.as_ref().and_then(|s| self.styles.lists.get(s)) {
                Some(levels) => {
                    let key = style.clone().unwrap_or_default();
                    Some(
                        self.counters
                            .entry(key)
                            .or_default()
                            .label(levels, level, p.start),
                    )
                }
                None => None,
            }
        } else if let Some(l) = p.outline.filter(|_| !p.no_number) {
            if self.styles.outline.is_empty() {
                None
            } else {
                Some(self.outline.label(&self.styles.outline, l - 1, p.start))
            }
        } else {
            None
        };
        let text = collapse(&p.text);
        let line = match label {
            Some((label, sep)) if !label.is_empty() => {
                let body = text.trim_start();
                format!(
                    "{label}{}{body}",
                    if sep && !body.is_empty() { " " } else { "" }
                )
            }
            _ => text,
        };
        self.deliver(line);
        for t in p.notes {
            self.note_no += 1;
            let l = format!("注{}:{}", self.note_no, t);
            self.deliver(l);
        }
        for b in p.boxes {
            self.deliver(b);
        }
    }
}

/// ODF collapses white space in text like HTML (runs of spaces written as `text:s`
/// arrive here as spaces already; line breaks from `text:line-break` stay).
fn collapse(s: &str) -> String {
    s.replace('\u{a0}', " ")
}

/// Text nodes: white space inside them is collapsed (newlines and tabs in the XML
/// are layout of the file, not of the document).
fn xml_text(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if matches!(c, ' ' | '\n' | '\r' | '\t') {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// Read an OpenDocument text or spreadsheet package.
pub(crate) fn decode_odf(
    bytes: &[u8],
    limits: &Limits,
    spreadsheet: bool,
) -> Result<OdfOut, DecodeError> {
    let mut zip = Zip::open(bytes, limits)?;
    let mut budget = Budget::new(limits);
    if let Some(m) = zip.read("META-INF/manifest.xml")? {
        if super::sniff::find(&m, b"encryption-data").is_some() {
            return Err(DecodeError::Encrypted {
                what: "该 OpenDocument 文档".into(),
            });
        }
    }
    let content = zip
        .read("content.xml")?
        .ok_or_else(|| DecodeError::Corrupt {
            what: "OpenDocument 文件中没有正文(content.xml)".into(),
        })?;
    let mut warnings = vec![];
    let mut styles = Styles::default();
    if let Some(x) = zip.read("styles.xml")? {
        if styles
            .read(&to_utf8(&x), "styles.xml", limits, &mut budget)
            .is_err()
        {
            warnings.push("样式表(styles.xml)无法解析,自动编号可能缺失。".into());
        }
    }
    let content = to_utf8(&content);
    // Automatic list styles live in content.xml.
    styles.read(&content, "content.xml", limits, &mut budget)?;
    let mut body = Body {
        styles: &styles,
        spreadsheet,
        stack: vec![],
        out: vec![],
        lists: vec![],
        counters: BTreeMap::new(),
        outline: Counters::default(),
        pending_item: None,
        skip: 0,
        in_number: false,
        pending_label: None,
        note_no: 0,
        chars: 0,
        work: 0,
        limits,
    };
    let mut in_body = false;
    walk(&content, "content.xml", limits, &mut budget, |ev| {
        match ev {
            XmlEv::Start(e) => {
                if local(e.name().as_ref()) == b"body" {
                    in_body = true;
                } else if in_body {
                    body.start(e)?;
                }
            }
            XmlEv::End(n) => {
                if local(n) == b"body" {
                    in_body = false;
                } else if in_body {
                    body.end(n)?;
                }
            }
            XmlEv::Text(t) => {
                if in_body && body.skip == 0 {
                    body.push_text(&xml_text(t))?;
                }
            }
        }
        Ok(true)
    })?;
    // Paragraphs left open by a truncated file still count.
    while !body.stack.is_empty() {
        match body.stack.last() {
            Some(C::Para(_)) => body.end_para(),
            _ => {
                body.stack.pop();
            }
        }
    }
    let mut text = String::new();
    for l in &body.out {
        text.push_str(l.trim_end());
        text.push('\n');
    }
    if text.chars().count() > limits.max_output_chars {
        return Err(DecodeError::TooComplex {
            what: format!("文字超过 {} 万字", limits.max_output_chars / 10_000),
        });
    }
    Ok(OdfOut { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_labels() {
        let lv = |fmt: &str, prefix: &str, suffix: &str, display: usize| Level {
            fmt: num_format(fmt).into(),
            prefix: prefix.into(),
            suffix: suffix.into(),
            start: 1,
            display,
            template: None,
            bullet: None,
        };
        let levels = vec![
            lv("一, 二, 三, ...", "", "、", 1),
            lv("一, 二, 三, ...", "（", "）", 1),
            lv("1", "", ".", 2),
        ];
        let mut c = Counters::default();
        assert_eq!(c.label(&levels, 0, None), ("一、".into(), false));
        assert_eq!(c.label(&levels, 1, None), ("（一）".into(), false));
        assert_eq!(c.label(&levels, 1, None), ("（二）".into(), false));
        assert_eq!(c.label(&levels, 2, None), ("二.1.".into(), false));
        assert_eq!(c.label(&levels, 0, None), ("二、".into(), false));
        assert_eq!(c.label(&levels, 1, None), ("（一）".into(), false));
        let chapter = vec![Level {
            template: Some("第%1%章".into()),
            ..lv("一, 二, 三, ...", "", "", 1)
        }];
        assert_eq!(
            Counters::default().label(&chapter, 0, Some(3)),
            ("第三章".into(), true)
        );
    }
}
