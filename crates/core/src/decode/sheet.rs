//! Spreadsheets: `.xlsx` / `.xlsm` (and WPS `.et` saved in that format) read with the
//! zip guards of [`super::docx::Zip`] and quick-xml — a small hand reader, no
//! spreadsheet crate (the wasm stays small).
//!
//! Each sheet becomes table rows the task-table reader understands: the sheet's name
//! as a heading line (not for default names like `Sheet1`), then one line per row,
//! cells joined by [`super::CELL_SEP`], line breaks inside a cell as
//! [`super::CELL_BREAK`]. Merged cells (`mergeCells`) are expanded like Word's:
//! a range repeats its text down its first column in every row it covers (so a merged
//! 牵头单位 reaches every task), the other columns it covers stay empty. Shared and
//! inline strings, formula results, numbers written plainly (`1000`, not `1E+3`;
//! percentages as `95%`), dates as `2025年6月30日` when the cell's style is a date
//! format. Empty rows, rows of nothing but merged repeats, leading empty columns and
//! trailing empty cells are dropped; hidden sheets are skipped.

use super::docx::{rels, resolve, Zip};
use super::xml::{attr, local, to_utf8, walk, Budget, XmlEv};
use super::{DecodeError, Limits, CELL_BREAK, CELL_SEP};
use std::collections::BTreeMap;

pub(crate) struct SheetOut {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Most sheets read from one workbook.
const MAX_SHEETS: usize = 256;
/// Most cells (and shared strings, and merged repeats) kept from one workbook.
const MAX_CELLS: usize = 2_000_000;
/// Widest row written, in columns (from the sheet's first used column).
const MAX_WIDTH: u32 = 256;
/// Excel's own bounds.
const MAX_ROW: u32 = 1_048_576;
const MAX_COL: u32 = 16_384;

/// One table: row → column → cell text, and its merged ranges
/// `(first row, first column, last row, last column)`, all 0-based and inclusive.
#[derive(Default, Debug)]
pub(crate) struct Grid {
    pub cells: BTreeMap<u32, BTreeMap<u32, String>>,
    pub merges: Vec<(u32, u32, u32, u32)>,
}

impl Grid {
    /// Store a cell's text (line breaks → [`CELL_BREAK`], trimmed); empty text is not stored.
    pub fn set(&mut self, row: u32, col: u32, text: &str) {
        let t = cell_text(text);
        if !t.is_empty() {
            self.cells.entry(row).or_default().insert(col, t);
        }
    }

    /// The table's lines, merges expanded; `work` counts the cells written against
    /// [`MAX_CELLS`]. The second value says whether columns were cut at [`MAX_WIDTH`].
    pub fn lines(mut self, work: &mut usize) -> (Vec<String>, bool) {
        // Rows with text of their own; a row only reached by merged repeats is dropped.
        let own: Vec<u32> = self.cells.keys().copied().collect();
        let mut merges = std::mem::take(&mut self.merges);
        merges.sort_unstable();
        for (r1, c1, r2, _) in merges {
            let Some(text) = self.cells.get(&r1).and_then(|r| r.get(&c1)).cloned() else {
                continue;
            };
            let lo = own.partition_point(|r| *r <= r1);
            let hi = own.partition_point(|r| *r <= r2);
            for r in own.get(lo..hi).unwrap_or_default() {
                if *work >= MAX_CELLS {
                    break;
                }
                *work += 1;
                if let Some(row) = self.cells.get_mut(r) {
                    row.entry(c1).or_insert_with(|| text.clone());
                }
            }
        }
        let first = self
            .cells
            .values()
            .filter_map(|r| r.keys().next().copied())
            .min()
            .unwrap_or(0);
        let mut cut = false;
        let mut out = Vec::with_capacity(self.cells.len());
        for row in self.cells.values() {
            let Some(last) = row.keys().next_back().copied() else {
                continue;
            };
            let last = if last - first >= MAX_WIDTH {
                cut = true;
                first + MAX_WIDTH - 1
            } else {
                last
            };
            let mut cells: Vec<&str> = (first..=last)
                .map(|c| row.get(&c).map(String::as_str).unwrap_or(""))
                .collect();
            while cells.last().is_some_and(|c| c.is_empty()) {
                cells.pop();
            }
            if !cells.is_empty() {
                out.push(cells.join(CELL_SEP));
            }
        }
        (out, cut)
    }
}

/// A cell's text: line breaks become [`CELL_BREAK`], tabs spaces, the ends trimmed.
pub(crate) fn cell_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    s.split('\n')
        .map(|l| l.replace(['\t', '\u{a0}'], " ").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(CELL_BREAK)
}

/// `AB12` → (row 11, column 27), 0-based.
pub(crate) fn cell_ref(s: &str) -> Option<(u32, u32)> {
    let s = s.trim().trim_start_matches('$');
    let letters = s.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for b in s.bytes().take(letters) {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A' + 1);
    }
    let row: u32 = s.get(letters..)?.trim_start_matches('$').parse().ok()?;
    if row == 0 || row > MAX_ROW || col > MAX_COL {
        return None;
    }
    Some((row - 1, col - 1))
}

/// `A1:C3` (or one cell) → (r1, c1, r2, c2).
fn range_ref(s: &str) -> Option<(u32, u32, u32, u32)> {
    let (a, b) = s.split_once(':').unwrap_or((s, s));
    let (r1, c1) = cell_ref(a)?;
    let (r2, c2) = cell_ref(b)?;
    Some((r1.min(r2), c1.min(c2), r1.max(r2), c1.max(c2)))
}

/// How a number cell is shown, from its style's number format.
#[derive(Debug, Clone, Copy, PartialEq)]
enum NumKind {
    Plain,
    Percent,
    /// A date: with a year, with a day.
    Date {
        year: bool,
        day: bool,
    },
    Time,
}

/// The number format of each cell style (`cellXfs` index).
fn styles(xml: &str, limits: &Limits, budget: &mut Budget) -> Result<Vec<NumKind>, DecodeError> {
    let mut custom: BTreeMap<u32, String> = BTreeMap::new();
    let mut xfs: Vec<u32> = vec![];
    let mut in_cell_xfs = false;
    walk(xml, "styles.xml", limits, budget, |ev| {
        match ev {
            XmlEv::Start(e) => match local(e.name().as_ref()) {
                b"numFmt" => {
                    if let (Some(id), Some(code)) = (
                        attr(e, b"numFmtId").and_then(|v| v.trim().parse().ok()),
                        attr(e, b"formatCode"),
                    ) {
                        custom.insert(id, code);
                    }
                }
                b"cellXfs" => in_cell_xfs = true,
                b"xf" if in_cell_xfs && xfs.len() < 65_536 => {
                    xfs.push(
                        attr(e, b"numFmtId")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(0),
                    );
                }
                _ => {}
            },
            XmlEv::End(n) => {
                if local(n) == b"cellXfs" {
                    in_cell_xfs = false;
                }
            }
            XmlEv::Text(_) => {}
        }
        Ok(true)
    })?;
    Ok(xfs
        .into_iter()
        .map(|id| match custom.get(&id) {
            Some(code) => kind_of_code(code),
            None => builtin_kind(id),
        })
        .collect())
}

fn builtin_kind(id: u32) -> NumKind {
    match id {
        9 | 10 => NumKind::Percent,
        17 | 27 | 57 => NumKind::Date {
            year: true,
            day: false,
        },
        16 | 28 | 58 => NumKind::Date {
            year: false,
            day: true,
        },
        14 | 15 | 22 | 29..=31 | 34..=36 | 50..=56 => NumKind::Date {
            year: true,
            day: true,
        },
        18..=21 | 32 | 33 | 45..=47 => NumKind::Time,
        _ => NumKind::Plain,
    }
}

/// Classify a custom number format code: quoted text, `\x` escapes and `[…]`
/// sections (colours, locales, elapsed time) are not format letters.
fn kind_of_code(code: &str) -> NumKind {
    let mut letters = String::new();
    let mut chars = code.chars();
    let mut percent = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                for d in chars.by_ref() {
                    if d == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                for d in chars.by_ref() {
                    if d == ']' {
                        break;
                    }
                }
            }
            '%' => percent = true,
            ';' => break,
            c => letters.push(c.to_ascii_lowercase()),
        }
    }
    if letters.contains("general") {
        return NumKind::Plain;
    }
    let (y, d, m) = (
        letters.contains('y') || letters.contains('e'),
        letters.contains('d'),
        letters.contains('m'),
    );
    let (h, s) = (letters.contains('h'), letters.contains('s'));
    if y || d || (m && !h && !s) {
        NumKind::Date { year: y, day: d }
    } else if h || s {
        NumKind::Time
    } else if percent {
        NumKind::Percent
    } else {
        NumKind::Plain
    }
}

/// A number as Excel shows it in General format: at most 15 significant digits,
/// never in exponent form.
pub(crate) fn plain_number(v: f64) -> String {
    if !v.is_finite() {
        return String::new();
    }
    let r: f64 = format!("{v:.14e}").parse().unwrap_or(v);
    let s = format!("{r}");
    if s == "-0" {
        "0".into()
    } else {
        s
    }
}

/// Days since 1970-01-01 → (year, month, day) (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// An Excel serial date → `2025年6月30日` (`2025年6月` / `6月30日` as the format shows).
fn serial_date(v: f64, date1904: bool, year: bool, day: bool) -> Option<String> {
    if !v.is_finite() || !(0.0..3_000_000.0).contains(&v) {
        return None;
    }
    let whole = v.floor() as i64;
    // 1900 system: serial 1 = 1900-01-01 and Excel counts a 29 February 1900 (60).
    let days_1970 = if date1904 {
        whole - 24_107
    } else if whole < 60 {
        whole - 25_568
    } else {
        whole - 25_569
    };
    let (y, m, d) = civil_from_days(days_1970);
    Some(match (year, day) {
        (true, false) => format!("{y}年{m}月"),
        (false, true) => format!("{m}月{d}日"),
        _ => format!("{y}年{m}月{d}日"),
    })
}

fn serial_time(v: f64) -> Option<String> {
    if !v.is_finite() || v < 0.0 {
        return None;
    }
    let secs = ((v - v.floor()) * 86_400.0).round() as i64;
    Some(format!("{}:{:02}", secs / 3600, (secs / 60) % 60))
}

/// `2025-06-30T00:00:00` (cells of type `d`) → `2025年6月30日`.
fn iso_date(s: &str) -> Option<String> {
    let date = s.trim().split('T').next()?;
    let mut it = date.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{y}年{m}月{d}日"))
}

fn number_text(raw: &str, kind: NumKind, date1904: bool) -> String {
    let Ok(v) = raw.trim().parse::<f64>() else {
        return raw.trim().to_string();
    };
    match kind {
        NumKind::Plain => plain_number(v),
        NumKind::Percent => format!("{}%", plain_number(v * 100.0)),
        NumKind::Date { year, day } => {
            serial_date(v, date1904, year, day).unwrap_or_else(|| plain_number(v))
        }
        NumKind::Time => serial_time(v).unwrap_or_else(|| plain_number(v)),
    }
}

/// The shared string table; phonetic runs (`rPh`) are left out.
fn shared_strings(
    xml: &str,
    limits: &Limits,
    budget: &mut Budget,
) -> Result<Vec<String>, DecodeError> {
    let mut out = vec![];
    let mut cur: Option<String> = None;
    let (mut in_t, mut skip) = (false, 0usize);
    walk(xml, "sharedStrings.xml", limits, budget, |ev| {
        match ev {
            XmlEv::Start(e) => {
                let n = e.name();
                match local(n.as_ref()) {
                    _ if skip > 0 => skip += 1,
                    b"si" => cur = Some(String::new()),
                    b"rPh" => skip = 1,
                    b"t" => in_t = true,
                    _ => {}
                }
            }
            XmlEv::End(n) => match local(n) {
                _ if skip > 0 => skip -= 1,
                b"si" => {
                    if let Some(s) = cur.take() {
                        out.push(s);
                    }
                    if out.len() > MAX_CELLS {
                        return Err(DecodeError::TooComplex {
                            what: format!("共享字符串超过 {MAX_CELLS} 个"),
                        });
                    }
                }
                b"t" => in_t = false,
                _ => {}
            },
            XmlEv::Text(t) => {
                if in_t && skip == 0 {
                    if let Some(s) = cur.as_mut() {
                        s.push_str(t);
                    }
                }
            }
        }
        Ok(true)
    })?;
    Ok(out)
}

struct Cell {
    row: u32,
    col: u32,
    ty: String,
    style: usize,
    value: String,
}

/// One worksheet's cells and merged ranges.
fn worksheet(
    xml: &str,
    ctx: &Ctx,
    limits: &Limits,
    budget: &mut Budget,
    work: &mut usize,
) -> Result<Grid, DecodeError> {
    let mut grid = Grid::default();
    let mut row: u32 = 0;
    let mut next_row: u32 = 0;
    let mut next_col: u32 = 0;
    let mut cell: Option<Cell> = None;
    let (mut in_v, mut in_is, mut in_t, mut skip) = (false, false, false, 0usize);
    walk(xml, "工作表", limits, budget, |ev| {
        match ev {
            XmlEv::Start(e) => {
                let n = e.name();
                match local(n.as_ref()) {
                    _ if skip > 0 => skip += 1,
                    b"row" => {
                        row = attr(e, b"r")
                            .and_then(|v| v.trim().parse::<u32>().ok())
                            .filter(|r| (1..=MAX_ROW).contains(r))
                            .map(|r| r - 1)
                            .unwrap_or(next_row);
                        next_row = row.saturating_add(1);
                        next_col = 0;
                    }
                    b"c" => {
                        let (r, c) = attr(e, b"r")
                            .and_then(|v| cell_ref(&v))
                            .unwrap_or((row, next_col));
                        next_col = c.saturating_add(1);
                        cell = Some(Cell {
                            row: r,
                            col: c,
                            ty: attr(e, b"t").unwrap_or_default(),
                            style: attr(e, b"s")
                                .and_then(|v| v.trim().parse().ok())
                                .unwrap_or(0),
                            value: String::new(),
                        });
                    }
                    b"v" => in_v = true,
                    b"is" => in_is = true,
                    b"rPh" | b"extLst" => skip = 1,
                    b"t" if in_is => in_t = true,
                    b"mergeCell" => {
                        if let Some(r) = attr(e, b"ref").and_then(|v| range_ref(&v)) {
                            if grid.merges.len() < MAX_CELLS {
                                grid.merges.push(r);
                            }
                        }
                    }
                    _ => {}
                }
            }
            XmlEv::End(n) => match local(n) {
                _ if skip > 0 => skip -= 1,
                b"v" => in_v = false,
                b"is" => in_is = false,
                b"t" => in_t = false,
                b"c" => {
                    if let Some(c) = cell.take() {
                        let text = match c.ty.as_str() {
                            "s" => c
                                .value
                                .trim()
                                .parse::<usize>()
                                .ok()
                                .and_then(|i| ctx.strings.get(i))
                                .cloned()
                                .unwrap_or_default(),
                            "inlineStr" | "str" | "e" => c.value,
                            "b" => match c.value.trim() {
                                "1" => "TRUE".into(),
                                "0" => "FALSE".into(),
                                v => v.to_string(),
                            },
                            "d" => iso_date(&c.value).unwrap_or(c.value),
                            _ => number_text(
                                &c.value,
                                ctx.kinds.get(c.style).copied().unwrap_or(NumKind::Plain),
                                ctx.date1904,
                            ),
                        };
                        if !text.trim().is_empty() {
                            *work += 1;
                            if *work > MAX_CELLS {
                                return Err(DecodeError::TooComplex {
                                    what: format!("单元格超过 {MAX_CELLS} 个"),
                                });
                            }
                            grid.set(c.row, c.col, &text);
                        }
                    }
                }
                _ => {}
            },
            XmlEv::Text(t) => {
                if skip == 0 && (in_v || (in_is && in_t)) {
                    if let Some(c) = cell.as_mut() {
                        if c.value.len() < 1 << 20 {
                            c.value.push_str(t);
                        }
                    }
                }
            }
        }
        Ok(true)
    })?;
    Ok(grid)
}

struct Ctx {
    strings: Vec<String>,
    kinds: Vec<NumKind>,
    date1904: bool,
}

/// A sheet name worth a heading line: not a default one (`Sheet1`, `工作表1`, `表1`).
pub(crate) fn named(name: &str) -> bool {
    let n = name.trim();
    let base = n.trim_end_matches(|c: char| c.is_ascii_digit()).trim();
    !(base.is_empty()
        || base.eq_ignore_ascii_case("sheet")
        || base == "工作表"
        || base == "表"
        || base == "Tabelle"
        || base == "Feuil")
}

/// The text of every visible sheet of a `.xlsx` package.
pub(crate) fn decode_xlsx(bytes: &[u8], limits: &Limits) -> Result<SheetOut, DecodeError> {
    let mut zip = Zip::open(bytes, limits)?;
    let mut budget = Budget::new(limits);
    let mut warnings = vec![];
    let mut main = "xl/workbook.xml".to_string();
    if let Some(r) = zip.read("_rels/.rels")? {
        if let Ok(map) = rels(&r, limits, &mut budget) {
            if let Some((_, t)) = map.values().find(|(ty, _)| ty == "officeDocument") {
                main = resolve("", t);
            }
        }
    }
    let wb = match zip.read(&main)? {
        Some(x) => x,
        None => zip
            .read("xl/workbook.xml")?
            .ok_or_else(|| DecodeError::Corrupt {
                what: "表格中没有工作簿(xl/workbook.xml)".into(),
            })?,
    };
    let dir = main
        .rsplit_once('/')
        .map(|(d, _)| d.to_string())
        .unwrap_or_default();
    let file = main.rsplit('/').next().unwrap_or("workbook.xml");
    let wb_rels = match zip.read(&format!("{dir}/_rels/{file}.rels"))? {
        Some(r) => rels(&r, limits, &mut budget).unwrap_or_default(),
        None => BTreeMap::new(),
    };
    // Sheets in workbook order: name, relationship id, hidden.
    let mut sheets: Vec<(String, String, bool)> = vec![];
    let mut date1904 = false;
    walk(&to_utf8(&wb), "workbook.xml", limits, &mut budget, |ev| {
        if let XmlEv::Start(e) = ev {
            match local(e.name().as_ref()) {
                b"sheet" if sheets.len() < MAX_SHEETS => {
                    let state = attr(e, b"state").unwrap_or_default();
                    sheets.push((
                        attr(e, b"name").unwrap_or_default(),
                        attr(e, b"id").unwrap_or_default(),
                        state == "hidden" || state == "veryHidden",
                    ));
                }
                b"workbookPr" => {
                    date1904 = attr(e, b"date1904")
                        .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on"));
                }
                _ => {}
            }
        }
        Ok(true)
    })?;
    let target = |ty: &str, default: &str| -> String {
        wb_rels
            .values()
            .find(|(t, _)| t == ty)
            .map(|(_, target)| resolve(&dir, target))
            .unwrap_or_else(|| format!("{dir}/{default}"))
    };
    let strings = match zip.read(&target("sharedStrings", "sharedStrings.xml"))? {
        Some(x) => shared_strings(&to_utf8(&x), limits, &mut budget)?,
        None => vec![],
    };
    let kinds = match zip.read(&target("styles", "styles.xml"))? {
        Some(x) => styles(&to_utf8(&x), limits, &mut budget).unwrap_or_else(|_| {
            warnings.push("样式表(styles.xml)无法解析,日期可能显示为数字。".into());
            vec![]
        }),
        None => vec![],
    };
    let ctx = Ctx {
        strings,
        kinds,
        date1904,
    };
    let mut work = 0usize;
    let mut text = String::new();
    let mut hidden = 0;
    let mut cut = false;
    for (i, (name, id, is_hidden)) in sheets.iter().enumerate() {
        if *is_hidden {
            hidden += 1;
            continue;
        }
        let part = match wb_rels.get(id) {
            Some((ty, t)) if ty == "worksheet" => resolve(&dir, t),
            Some(_) => continue,
            None => format!("{dir}/worksheets/sheet{}.xml", i + 1),
        };
        let Some(xml) = zip.read(&part)? else {
            continue;
        };
        let grid = worksheet(&to_utf8(&xml), &ctx, limits, &mut budget, &mut work)?;
        let (lines, c) = grid.lines(&mut work);
        cut |= c;
        if lines.is_empty() {
            continue;
        }
        if named(name) {
            text.push_str(&cell_text(name).replace(CELL_BREAK, " "));
            text.push('\n');
        }
        for l in lines {
            text.push_str(&l);
            text.push('\n');
        }
        if text.chars().count() > limits.max_output_chars {
            return Err(DecodeError::TooComplex {
                what: format!("文字超过 {} 万字", limits.max_output_chars / 10_000),
            });
        }
    }
    if hidden > 0 {
        warnings.push(format!("已跳过 {hidden} 个隐藏的工作表。"));
    }
    if cut {
        warnings.push(format!("有的行超过 {MAX_WIDTH} 列,超出的单元格未读取。"));
    }
    Ok(SheetOut { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_and_numbers() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("AB12"), Some((11, 27)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("ZZZZ1"), None);
        assert_eq!(range_ref("C3:A1"), Some((0, 0, 2, 2)));
        assert_eq!(plain_number(1000.0), "1000");
        assert_eq!(plain_number(0.1 + 0.2), "0.3");
        assert_eq!(plain_number(1e21), "1000000000000000000000");
        assert_eq!(number_text("0.95", NumKind::Percent, false), "95%");
        let date = NumKind::Date {
            year: true,
            day: true,
        };
        assert_eq!(number_text("45838", date, false), "2025年6月30日");
        assert_eq!(number_text("1", date, false), "1900年1月1日");
        assert_eq!(number_text("61", date, false), "1900年3月1日");
        assert_eq!(kind_of_code("yyyy\"年\"m\"月\"d\"日\""), date);
        assert_eq!(kind_of_code("0.00%"), NumKind::Percent);
        assert_eq!(kind_of_code("[Red]0.00"), NumKind::Plain);
        assert_eq!(kind_of_code("h:mm"), NumKind::Time);
        assert_eq!(
            iso_date("2025-06-30T00:00:00").as_deref(),
            Some("2025年6月30日")
        );
        assert!(!named("Sheet1") && !named("工作表2") && named("任务分解表"));
    }

    #[test]
    fn merged_ranges_repeat_down_the_first_column() {
        let mut g = Grid::default();
        g.set(0, 1, "序号");
        g.set(0, 2, "任务");
        g.set(0, 3, "牵头单位");
        g.set(1, 1, "一、优化环境");
        g.merges.push((1, 1, 1, 3));
        g.set(2, 1, "1");
        g.set(2, 2, "推行一网通办");
        g.set(2, 3, "市政务办");
        g.set(3, 1, "2");
        g.set(3, 2, "推行一窗\n受理");
        g.merges.push((2, 3, 4, 3));
        let (lines, cut) = g.lines(&mut 0);
        assert!(!cut);
        assert_eq!(
            lines,
            vec![
                "序号 | 任务 | 牵头单位",
                "一、优化环境",
                "1 | 推行一网通办 | 市政务办",
                "2 | 推行一窗\u{2028}受理 | 市政务办",
            ]
        );
    }
}
