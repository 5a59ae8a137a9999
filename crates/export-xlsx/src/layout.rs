//! Layout that spreadsheet programs leave to the writer: row heights that fit
//! wrapped text (LibreOffice and WPS keep the stored height), and sheet names
//! Excel accepts.

/// The width of a text in Excel's column unit (the width of a digit of the
/// default font): a CJK or full-width character takes about two.
pub fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u)
                || u >= 0x20000;
            if wide {
                2.1
            } else {
                1.15
            }
        })
        .sum()
}

/// How many lines a text takes when wrapped in a column `width` units wide: each
/// line break starts a line, and a little is kept for the cell's padding and for
/// breaks that fall before a full line.
pub fn line_count(s: &str, width: f64) -> usize {
    let usable = (width - 1.0).max(2.0);
    s.split('\n')
        .map(|line| {
            let w = text_width(line.trim_end()) * 1.04;
            ((w / usable).ceil() as usize).max(1)
        })
        .sum::<usize>()
        .max(1)
}

/// A row height in points for `lines` lines of 11 pt text (CJK fonts set lines
/// taller than Latin ones), capped at Excel's 409 pt.
pub fn row_height(lines: usize) -> f64 {
    (4.0 + 16.5 * lines as f64).min(409.0)
}

/// Characters Excel does not allow in a sheet name.
const FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];
/// Excel's limit on a sheet name.
const MAX_CHARS: usize = 31;

fn fold(s: &str) -> String {
    s.to_lowercase()
}

/// Sheet names for `names` (unit names): forbidden characters become `_`, no
/// leading or trailing `'`, at most 31 characters, and unique (Excel compares
/// without case) among themselves and the `reserved` names — a repeat gets `(2)`,
/// `(3)`… within the limit.
pub fn sheet_names<'a>(reserved: &[&str], names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used: Vec<String> = reserved.iter().map(|s| fold(s)).collect();
    let mut out = vec![];
    for name in names {
        let cleaned: String = name
            .chars()
            .filter(|c| !c.is_control())
            .map(|c| if FORBIDDEN.contains(&c) { '_' } else { c })
            .collect();
        let cleaned = cleaned.trim().trim_matches('\'').trim();
        let base = if cleaned.is_empty() {
            "单位"
        } else {
            cleaned
        };
        let base: String = base.chars().take(MAX_CHARS).collect();
        let mut candidate = base.clone();
        let mut n = 2;
        while used.contains(&fold(&candidate)) {
            let suffix = format!("({n})");
            let keep = MAX_CHARS.saturating_sub(suffix.chars().count());
            let head: String = base.chars().take(keep).collect();
            candidate = format!("{}{suffix}", head.trim_end_matches('\''));
            n += 1;
        }
        used.push(fold(&candidate));
        out.push(candidate);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_about_two_digits() {
        assert!((text_width("研发") - 4.2).abs() < 1e-9);
        assert!((text_width("ab") - 2.3).abs() < 1e-9);
        assert!(text_width("（）") > 4.0, "full-width brackets are wide");
    }

    #[test]
    fn lines_follow_width_and_breaks() {
        let s = "加".repeat(30); // 63 units
        assert_eq!(line_count(&s, 60.0), 2);
        assert_eq!(line_count(&s, 80.0), 1);
        assert_eq!(line_count("一\n二\n三", 60.0), 3);
        assert_eq!(line_count("", 10.0), 1);
        assert!(row_height(3) > row_height(2));
        assert_eq!(row_height(1000), 409.0);
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let long = "某某市发展和改革委员会某某某某某某某某某某某某某某某某某某某某某某";
        let names = sheet_names(
            &["任务分解表", "指标表"],
            [
                "区[发改]委:*?/\\",
                "'区科委'",
                "指标表",
                long,
                long,
                "",
                "ABC",
                "abc",
            ],
        );
        for n in &names {
            assert!(n.chars().count() <= 31, "{n}");
            assert!(!n.contains(FORBIDDEN), "{n}");
            assert!(!n.starts_with('\'') && !n.ends_with('\''), "{n}");
            assert!(!n.is_empty());
        }
        assert_eq!(names[0], "区_发改_委_____");
        assert_eq!(names[1], "区科委");
        assert_eq!(names[2], "指标表(2)");
        assert_eq!(names[3].chars().count(), 31);
        assert!(names[4].ends_with("(2)") && names[4].chars().count() == 31);
        assert_eq!(names[5], "单位");
        assert_eq!(names[7], "abc(2)");
    }
}
