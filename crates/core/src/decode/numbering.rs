//! Word automatic numbering (numbering.xml + styles.xml) rendered as visible text.
//!
//! Supports `lvlText` templates (`%1、`, `（%2）`, `%1.%2`), the number formats
//! Chinese plans use (chineseCounting → 一, decimal → 1, decimalEnclosedCircle → ①,
//! ideographTraditional → 甲, upper/lower letters and roman numerals…), start
//! values, `lvlRestart`, `startOverride` / `lvlOverride` restarts, `isLgl`,
//! style-linked numbering (a heading style carrying `numPr`, a level carrying
//! `pStyle`) and `numStyleLink`.

use super::xml::{attr, is_w, walk, Budget, XmlEv};
use super::{DecodeError, Limits};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub(crate) struct Level {
    start: Option<u32>,
    fmt: String,
    text: Option<String>,
    restart: Option<u32>,
    is_lgl: bool,
    suff: Option<String>,
    pstyle: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Abstract {
    levels: BTreeMap<u8, Level>,
    num_style_link: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<u32>,
    start_overrides: BTreeMap<u8, u32>,
    lvl_overrides: BTreeMap<u8, Level>,
}

#[derive(Debug, Default)]
pub(crate) struct Numbering {
    abstracts: BTreeMap<u32, Abstract>,
    nums: BTreeMap<u32, Num>,
    /// Counters per abstract numbering: current value of each level (None = not started).
    counters: BTreeMap<u32, [Option<u32>; 9]>,
    nums_seen: BTreeSet<u32>,
}

#[derive(Debug, Clone, Default)]
struct StyleDef {
    based_on: Option<String>,
    num_id: Option<u32>,
    ilvl: Option<u8>,
}

#[derive(Debug, Default)]
pub(crate) struct Styles {
    styles: BTreeMap<String, StyleDef>,
}

impl Styles {
    pub fn parse(xml: &str, limits: &Limits, budget: &mut Budget) -> Result<Styles, DecodeError> {
        let mut styles = BTreeMap::new();
        let mut cur: Option<(String, StyleDef)> = None;
        let mut in_ppr = 0usize;
        let mut skip = 0usize;
        walk(xml, "styles.xml", limits, budget, |ev| {
            match ev {
                XmlEv::Start(e) => {
                    let qn = e.name();
                    let n = qn.as_ref();
                    if skip > 0 {
                        skip += 1;
                    } else if is_w(n, b"style") {
                        cur = Some((attr(e, b"styleId").unwrap_or_default(), StyleDef::default()));
                    } else if is_w(n, b"pPrChange") {
                        skip = 1;
                    } else if let Some((_, s)) = cur.as_mut() {
                        if is_w(n, b"basedOn") {
                            s.based_on = attr(e, b"val");
                        } else if is_w(n, b"pPr") {
                            in_ppr += 1;
                        } else if in_ppr > 0 && is_w(n, b"numId") {
                            s.num_id = attr(e, b"val").and_then(|v| v.trim().parse().ok());
                        } else if in_ppr > 0 && is_w(n, b"ilvl") {
                            s.ilvl = attr(e, b"val")
                                .and_then(|v| v.trim().parse::<u8>().ok())
                                .map(|v| v.min(8));
                        }
                    }
                }
                XmlEv::End(n) => {
                    if skip > 0 {
                        skip -= 1;
                    } else if is_w(n, b"style") {
                        if let Some((id, s)) = cur.take() {
                            styles.insert(id, s);
                        }
                    } else if is_w(n, b"pPr") {
                        in_ppr = in_ppr.saturating_sub(1);
                    }
                }
                XmlEv::Text(_) => {}
            }
            Ok(true)
        })?;
        Ok(Styles { styles })
    }

    /// numId / ilvl a style carries, following `basedOn` (bounded).
    fn numbering_of(&self, style: &str) -> (Option<u32>, Option<u8>) {
        let mut cur = Some(style.to_string());
        let mut ilvl = None;
        for _ in 0..16 {
            let Some(id) = cur else { break };
            let Some(s) = self.styles.get(&id) else { break };
            if ilvl.is_none() {
                ilvl = s.ilvl;
            }
            if s.num_id.is_some() {
                return (s.num_id, ilvl);
            }
            cur = s.based_on.clone();
        }
        (None, ilvl)
    }
}

impl Numbering {
    pub fn parse(
        xml: &str,
        limits: &Limits,
        budget: &mut Budget,
    ) -> Result<Numbering, DecodeError> {
        let mut abstracts = BTreeMap::new();
        let mut nums = BTreeMap::new();
        let mut cur_abs: Option<(u32, Abstract)> = None;
        let mut cur_num: Option<(u32, Num)> = None;
        let mut cur_lvl: Option<(u8, Level)> = None;
        let mut override_lvl: Option<u8> = None;
        let mut skip = 0usize;
        walk(xml, "numbering.xml", limits, budget, |ev| {
            match ev {
                XmlEv::Start(e) => {
                    let qn = e.name();
                    let n = qn.as_ref();
                    let val = || attr(e, b"val");
                    if skip > 0 {
                        skip += 1;
                    } else if is_w(n, b"abstractNum") {
                        let id = attr(e, b"abstractNumId")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(u32::MAX);
                        cur_abs = Some((id, Abstract::default()));
                    } else if is_w(n, b"num") {
                        let id = attr(e, b"numId")
                            .and_then(|v| v.trim().parse().ok())
                            .unwrap_or(u32::MAX);
                        cur_num = Some((id, Num::default()));
                    } else if is_w(n, b"lvlOverride") {
                        override_lvl = attr(e, b"ilvl")
                            .and_then(|v| v.trim().parse::<u8>().ok())
                            .map(|v| v.min(8));
                    } else if is_w(n, b"startOverride") {
                        if let (Some((_, num)), Some(l)) = (cur_num.as_mut(), override_lvl) {
                            if let Some(v) = val().and_then(|v| v.trim().parse().ok()) {
                                num.start_overrides.insert(l, v);
                            }
                        }
                    } else if is_w(n, b"abstractNumId") {
                        if let Some((_, num)) = cur_num.as_mut() {
                            num.abstract_id = val().and_then(|v| v.trim().parse().ok());
                        }
                    } else if is_w(n, b"numStyleLink") {
                        if let Some((_, a)) = cur_abs.as_mut() {
                            a.num_style_link = val();
                        }
                    } else if is_w(n, b"lvl") {
                        let l = attr(e, b"ilvl")
                            .and_then(|v| v.trim().parse::<u8>().ok())
                            .map(|v| v.min(8))
                            .or(override_lvl)
                            .unwrap_or(0);
                        cur_lvl = Some((l, Level::default()));
                    } else if is_w(n, b"rPr") || is_w(n, b"pPrChange") {
                        skip = 1;
                    } else if let Some((_, lvl)) = cur_lvl.as_mut() {
                        if is_w(n, b"start") {
                            lvl.start = val().and_then(|v| v.trim().parse().ok());
                        } else if is_w(n, b"numFmt") {
                            lvl.fmt = val().unwrap_or_default();
                        } else if is_w(n, b"lvlText") {
                            // Word's own labels are a few chars; a hostile template can be
                            // hundreds of thousands, rendered for every paragraph.
                            lvl.text = val().map(|t| t.chars().take(MAX_TEMPLATE_CHARS).collect());
                        } else if is_w(n, b"lvlRestart") {
                            lvl.restart = val().and_then(|v| v.trim().parse().ok());
                        } else if is_w(n, b"isLgl") {
                            lvl.is_lgl = !matches!(val().as_deref(), Some("0" | "false" | "off"));
                        } else if is_w(n, b"suff") {
                            lvl.suff = val();
                        } else if is_w(n, b"pStyle") {
                            lvl.pstyle = val();
                        }
                    }
                }
                XmlEv::End(n) => {
                    if skip > 0 {
                        skip -= 1;
                    } else if is_w(n, b"lvl") {
                        if let Some((l, lvl)) = cur_lvl.take() {
                            if let Some((_, num)) = cur_num.as_mut() {
                                num.lvl_overrides.insert(l, lvl);
                            } else if let Some((_, a)) = cur_abs.as_mut() {
                                a.levels.insert(l, lvl);
                            }
                        }
                    } else if is_w(n, b"lvlOverride") {
                        override_lvl = None;
                    } else if is_w(n, b"abstractNum") {
                        if let Some((id, a)) = cur_abs.take() {
                            abstracts.insert(id, a);
                        }
                    } else if is_w(n, b"num") {
                        if let Some((id, num)) = cur_num.take() {
                            nums.insert(id, num);
                        }
                    }
                }
                XmlEv::Text(_) => {}
            }
            Ok(true)
        })?;
        Ok(Numbering {
            abstracts,
            nums,
            counters: BTreeMap::new(),
            nums_seen: BTreeSet::new(),
        })
    }

    /// The abstract numbering a num uses, following `numStyleLink` (bounded).
    fn abstract_of(&self, num_id: u32, styles: &Styles) -> Option<u32> {
        let mut id = self.nums.get(&num_id)?.abstract_id?;
        for _ in 0..4 {
            let a = self.abstracts.get(&id)?;
            match (&a.num_style_link, a.levels.is_empty()) {
                (Some(link), true) => {
                    let (Some(n), _) = styles.numbering_of(link) else {
                        return Some(id);
                    };
                    let next = self.nums.get(&n)?.abstract_id?;
                    if next == id {
                        return Some(id);
                    }
                    id = next;
                }
                _ => return Some(id),
            }
        }
        Some(id)
    }

    fn level(&self, num_id: u32, abs: u32, l: u8) -> Option<&Level> {
        self.nums
            .get(&num_id)
            .and_then(|n| n.lvl_overrides.get(&l))
            .or_else(|| self.abstracts.get(&abs).and_then(|a| a.levels.get(&l)))
    }

    fn start_of(&self, num_id: u32, abs: u32, l: u8) -> u32 {
        if let Some(s) = self
            .nums
            .get(&num_id)
            .and_then(|n| n.start_overrides.get(&l))
        {
            return *s;
        }
        self.level(num_id, abs, l)
            .and_then(|lv| lv.start)
            .unwrap_or(0)
    }

    /// Advance the counters for one paragraph and render its label.
    /// Returns `(label, wants_space_before_text)`, or `None` when not numbered.
    pub fn label(
        &mut self,
        num_id: Option<u32>,
        ilvl: Option<u8>,
        style: Option<&str>,
        styles: &Styles,
    ) -> Option<(String, bool)> {
        let (style_num, style_lvl) = style
            .map(|s| styles.numbering_of(s))
            .unwrap_or((None, None));
        let num_id = num_id.or(style_num)?;
        if num_id == 0 {
            return None;
        }
        let abs = self.abstract_of(num_id, styles)?;
        // Level: direct, else a level linked to the paragraph's style, else the style's ilvl, else 0.
        let l = ilvl
            .or_else(|| {
                let s = style?;
                self.abstracts
                    .get(&abs)?
                    .levels
                    .iter()
                    .find(|(_, lv)| lv.pstyle.as_deref() == Some(s))
                    .map(|(l, _)| *l)
            })
            .or(style_lvl)
            .unwrap_or(0)
            .min(8);
        let level = self.level(num_id, abs, l)?.clone();
        // First use of a num that overrides start values restarts those levels.
        if self.nums_seen.insert(num_id) {
            let overrides: Vec<u8> = self
                .nums
                .get(&num_id)
                .map(|n| n.start_overrides.keys().copied().collect())
                .unwrap_or_default();
            let c = self.counters.entry(abs).or_insert([None; 9]);
            for o in overrides {
                c[o as usize] = None;
            }
        }
        let start = self.start_of(num_id, abs, l);
        let mut restarts = [false; 9];
        for (m, r) in restarts.iter_mut().enumerate().skip(l as usize + 1) {
            let restart = self.level(num_id, abs, m as u8).and_then(|lv| lv.restart);
            *r = match restart {
                None => true,
                Some(0) => false,
                Some(v) => (l as u32) < v,
            };
        }
        let c = self.counters.entry(abs).or_insert([None; 9]);
        c[l as usize] = Some(match c[l as usize] {
            None => start,
            Some(v) => v.saturating_add(1),
        });
        for (m, r) in restarts.iter().enumerate() {
            if *r {
                c[m] = None;
            }
        }
        let values = *c;
        let template = level.text.clone().unwrap_or_default();
        let mut out = String::new();
        let mut chars = template.chars().peekable();
        while let Some(ch) = chars.next() {
            if ch == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    if (1..=9).contains(&d) {
                        let k = (d - 1) as u8;
                        let v = values[k as usize].unwrap_or_else(|| self.start_of(num_id, abs, k));
                        let fmt = if level.is_lgl && k != l {
                            "decimal".to_string()
                        } else {
                            self.level(num_id, abs, k)
                                .map(|lv| lv.fmt.clone())
                                .unwrap_or_default()
                        };
                        out.push_str(&format_number(v, &fmt));
                    }
                    continue;
                }
            }
            out.push(ch);
        }
        if out.chars().count() > MAX_LABEL_CHARS {
            out = out.chars().take(MAX_LABEL_CHARS).collect();
        }
        if level.fmt == "bullet" {
            if out.chars().any(|c| ('\u{e000}'..='\u{f8ff}').contains(&c)) || out.trim().is_empty()
            {
                out = "•".into();
            }
        } else if level.fmt == "none" && level.text.as_deref().is_none_or(|t| t.contains('%')) {
            out.clear();
        }
        let space = level.suff.as_deref() != Some("nothing")
            && out
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_alphanumeric() || is_han(c) || c == '•');
        Some((out, space))
    }
}

/// Longest `lvlText` template kept, in chars (Word writes a few; `第%1章`, `%1.%2.%3.`).
const MAX_TEMPLATE_CHARS: usize = 64;
/// Longest rendered label, in chars.
const MAX_LABEL_CHARS: usize = 128;

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Render one counter value in a `w:numFmt`.
pub(crate) fn format_number(v: u32, fmt: &str) -> String {
    match fmt {
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "japaneseCounting" => chinese_counting(
            v,
            &['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
            ['十', '百', '千', '万'],
            true,
        ),
        "chineseLegalSimplified" => chinese_counting(
            v,
            &['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
            ['拾', '佰', '仟', '万'],
            false,
        ),
        "ideographLegalTraditional" | "japaneseLegal" => chinese_counting(
            v,
            &['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'],
            ['拾', '佰', '仟', '萬'],
            false,
        ),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            const D: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
            v.to_string()
                .chars()
                .map(|c| D[c.to_digit(10).unwrap_or(0) as usize])
                .collect()
        }
        "ideographTraditional" => cycle(
            v,
            &['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'],
        ),
        "ideographZodiac" => cycle(
            v,
            &[
                '子', '丑', '寅', '卯', '辰', '巳', '午', '未', '申', '酉', '戌', '亥',
            ],
        ),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle" => {
            match v {
                1..=20 => char::from_u32(0x2460 + v - 1)
                    .map(String::from)
                    .unwrap_or_default(),
                21..=35 => char::from_u32(0x3251 + v - 21)
                    .map(String::from)
                    .unwrap_or_default(),
                36..=50 => char::from_u32(0x32B1 + v - 36)
                    .map(String::from)
                    .unwrap_or_default(),
                _ => v.to_string(),
            }
        }
        "decimalEnclosedFullstop" => match v {
            1..=20 => char::from_u32(0x2488 + v - 1)
                .map(String::from)
                .unwrap_or_default(),
            _ => format!("{v}."),
        },
        "decimalEnclosedParen" => match v {
            1..=20 => char::from_u32(0x2474 + v - 1)
                .map(String::from)
                .unwrap_or_default(),
            _ => format!("({v})"),
        },
        "decimalFullWidth" | "decimalFullWidth2" => v
            .to_string()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + 0xFF10).unwrap_or(c))
            .collect(),
        "decimalZero" => format!("{v:02}"),
        "upperLetter" => letters(v, b'A'),
        "lowerLetter" => letters(v, b'a'),
        "upperRoman" => roman(v),
        "lowerRoman" => roman(v).to_lowercase(),
        "none" => String::new(),
        "bullet" => String::new(),
        _ => v.to_string(),
    }
}

fn cycle(v: u32, set: &[char]) -> String {
    if v == 0 {
        return "0".into();
    }
    set[((v - 1) as usize) % set.len()].to_string()
}

fn letters(v: u32, base: u8) -> String {
    if v == 0 {
        return String::new();
    }
    let c = (base + ((v - 1) % 26) as u8) as char;
    let n = ((v - 1) / 26 + 1).min(50) as usize;
    std::iter::repeat_n(c, n).collect()
}

fn roman(mut v: u32) -> String {
    if v == 0 || v >= 4000 {
        return v.to_string();
    }
    const T: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (n, r) in T {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

/// 一, 十, 十一, 二十, 一百零一, 一千零一十, 一万… (Word's chineseCounting).
fn chinese_counting(v: u32, d: &[char; 10], units: [char; 4], short_ten: bool) -> String {
    if v == 0 {
        return d[0].to_string();
    }
    if v >= 100_000_000 {
        return v.to_string();
    }
    let mut s = String::new();
    if v >= 10_000 {
        s.push_str(&chinese_counting(v / 10_000, d, units, short_ten));
        s.push(units[3]);
        let rest = v % 10_000;
        if rest > 0 {
            if rest < 1000 {
                s.push(d[0]);
            }
            s.push_str(&below_10000(rest, d, units, true));
        }
        return s;
    }
    below_10000(v, d, units, !short_ten)
}

fn below_10000(v: u32, d: &[char; 10], units: [char; 4], inner: bool) -> String {
    let digits = [v / 1000, (v / 100) % 10, (v / 10) % 10, v % 10];
    let unit_of = [Some(units[2]), Some(units[1]), Some(units[0]), None];
    let mut s = String::new();
    let mut zero = false;
    let mut started = false;
    for (i, dig) in digits.iter().enumerate() {
        if *dig == 0 {
            if started {
                zero = true;
            }
            continue;
        }
        if zero {
            s.push(d[0]);
            zero = false;
        }
        // 十一 rather than 一十一 at the start of a number.
        let tens_lead = i == 2 && !started && *dig == 1 && !inner;
        if !tens_lead {
            s.push(d[*dig as usize]);
        }
        if let Some(u) = unit_of[i] {
            s.push(u);
        }
        started = true;
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numbers() {
        let f = |v| format_number(v, "chineseCounting");
        assert_eq!(f(1), "一");
        assert_eq!(f(10), "十");
        assert_eq!(f(11), "十一");
        assert_eq!(f(20), "二十");
        assert_eq!(f(21), "二十一");
        assert_eq!(f(100), "一百");
        assert_eq!(f(101), "一百零一");
        assert_eq!(f(110), "一百一十");
        assert_eq!(f(1010), "一千零一十");
        assert_eq!(f(10001), "一万零一");
        assert_eq!(format_number(3, "decimalEnclosedCircle"), "③");
        assert_eq!(format_number(21, "decimalEnclosedCircle"), "㉑");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(5, "decimalFullWidth"), "５");
        assert_eq!(format_number(12, "chineseLegalSimplified"), "壹拾贰");
    }
}
