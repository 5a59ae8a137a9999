//! Numbering markers at the start of a block: `一、` `（一）` `1.` `1、` `（1）`
//! `①` `举措3:` `一是` `——` `专栏2` `第一章`. Read on the matching view.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    Chapter,
    Section,
    Article,
    Cn,
    ParenCn,
    Num,
    ParenNum,
    NumParen,
    Circled,
    /// `举措N`, `任务N`…: the index into [`LABELS`].
    Label(u8),
    Box,
    Shi,
    Dash,
}

impl Style {
    /// Styles that mark list items inside a paragraph run rather than sections.
    pub fn is_inline_list(self) -> bool {
        matches!(self, Style::Shi | Style::Dash)
    }
}

pub const LABELS: &[&str] = &[
    "举措",
    "措施",
    "任务",
    "行动",
    "工程",
    "重点任务",
    "重点工程",
    "专项行动",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    pub number: u32,
    /// Chars of the matching view the marker takes, separator included.
    pub len: usize,
}

/// Chinese numerals in numbering are read by the same parser as quantities.
use crate::lex::numbers::chinese as cn_number;

fn digits(s: &[char], max_len: usize) -> Option<(u32, usize)> {
    let n = s.iter().take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > max_len {
        return None;
    }
    let v: u32 = crate::lex::chars::parse_ascii(&s[..n])?;
    Some((v, n))
}

fn starts(s: &[char], p: &str) -> bool {
    crate::lex::chars::starts_at(s, 0, p)
}

/// The row number a line holds alone, as a table laid out one cell per line writes it:
/// `1`, `2.`, `3、`.
pub fn row_number(chars: &[char]) -> Option<u32> {
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    let rest = &chars[digits..];
    if digits == 0 || digits > 3 || !(rest.is_empty() || matches!(rest, ['.'] | ['、'])) {
        return None;
    }
    crate::lex::chars::parse_ascii(&chars[..digits])
}

/// The title line of an annex (`附表2`, `附件3`): a table before it has ended.
pub fn is_annex_title(chars: &[char]) -> bool {
    chars.len() <= 6
        && (starts(chars, "附件") || starts(chars, "附表"))
        && chars[2..]
            .iter()
            .all(|c| c.is_ascii_digit() || matches!(c, ':' | '、'))
}

/// The numbering marker at the start of a block, if any.
pub fn detect(s: &[char]) -> Option<Marker> {
    let first = *s.first()?;
    // 第一章 / 第二节 / 第三条
    if first == '第' {
        if let Some((n, l)) = cn_number(&s[1..]).or_else(|| digits(&s[1..], 3)) {
            let rest = &s[1 + l..];
            let style = match rest.first() {
                Some('章') | Some('篇') | Some('编') => Some(Style::Chapter),
                Some('节') => Some(Style::Section),
                Some('条') => Some(Style::Article),
                _ if starts(rest, "部分") => Some(Style::Chapter),
                _ => None,
            };
            if let Some(style) = style {
                let mut len = 1 + l + if starts(rest, "部分") { 2 } else { 1 };
                // "第一部分：发展基础": the colon closes the marker, not opens the title.
                if s.get(len) == Some(&':') {
                    len += 1;
                }
                return Some(Marker {
                    style,
                    number: n,
                    len,
                });
            }
        }
        return None;
    }
    // (一) (1)
    if first == '(' {
        if let Some((n, l)) = cn_number(&s[1..]) {
            if s.get(1 + l) == Some(&')') {
                return Some(Marker {
                    style: Style::ParenCn,
                    number: n,
                    len: l + 2,
                });
            }
        }
        if let Some((n, l)) = digits(&s[1..], 3) {
            if s.get(1 + l) == Some(&')') {
                return Some(Marker {
                    style: Style::ParenNum,
                    number: n,
                    len: l + 2,
                });
            }
        }
        return None;
    }
    // ① … ⑳, ⑴ … ⒇, ⒈ … ⒛
    let cp = first as u32;
    if (0x2460..=0x2473).contains(&cp) {
        return Some(Marker {
            style: Style::Circled,
            number: cp - 0x2460 + 1,
            len: 1,
        });
    }
    if (0x2474..=0x2487).contains(&cp) {
        return Some(Marker {
            style: Style::ParenNum,
            number: cp - 0x2474 + 1,
            len: 1,
        });
    }
    if (0x2488..=0x249B).contains(&cp) {
        return Some(Marker {
            style: Style::Num,
            number: cp - 0x2488 + 1,
            len: 1,
        });
    }
    // 1. 1、 1) — not 1.5万, not 2015年; but 1.2024年8月底前 is item 1 opening with a
    // deadline (a year alone after it, as in an annex list's `2.2025年…分解`, is not)
    if let Some((n, l)) = digits(s, 3) {
        let year_after = |k: usize| {
            s.get(k..k + 5).is_some_and(|y| y[4] == '年')
                && s.get(k..)
                    .and_then(crate::lex::dates::find_date)
                    .is_some_and(|(a, _)| a == 0)
        };
        match s.get(l) {
            Some('.') | Some('、') | Some('．')
                if !s.get(l + 1).is_some_and(|c| c.is_ascii_digit()) || year_after(l + 1) =>
            {
                return Some(Marker {
                    style: Style::Num,
                    number: n,
                    len: l + 1,
                });
            }
            Some(')') => {
                return Some(Marker {
                    style: Style::NumParen,
                    number: n,
                    len: l + 1,
                })
            }
            _ => return None,
        }
    }
    // 一、 一. 一是
    if let Some((n, l)) = cn_number(s) {
        match s.get(l) {
            // "六、2015年重点工作安排" is a heading; "一.5" is not.
            Some('、') => {
                return Some(Marker {
                    style: Style::Cn,
                    number: n,
                    len: l + 1,
                })
            }
            Some('.') if !s.get(l + 1).is_some_and(|c| c.is_ascii_digit()) => {
                return Some(Marker {
                    style: Style::Cn,
                    number: n,
                    len: l + 1,
                });
            }
            // "一)": a (一) whose opening bracket a copy lost.
            Some(')') if s.len() > l + 1 => {
                return Some(Marker {
                    style: Style::ParenCn,
                    number: n,
                    len: l + 1,
                });
            }
            Some('是') if s.len() > l + 2 => {
                return Some(Marker {
                    style: Style::Shi,
                    number: n,
                    len: l + 1,
                })
            }
            _ => {}
        }
    }
    // ——目标 / ●要点
    if first == '—' && s.get(1) == Some(&'—') {
        let len = s.iter().take_while(|c| **c == '—').count();
        return Some(Marker {
            style: Style::Dash,
            number: 0,
            len,
        });
    }
    if matches!(first, '●' | '■' | '◆' | '▲' | '•' | '◇' | '□' | '☆' | '★') {
        return Some(Marker {
            style: Style::Dash,
            number: 0,
            len: 1,
        });
    }
    // 专栏1
    if starts(s, "专栏") {
        let rest = &s[2..];
        let (n, l) = digits(rest, 3)
            .or_else(|| cn_number(rest))
            .unwrap_or((0, 0));
        let sep = matches!(rest.get(l), Some(':') | Some('、') | Some('.')) as usize;
        return Some(Marker {
            style: Style::Box,
            number: n,
            len: 2 + l + sep,
        });
    }
    // 举措3: 任务一、
    for (k, label) in LABELS.iter().enumerate() {
        if starts(s, label) {
            let ll = label.chars().count();
            let rest = &s[ll..];
            if let Some((n, l)) = digits(rest, 3).or_else(|| cn_number(rest)) {
                match rest.get(l) {
                    Some(':') | Some('、') | Some('.') | Some('—') | Some(' ') => {
                        return Some(Marker {
                            style: Style::Label(k as u8),
                            number: n,
                            len: ll + l + 1,
                        })
                    }
                    None => {
                        return Some(Marker {
                            style: Style::Label(k as u8),
                            number: n,
                            len: ll + l,
                        })
                    }
                    _ => {}
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Option<(Style, u32, usize)> {
        let v: Vec<char> = s.chars().collect();
        detect(&v).map(|m| (m.style, m.number, m.len))
    }

    #[test]
    fn recognises_every_numbering_style() {
        assert_eq!(m("一、总体思路"), Some((Style::Cn, 1, 2)));
        assert_eq!(m("十二、附则"), Some((Style::Cn, 12, 3)));
        assert_eq!(m("六、2015年重点工作安排"), Some((Style::Cn, 6, 2)));
        assert_eq!(m("(十一)区域竞争合作行动"), Some((Style::ParenCn, 11, 4)));
        assert_eq!(m("1.提升政府服务效能"), Some((Style::Num, 1, 2)));
        assert_eq!(m("12、推进"), Some((Style::Num, 12, 3)));
        assert_eq!(m("(3)通过政府回购"), Some((Style::ParenNum, 3, 3)));
        assert_eq!(m("①加快"), Some((Style::Circled, 1, 1)));
        assert_eq!(m("举措15:促进"), Some((Style::Label(0), 15, 5)));
        assert_eq!(m("一是创新经济总量实现突破"), Some((Style::Shi, 1, 2)));
        assert_eq!(m("———统揽全局"), Some((Style::Dash, 0, 3)));
        assert_eq!(m("专栏2重点工程"), Some((Style::Box, 2, 3)));
        assert_eq!(m("第三章主要任务"), Some((Style::Chapter, 3, 3)));
        assert_eq!(m("第一部分:发展基础"), Some((Style::Chapter, 1, 5)));
        assert_eq!(m("2.2024年9月底前,制定方案"), Some((Style::Num, 2, 2)));
        assert_eq!(m("2.2025年十五件民盼实事任务分解"), None);
        assert_eq!(m("1.5万人"), None);
        assert_eq!(m("3)加强"), Some((Style::NumParen, 3, 2)));
        // The opening bracket lost in a copy: still a (一) item.
        assert_eq!(m("三)提升展陈质量"), Some((Style::ParenCn, 3, 2)));
        assert_eq!(m("〔一〕说明"), None);
    }

    #[test]
    fn ignores_numbers_that_are_not_numbering() {
        assert_eq!(m("1.5万平方米"), None);
        assert_eq!(m("2015年重点工作"), None);
        assert_eq!(m("1深圳市南山区"), None);
        assert_eq!(m("十三五期间"), None);
        assert_eq!(m("(VC)"), None);
        assert_eq!(m("(10个)"), None);
        assert_eq!(m("一批企业"), None);
    }

    #[test]
    fn chinese_numbering_values() {
        assert_eq!(m("二十三、附则"), Some((Style::Cn, 23, 4)));
        assert_eq!(m("(一百零五)某项"), Some((Style::ParenCn, 105, 6)));
        assert_eq!(m("两、其他"), Some((Style::Cn, 2, 2)));
    }
}
