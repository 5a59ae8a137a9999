//! Numbers as plans write them: `50`, `1.5`, `十`, `两`, `三百`, `两千三`,
//! `百分之四`. Scale words (万, 亿) are left to the unit, as the plan writes them.

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num {
    pub value: f64,
    /// Chars taken.
    pub len: usize,
    /// Written in Chinese numerals.
    pub chinese: bool,
    /// Written `百分之X`: the unit is `%`.
    pub percent: bool,
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// Whether a Chinese numeral read by [`chinese`] may start with `c` (a digit but 零, or 十).
pub fn may_start_chinese(c: char) -> bool {
    c == '十' || cn_digit(c).is_some_and(|d| d != 0)
}

fn cn_mult(c: char) -> Option<u32> {
    Some(match c {
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// A Chinese numeral below 10 000 at the start of `s`: value and length.
/// `两千三` is 2300 and `三百五` is 350, as people say them.
pub fn chinese(s: &[char]) -> Option<(u32, usize)> {
    if !may_start_chinese(*s.first()?) {
        return None;
    }
    let (mut total, mut cur, mut last_mult, mut i) = (0u32, None::<u32>, 0u32, 0usize);
    while i < s.len() {
        let c = s[i];
        if let Some(d) = cn_digit(c) {
            if cur.is_some() && d != 0 {
                break; // "三五" is not one number
            }
            if d != 0 {
                cur = Some(d);
            }
        } else if let Some(m) = cn_mult(c) {
            if last_mult != 0 && m >= last_mult {
                break;
            }
            let d = match (cur, m) {
                (None, 10) => 1,
                (None, _) => break,
                (Some(d), _) => d,
            };
            total += d * m;
            cur = None;
            last_mult = m;
        } else {
            break;
        }
        i += 1;
    }
    if i == 0 {
        return None;
    }
    // A trailing digit after 千/百 is the next place down: 两千三 = 2300.
    let tail = match (cur, last_mult) {
        (Some(d), 1000) if s[i - 1] != '零' && !s[..i].contains(&'零') => d * 100,
        (Some(d), 100) if !s[..i].contains(&'零') => d * 10,
        (Some(d), _) => d,
        (None, _) => 0,
    };
    Some((total + tail, i))
}

/// Digits or a Chinese numeral at the start, as an integer.
pub fn small_number(s: &[char]) -> Option<(u32, usize)> {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if n > 0 {
        if n > 6 {
            return None;
        }
        return crate::lex::chars::parse_ascii(&s[..n]).map(|v| (v, n));
    }
    chinese(s)
}

/// A number at `s[i..]`.
pub fn number_at(s: &[char], i: usize) -> Option<Num> {
    let rest = s.get(i..)?;
    let first = *rest.first()?;
    if first.is_ascii_digit() {
        let int = rest.iter().take_while(|c| c.is_ascii_digit()).count();
        let mut len = int;
        if rest.get(int) == Some(&'.') && rest.get(int + 1).is_some_and(|c| c.is_ascii_digit()) {
            len = int
                + 1
                + rest[int + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_digit())
                    .count();
        }
        let value = crate::lex::chars::parse_ascii::<f64>(&rest[..len])?;
        return Some(Num {
            value,
            len,
            chinese: false,
            percent: false,
        });
    }
    if rest.starts_with(&['百', '分', '之']) {
        let inner = number_at(s, i + 3)?;
        return Some(Num {
            value: inner.value,
            len: inner.len + 3,
            chinese: true,
            percent: true,
        });
    }
    let (v, len) = chinese(rest)?;
    // 点五: 1.5 written out.
    if rest.get(len) == Some(&'点') {
        let frac: String = rest[len + 1..]
            .iter()
            .map_while(|c| cn_digit(*c))
            .map(|d| char::from_digit(d, 10).unwrap_or('0'))
            .collect();
        if !frac.is_empty() {
            let value = format!("{v}.{frac}").parse::<f64>().ok()?;
            return Some(Num {
                value,
                len: len + 1 + frac.chars().count(),
                chinese: true,
                percent: false,
            });
        }
    }
    Some(Num {
        value: v as f64,
        len,
        chinese: true,
        percent: false,
    })
}

/// `m12`, `t3`, `s1`: an id, the prefix then the number in decimal, as `format!` writes
/// it (without the formatting machinery, once for every measure, target and section).
pub fn id(prefix: char, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut k = digits.len();
    let mut rest = n;
    loop {
        k -= 1;
        digits[k] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut out = String::with_capacity(prefix.len_utf8() + digits.len() - k);
    out.push(prefix);
    out.extend(digits[k..].iter().map(|&d| char::from(d)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_written_as_format_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(id('m', n), format!("m{n}"));
        }
    }

    fn cn(s: &str) -> Option<u32> {
        chinese(&s.chars().collect::<Vec<_>>()).map(|x| x.0)
    }

    fn num(s: &str) -> Option<(f64, usize)> {
        number_at(&s.chars().collect::<Vec<_>>(), 0).map(|n| (n.value, n.len))
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(cn("十"), Some(10));
        assert_eq!(cn("十五"), Some(15));
        assert_eq!(cn("两"), Some(2));
        assert_eq!(cn("三百"), Some(300));
        assert_eq!(cn("两千三"), Some(2300));
        assert_eq!(cn("三百五"), Some(350));
        assert_eq!(cn("一千零五"), Some(1005));
        assert_eq!(cn("三十余"), Some(30));
        assert_eq!(cn("二十三"), Some(23));
        assert_eq!(cn("百"), None);
        assert_eq!(cn("千亿"), None);
        assert_eq!(cn("十三五"), Some(13));
    }

    #[test]
    fn arabic_and_percent_words() {
        assert_eq!(num("1.5万"), Some((1.5, 3)));
        assert_eq!(num("50家"), Some((50.0, 2)));
        assert_eq!(num("百分之四"), Some((4.0, 4)));
        assert_eq!(num("一点五倍"), Some((1.5, 3)));
        assert_eq!(num("3."), Some((3.0, 1)));
    }
}
