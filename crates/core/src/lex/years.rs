//! The year a commitment is due: `到2020年`, `2020年底前`, `“十三五”末` → 2020,
//! `20XX` (a placeholder: no year). From the sentence, else its paragraph,
//! else its section headings.

use crate::lex::chars::starts_at as starts;

/// Years a plan can mean: from the founding of the state to the end of the century.
pub const VALID_YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

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
    // Every period starts with 十: most positions stop here.
    if s.get(i) != Some(&'十') {
        return None;
    }
    PERIODS
        .iter()
        .find(|(w, _)| starts(s, i, w))
        .map(|(w, y)| (*y, w.chars().count()))
}

/// The first due-year in `s`. With `bare`, a plain `2015年` counts; without, only
/// years marked as due (`到`/`至`/`力争` before, `底`/`末`/`前` after, plan periods).
pub fn find(s: &[char], bare: bool) -> Option<YearHit> {
    find_at(s, 0, bare).map(|(_, hit)| hit)
}

/// Every due-year in `s` (see `find`), in order.
pub fn find_all(s: &[char], bare: bool) -> Vec<YearHit> {
    let mut out = vec![];
    let mut from = 0;
    while let Some((at, hit)) = find_at(s, from, bare) {
        out.push(hit);
        from = at + 1;
    }
    out
}

/// A span of years rather than a date: `通过3~5年时间`, `用三年左右时间`, `经过五年努力`.
pub fn names_a_span_of_years(s: &[char]) -> bool {
    (1..s.len()).any(|i| {
        s[i] == '年'
            && (s[i - 1].is_ascii_digit()
                || matches!(
                    s[i - 1],
                    '一' | '二' | '两' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
                ))
            && ["时间", "左右时间", "努力", "左右的时间", "的时间", "的努力"]
                .iter()
                .any(|w| starts(s, i + 1, w))
    })
}

/// The first due-year at or after `from`, with where it starts.
fn find_at(s: &[char], from: usize, bare: bool) -> Option<(usize, YearHit)> {
    // A year inside a document's title (`以《…规划（2025-2035年）》为引领`) is the
    // period of that document, not a due year.
    let mut in_title = s[..from.min(s.len())]
        .iter()
        .fold(0u32, |d, c| book_title_depth(d, *c));
    for i in from..s.len() {
        in_title = book_title_depth(in_title, s[i]);
        // Every year found starts with a digit or with the 十 of a period.
        if in_title > 0 || !s.get(i).is_some_and(|c| c.is_ascii_digit() || *c == '十') {
            continue;
        }
        // 20XX / 20xx / 20××
        if starts(s, i, "20")
            && s.get(i + 2)
                .is_some_and(|c| matches!(c, 'X' | 'x' | '×' | '*' | 'Ｘ'))
        {
            return Some((i, YearHit::Placeholder));
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
                return Some((i, YearHit::Year(y)));
            }
        }
        let digits = s[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        if digits != 4 || (i > 0 && s[i - 1].is_ascii_digit()) || s.get(i + 4) != Some(&'年') {
            continue;
        }
        let y: i32 = crate::lex::chars::parse_ascii(&s[i..i + 4]).unwrap_or(0);
        if !VALID_YEARS.contains(&y) {
            continue;
        }
        // The three chars before the year (no string built for them).
        let before = &s[i.saturating_sub(3)..i];
        let ends = |w: &str| crate::lex::chars::ends_at(before, before.len(), w);
        let marked_before =
            ["到", "至", "力争", "在", "于"].iter().any(|w| ends(w)) || ends_a_span(s, i);
        let marked_after = ["底", "末", "前", "以前", "年底"]
            .iter()
            .any(|w| starts(s, i + 5, w))
            || month_due_after(s, i + 5);
        if ends("截至") || ends("截止") {
            continue;
        }
        if bare || marked_before || marked_after {
            return Some((i, YearHit::Year(y)));
        }
    }
    None
}

/// `2013年3月前`, `2024年6月底`, `2025年9月30日前`: a month (and day) at `j`, right
/// after a year's 年, that closes a time limit.
fn month_due_after(s: &[char], j: usize) -> bool {
    let digits = |from: usize| {
        s[from.min(s.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let m = digits(j);
    if !(1..=2).contains(&m) || s.get(j + m) != Some(&'月') {
        return false;
    }
    let mut k = j + m + 1;
    let d = digits(k);
    if (1..=2).contains(&d) && matches!(s.get(k + d), Some('日' | '号')) {
        k += d + 1;
    }
    ["底", "末", "前", "以前"].iter().any(|w| starts(s, k, w))
}

/// `2012-2015年`, `2021年—2023年`: the year at `i` closes a span of years that the
/// sentence covers, and is when its work is due.
fn ends_a_span(s: &[char], i: usize) -> bool {
    let Some(dash) = i.checked_sub(1) else {
        return false;
    };
    if !matches!(s[dash], '-' | '—' | '–' | '~' | '一') {
        return false;
    }
    // `2012-` or `2012年-` before the dash (`——` counts as one).
    let dash = if dash > 0 && s[dash - 1] == '—' {
        dash - 1
    } else {
        dash
    };
    let end = if dash > 0 && s[dash - 1] == '年' {
        dash - 1
    } else {
        dash
    };
    end >= 4 && year_digits(s, end - 4).is_some()
}

/// The years a plan covers, as its title names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: i32,
    pub end: i32,
}

/// Four ASCII digits at `i`, not inside a longer run of digits, read as a year.
fn year_digits(s: &[char], i: usize) -> Option<i32> {
    let four = s.get(i..i + 4)?;
    if !four.iter().all(|c| c.is_ascii_digit())
        || (i > 0 && s[i - 1].is_ascii_digit())
        || s.get(i + 4).is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let y = four
        .iter()
        .fold(0i32, |acc, c| acc * 10 + c.to_digit(10).unwrap_or(0) as i32);
    VALID_YEARS.contains(&y).then_some(y)
}

/// The period a title names: `(2023—2025年)`, `2021-2023年`, `“十四五”`, or the one
/// year of `2024年工作要点`. A range wins over a period name, a name over a lone year.
pub fn period(s: &[char]) -> Option<Period> {
    let mut named = None;
    let mut single = None;
    for i in 0..s.len() {
        if let Some(start) = year_digits(s, i) {
            let mut j = i + 4;
            // `一` and `－` too: a dash typed or recognised as a look-alike (`2021一2025年`).
            let dashes = s[j..]
                .iter()
                .take_while(|c| {
                    matches!(
                        c,
                        '-' | '—' | '–' | '~' | '至' | '到' | '―' | '一' | '－' | '−'
                    )
                })
                .count();
            j += dashes;
            if dashes > 0 {
                if let Some(end) = year_digits(s, j).filter(|&e| e >= start && e - start <= 15) {
                    if s.get(j + 4) == Some(&'年') {
                        return Some(Period { start, end });
                    }
                }
            } else if s.get(i + 4) == Some(&'年') && single.is_none() {
                single = Some(Period { start, end: start });
            }
        }
        if named.is_none() {
            if let Some((end, _)) = plan_period_end(s, i) {
                named = Some(Period {
                    start: end - 4,
                    end,
                });
            }
        }
    }
    named.or(single)
}

/// How deep inside `《…》` the text is after `c`.
fn book_title_depth(depth: u32, c: char) -> u32 {
    match c {
        '《' => depth + 1,
        '》' => depth.saturating_sub(1),
        _ => depth,
    }
}

/// Plain `YYYY年` years in `s`, with where each starts (none inside a `《…》` title).
fn bare_year_hits(s: &[char]) -> impl Iterator<Item = (usize, i32)> + '_ {
    let mut in_title = 0u32;
    (0..s.len().saturating_sub(4)).filter_map(move |i| {
        in_title = book_title_depth(in_title, s[i]);
        if in_title > 0 {
            return None;
        }
        year_digits(s, i)
            .filter(|_| s.get(i + 4) == Some(&'年'))
            .map(|y| (i, y))
    })
}

/// Plain years that are not the base of a comparison (`较2023年增长30%`,
/// `比2020年翻一番`, `以2020年为基数`): the years a sentence reports on.
pub fn reported_years(s: &[char]) -> impl Iterator<Item = i32> + '_ {
    bare_year_hits(s)
        .filter(|&(i, _)| !is_baseline(s, i))
        .map(|(_, y)| y)
}

fn is_baseline(s: &[char], i: usize) -> bool {
    const BEFORE: &[&str] = &["较", "比", "相比", "相较", "对比"];
    const AFTER: &[&str] = &[
        "相比",
        "相较",
        "为基数",
        "为基期",
        "为基准",
        "基础上",
        "的基础",
        "水平",
    ];
    // "较2023年", "比2020年": the base named first; "与2020年相比", "在2020年基础上": after.
    let after_at = if s.get(i + 5) == Some(&'底') {
        i + 6
    } else {
        i + 5
    };
    BEFORE.iter().any(|w| super::chars::ends_at(s, i, w))
        || AFTER.iter().any(|w| starts(s, after_at, w))
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
        // A time limit by month or day, and the end of a span of years.
        assert_eq!(y("2013年3月前,完成试点", false), Some(YearHit::Year(2013)));
        assert_eq!(y("2024年6月底前完成", false), Some(YearHit::Year(2024)));
        assert_eq!(y("2025年9月30日前建成", false), Some(YearHit::Year(2025)));
        assert_eq!(y("2013年3月,召开大会", false), None);
        assert_eq!(
            y("2012-2015年,新增就业24万人", false),
            Some(YearHit::Year(2015))
        );
        assert_eq!(y("2021年—2023年,建成", false), Some(YearHit::Year(2023)));
        assert_eq!(y("编号1-2015年", false), None);
        // A document's title names its own period.
        assert_eq!(
            y("以《景观照明规划（2025-2035年）》为引领,到2030年", true),
            Some(YearHit::Year(2030))
        );
        assert_eq!(y("落实《“十四五”规划》,确保使用率100%", false), None);
        let s: Vec<char> = "以《规划（2025-2035年）》为引领".chars().collect();
        assert_eq!(reported_years(&s).count(), 0);
    }

    #[test]
    fn all_due_years_and_spans() {
        let s: Vec<char> = "到2023年,覆盖率达80%;到2025年,达到95%;到2035年全面建成"
            .chars()
            .collect();
        let years: Vec<YearHit> = find_all(&s, false);
        assert_eq!(
            years,
            vec![
                YearHit::Year(2023),
                YearHit::Year(2025),
                YearHit::Year(2035)
            ]
        );
        let span = |t: &str| names_a_span_of_years(&t.chars().collect::<Vec<_>>());
        assert!(span("力争通过3~5年时间,形成体系"));
        assert!(span("经过五年努力"));
        assert!(!span("到2020年,形成体系"));
        assert!(!span("每年时间表"));
    }

    #[test]
    fn baselines_are_not_reported_years() {
        let r = |t: &str| reported_years(&t.chars().collect::<Vec<_>>()).collect::<Vec<_>>();
        assert_eq!(r("较2023年增长30%左右"), Vec::<i32>::new());
        assert_eq!(r("比2020年翻一番"), Vec::<i32>::new());
        assert_eq!(r("与2020年相比下降15%"), Vec::<i32>::new());
        assert_eq!(r("在2020年基础上提高10%"), Vec::<i32>::new());
        assert_eq!(r("2015年全区营收1200亿元"), vec![2015]);
        assert_eq!(r("2015年比上年增长8%"), vec![2015]);
    }

    fn p(s: &str) -> Option<(i32, i32)> {
        period(&s.chars().collect::<Vec<_>>()).map(|p| (p.start, p.end))
    }

    #[test]
    fn periods_of_titles() {
        assert_eq!(
            p("上海市促进商业航天发展行动计划(2023—2025年)"),
            Some((2023, 2025))
        );
        assert_eq!(p("行动计划(2021-2023年)"), Some((2021, 2023)));
        assert_eq!(p("行动方案(2025——2030年)"), Some((2025, 2030)));
        assert_eq!(p("工作方案(2021一2025年)(送审稿)"), Some((2021, 2025)));
        assert_eq!(p("“十四五”国家应急体系规划"), Some((2021, 2025)));
        assert_eq!(p("“十三五”规划"), Some((2016, 2020)));
        assert_eq!(p("十五五规划纲要"), Some((2026, 2030)));
        assert_eq!(p("某市2026年稳就业行动方案"), Some((2026, 2026)));
        assert_eq!(p("2024年工作要点"), Some((2024, 2024)));
        // A range wins over a lone year written before it.
        assert_eq!(p("关于印发2022年(2022-2024年)计划"), Some((2022, 2024)));
        assert_eq!(p("支持工业互联网发展若干政策"), None);
        // Not a year: part of a longer number, or a range running backwards.
        assert_eq!(p("编号120235年"), None);
    }
}
