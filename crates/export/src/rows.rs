//! The rows of the two sheets, in the column layouts offices use.

use crate::num::fmt_num;
use planlens_core::{Analysis, Measure, Target};

/// One spreadsheet cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

/// One sheet: its name, column widths (in characters) and rows, header first.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: &'static str,
    pub widths: Vec<f64>,
    pub rows: Vec<Vec<Cell>>,
}

pub const TASK_HEADERS: [&str; 6] = ["序号", "章节", "任务", "牵头单位", "配合单位", "完成时限"];
pub const TARGET_HEADERS: [&str; 6] = ["指标", "目标值", "比较", "单位", "年份", "所在章节"];
/// The column added after the others when some row was corrected by the user.
pub const EDITED_HEADER: &str = "已校对";
/// The mark in that column on a corrected row.
pub const EDITED_MARK: &str = "是";

/// With corrections, a 已校对 column after the others (是 on corrected rows);
/// without, the sheet keeps its plain layout.
fn mark_edited(rows: &mut [Vec<Cell>], edited: &[bool]) {
    if !edited.contains(&true) {
        return;
    }
    if let Some(h) = rows.first_mut() {
        h.push(Cell::Text(EDITED_HEADER.into()));
    }
    for (row, e) in rows.iter_mut().skip(1).zip(edited) {
        row.push(if *e {
            Cell::Text(EDITED_MARK.into())
        } else {
            Cell::Empty
        });
    }
}

/// Unit names as one cell.
pub fn join<S: std::borrow::Borrow<str>>(v: &[S]) -> String {
    v.join("、")
}

/// The first `n` chars of a text on one line (whitespace runs as one space), with `…`
/// when it was longer.
pub fn ellipsis(s: &str, n: usize) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out: String = one_line.chars().take(n).collect();
    if one_line.chars().count() > n {
        out.push('…');
    }
    out
}

/// A target's value, or its range `a–b`.
pub fn target_value(t: &Target) -> String {
    match t.value_max {
        Some(max) => format!("{}–{}", fmt_num(t.value), fmt_num(max)),
        None => fmt_num(t.value),
    }
}

/// A measure's deadline as written, or nothing.
pub fn deadline_text(m: &Measure) -> String {
    m.deadline
        .as_ref()
        .map(|d| d.text.clone())
        .unwrap_or_default()
}

fn header(h: &[&str]) -> Vec<Cell> {
    h.iter().map(|s| Cell::Text(s.to_string())).collect()
}

/// The 任务分解表 of the given rows: (序号, measure), in the order given.
pub fn task_sheet<'a>(rows: impl IntoIterator<Item = (usize, &'a Measure)>) -> Sheet {
    let mut out = vec![header(&TASK_HEADERS)];
    let mut edited = vec![];
    for (n, m) in rows {
        edited.push(m.edited);
        out.push(vec![
            Cell::Number(n as f64),
            Cell::Text(m.section.clone()),
            Cell::Text(m.text.clone()),
            Cell::Text(join(&m.lead)),
            Cell::Text(join(&m.support)),
            Cell::Text(deadline_text(m)),
        ]);
    }
    let mut widths = vec![6.0, 12.0, 80.0, 24.0, 30.0, 16.0];
    if edited.contains(&true) {
        widths.push(8.0);
    }
    mark_edited(&mut out, &edited);
    Sheet {
        name: "任务分解表",
        widths,
        rows: out,
    }
}

/// The 指标表 of every target.
pub fn target_sheet(a: &Analysis) -> Sheet {
    let mut rows = vec![header(&TARGET_HEADERS)];
    for t in &a.targets {
        let value = if t.value_max.is_some() {
            Cell::Text(target_value(t))
        } else {
            Cell::Number(t.value)
        };
        rows.push(vec![
            Cell::Text(if t.indicator.is_empty() {
                t.text.clone()
            } else {
                t.indicator.clone()
            }),
            value,
            Cell::Text(t.comparator.label().to_string()),
            Cell::Text(t.unit.clone()),
            t.year
                .map(|y| Cell::Number(y as f64))
                .unwrap_or(Cell::Empty),
            Cell::Text(t.section.clone()),
        ]);
    }
    let edited: Vec<bool> = a.targets.iter().map(|t| t.edited).collect();
    let mut widths = vec![40.0, 12.0, 8.0, 12.0, 8.0, 14.0];
    if edited.contains(&true) {
        widths.push(8.0);
    }
    mark_edited(&mut rows, &edited);
    Sheet {
        name: "指标表",
        widths,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、发展目标\n\
到2025年,新增高新技术企业100家以上,研发投入强度达到3.5%。\n\
二、主要任务\n\
（一）加强创新平台建设。(责任单位:区科委、区发改委;完成时限:2024年底前)\n\
（二）优化营商环境。\n";

    #[test]
    fn task_rows_follow_the_given_order_and_numbers() {
        let a = planlens_core::analyze(PLAN);
        let rows: Vec<_> = a
            .measures
            .iter()
            .enumerate()
            .map(|(i, m)| (i + 1, m))
            .rev()
            .collect();
        let sheet = task_sheet(rows);
        assert_eq!(sheet.rows.len(), 1 + a.measures.len());
        assert_eq!(sheet.rows[1][0], Cell::Number(a.measures.len() as f64));
        let first = sheet.rows.last().unwrap();
        assert_eq!(first[3], Cell::Text("区科委、区发改委".into()));
        assert_eq!(first[5], Cell::Text("2024年底前".into()));
        assert_eq!(
            sheet.rows[1][3],
            Cell::Text(String::new()),
            "no lead: an empty text"
        );
    }

    #[test]
    fn a_range_is_one_text_cell_and_a_missing_year_an_empty_cell() {
        let mut a = planlens_core::analyze(PLAN);
        assert!(a.targets.len() >= 2, "{:#?}", a.targets);
        a.targets[0].value = 100.0;
        a.targets[0].value_max = Some(150.0);
        a.targets[0].year = None;
        a.targets[1].value_max = None;
        let sheet = target_sheet(&a);
        assert_eq!(sheet.rows[1][1], Cell::Text("100–150".into()));
        assert_eq!(sheet.rows[1][4], Cell::Empty);
        assert_eq!(sheet.rows[2][1], Cell::Number(a.targets[1].value));
    }

    #[test]
    fn corrected_rows_are_marked_in_an_added_column() {
        let mut a = planlens_core::analyze(PLAN);
        let rows = |a: &Analysis| -> Vec<Vec<Cell>> {
            let m: Vec<_> = a
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| (i + 1, m))
                .collect();
            task_sheet(m).rows
        };
        assert_eq!(
            rows(&a)[0].len(),
            TASK_HEADERS.len(),
            "no column without corrections"
        );
        a.measures[1].edited = true;
        a.targets[0].edited = true;
        let r = rows(&a);
        assert_eq!(r[0].last(), Some(&Cell::Text(EDITED_HEADER.into())));
        assert_eq!(r[1].last(), Some(&Cell::Empty));
        assert_eq!(r[2].last(), Some(&Cell::Text(EDITED_MARK.into())));
        let t = target_sheet(&a);
        assert_eq!(t.rows[0].len(), TARGET_HEADERS.len() + 1);
        assert_eq!(t.widths.len(), t.rows[0].len());
        assert_eq!(t.rows[1].last(), Some(&Cell::Text(EDITED_MARK.into())));
    }

    #[test]
    fn numbers_are_written_without_trailing_zeros() {
        assert_eq!(fmt_num(100.0), "100");
        assert_eq!(fmt_num(3.5), "3.5");
        assert_eq!(fmt_num(0.1 + 0.2), "0.3");
        assert_eq!(fmt_num(-2.0), "-2");
    }
}
