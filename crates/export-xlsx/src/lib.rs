//! The workbook ready to hand on, written with rust_xlsxwriter: a title row (plan
//! title, 文号, date), a bold header, thin borders, wrapped text with row heights
//! computed from the text (LibreOffice and WPS do not fit rows on opening), A4
//! landscape fit to one page wide with the header row repeated on every page,
//! frozen header, autofilter, optional empty 备注/进展 columns, a 已校对 column and
//! fill when corrections were made, and — 按单位导出 — one sheet per unit with its
//! lead and support tasks.
//!
//! Used by the CLI (`planlens analyze FILE --xlsx OUT [--by-unit] [--notes]`) and by
//! the web app's export worker, a separate wasm fetched only when the user exports,
//! so the page's first load does not carry rust_xlsxwriter.

mod layout;

pub use layout::{line_count, row_height, sheet_names, text_width};

use planlens_core::{Analysis, Measure};
use planlens_export::{deadline_text, join, target_value};
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, RowNum, Workbook, Worksheet, XlsxError,
};

/// What goes into the workbook besides the 任务分解表 and 指标表.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Empty 备注 and 进展 columns, for the office to fill in.
    pub notes: bool,
    /// One more sheet per unit (its lead and support tasks).
    pub by_unit: bool,
}

/// Rows above the header: the title and the line with 文号 and date.
const HEADER_ROW: RowNum = 2;
/// The fill of a corrected row (light yellow).
const EDITED_FILL: u32 = 0xFFF2CC;
/// The 已校对 mark.
const EDITED_MARK: &str = "是";

/// One column: its header and width in characters (Excel's unit, a digit's width).
struct Col {
    name: &'static str,
    width: f64,
}

/// A column: its header and its width in characters.
const fn col(name: &'static str, width: f64) -> Col {
    Col { name, width }
}

/// A cell's value.
enum V {
    Text(String),
    Number(f64),
}

struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    center: Format,
    text_edited: Format,
    center_edited: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("宋体")
            .set_font_size(11)
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top);
        let center = base.clone().set_align(FormatAlign::Center);
        let fill = |f: &Format| f.clone().set_background_color(Color::RGB(EDITED_FILL));
        Formats {
            title: Format::new()
                .set_font_name("黑体")
                .set_font_size(16)
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            subtitle: Format::new()
                .set_font_name("宋体")
                .set_font_size(10)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            header: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9E1F2)),
            text_edited: fill(&base),
            center_edited: fill(&center),
            text: base,
            center,
        }
    }
}

/// XML 1.0 forbids most control characters; tabs and line breaks stay. Excel also
/// caps a cell at 32,767 characters.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t'))
        .map(|c| if c == '\t' { ' ' } else { c })
        .take(32_000)
        .collect()
}

/// The plan's title for the title row.
fn plan_title(a: &Analysis) -> String {
    a.meta
        .title
        .clone()
        .or_else(|| a.source.name.clone())
        .unwrap_or_else(|| "规划分析".into())
}

/// 文号 and date, and what the sheet holds, as one line.
fn subtitle(a: &Analysis, what: &str) -> String {
    let mut parts = vec![];
    if let Some(n) = &a.meta.doc_number {
        parts.push(format!("文号:{n}"));
    }
    if let Some(d) = a.meta.date_text.as_ref().or(a.meta.date.as_ref()) {
        parts.push(format!("日期:{d}"));
    }
    parts.push(what.to_string());
    parts.join("    ")
}

/// One sheet to write: title lines, columns, rows (with their edited flag).
struct SheetData {
    name: String,
    title: String,
    subtitle: String,
    cols: Vec<Col>,
    /// Columns written centred (序号, dates, short marks).
    centered: Vec<usize>,
    rows: Vec<(Vec<V>, bool)>,
}

fn note_cols(cols: &mut Vec<Col>, opts: &Options) {
    if opts.notes {
        cols.push(col("备注", 16.0));
        cols.push(col("进展", 16.0));
    }
}

fn text(s: impl AsRef<str>) -> V {
    V::Text(clean(s.as_ref()))
}

fn task_data(a: &Analysis, measures: &[(usize, &Measure)], opts: &Options) -> SheetData {
    let edited = measures.iter().any(|(_, m)| m.edited);
    let mut cols = vec![
        col("序号", 6.0),
        col("章节", 10.0),
        col("任务", 60.0),
        col("牵头单位", 18.0),
        col("配合单位", 22.0),
        col("完成时限", 12.0),
    ];
    let mut centered = vec![0, 1, 5];
    if edited {
        centered.push(cols.len());
        cols.push(col("已校对", 7.0));
    }
    note_cols(&mut cols, opts);
    let rows = measures
        .iter()
        .map(|(n, m)| {
            let mut r = vec![
                V::Number(*n as f64),
                text(&m.section),
                text(&m.text),
                text(join(&m.lead)),
                text(join(&m.support)),
                text(deadline_text(m)),
            ];
            if edited {
                r.push(text(if m.edited { EDITED_MARK } else { "" }));
            }
            (r, m.edited)
        })
        .collect();
    SheetData {
        name: "任务分解表".into(),
        title: plan_title(a),
        subtitle: subtitle(a, &format!("任务分解表 · 共 {} 项", measures.len())),
        cols,
        centered,
        rows,
    }
}

fn target_data(a: &Analysis, opts: &Options) -> SheetData {
    let edited = a.targets.iter().any(|t| t.edited);
    let mut cols = vec![
        col("序号", 6.0),
        col("指标", 50.0),
        col("目标值", 12.0),
        col("比较", 8.0),
        col("单位", 10.0),
        col("年份", 8.0),
        col("所在章节", 14.0),
    ];
    let mut centered = vec![0, 2, 3, 4, 5, 6];
    if edited {
        centered.push(cols.len());
        cols.push(col("已校对", 7.0));
    }
    note_cols(&mut cols, opts);
    let rows = a
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let indicator = if t.indicator.is_empty() {
                &t.text
            } else {
                &t.indicator
            };
            let value = if t.value_max.is_some() {
                text(target_value(t))
            } else {
                V::Number(t.value)
            };
            let mut r = vec![
                V::Number((i + 1) as f64),
                text(indicator),
                value,
                text(t.comparator.label()),
                text(&t.unit),
                t.year
                    .map(|y| V::Number(y as f64))
                    .unwrap_or_else(|| text("")),
                text(&t.section),
            ];
            if edited {
                r.push(text(if t.edited { EDITED_MARK } else { "" }));
            }
            (r, t.edited)
        })
        .collect();
    SheetData {
        name: "指标表".into(),
        title: plan_title(a),
        subtitle: subtitle(a, &format!("指标表 · 共 {} 项", a.targets.len())),
        cols,
        centered,
        rows,
    }
}

/// A unit's rows: (序号, measure, whether it leads).
pub type UnitRows<'a> = Vec<(usize, &'a Measure, bool)>;

/// The units of the given rows, each with its rows (lead first in the row's
/// order, then support), in order of first appearance as lead, then as support.
pub fn units_of<'a>(measures: &[(usize, &'a Measure)]) -> Vec<(String, UnitRows<'a>)> {
    let mut order: Vec<String> = vec![];
    for (_, m) in measures {
        for u in &m.lead {
            if !u.trim().is_empty() && !order.iter().any(|o| **o == **u) {
                order.push(u.to_string());
            }
        }
    }
    for (_, m) in measures {
        for u in &m.support {
            if !u.trim().is_empty() && !order.iter().any(|o| **o == **u) {
                order.push(u.to_string());
            }
        }
    }
    order
        .into_iter()
        .map(|u| {
            let rows = measures
                .iter()
                .filter_map(|(n, m)| {
                    if m.lead.iter().any(|n| **n == *u) {
                        Some((*n, *m, true))
                    } else if m.support.iter().any(|n| **n == *u) {
                        Some((*n, *m, false))
                    } else {
                        None
                    }
                })
                .collect();
            (u, rows)
        })
        .collect()
}

fn unit_data(
    a: &Analysis,
    unit: &str,
    sheet: String,
    rows: &[(usize, &Measure, bool)],
    opts: &Options,
) -> SheetData {
    let edited = rows.iter().any(|(_, m, _)| m.edited);
    let mut cols = vec![
        col("序号", 6.0),
        col("章节", 10.0),
        col("任务", 60.0),
        col("角色", 6.0),
        col("牵头单位", 18.0),
        col("配合单位", 22.0),
        col("完成时限", 12.0),
    ];
    let mut centered = vec![0, 1, 3, 6];
    if edited {
        centered.push(cols.len());
        cols.push(col("已校对", 7.0));
    }
    note_cols(&mut cols, opts);
    let leads = rows.iter().filter(|r| r.2).count();
    let data = rows
        .iter()
        .map(|(n, m, lead)| {
            let mut r = vec![
                V::Number(*n as f64),
                text(&m.section),
                text(&m.text),
                text(if *lead { "牵头" } else { "配合" }),
                text(join(&m.lead)),
                text(join(&m.support)),
                text(deadline_text(m)),
            ];
            if edited {
                r.push(text(if m.edited { EDITED_MARK } else { "" }));
            }
            (r, m.edited)
        })
        .collect();
    SheetData {
        name: sheet,
        title: format!("{} 任务清单", clean(unit)),
        subtitle: subtitle(
            a,
            &format!(
                "{} · 牵头 {leads} 项,配合 {} 项",
                plan_title(a),
                rows.len() - leads
            ),
        ),
        cols,
        centered,
        rows: data,
    }
}

fn write_sheet(ws: &mut Worksheet, d: &SheetData, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(&d.name)?;
    let last_col = (d.cols.len().max(1) - 1) as u16;
    for (i, c) in d.cols.iter().enumerate() {
        ws.set_column_width(i as u16, c.width)?;
    }
    let total: f64 = d.cols.iter().map(|c| c.width).sum();
    // The title wraps over the whole table width (16 pt, about 1.6 times a body char).
    let title_lines = line_count(&d.title, total / 1.6);
    ws.merge_range(0, 0, 0, last_col, &d.title, &f.title)?;
    ws.set_row_height(0, 8.0 + 22.0 * title_lines as f64)?;
    ws.merge_range(1, 0, 1, last_col, &d.subtitle, &f.subtitle)?;
    ws.set_row_height(1, 18.0)?;
    for (i, c) in d.cols.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, i as u16, c.name, &f.header)?;
    }
    ws.set_row_height(HEADER_ROW, 20.0)?;
    for (r, (cells, edited)) in d.rows.iter().enumerate() {
        let row = HEADER_ROW + 1 + r as RowNum;
        let mut lines = 1;
        for (c, col) in d.cols.iter().enumerate() {
            let center = d.centered.contains(&c);
            let fmt = match (center, *edited) {
                (true, true) => &f.center_edited,
                (true, false) => &f.center,
                (false, true) => &f.text_edited,
                (false, false) => &f.text,
            };
            match cells.get(c) {
                Some(V::Text(s)) if !s.is_empty() => {
                    lines = lines.max(line_count(s, col.width));
                    ws.write_string_with_format(row, c as u16, s, fmt)?;
                }
                Some(V::Number(n)) => {
                    ws.write_number_with_format(row, c as u16, *n, fmt)?;
                }
                _ => {
                    ws.write_blank(row, c as u16, fmt)?;
                }
            }
        }
        ws.set_row_height(row, row_height(lines))?;
    }
    let last_row = HEADER_ROW + d.rows.len() as RowNum;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&C第 &P 页,共 &N 页");
    Ok(())
}

/// The workbook: 任务分解表 of the given rows (序号, measure) in their order, 指标表
/// of every target, and with `by_unit` one sheet per unit after them.
pub fn workbook(
    a: &Analysis,
    measures: &[(usize, &Measure)],
    opts: &Options,
) -> Result<Vec<u8>, String> {
    let mut sheets = vec![task_data(a, measures, opts), target_data(a, opts)];
    if opts.by_unit {
        let units = units_of(measures);
        let names = sheet_names(
            &["任务分解表", "指标表"],
            units.iter().map(|(u, _)| u.as_str()),
        );
        for ((unit, rows), name) in units.iter().zip(names) {
            sheets.push(unit_data(a, unit, name, rows, opts));
        }
    }
    let f = Formats::new();
    let mut book = Workbook::new();
    for d in &sheets {
        let ws = book.add_worksheet();
        write_sheet(ws, d, &f).map_err(|e| format!("无法生成工作表 {}:{e}", d.name))?;
    }
    book.save_to_buffer()
        .map_err(|e| format!("无法生成 Excel 工作簿:{e}"))
}

/// The workbook of every measure in plan order.
pub fn workbook_all(a: &Analysis, opts: &Options) -> Result<Vec<u8>, String> {
    let rows: Vec<(usize, &Measure)> = a
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (i + 1, m))
        .collect();
    workbook(a, &rows, opts)
}
