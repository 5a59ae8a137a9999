//! CSV as Excel opens it: UTF-8 with a BOM, CRLF line ends, and no text cell
//! that a spreadsheet would run as a formula.

use crate::num::fmt_num;
use crate::rows::{Cell, Sheet};
use std::borrow::Cow;

/// Text that Excel, WPS and LibreOffice read as a formula when it starts a cell
/// (tab and CR too: some programs drop them and read what follows).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell that cannot start a formula: a leading `'` makes it plain text
/// (plan text copied from the web can hold `=HYPERLINK(…)` or `@SUM(…)`).
fn neutralised(s: &str) -> Cow<'_, str> {
    if s.starts_with(FORMULA_START) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

fn field(s: &str) -> String {
    let s = neutralised(s);
    // A neutralised cell is also quoted, as OWASP recommends (CSV injection).
    if matches!(s, Cow::Owned(_)) || s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

/// The sheet as CSV with a UTF-8 BOM and CRLF.
pub fn csv(sheet: &Sheet) -> String {
    let mut out = String::from("\u{feff}");
    for row in &sheet.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => field(s),
                Cell::Number(n) => fmt_num(*n),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_row(cells: Vec<Cell>) -> String {
        let sheet = Sheet {
            name: "t",
            widths: vec![],
            rows: vec![cells],
        };
        csv(&sheet)
    }

    #[test]
    fn text_that_would_start_a_formula_is_prefixed() {
        for (cell, want) in [
            (
                "=HYPERLINK(\"http://x\")",
                "\"'=HYPERLINK(\"\"http://x\"\")\"",
            ),
            ("+1+2", "\"'+1+2\""),
            ("-2+3", "\"'-2+3\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\t=1", "\"'\t=1\""),
            ("\r=1", "\"'\r=1\""),
            ("=1+2;cmd", "\"'=1+2;cmd\""),
        ] {
            assert_eq!(
                one_row(vec![Cell::Text(cell.into())]),
                format!("\u{feff}{want}\r\n"),
                "{cell:?}"
            );
        }
    }

    #[test]
    fn plain_text_numbers_and_inner_signs_are_left_alone() {
        let out = one_row(vec![
            Cell::Text("加强创新=重点".into()),
            Cell::Text("a-b".into()),
            Cell::Number(-5.0),
            Cell::Empty,
            Cell::Text("＝全角".into()),
        ]);
        assert_eq!(out, "\u{feff}加强创新=重点,a-b,-5,,＝全角\r\n");
    }
}
