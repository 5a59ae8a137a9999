//! The year a commitment is due: `到2020年`, `2020年底前`, `“十三五”末` → 2020,
//! `20XX` (a placeholder: no year). From the sentence, else its paragraph,
//! else its section headings.

use crate::lex::chars::starts_at as starts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearHit {
    Year(i32),
    /// `20XX`: the plan left the year blank.
    Placeholder,
}

/// Five-year plan periods: 十三五 ends in 2020.
fn plan_period_end(s: &[char], i: usize) -> Option<(i32, usize)> {
    const PERIODS: &[(&str, i32)] = &[
        ("十一五", 2010),
        ("十二五", 2015),
        ("十三五", 2020),
        ("十四五", 2025),
        ("十五五", 2030),
        ("十六五", 2035),
    ];
    PERIODS
        .iter()
        .find(|(w, _)| starts(s, i, w))
        .map(|(w, y)| (*y, w.chars().count()))
}

/// The first due-year in `s`. With `bare`, a plain `2015年` counts; without, only
/// years marked as due (`到`/`至`/`力争` before, `底`/`末`/`前` after, plan periods).
pub fn find(s: &[char], bare: bool) -> Option<YearHit> {
    for i in 0..s.len() {
        // 20XX / 20xx / 20××
        if starts(s, i, "20")
            && s.get(i + 2)
                .is_some_and(|c| matches!(c, 'X' | 'x' | '×' | '*' | 'Ｘ'))
        {
            return Some(YearHit::Placeholder);
        }
        if let Some((y, l)) = plan_period_end(s, i) {
            let after = &s[(i + l).min(s.len())..];
            let after: Vec<char> = after
                .iter()
                .filter(|c| !matches!(c, '”' | '"' | '’'))
                .take(2)
                .copied()
                .collect();
            if bare
                || after.first() == Some(&'末')
                || after.starts_with(&['期', '间'])
                || after.starts_with(&['时', '期'])
            {
                return Some(YearHit::Year(y));
            }
        }
        let digits = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits != 4 || (i > 0 && s[i - 1].is_ascii_digit()) || s.get(i + 4) != Some(&'年') {
            continue;
        }
        let y: i32 = s[i..i + 4].iter().collect::<String>().parse().unwrap_or(0);
        if !(1990..=2100).contains(&y) {
            continue;
        }
        let before: String = s[i.saturating_sub(3)..i].iter().collect();
        let marked_before = ["到", "至", "力争", "在", "于", "截至"]
            .iter()
            .any(|w| before.ends_with(w));
        let marked_after = ["底", "末", "前", "以前", "年底"]
            .iter()
            .any(|w| starts(s, i + 5, w));
        if before.ends_with("截至") || before.ends_with("截止") {
            continue;
        }
        if bare || marked_before || marked_after {
            return Some(YearHit::Year(y));
        }
    }
    None
}

/// Plain `YYYY年` years in `s`.
pub fn bare_years(s: &[char]) -> impl Iterator<Item = i32> + '_ {
    (0..s.len().saturating_sub(4)).filter_map(move |i| {
        let digits = s[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && s.get(i + 4) == Some(&'年')
            && (i == 0 || !s[i - 1].is_ascii_digit());
        digits
            .then(|| s[i..i + 4].iter().collect::<String>().parse().unwrap_or(0))
            .filter(|y| (1990..=2100).contains(y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn y(s: &str, bare: bool) -> Option<YearHit> {
        find(&s.chars().collect::<Vec<_>>(), bare)
    }

    #[test]
    fn due_years() {
        assert_eq!(y("到2020年,把宝山建成", false), Some(YearHit::Year(2020)));
        assert_eq!(y("在2020年前,打造", false), Some(YearHit::Year(2020)));
        assert_eq!(
            y("力争到“十三五”末,初步形成", false),
            Some(YearHit::Year(2020))
        );
        assert_eq!(y("“十三五”期间,静安区", false), Some(YearHit::Year(2020)));
        assert_eq!(y("到20XX年底,实现", false), Some(YearHit::Placeholder));
        assert_eq!(y("2015年软件与信息服务业实现", false), None);
        assert_eq!(y("2015年重点工作安排", true), Some(YearHit::Year(2015)));
        assert_eq!(y("截至2015年底,全区", false), None);
        assert_eq!(y("十四五时期", false), Some(YearHit::Year(2025)));
    }
}
