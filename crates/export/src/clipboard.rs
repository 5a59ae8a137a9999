//! A sheet for the clipboard: an HTML table (`text/html`) that WPS, Excel and
//! LibreOffice paste as cells, and TSV (`text/plain`) for everything else.

use crate::num::fmt_num;
use crate::rows::{Cell, Sheet};

fn html_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            '\r' => {}
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
}

/// The sheet as an HTML table, first row as the header. Text cells are marked as
/// text for Excel (`mso-number-format:"\@"`), so `1-2` or `0012` stay as written.
pub fn clipboard_html(sheet: &Sheet) -> String {
    let mut out = String::from(
        "<html><head><meta charset=\"utf-8\"></head><body><table border=\"1\" cellspacing=\"0\">",
    );
    for (r, row) in sheet.rows.iter().enumerate() {
        out.push_str("<tr>");
        let tag = if r == 0 { "th" } else { "td" };
        for cell in row {
            match cell {
                Cell::Text(s) => {
                    out.push_str(&format!(
                        "<{tag} style=\"mso-number-format:'\\@';vertical-align:top\">"
                    ));
                    html_escape(s, &mut out);
                }
                Cell::Number(n) => {
                    out.push_str(&format!("<{tag}>"));
                    out.push_str(&fmt_num(*n));
                }
                Cell::Empty => out.push_str(&format!("<{tag}>")),
            }
            out.push_str(&format!("</{tag}>"));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></body></html>");
    out
}

fn tsv_field(s: &str) -> String {
    if s.contains(['\t', '\n', '\r', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The sheet as tab-separated lines; a cell with a tab, line break or quote is
/// quoted as spreadsheets read it.
pub fn clipboard_tsv(sheet: &Sheet) -> String {
    let mut out = String::new();
    for row in &sheet.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => tsv_field(s),
                Cell::Number(n) => fmt_num(*n),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> Sheet {
        Sheet {
            name: "t",
            widths: vec![],
            rows: vec![
                vec![Cell::Text("序号".into()), Cell::Text("任务".into())],
                vec![
                    Cell::Number(1.0),
                    Cell::Text("<script>alert(1)</script> & \"A\"\n第二行".into()),
                ],
                vec![Cell::Number(2.5), Cell::Empty],
            ],
        }
    }

    #[test]
    fn html_escapes_user_text_and_keeps_cells() {
        let h = clipboard_html(&sheet());
        assert!(!h.contains("<script>"), "{h}");
        assert!(h.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;A&quot;<br>第二行"));
        assert_eq!(h.matches("<tr>").count(), 3);
        assert_eq!(h.matches("<th").count(), 2);
        assert!(h.contains("<td>1</td>") && h.contains("<td>2.5</td><td></td>"));
        assert!(h.contains("mso-number-format"));
    }

    #[test]
    fn tsv_quotes_cells_with_breaks() {
        let t = clipboard_tsv(&sheet());
        assert_eq!(
            t,
            "序号\t任务\n1\t\"<script>alert(1)</script> & \"\"A\"\"\n第二行\"\n2.5\t\n"
        );
    }
}
