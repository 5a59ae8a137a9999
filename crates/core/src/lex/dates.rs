//! Deadlines: `6月底前`, `2012年10月底前`, `2020年前`, `年底前`, `上半年`,
//! `长期坚持`; and the date they mean once the plan's year is known.

use crate::lex::chars::starts_at as starts;
use crate::lex::numbers::small_number;

/// A dated deadline in `s`: its range. Needs a year or a month to count.
pub fn find_date(s: &[char]) -> Option<(usize, usize)> {
    // The first time limit within this year or the next (`今年内`): the answer only
    // without a date (`本年度内销售的…均需在2026年1月15日前完成` is due by the date).
    let mut this_year: Option<(usize, usize)> = None;
    for (i, &c) in s.iter().enumerate() {
        // A date starts with a digit, a Chinese numeral month, or 年/上/下.
        const STARTS: [u64; 328] = crate::lex::chars::han_bits(&[
            '年', '上', '下', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十',
        ]);
        if !(c.is_ascii_digit() || crate::lex::chars::in_han_bits(&STARTS, c)) {
            // No date starts where a time limit does: it is asked only here.
            if this_year.is_none() {
                this_year = this_year_at(s, i).map(|end| (i, end));
            }
            continue;
        }
        // `明年上半年` is read whole: no date starts inside it.
        if (1..=3).any(|k| i >= k && this_year_at(s, i - k).is_some_and(|end| end > i)) {
            continue;
        }
        if let Some(end) = date_at(s, i) {
            return Some((i, end));
        }
    }
    this_year
}

/// A time limit within the year the plan is written in, or the next: `今年内`,
/// `今年底前`, `明年上半年` (a bare `年内` qualifies a count: `年内开工项目不少于10个`).
/// Inlined: the first test refuses almost every position of a measure's text at no cost.
#[inline(always)]
fn this_year_at(s: &[char], i: usize) -> Option<usize> {
    if !matches!(s.get(i), Some('本' | '今' | '明' | '当')) {
        return None;
    }
    this_year_from(s, i)
}

/// [`this_year_at`] past its first-char test.
fn this_year_from(s: &[char], i: usize) -> Option<usize> {
    let j = ["本年度", "今年", "明年", "本年", "当年"]
        .iter()
        .find(|w| starts(s, i, w))
        .map(|w| i + w.chars().count())?;
    let end = [
        "内",
        "年底前",
        "年底",
        "底前",
        "底",
        "末",
        "上半年",
        "下半年",
    ]
    .iter()
    .find(|w| starts(s, j, w))
    .map(|w| j + w.chars().count())?;
    Some(if s.get(end) == Some(&'前') {
        end + 1
    } else {
        end
    })
}

fn date_at(s: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    let mut has_year = false;
    let mut has_month = false;
    // 2020年
    let digits = s[j..].iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 && s.get(j + 4) == Some(&'年') {
        j += 5;
        has_year = true;
        // 2018年上半年 / 2018年下半年
        if starts(s, j, "上半年") || starts(s, j, "下半年") {
            return Some(j + 3);
        }
    } else if starts(s, j, "年底")
        || starts(s, j, "年末")
        || starts(s, j, "上半年")
        || starts(s, j, "下半年")
    {
        // bare 年底前 / 上半年
        if i > 0 && (s[i - 1].is_ascii_digit() || s[i - 1] == '今' || s[i - 1] == '明') {
            return None;
        }
        if starts(s, j, "上半年") || starts(s, j, "下半年") {
            return Some(j + 3);
        }
        j += 2;
        if starts(s, j, "前") {
            j += 1;
        }
        return Some(j);
    }
    // 6月 / 十二月
    let (month, ml) = if let Some((m, l)) = small_number(&s[j..]) {
        (m, l)
    } else {
        (0, 0)
    };
    if ml > 0 && (1..=12).contains(&month) && s.get(j + ml) == Some(&'月') && (has_year || j == i)
    {
        if !has_year && i > 0 && s[i - 1].is_ascii_digit() {
            return None;
        }
        j += ml + 1;
        has_month = true;
        // 2月5日前
        let dl = s[j..].iter().take_while(|c| c.is_ascii_digit()).count();
        if (1..=2).contains(&dl) && s.get(j + dl) == Some(&'日') {
            j += dl + 1;
            j = after_time_of_day(s, j);
        }
    }
    if !has_year && !has_month {
        return None;
    }
    let mut qualified = false;
    for q in ["底", "末", "中旬", "上旬", "下旬", "中"] {
        if starts(s, j, q) {
            j += q.chars().count();
            qualified = true;
            break;
        }
    }
    for tail in ["以前", "之前", "前"] {
        if starts(s, j, tail) {
            return Some(j + tail.chars().count());
        }
    }
    // "2018年底" without 前 still names a time limit.
    if qualified && (has_year || has_month) {
        return Some(j);
    }
    // A window, kept whole: `2025年7月至2025年12月`, `7月至12月`.
    if has_month && matches!(s.get(j), Some('至' | '到' | '-' | '—' | '~')) {
        if let Some(end) = month_end(s, j + 1) {
            return Some(end);
        }
    }
    None
}

/// A dated step: a sentence that opens with a full month (`2026年12月，各区完成…`,
/// `2025年6月30日,完成…`) not before the plan's year is scheduled for it; the same
/// month mid-sentence is not.
pub fn find_dated_opening(s: &[char], plan_year: Option<i32>) -> Option<(usize, usize)> {
    (0..s.len())
        // A year's first digit, first tested: most chars are none.
        .filter(|&i| {
            s[i].is_ascii_digit()
                && (i == 0 || matches!(s[i - 1], '。' | '；' | ';' | '！' | '!' | '\n'))
        })
        .find_map(|i| {
            let year = year_of(&s[i..])?;
            if plan_year.is_some_and(|p| year < p) {
                return None;
            }
            let end = month_end(s, i)?;
            matches!(s.get(end), Some('，' | ',')).then_some((i, end))
        })
}

/// Where a plain month ends (`2025年12月`, `12月`, `12月31日`), with a qualifier or a
/// `前` after it if any: the end of a window.
fn month_end(s: &[char], at: usize) -> Option<usize> {
    let mut j = at;
    let digits = s[j.min(s.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if digits == 4 && s.get(j + 4) == Some(&'年') {
        j += 5;
    }
    let (month, ml) = small_number(s.get(j..)?)?;
    if !(1..=12).contains(&month) || s.get(j + ml) != Some(&'月') {
        return None;
    }
    j += ml + 1;
    let dl = s[j.min(s.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    if (1..=2).contains(&dl) && s.get(j + dl) == Some(&'日') {
        j += dl + 1;
    }
    for q in ["底前", "底", "末", "前"] {
        if starts(s, j, q) {
            return Some(j + q.chars().count());
        }
    }
    Some(j)
}

/// Past an hour after a day, when one follows: `18:00`, `18：00`, `下午5点`, `12时30分`.
fn after_time_of_day(s: &[char], at: usize) -> usize {
    let mut j = at;
    for w in ["上午", "下午", "中午", "晚上", "晚"] {
        if starts(s, j, w) {
            j += w.chars().count();
            break;
        }
    }
    let digits = |k: usize| {
        s.get(k..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    let h = digits(j);
    if !(1..=2).contains(&h) {
        return at;
    }
    j += h;
    match s.get(j) {
        Some(':' | '：') if digits(j + 1) == 2 => j + 3,
        Some('时' | '点') => {
            j += 1;
            let m = digits(j);
            if (1..=2).contains(&m) && s.get(j + m) == Some(&'分') {
                j + m + 1
            } else if matches!(s.get(j), Some('整' | '半')) {
                j + 1
            } else {
                j
            }
        }
        _ => at,
    }
}

// Openings of a time statement that carry no date of their own: a window
// (`即日起至4月30日`), a span from issue (`本文印发后3个月内`), or none at all (`持续推进`).
crate::lexicon!(TIME_OPENINGS, "time_openings.txt");

/// Whether `s` opens with a time statement: a date (`5月底`, `2023年6月底前`), a month
/// (`6月份`, `12月取得明显成效`), or a time wording (`即日起`, `长期坚持`). In a note
/// such a segment is the deadline, kept whole as written.
pub fn opens_with_time(s: &[char]) -> bool {
    if date_at(s, 0).is_some() || TIME_OPENINGS.prefix_at(s, 0).is_some() {
        return true;
    }
    // A quarter: "三季度完成", "第四季度".
    if quarter(s).is_some() {
        return true;
    }
    // A month, then 份 or a verb: "6月份取得明显成效", "12月完成".
    let Some((month, ml)) = small_number(s) else {
        return false;
    };
    (1..=12).contains(&month)
        && s.get(ml) == Some(&'月')
        && !s.get(ml + 1).is_some_and(|c| c.is_ascii_digit())
}

/// Whether `s` is a date and nothing else, as a 时间节点 cell or a bracket after a step's
/// title holds it: `2019年`, `2019年3月`, `3月底前`, `2021年8月15日`, `2019年3月-6月`,
/// `三季度`. A bare year or month counts here, where the whole statement is the time.
pub fn is_date_only(s: &[char]) -> bool {
    let s: Vec<char> = s.iter().copied().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() || s.len() > 24 {
        return false;
    }
    s.split(|c| matches!(c, '-' | '—' | '－' | '~' | '～' | '至'))
        .all(|part| !part.is_empty() && date_part(part))
}

/// One side of [`is_date_only`]: `[YYYY年][M月[D日]][底|末|中旬…][前|以前|份]`, or a quarter.
fn date_part(s: &[char]) -> bool {
    if quarter(s).is_some_and(|_| s.len() <= 5) && s.ends_with(&['度']) {
        return true;
    }
    let mut j = 0;
    let mut dated = false;
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 && s.get(4) == Some(&'年') {
        j = 5;
        dated = true;
        for half in ["上半年", "下半年", "底", "末"] {
            if starts(s, j, half) {
                j += half.chars().count();
                break;
            }
        }
    }
    if let Some((m, l)) = small_number(&s[j..]) {
        if (1..=12).contains(&m) && s.get(j + l) == Some(&'月') {
            j += l + 1;
            dated = true;
            let dl = s[j..].iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=2).contains(&dl) && s.get(j + dl) == Some(&'日') {
                j += dl + 1;
            }
        }
    }
    if !dated {
        return false;
    }
    for q in ["底", "末", "中旬", "上旬", "下旬", "份"] {
        if starts(s, j, q) {
            j += q.chars().count();
            break;
        }
    }
    for tail in ["以前", "之前", "前"] {
        if starts(s, j, tail) {
            j += tail.chars().count();
            break;
        }
    }
    j == s.len()
}

/// A bracket holding only a date (`建立工作机制（2021年8月）`): the range of its content.
pub fn find_bracketed_date(s: &[char]) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(o) = s[from..].iter().position(|c| matches!(c, '(' | '（')) {
        let a = from + o + 1;
        let close = s[a..].iter().position(|c| matches!(c, ')' | '）'))?;
        let b = a + close;
        if is_date_only(&s[a..b]) {
            return Some((a, b));
        }
        from = b;
    }
    None
}

/// The ISO date a deadline means, given the year the plan works in. A window
/// (`即日起至4月30日`, `5月1日至10月31日`) means its end.
pub fn to_date(text: &[char], plan_year: Option<i32>) -> Option<String> {
    if let Some(k) = text.iter().rposition(|c| *c == '至') {
        let end = &text[k + 1..];
        // "2023年5月至2024年6月": the end names its own year; else the start's applies.
        let start_year = year_of(text).or(plan_year);
        if let Some(d) = single_date(end, start_year) {
            return Some(d);
        }
    }
    single_date(text, plan_year)
}

/// The quarter `s` opens with: `第三季度`, `三季度末`, `3季度`.
fn quarter(s: &[char]) -> Option<u32> {
    let q = s.strip_prefix(&['第']).unwrap_or(s);
    small_number(q)
        .filter(|&(n, l)| (1..=4).contains(&n) && q[l..].starts_with(&['季', '度']))
        .map(|(n, _)| n)
}

/// The year `s` opens with: `2023年…`.
fn year_of(s: &[char]) -> Option<i32> {
    let digits = s.iter().take_while(|c| c.is_ascii_digit()).count();
    (digits == 4 && s.get(4) == Some(&'年')).then(|| crate::lex::chars::parse_ascii(&s[..4]))?
}

fn single_date(text: &[char], plan_year: Option<i32>) -> Option<String> {
    let (year, rest) = match year_of(text) {
        Some(y) => (y, &text[5..]),
        None => (plan_year?, text),
    };
    if rest.starts_with(&['上', '半', '年']) {
        return Some(format!("{year:04}-06-30"));
    }
    // "第三季度", "三季度末", "3季度": by the end of that quarter.
    if let Some(n) = quarter(rest) {
        let month = n * 3;
        return Some(format!("{year:04}-{month:02}-{:02}", last_day(year, month)));
    }
    if rest.is_empty()
        || rest.starts_with(&['底'])
        || rest.starts_with(&['末'])
        || rest.starts_with(&['前'])
    {
        return Some(format!("{year:04}-12-31"));
    }
    if rest.starts_with(&['下', '半', '年'])
        || rest.starts_with(&['年', '底'])
        || rest.starts_with(&['年', '末'])
    {
        return Some(format!("{year:04}-12-31"));
    }
    let (month, ml) = small_number(rest)?;
    if !(1..=12).contains(&month) || rest.get(ml) != Some(&'月') {
        return None;
    }
    let after = &rest[ml + 1..];
    let last = last_day(year, month);
    let dl = after.iter().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&dl) && after.get(dl) == Some(&'日') {
        let day: u32 = crate::lex::chars::parse_ascii(&after[..dl])?;
        return (1..=last)
            .contains(&day)
            .then(|| format!("{year:04}-{month:02}-{day:02}"));
    }
    let (y, m, d) = if after.starts_with(&['底'])
        || after.starts_with(&['末'])
        || after.starts_with(&['下', '旬'])
    {
        (year, month, last)
    } else if after.starts_with(&['中', '旬']) || after.starts_with(&['中']) {
        (year, month, 20)
    } else if after.starts_with(&['上', '旬']) {
        (year, month, 10)
    } else if !(after.starts_with(&['前'])
        || after.starts_with(&['以', '前'])
        || after.starts_with(&['之', '前']))
    {
        // "6月份", "6月完成": by the end of that month.
        (year, month, last)
    } else if month == 1 {
        (year - 1, 12, 31)
    } else {
        (year, month - 1, last_day(year, month - 1))
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

fn last_day(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn time_statements_open_note_segments() {
        for s in [
            "5月底取得明显成效并持续推进",
            "6月份取得明显成效",
            "12月完成",
            "即日起至4月30日",
            "2023年底前",
            "长期坚持",
        ] {
            assert!(opens_with_time(&c(s)), "{s}");
        }
        assert!(!opens_with_time(&c("市发改委")));
        assert!(!opens_with_time(&c("20家企业")));
    }

    #[test]
    fn windows_and_months_mean_their_end() {
        assert_eq!(
            to_date(&c("即日起至4月30日"), Some(2024)).as_deref(),
            Some("2024-04-30")
        );
        assert_eq!(
            to_date(&c("5月1日至10月31日"), Some(2024)).as_deref(),
            Some("2024-10-31")
        );
        assert_eq!(
            to_date(&c("2023年5月至2024年6月"), None).as_deref(),
            Some("2024-06-30")
        );
        assert_eq!(
            to_date(&c("6月份取得明显成效"), Some(2022)).as_deref(),
            Some("2022-06-30")
        );
        assert_eq!(
            to_date(&c("6月底取得阶段性成效"), Some(2022)).as_deref(),
            Some("2022-06-30")
        );
        assert_eq!(
            to_date(&c("6月前"), Some(2022)).as_deref(),
            Some("2022-05-31")
        );
    }

    fn f(s: &str) -> Option<String> {
        let c: Vec<char> = s.chars().collect();
        find_date(&c).map(|(a, b)| c[a..b].iter().collect())
    }

    fn d(s: &str, y: Option<i32>) -> Option<String> {
        to_date(&s.chars().collect::<Vec<_>>(), y)
    }

    #[test]
    fn finds_deadlines() {
        assert_eq!(f("完成时间:6月底前").as_deref(), Some("6月底前"));
        assert_eq!(f("2012年10月底前完成").as_deref(), Some("2012年10月底前"));
        assert_eq!(f("在2020年前,打造").as_deref(), Some("2020年前"));
        assert_eq!(f("年底前").as_deref(), Some("年底前"));
        assert!(opens_with_time(&c("长期坚持")));
        assert_eq!(f("十二月底前").as_deref(), Some("十二月底前"));
        assert_eq!(
            f("于2025年2月5日前将方案报送").as_deref(),
            Some("2025年2月5日前")
        );
        assert_eq!(f("2018年上半年完成").as_deref(), Some("2018年上半年"));
        // Within this year or the next, and not a span of years.
        assert_eq!(f("今年内要清理完毕").as_deref(), Some("今年内"));
        assert_eq!(f("今年底前全面完成").as_deref(), Some("今年底前"));
        assert_eq!(f("明年上半年出台").as_deref(), Some("明年上半年"));
        assert_eq!(f("3年内保留人事关系"), None);
        assert_eq!(f("五年内培养人才"), None);
        assert_eq!(f("今年5月,南山区被确定为"), None);
        assert_eq!(
            f("本年度内销售的产品,均需在2026年1月15日前完成送货").as_deref(),
            Some("2026年1月15日前")
        );
        // A window is kept whole; a plain month alone is no deadline.
        assert_eq!(
            f("2025年7月至2025年12月,实施本市绿地应用").as_deref(),
            Some("2025年7月至2025年12月")
        );
        assert_eq!(
            f("5月1日至10月31日开展").as_deref(),
            Some("5月1日至10月31日")
        );
        assert_eq!(f("2025年7月召开推进会"), None);
        // A sentence opening with a full month is a dated step; a year alone is not.
        let o = |t: &str| {
            let s = c(t);
            find_dated_opening(&s, Some(2025)).map(|(a, b)| s[a..b].iter().collect::<String>())
        };
        assert_eq!(o("2026年12月，各区完成组建").as_deref(), Some("2026年12月"));
        assert_eq!(
            o("制定方案。2025年6月30日,完成验收").as_deref(),
            Some("2025年6月30日")
        );
        assert_eq!(o("于2025年7月召开推进会"), None);
        assert_eq!(o("2025年，全面完成"), None);
        assert_eq!(o("2025年7月召开推进会"), None);
        // A month before the plan's year is no step of it.
        assert_eq!(o("2024年12月，各区完成组建"), None);
        // An hour after the day belongs to the deadline.
        assert_eq!(
            f("于6月20日18：00前报送").as_deref(),
            Some("6月20日18：00前")
        );
        assert_eq!(
            f("于6月20日下午5点前报送").as_deref(),
            Some("6月20日下午5点前")
        );
        assert_eq!(f("3月5日12时30分前").as_deref(), Some("3月5日12时30分前"));
        assert_eq!(
            d("6月20日18:00前", Some(2014)).as_deref(),
            Some("2014-06-20")
        );
        // A day then a count is no hour.
        assert_eq!(f("6月20日18个部门").as_deref(), None);
        assert_eq!(
            find_date(&"2015年,市委将".chars().collect::<Vec<_>>()),
            None
        );
        assert_eq!(
            find_date(&"提前2个月告知".chars().collect::<Vec<_>>()),
            None
        );
    }

    #[test]
    fn a_bare_date_is_a_time_cell() {
        for t in [
            "2019年",
            "2019年3月",
            "3月底前",
            "2021年8月15日",
            "2019年3月-6月",
            "十二月",
        ] {
            assert!(is_date_only(&c(t)), "{t}");
        }
        for t in [
            "附件2",
            "区绿化市容局",
            "2019年完成",
            "2个月",
            "65个",
            "2019",
            "持续推进",
        ] {
            assert!(!is_date_only(&c(t)), "{t}");
        }
        let s = c("建立工作机制（2021年8月）。结合实际(试行)");
        assert_eq!(
            find_bracketed_date(&s).map(|(a, b)| s[a..b].iter().collect::<String>()),
            Some("2021年8月".to_string())
        );
        assert_eq!(find_bracketed_date(&c("开展试点（一批）。")), None);
    }

    #[test]
    fn dates_deadlines() {
        assert_eq!(d("6月底前", Some(2015)).as_deref(), Some("2015-06-30"));
        assert_eq!(d("12月底前", Some(2015)).as_deref(), Some("2015-12-31"));
        assert_eq!(d("2012年10月底前", None).as_deref(), Some("2012-10-31"));
        assert_eq!(d("2020年前", None).as_deref(), Some("2020-12-31"));
        assert_eq!(d("2月底前", Some(2016)).as_deref(), Some("2016-02-29"));
        assert_eq!(d("9月前", Some(2016)).as_deref(), Some("2016-08-31"));
        assert_eq!(d("6月底前", None), None);
        assert_eq!(d("2025年2月5日前", None).as_deref(), Some("2025-02-05"));
        assert_eq!(d("2018年上半年", None).as_deref(), Some("2018-06-30"));
        assert_eq!(d("长期坚持", Some(2016)), None);
    }
}
