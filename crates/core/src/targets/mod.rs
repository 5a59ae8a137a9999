//! Targets (目标/指标): quantified commitments in goal sections, target
//! tables and measures. Past figures, policy parameters, time spans and counts
//! inside names are left out.

mod cell_rows;
mod period;
mod table;

use crate::lex::chars::{contains, ends_at as ends_with, starts_at as starts};
use crate::lex::numbers::{may_start_chinese, number_at, Num};
use crate::lex::years::{self, YearHit};
use crate::model::{Comparator, SectionKind, Target, YearBasis};
use crate::outline::{self, Outline};
use crate::text::Document;

const SCALES: &[&str] = &["万亿", "千万", "百万", "十万", "万", "亿", "千", "百"];
crate::lexicon!(NOT_UNITS, "not_units.txt");
crate::lexicon!(ROUND_NUMBER_VERBS, "round_number_verbs.txt");
crate::lexicon!(COUNT_REFERENCES, "count_references.txt");
crate::lexicon!(pub(super) MEASURE_WORDS, "measure_words.txt");
crate::lexicon!(TIME_UNITS, "time_units.txt");
crate::lexicon!(DIMENSION_WORDS, "dimension_words.txt");
crate::lexicon!(WHOLE_COUNT_UNITS, "whole_count_units.txt");
/// Counted with a number but not quantities: ordinals and editions (第3届, 5号, 2期).
const ORDINAL_WORDS: &[&str] = &["届", "号", "轮", "期"];
crate::lexicon!(SHORTENING_WORDS, "time_shortening_words.txt");
crate::lexicon!(RESULT_VERBS, "time_result_verbs.txt");
crate::lexicon!(POLICY_WORDS, "target_policy_words.txt");
crate::lexicon!(FUNDING_WORDS, "target_funding_words.txt");
crate::lexicon!(RATE_WORDS, "target_rate_words.txt");
crate::lexicon!(REACHED_WORDS, "target_reached_words.txt");
crate::lexicon!(PAST_WORDS, "target_past_words.txt");
crate::lexicon!(RULE_ENDINGS, "target_rule_endings.txt");

/// `竞价上下限分别按0.4012元/千瓦时确定`, `按30%计算`: a clause that sets an amount or rate
/// by 按 and ends on how it is applied ([`RULE_ENDINGS`]) states a rule.
fn sets_by_rule(clause: &[char]) -> bool {
    let Some(by) = clause
        .iter()
        .enumerate()
        .position(|(i, &c)| c == '按' && !matches!(clause.get(i + 1), Some('期' | '时')))
    else {
        return false;
    };
    // Or the rule word right after the rate or amount, before what it sets
    // (`按…最低标准的70%确定土地出让价格`).
    RULE_ENDINGS.suffix_at(clause, clause.len()).is_some()
        || (by + 1..clause.len()).any(|k| {
            matches!(clause[k - 1], '%' | '元' | '倍')
                && RULE_ENDINGS.prefix_at(clause, k).is_some()
        })
}

/// A word of [`REACHED_WORDS`] not negated: `比例达到30%`, not `按不超过计划50%的比例`.
fn says_reached(clause: &[char]) -> bool {
    (0..clause.len())
        .any(|i| (i == 0 || clause[i - 1] != '不') && REACHED_WORDS.prefix_at(clause, i).is_some())
}

/// A clause about the past: a word of [`PAST_WORDS`], or `上年` (last year) where it is
/// not `以上` + `年…` (`5家以上年销售收入过百亿元`: a bound, then a yearly figure).
fn names_the_past(clause: &[char]) -> bool {
    PAST_WORDS.occurs_in_chars(clause)
        || clause
            .windows(2)
            .enumerate()
            .any(|(i, w)| w == ['上', '年'] && (i == 0 || clause[i - 1] != '以'))
}

/// Openings of a sentence about the present (`目前`, `据统计`).
const PRESENT_OPENINGS: &[&str] = &["目前", "据统计", "据调查"];
/// The bounds of a place (`东至金汇港,南至南奉公路`): two of them make a sentence describe it.
const BOUND_WORDS: &[&str] = &["东至", "西至", "南至", "北至"];

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: (usize, usize),
    comparator: Comparator,
    /// 以上/以下 right after the unit.
    suffix: bool,
}

/// What follows a number: a count or measure, or a span of time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Count,
    Time,
}

/// The unit at `s[j..]`: where it ends and its kind. Scale words (`万`, `亿`) before a
/// unit belong to it, and stand alone before a clause end (`突破5亿`).
fn unit_at(s: &[char], j: usize) -> Option<(usize, UnitKind)> {
    // "平均受教育年限提高到11.7年": a duration that is itself the indicator.
    let indicator_says = |w: &str| (0..j).rev().take(16).any(|k| starts(s, k, w));
    if starts(s, j, "年")
        && !starts(s, j, "年内")
        && (indicator_says("年限") || indicator_says("年龄"))
    {
        return Some((j + 1, UnitKind::Count));
    }
    // "人均预期寿命达到80岁", but not "35岁以下青年人才".
    if starts(s, j, "岁") {
        return indicator_says("寿命").then_some((j + 1, UnitKind::Count));
    }
    let after = |k: usize| {
        if let Some(t) = TIME_UNITS.prefix_at(s, k) {
            return Some((k + t.chars().count(), UnitKind::Time));
        }
        if ORDINAL_WORDS.iter().any(|w| starts(s, k, w)) || NOT_UNITS.prefix_at(s, k).is_some() {
            return None;
        }
        MEASURE_WORDS
            .prefix_at(s, k)
            .map(|u| (k + u.chars().count(), UnitKind::Count))
    };
    // "4.15公里/平方公里", "300吨/日", "50万元/亩", "2辆/万人": a rate, one unit per
    // another, is one unit.
    let per = |(end, kind): (usize, UnitKind)| {
        if kind == UnitKind::Count && matches!(s.get(end), Some('/' | '／')) {
            let k = end + 1;
            let scaled = SCALES
                .iter()
                .find(|sc| starts(s, k, sc))
                .map(|sc| k + sc.chars().count());
            if let Some((e, _)) = after(k).or_else(|| scaled.and_then(after)) {
                return (e, kind);
            }
        }
        (end, kind)
    };
    if let Some(hit) = after(j) {
        return Some(per(hit));
    }
    let scale = SCALES.iter().find(|sc| starts(s, j, sc))?;
    let k = j + scale.chars().count();
    match after(k) {
        Some((_, UnitKind::Time)) => None,
        Some(hit) => Some(per(hit)),
        // "标识注册总量突破5亿。"
        None if matches!(*scale, "万" | "亿" | "万亿") && ends_quantity(s, k) => {
            Some((k, UnitKind::Count))
        }
        None => None,
    }
}

/// Nothing more of the quantity follows: the clause ends or a comparator word does.
fn ends_quantity(s: &[char], k: usize) -> bool {
    match s.get(k) {
        None => true,
        Some(',' | '。' | ';' | '、' | ')' | '(' | '!' | '|') => true,
        Some(_) => ["以上", "左右", "以内", "以下"]
            .iter()
            .any(|w| starts(s, k, w)),
    }
}

/// A span of time is a target only when promised as a result: shortened to it
/// (`压缩至3周以内`) or met within it (`48小时内放行`); `30天内,组织评估` sets a period.
fn promised_time(s: &[char], a: usize, i: usize, unit_end: usize) -> bool {
    let shortened = SHORTENING_WORDS
        .ending_at(s, i)
        .any(|w| i >= a + w.chars().count());
    if shortened {
        return true;
    }
    // Years and months within which something is done are deadlines, not results.
    if unit_end == 0 || matches!(s.get(unit_end - 1), Some('年' | '月')) {
        return false;
    }
    let within = ["以内", "之内", "内"]
        .iter()
        .find(|w| starts(s, unit_end, w))
        .map(|w| unit_end + w.chars().count());
    // "报告书14个工作日内、报告表7个工作日内完成审批": a list of times shares the verb
    // after its last item.
    let within = within.map(|mut k| {
        while s.get(k) == Some(&'、') {
            match (k + 1..s.len()).find(|&j| s[j] == '内') {
                Some(j) if !s[k + 1..j].iter().any(|c| matches!(c, '。' | ',' | ';')) => k = j + 1,
                _ => break,
            }
        }
        k
    });
    within.is_some_and(|k| RESULT_VERBS.prefix_at(s, k).is_some())
}

/// The Chinese numerals a quantity may be written in.
const CN_NUMERALS: [char; 17] = [
    '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千', '万',
    '亿',
];

/// [`CN_NUMERALS`] but 〇 as bits over the CJK block: one look-up a char (this runs
/// at every char of a region, most of them hanzi).
static CN_NUMERAL_BITS: [u64; 328] = crate::lex::chars::han_bits(&CN_NUMERALS);

fn is_cn_numeral_char(c: char) -> bool {
    crate::lex::chars::in_han_bits(&CN_NUMERAL_BITS, c) || c == '〇'
}

/// After `N次`: the count names a session (五次、六次全会), not a quantity (召开3次会议 is).
fn names_a_session(s: &[char], mut k: usize) -> bool {
    const MEETINGS: &[&str] = &["全会", "全体会议", "代表大会"];
    loop {
        if MEETINGS.iter().any(|w| starts(s, k, w)) {
            return true;
        }
        // "、六次" continues a list of sessions.
        if s.get(k) != Some(&'、') {
            return false;
        }
        let Some(n) = number_at(s, k + 1) else {
            return false;
        };
        if s.get(k + 1 + n.len) != Some(&'次') {
            return false;
        }
        k += n.len + 2;
    }
}

/// Number-with-unit candidates in `s[a..b]` (one clause).
/// `quoted[k]` tells whether `s[q_off + k]` is inside quotes.
fn candidates(s: &[char], a: usize, b: usize, quoted: &[bool], q_off: usize) -> Vec<Candidate> {
    let mut out = vec![];
    let mut i = a;
    // Within a list of places after 向 (see `destination` below).
    let mut to_places = false;
    while i < b {
        // A quantity starts at a digit, a numeral or a bare 百/千: other chars, most of a
        // clause, are passed over before any look at their context.
        let c = s[i];
        if !(c.is_ascii_digit() || matches!(c, '百' | '千') || may_start_chinese(c)) {
            i += 1;
            continue;
        }
        let prev = if i > a { Some(s[i - 1]) } else { None };
        let fresh = match prev {
            Some(p) => !p.is_ascii_digit() && p != '.' && !is_cn_numeral_char(p),
            None => true,
        };
        // "突破百项", "培育千家": a bare 百/千 after a verb of result is 100/1000.
        let round = match s[i] {
            '百' => Some(100.0),
            '千' => Some(1000.0),
            _ => None,
        }
        .filter(|_| fresh && i > a && ROUND_NUMBER_VERBS.suffix_at(s, i).is_some())
        // "培育千家", and "用户超千万", "突破百亿元": a scale word then the unit.
        .filter(|_| {
            MEASURE_WORDS.prefix_at(&s[..b], i + 1).is_some()
                || (matches!(s.get(i + 1), Some('万' | '亿')) && unit_at(&s[..b], i + 1).is_some())
        })
        .map(|value| Num {
            value,
            len: 1,
            chinese: false,
            percent: false,
        });
        let Some(num) = round.or_else(|| fresh.then(|| number_at(&s[..b], i)).flatten()) else {
            i += 1;
            continue;
        };
        let Num {
            value,
            len,
            chinese,
            percent,
        } = num;
        let next = i + len;
        // Counts of things already named (等6类, 上述12类), and a count of kinds that
        // sums up the list right before it (电冰箱、洗衣机、电视机4类).
        let kinds = matches!(s.get(next), Some('类' | '种'))
            && !["以上", "以内", "左右", "以下"]
                .iter()
                .any(|w| starts(s, next + 1, w));
        let listed = kinds
            && ((s[a..i].iter().filter(|c| **c == '、').count() >= 2
                && prev.is_some_and(|p| p == ')' || crate::lex::chars::is_han(p)))
                // "低保、孤儿等6类困难群体": 等 sums up the kinds just listed.
                || (prev == Some('等') && s[a..i].contains(&'、')));
        // "三类人员", "两类经营主体": kinds counted in words name groups, not amounts.
        let named_kinds = kinds && chinese;
        // "向两个新城区、三个城市副中心配置": places counted in words where the work goes
        // are places that exist, not deliverables.
        let destination = chinese && (prev == Some('向') || (prev == Some('、') && to_places));
        to_places = destination || (to_places && prev == Some('、'));
        // "实施千名博士引进工程": a count in words that runs into 工程 names a programme.
        let programme = !s[i].is_ascii_digit()
            && (next..b.min(next + 12))
                .take_while(|&k| crate::lex::chars::is_han(s[k]))
                .any(|k| starts(&s[..b], k, "工程"));
        if COUNT_REFERENCES.suffix_at(s, i).is_some_and(|_| i > a)
            || listed
            || named_kinds
            || destination
            || programme
        {
            i = next;
            continue;
        }
        // Codes (`SJC1-0013单元`, `PM2.5`): digits right after a Latin letter are part of
        // a name, up to the end of the code; and a number written with a leading zero
        // (`石门二路01单元`, `003号`) is a code too.
        let zero_led = s[i] == '0' && s.get(i + 1).is_some_and(|c| c.is_ascii_digit());
        if prev.is_some_and(|p| p.is_ascii_alphabetic()) || zero_led {
            i = (i..b)
                .find(|&k| !(s[k].is_ascii_alphanumeric() || matches!(s[k], '-' | '.' | '_')))
                .unwrap_or(b)
                .max(next);
            continue;
        }
        // Counts in names and ordinals: 第二轮, “1+9”, 1号线.
        // "按第2、3条执行": every number of a 第… list is an ordinal.
        let ordinal_list = prev == Some('、')
            && s[a..i]
                .iter()
                .rev()
                .find(|c| !(c.is_ascii_digit() || is_cn_numeral_char(**c) || **c == '、'))
                == Some(&'第');
        if quoted.get(i - q_off).copied().unwrap_or(false)
            || prev == Some('第')
            || ordinal_list
            // "九届五次全会": the number after 届 is a session.
            || prev == Some('届')
            || prev == Some('+')
            || s.get(next) == Some(&'+')
            // "一批", "一个平台": 一 is a way of speaking, unless a bound promises it
            // ("全年不少于一场").
            || (chinese
                && value <= 1.0
                && !["不少于", "至少", "不低于"]
                    .iter()
                    .any(|w| ends_with(s, i, w))
                // "一至两名": the low end of a range.
                && !(matches!(s.get(next), Some('至' | '到' | '-' | '~'))
                    && number_at(&s[..b], next + 1).is_some_and(|n| n.chinese)))
        {
            i = next;
            continue;
        }
        let mut j = next;
        let mut value_max = None;
        if let Some(&sep) = s
            .get(j)
            .filter(|c| matches!(c, '-' | '~' | '—' | '至' | '到'))
        {
            if let Some(second) = number_at(&s[..b], j + 1).filter(|n| n.chinese == chinese) {
                if second.value > value || sep == '-' {
                    value_max = Some(second.value);
                    j += 1 + second.len;
                }
            }
        }
        // "3%-5%", "3家至5家": the unit written after each bound is one range.
        if value_max.is_none() {
            if let Some((ue, _)) = unit_at(&s[..b], j) {
                let sep = s
                    .get(ue)
                    .is_some_and(|c| matches!(c, '-' | '~' | '—' | '至' | '到'));
                if let Some(second) =
                    number_at(&s[..b], ue + 1).filter(|n| sep && n.chinese == chinese)
                {
                    let after = ue + 1 + second.len;
                    let same_unit = s.get(after..after + (ue - j)) == Some(&s[j..ue]);
                    if same_unit && second.value > value {
                        value_max = Some(second.value);
                        j = after;
                    }
                }
            }
        }
        let mut comparator = None;
        if matches!(s.get(j), Some('余') | Some('多')) {
            comparator = Some(Comparator::AtLeast);
            j += 1;
        }
        let unit_start = j;
        let unit = if percent {
            Some((j, UnitKind::Count))
        } else {
            unit_at(&s[..b], j)
        };
        let Some((unit_end, kind)) = unit else {
            i = next;
            continue;
        };
        if kind == UnitKind::Time && !promised_time(&s[..b], a, i, unit_end) {
            i = next;
            continue;
        }
        // "三位一体", "二次招商", "三个方面", "三种类型": ways of speaking, not quantities.
        const ABSTRACT: &[&str] = &[
            "一体", "方面", "类型", "层面", "领域", "环节", "维度", "途径", "方式", "模式", "渠道",
            "层次", "阶段", "机制", "体系", "特点", "意识", "自信", "全面", "战略", "原则", "理念",
            "结合", "同步", "层级",
        ];
        if ABSTRACT.iter().any(|w| starts(&s[..b], unit_end, w))
            || (chinese && s[i] == '二' && starts(s, i + 1, "次"))
            || (s[unit_start..unit_end] == ['次'] && names_a_session(s, unit_end))
        {
            i = unit_end;
            continue;
        }
        // "2.1种子播前处理", "14.1种子初加工机械": a fraction of things counted whole, run
        // into a name with nothing it is per, numbers an item of a list.
        if value.fract() != 0.0
            && WHOLE_COUNT_UNITS.is_whole(&s[unit_start..unit_end])
            && s.get(unit_end)
                .is_some_and(|c| crate::lex::chars::is_han(*c))
            && !s[a..b].iter().any(|c| matches!(c, '每' | '均'))
            && !contains(&s[a..b], "人口")
            && !contains(&s[a..b], "千人")
        {
            i = unit_end;
            continue;
        }
        // "沿用65个基础性指标", "新增34个指标", "三部分内容": counts of the plan's own
        // indicators and parts, not commitments.
        let generic = matches!(s.get(unit_start..unit_end), Some(['个'] | ['项']));
        if starts(s, next, "部分")
            || starts(s, next, "个部分")
            || (generic
                && (0..=3).any(|m| {
                    s.get(unit_end..unit_end + m)
                        .is_some_and(|w| w.iter().all(|c| crate::lex::chars::is_han(*c)))
                        && starts(&s[..b], unit_end + m, "指标")
                }))
        {
            i = unit_end;
            continue;
        }
        let mut k = unit_end;
        let mut suffix = false;
        // "10名(个)以上": a second measure word in brackets.
        if s.get(k) == Some(&'(') {
            if let Some(w) = MEASURE_WORDS.prefix_at(&s[..b], k + 1) {
                let close = k + 1 + w.chars().count();
                if s.get(close) == Some(&')') && close < b {
                    k = close + 1;
                }
            }
        }
        // "48小时内放行": within the time.
        if kind == UnitKind::Time && starts(&s[..b], k, "内") {
            comparator = Some(Comparator::AtMost);
            suffix = true;
            k += 1;
        }
        for (w, c) in [
            ("以上", Comparator::AtLeast),
            ("左右", Comparator::About),
            ("以内", Comparator::AtMost),
            ("之内", Comparator::AtMost),
            ("以下", Comparator::AtMost),
        ] {
            if starts(&s[..b], k, w) {
                comparator = Some(c);
                suffix = true;
                k += w.chars().count();
                break;
            }
        }
        if comparator.is_none() {
            // A negated word before the word it ends with: 不超过 before 超过.
            for (w, c) in [
                ("不超过", Comparator::AtMost),
                ("不高于", Comparator::AtMost),
                ("不少于", Comparator::AtLeast),
                ("不低于", Comparator::AtLeast),
                ("大于", Comparator::AtLeast),
                ("≥", Comparator::AtLeast),
                (">", Comparator::AtLeast),
                ("≤", Comparator::AtMost),
                ("<", Comparator::AtMost),
                ("小于", Comparator::AtMost),
                ("超过", Comparator::AtLeast),
                ("突破", Comparator::AtLeast),
                ("至少", Comparator::AtLeast),
                ("多于", Comparator::AtLeast),
                ("高于", Comparator::AtLeast),
                ("低于", Comparator::AtMost),
                ("少于", Comparator::AtMost),
                ("控制在", Comparator::AtMost),
                ("逾", Comparator::AtLeast),
                ("超", Comparator::AtLeast),
                ("约", Comparator::About),
                ("近", Comparator::About),
            ] {
                if ends_with(s, i, w) && i >= a + w.chars().count() {
                    comparator = Some(c);
                    break;
                }
            }
            // "至少培育1家", "不少于新建3个": the bound stands before the verb.
            // "至少有1所": and before 有.
            let bound_before_verb = (1..=3).find_map(|v| {
                let at = i.checked_sub(v)?;
                ["至少", "不少于"]
                    .iter()
                    .any(|w| ends_with(s, at, w) && at >= a + w.chars().count())
                    .then_some(Comparator::AtLeast)
            });
            // "不低于居住用地供应总量的70%": the bound stands before what the share is of.
            let bound_before_whole = (prev == Some('的'))
                .then(|| {
                    [
                        ("不低于", Comparator::AtLeast),
                        ("不高于", Comparator::AtMost),
                    ]
                    .into_iter()
                    .find(|(w, _)| {
                        (a..i).rev().take(16).any(|at| {
                            starts(&s[..i], at, w)
                                && s[at..i].iter().all(|c| crate::lex::chars::is_han(*c))
                        })
                    })
                    .map(|(_, c)| c)
                })
                .flatten();
            comparator = comparator.or(bound_before_verb).or(bound_before_whole);
        }
        // "城南、城北等8个城中村改造项目": 等 sums up the names just listed; a bound after it
        // (`众创空间、创新工场等10家以上`) promises more than the list.
        let sums_up_list = prev == Some('等') && s[a..i].contains(&'、') && comparator.is_none();
        if is_class_bound(&s[..b], a, i, unit_end, k) || sums_up_list {
            i = k.max(i + 1);
            continue;
        }
        let comparator = if value_max.is_some() {
            Comparator::Range
        } else {
            comparator.unwrap_or(Comparator::Exact)
        };
        out.push(Candidate {
            start: i,
            end: k,
            value,
            value_max,
            unit: (unit_start, unit_end),
            comparator,
            suffix,
        });
        i = k.max(i + 1);
    }
    // "10亿元以上企业达到12家": a bound that qualifies a later count is not a target.
    let n = out.len();
    // "由235家增加到400家": the number after 由/从 is the base, not the target.
    let keep: Vec<bool> = (0..n)
        .map(|x| {
            // "2家以上年销售收入达500亿元的企业": the amount before 的 qualifies the
            // count, not the other way round.
            let next_unlisted = out.get(x + 1).is_some_and(|next| {
                let qualifies_this =
                    is_money(s, next) && !is_money(s, &out[x]) && s.get(next.end) == Some(&'的');
                !s[out[x].end..next.start].contains(&'、') && !qualifies_this
            });
            let from = if x == 0 { a } else { out[x - 1].end };
            let base = s[from..out[x].start]
                .iter()
                .any(|c| matches!(c, '由' | '从'));
            !((out[x].suffix && out[x].comparator != Comparator::About || base) && next_unlisted)
        })
        .collect();
    out.into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(c, _)| c)
        .collect()
}

/// Words that end the name of a share (`参保率`, `占比`): a count before one, in the
/// same clause as the share, is part of what the share is of.
const RATE_NAME_ENDS: &[&str] = &["率", "比例", "比重", "占比"];

/// Whether the last of `found` picks out what is counted rather than promising a number:
/// a count before 以上的/以下的 after a short noun (`200张床位以上的`, `1万名老人以上的`), or
/// one right before 的 that follows another count (`1个100平方米以上的`). Shares are
/// promised (`预留30%的号源`).
fn picks_out(s: &[char], found: &[Candidate], cb: usize) -> bool {
    let Some(c) = found.last() else {
        return false;
    };
    if is_share(s, c) {
        return false;
    }
    let after_count = found.len() > 1 && found[found.len() - 2].end == c.start;
    if s.get(c.end) == Some(&'的') {
        return after_count;
    }
    (1..=4).any(|n| {
        let j = c.end + n;
        j < cb
            && s[c.end..j]
                .iter()
                .all(|&x| crate::lex::chars::is_han(x) && x != '的')
            && ["以上的", "以下的", "及以上的"]
                .iter()
                .any(|w| starts(&s[..cb], j, w))
    })
}

/// `开采深度超过1200米的煤矿`, `3.8米直径`: a measurement that picks out a class of things.
fn is_class_bound(s: &[char], a: usize, i: usize, unit_end: usize, end: usize) -> bool {
    // The measurement may stand up to three chars before the number: `深度超过`, `长度为`.
    let named_before = (0..=3).any(|m| i >= a + m && DIMENSION_WORDS.suffix_at(s, i - m).is_some());
    let named_after = DIMENSION_WORDS
        .words()
        .iter()
        .any(|w| starts(s, unit_end, w));
    // "投入达到或超过1亿元/年的企业": an amount of money that qualifies the noun after
    // 的 names who is meant, not what is promised (counts and shares before 的 count).
    let unit = s.get(i..unit_end).unwrap_or(&[]);
    let amount = per_unit(unit).0.last() == Some(&'元');
    let per = ["/年", "/月", "/人"].iter().any(|w| starts(s, end, w)) as usize * 2;
    // Only a rate (元/年) says so: "投融资总规模达500亿元的项目" promises the sum.
    let rate = (per > 0 && s.get(end + per) == Some(&'的'))
        || (!per_unit(unit).1.is_empty() && s.get(end) == Some(&'的'));
    let qualifies = amount && rate;
    // "超千亿元级产业集群", "10万吨级泊位": a size class of what is counted, not a count.
    let size_class = s.get(end) == Some(&'级');
    // "站点周边50米内", "学校周围200米范围内": a distance that draws where work is done.
    let distance = (unit.last() == Some(&'米') && !unit.contains(&'平') && !unit.contains(&'立'))
        || ends_with(unit, unit.len(), "公里");
    // `范围` covers `范围内`.
    let within = starts(s, end, "内") || starts(s, end, "范围") || ends_with(s, end, "以内");
    let around = ["周边", "周围", "半径", "沿线", "两侧"]
        .iter()
        .any(|w| (0..=2).any(|m| i >= a + m + 2 && ends_with(s, i - m, w)));
    let scope = distance && within && around;
    (named_before && s.get(end) == Some(&'的')) || named_after || qualifies || size_class || scope
}

/// A rate's unit and what it is per: `万元/年` → (`万元`, `年`); a plain unit, (it, ``).
fn per_unit(unit: &[char]) -> (&[char], &[char]) {
    match unit.iter().position(|c| matches!(c, '/' | '／')) {
        Some(k) => (&unit[..k], &unit[k + 1..]),
        None => (unit, &[]),
    }
}

/// An amount of money (`500亿元`, `50万元/亩`).
fn is_money(s: &[char], c: &Candidate) -> bool {
    per_unit(s.get(c.unit.0..c.unit.1).unwrap_or(&[])).0.last() == Some(&'元')
}

/// A share: `30%`, `5‰`.
fn is_share(s: &[char], c: &Candidate) -> bool {
    let unit = s.get(c.unit.0..c.unit.1).unwrap_or(&[]);
    unit.is_empty() || matches!(unit.last(), Some('%' | '‰'))
}

/// Money, a share or a multiple: what funding rules set (`20万元`, `30%`, `2倍`).
fn is_amount_or_rate(s: &[char], c: &Candidate) -> bool {
    let unit = per_unit(s.get(c.unit.0..c.unit.1).unwrap_or(&[])).0;
    unit.is_empty()
        || matches!(unit.last(), Some('元' | '%' | '‰' | '倍'))
        || ends_with(unit, unit.len(), "百分点")
}

/// Chars inside “…” or 《…》: counts in names. A quote that holds a clause
/// (`实现“引进人才达到2000名左右,…”的目标`) quotes goals, not a name; an ASCII `"`
/// closes a `“` (exports mix them); no quote runs past the end of a sentence.
fn quoted_mask(s: &[char]) -> Vec<bool> {
    let mut mask = vec![false; s.len()];
    let mut quote: Option<usize> = None;
    let mut book: Option<usize> = None;
    for (i, c) in s.iter().enumerate() {
        if !crate::lex::chars::may_be_mark(*c) {
            continue;
        }
        match c {
            '“' | '「' if quote.is_none() => quote = Some(i),
            '"' if quote.is_none() => quote = Some(i),
            '”' | '」' | '"' => {
                if let Some(open) = quote.take() {
                    let inner = s.get(open + 1..i).unwrap_or(&[]);
                    if !inner.contains(&',') {
                        mask[open..=i].iter_mut().for_each(|m| *m = true);
                    }
                }
            }
            '《' if book.is_none() => book = Some(i),
            '》' => {
                if let Some(open) = book.take() {
                    mask[open..=i].iter_mut().for_each(|m| *m = true);
                }
            }
            '。' | ';' | '!' | '?' => {
                quote = None;
                book = None;
            }
            _ => {}
        }
    }
    mask
}

/// The clauses of `s[a..b]` (cut at top-level punctuation), each with the char that
/// ends it (`。` for the last), empty ones left out; read as the caller walks them.
fn clauses(s: &[char], a: usize, b: usize) -> impl Iterator<Item = (usize, usize, char)> + '_ {
    let mut start = a;
    let mut depth = 0;
    let mut i = a;
    let mut last_given = false;
    std::iter::from_fn(move || {
        while i < b.min(s.len()) {
            let c = s[i];
            i += 1;
            if !crate::lex::chars::may_be_mark(c) {
                continue;
            }
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                c if depth <= 0 && matches!(c, ',' | ';' | '。' | ':' | '!' | '?' | '|') => {
                    let clause = (start, i - 1, c);
                    start = i;
                    if clause.1 > clause.0 {
                        return Some(clause);
                    }
                }
                _ => {}
            }
        }
        if last_given {
            return None;
        }
        last_given = true;
        (b > start).then_some((start, b, '。'))
    })
}

/// The sentences of `s[a..b]`, each with its closing mark; read as the caller walks them.
fn sentences(s: &[char], a: usize, b: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = a;
    let mut i = a;
    std::iter::from_fn(move || {
        while i < b.min(s.len()) {
            let c = s[i];
            i += 1;
            if crate::lex::chars::may_be_mark(c) && matches!(c, '。' | '!' | '?' | ';') {
                let sentence = (start, i);
                start = i;
                return Some(sentence);
            }
        }
        if start < b {
            let rest = (start, b);
            start = b;
            return Some(rest);
        }
        None
    })
}

pub struct Context<'a> {
    pub doc: &'a Document,
    pub outline: &'a Outline,
    pub plan_year: Option<i32>,
    pub parts: &'a period::Parts,
}

/// What the targets of one run of text share.
pub struct Region {
    pub block: usize,
    pub a: usize,
    pub b: usize,
    pub node: Option<usize>,
    pub measure: Option<String>,
    /// A year the section gives when the sentence gives none.
    pub fallback_year: Option<YearHit>,
    /// Outside goal sections and measures, only sentences that name a due-year
    /// (`到2020年,…达到50家`) state goals.
    pub due_only: bool,
}

/// Targets from goal sections (text and tables), from goal sentences in the
/// preamble and principles, and from the measures' own text.
pub fn collect(
    doc: &Document,
    outline: &Outline,
    extracted: &crate::measures::Extracted,
    plan_year: Option<i32>,
) -> Vec<Target> {
    let parts = period::Parts::find(doc, outline);
    let ctx = Context {
        doc,
        outline,
        plan_year,
        parts: &parts,
    };
    let mut found = vec![];
    // 指标表 rows with bare numbers first (in goal sections, appendices, anywhere but
    // background); their rows are not read again below.
    let table_cells: Vec<(usize, Option<usize>)> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(b, block)| {
            block.kind == crate::text::BlockKind::Cell && !outline.in_background(*b)
        })
        .map(|(b, _)| (b, outline.owner[b]))
        .collect();
    let mut prose_cells = vec![];
    let mut table_rows = table::extract(
        doc,
        outline,
        &parts,
        &table_cells,
        &mut found,
        &mut prose_cells,
    );
    table_rows.extend(table::extract_cell_lines(doc, outline, &parts, &mut found));
    table_rows.sort_unstable();
    let quantity_rows =
        table::extract_quantity_lines(doc, outline, &parts, &table_rows, &mut found);
    table_rows.extend(quantity_rows);
    table_rows.sort_unstable();
    let whole = |block: usize,
                 a: usize,
                 node: Option<usize>,
                 fallback_year: Option<YearHit>,
                 due_only: bool| Region {
        block,
        a,
        b: doc.blocks[block].chars.len(),
        node,
        measure: None,
        fallback_year,
        due_only,
    };
    // A goals section's year, once per outermost goals section (it reads the section).
    let mut goals_years: crate::lex::hash::FastMap<usize, Option<YearHit>> =
        crate::lex::hash::FastMap::default();
    for (n, node) in outline.nodes.iter().enumerate() {
        // A goal line inside a goals section states goals, whatever its own words
        // suggest ("——基础能力进一步夯实").
        let under_goals = node.kind != SectionKind::Principles
            && outline
                .upward(n)
                .any(|a| outline.nodes[a].kind == SectionKind::Goals);
        let kind = if under_goals {
            SectionKind::Goals
        } else {
            node.kind
        };
        let (fallback, due_only) = match kind {
            SectionKind::Goals => {
                let year = goals_top(outline, n).and_then(|top| {
                    *goals_years
                        .entry(top)
                        .or_insert_with(|| top_goals_year(doc, outline, top))
                });
                (year, false)
            }
            SectionKind::Principles => (None, true),
            _ => continue,
        };
        let mut regions = vec![];
        if kind == SectionKind::Goals && node.children.is_empty() {
            // "1.地区生产总值增长6%。": a numbered goal states it in its title too.
            regions.push((node.block, node.marker.len));
        } else if let Some(from) = node.inline_from {
            regions.push((node.block, from));
        }
        regions.extend(
            node.body
                .iter()
                .chain(node.cells.iter())
                .filter(|b| table_rows.binary_search(b).is_err())
                .map(|&b| (b, 0)),
        );
        for (block, a) in regions {
            let before = found.len();
            extract_region(
                &ctx,
                &whole(block, a, Some(n), fallback, due_only),
                &mut found,
            );
            // A table laid out one cell per line: the indicator is the cell above.
            let prev = block.checked_sub(1).map(|p| &doc.blocks[p]);
            if let Some(p) = prev.filter(|p| {
                p.kind == crate::text::BlockKind::Cell
                    && doc.blocks[block].kind == crate::text::BlockKind::Cell
            }) {
                if !p.chars.iter().any(|c| c.is_ascii_digit()) {
                    for f in found[before..]
                        .iter_mut()
                        .filter(|f| f.indicator.is_empty())
                    {
                        f.indicator = doc
                            .display(p.start, p.end)
                            .trim_end_matches(['|', ' '])
                            .to_string();
                    }
                }
            }
        }
    }
    // Tables that state targets in words: each value cell reads like a sentence, dated
    // by the table's title ("…指标体系（2023年版）") when the cell names no year.
    for cell in &prose_cells {
        let title_year = doc.blocks[..cell.header]
            .iter()
            .rev()
            .find(|b| b.kind == crate::text::BlockKind::Para)
            .and_then(|b| years::period(&b.chars))
            .map(|p| YearHit::Year(p.end));
        let r = Region {
            block: cell.block,
            a: cell.a,
            b: cell.b,
            node: cell.node,
            measure: None,
            fallback_year: title_year,
            due_only: false,
        };
        extract_region(&ctx, &r, &mut found);
    }
    // The preamble, before the first heading.
    for (b, block) in doc.blocks.iter().enumerate() {
        if outline.owner[b].is_none()
            && block.kind == crate::text::BlockKind::Para
            && table_rows.binary_search(&b).is_err()
        {
            extract_region(&ctx, &whole(b, 0, None, None, true), &mut found);
        }
    }
    for (m, ranges) in extracted.measures.iter().zip(&extracted.ranges) {
        let node = outline
            .owner
            .get(ranges.first().map(|r| r.0).unwrap_or(0))
            .copied()
            .flatten();
        // A section's year is read once per section (the outline keeps it).
        let fallback = node
            .and_then(|n| outline::section_year(doc, outline, n))
            .map(YearHit::Year);
        for &(block, a, b) in ranges {
            if table_rows.binary_search(&block).is_ok() {
                continue;
            }
            let a = title_start(doc, outline, m, block, a);
            let r = Region {
                block,
                a,
                b,
                node,
                measure: Some(m.id.clone()),
                fallback_year: fallback,
                due_only: false,
            };
            extract_region(&ctx, &r, &mut found);
        }
    }
    // Project and task tables whose content cells state deliverables in words; a cell
    // read above as (part of) a measure keeps that reading.
    for (block, year) in table::content_cell_lines(doc, outline) {
        if outline.in_background(block) || table_rows.binary_search(&block).is_ok() {
            continue;
        }
        let owner = outline.owner[block];
        extract_region(&ctx, &whole(block, 0, owner, year, false), &mut found);
    }
    // A stable sort's buffer (half the targets) only when they are out of order.
    if !found.is_sorted_by_key(|f| f.span) {
        found.sort_by_key(|f| f.span);
    }
    // A passage read both as a goal line and as a measure gives one target.
    found.dedup_by(|later, earlier| later.span == earlier.span);
    // An annex table that restates the body word for word promises nothing new; a
    // goal repeated in a measure's prose, or another document of the file, still counts.
    let block_of = |offset: usize| {
        doc.blocks
            .partition_point(|b| b.start <= offset)
            .saturating_sub(1)
    };
    let mut seen: crate::lex::hash::FastSet<(usize, &str, u64, &str, Comparator)> =
        crate::lex::hash::FastSet::with_capacity_and_hasher(found.len(), Default::default());
    let restated: Vec<bool> = found
        .iter()
        .map(|f| {
            let block = block_of(f.span[0]);
            let key = (
                parts.start_of(block),
                f.text.as_str(),
                f.value.to_bits(),
                f.unit.as_str(),
                f.comparator,
            );
            let in_table = doc
                .blocks
                .get(block)
                .is_some_and(|b| b.kind == crate::text::BlockKind::Cell);
            let again = in_table && f.text.chars().count() >= 12 && seen.contains(&key);
            seen.insert(key);
            again
        })
        .collect();
    let mut restated = restated.into_iter();
    found.retain(|_| !restated.next().unwrap_or(false));
    found
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            f.id = crate::lex::numbers::id('t', i + 1);
            f
        })
        .collect()
}

/// Where a measure's range in its heading block starts being read for targets: a
/// measure that opens with its heading's title sentence (`3.建设3个产业园。推动…`)
/// promises what that title says too, so the title is read with the text after it
/// when it counts in figures: a count spelt in words in a title names a set
/// (`梳理三张清单`, `落实两个责任`).
fn title_start(
    doc: &Document,
    outline: &Outline,
    m: &crate::model::Measure,
    block: usize,
    a: usize,
) -> usize {
    let Some(node) = outline.owner.get(block).copied().flatten() else {
        return a;
    };
    let node = &outline.nodes[node];
    let opens_measure = doc.blocks.get(block).is_some_and(|b| b.start == m.span[0]);
    let title = doc.blocks[block]
        .chars
        .get(node.marker.len..a)
        .unwrap_or(&[]);
    let in_figures = title.iter().any(|c| c.is_ascii_digit());
    if node.block == block && opens_measure && node.inline_from == Some(a) && in_figures {
        node.marker.len.min(a)
    } else {
        a
    }
}

pub fn extract_region(ctx: &Context, r: &Region, out: &mut Vec<Target>) {
    let block = &ctx.doc.blocks[r.block];
    let s = &block.chars;
    // Most text holds no quantity: find candidates first, judge context only then.
    if !s[r.a..r.b]
        .iter()
        .any(|c| c.is_ascii_digit() || is_cn_numeral_char(*c))
    {
        return;
    }
    // Quotes are tracked within the region: work stays proportional to it.
    let quoted = quoted_mask(&s[r.a..r.b]);
    let mut para_year: Option<Option<YearHit>> = None;
    // "2027年前,实现…。推动5款以上…。2030年前,…": a clause is due by the last year
    // named before it in its paragraph.
    let mut running_year: Option<YearHit> = None;
    for (sa, sb) in sentences(s, r.a, r.b) {
        // A sentence without a digit or a numeral holds no quantity and names no year:
        // nothing in it is read, nothing carries on from it.
        if !s[sa..sb]
            .iter()
            .any(|c| c.is_ascii_digit() || is_cn_numeral_char(*c))
        {
            continue;
        }
        let mut sentence_year: Option<Option<YearHit>> = None;
        // "目前…已基本到位,…提升至900吨/日", "据统计,本区…近200吨": a sentence that opens
        // on the present describes it throughout, unless it names a due-year.
        let lead = s[sa..sb]
            .iter()
            .position(|c| !c.is_whitespace())
            .map_or(sb, |p| sa + p);
        if PRESENT_OPENINGS.iter().any(|w| starts(&s[..sb], lead, w))
            && years::find(&s[sa..sb], false).is_none()
        {
            continue;
        }
        // "范围东至…,南至…,西至…,面积约8.6平方公里": the bounds and size of a place describe it.
        let bound_at = |w: &&str| (sa..sb).find(|&p| starts(&s[..sb], p, w));
        // Two bound words hold two 至: most sentences are passed over by that count.
        let bounds: Vec<usize> = if s[sa..sb].iter().filter(|c| **c == '至').nth(1).is_some() {
            BOUND_WORDS.iter().filter_map(bound_at).collect()
        } else {
            vec![]
        };
        let described_from = (bounds.len() >= 2)
            .then(|| bounds.iter().min().copied())
            .flatten();
        // "2015年,全区企业达到235家,到2020年达到400家": a past year governs the
        // clauses after it until a due-year takes over.
        let mut past = false;
        // "现有…1920万吨,其中,政府…420万吨,社会…1500万吨": a breakdown of a past figure
        // is past too. The clause before: its range, whether a breakdown of the past goes
        // on through it, and whether it names the past, asked only when a clause needs
        // to know (a breakdown after it, or a candidate in it).
        let mut prev: (usize, usize, bool, Option<bool>) = (sa, sa, false, Some(false));
        for (ca, cb, term) in clauses(s, sa, sb) {
            let breakdown = starts(&s[ca..cb], 0, "其中");
            let after_past = breakdown && {
                let (pa, pb, carry, about) = prev;
                carry || about.unwrap_or_else(|| names_the_past(&s[pa..pb]))
            };
            if after_past {
                past = true;
            }
            prev = (ca, cb, after_past, None);
            let mentions_time = s[ca..cb]
                .iter()
                .any(|c| matches!(c, '年' | '五' | 'X' | 'x'));
            let clause_year = if mentions_time {
                years::find(&s[ca..cb], false)
                    .or_else(|| later_bare_year(&s[ca..cb], ctx.plan_year))
            } else {
                None
            };
            if !mentions_time {
                // No year here: the past/due context carries over unchanged.
            } else if clause_year.is_some() {
                past = false;
                running_year = clause_year;
            } else if ctx
                .plan_year
                .is_some_and(|p| years::reported_years(&s[ca..cb]).any(|y| y < p))
            {
                past = true;
            }
            if past || described_from.is_some_and(|p| cb > p) {
                continue;
            }
            // "三个平台:" introduces a list, it does not promise a number.
            if term == ':' {
                continue;
            }
            // "连续两次评估结果较差的,终止…": a clause ending in 的 names a case, not a result.
            if term == ',' && s.get(cb.wrapping_sub(1)) == Some(&'的') {
                continue;
            }
            let clause = &s[ca..cb];
            // "得分=日常监测(60%)+…" is a formula; "针对…的2034种商品" names a scope.
            if clause.contains(&'=') || starts(clause, 0, "针对") {
                continue;
            }
            // Every candidate starts at a digit or a Chinese numeral.
            if !clause
                .iter()
                .any(|c| c.is_ascii_digit() || is_cn_numeral_char(*c))
            {
                continue;
            }
            let mut found = candidates(s, ca, cb, &quoted, r.a);
            if found.is_empty() {
                continue;
            }
            // "补助资金用于产业发展的比重力争提高到60%以上": a rule is never striven for, so
            // 力争 makes the share a goal whatever funding the clause names.
            let funding = FUNDING_WORDS.occurs_in_chars(clause)
                || (RATE_WORDS.occurs_in_chars(clause) && !says_reached(clause))
                || sets_by_rule(clause);
            if funding && !contains(clause, "力争") {
                found.retain(|c| !is_amount_or_rate(s, c));
            }
            // "培育2家以上年销售收入达500亿元的企业": after a count, an amount before 的
            // picks out what is counted; the count is the target.
            if let Some(count_end) = found
                .iter()
                .find(|c| !is_amount_or_rate(s, c))
                .map(|c| c.end)
            {
                found.retain(|c| {
                    !(c.start >= count_end && is_money(s, c) && s.get(c.end) == Some(&'的'))
                });
            }
            // "每个区建有1所200张床位以上的养老机构", "1万名老人以上的街(镇)各建有1个…":
            // a quantity before 的 picks out what another quantity of the clause counts.
            let qualifier: Vec<bool> = (0..found.len())
                .map(|x| picks_out(s, &found[..=x], cb))
                .collect();
            if qualifier.contains(&false) {
                let mut q = qualifier.iter();
                found.retain(|_| !q.next().copied().unwrap_or(false));
            }
            // "城乡三项基本医疗保险参保率达到95%以上": a count in the name of the share
            // the clause promises is part of that name.
            if let Some(share) = found.iter().position(|c| is_share(s, c)) {
                let share_start = found[share].start;
                let named = |c: &Candidate| {
                    c.start < share_start
                        && !is_share(s, c)
                        && !s[c.end..share_start]
                            .iter()
                            .any(|&x| x == '、' || x.is_ascii_digit())
                        && RATE_NAME_ENDS
                            .iter()
                            .any(|w| contains(&s[c.end..share_start], w))
                };
                found.retain(|c| !named(c));
            }
            // "对年度纳税额超过500万元的企业,给予…奖励", "面积在100亩及以上至500亩的":
            // in a sentence that grants support, a quantity before 的 says who qualifies.
            if FUNDING_WORDS.occurs_in_chars(&s[sa..sb]) && !contains(&s[sa..sb], "力争") {
                // "选择不超过10个品目…提高补贴额": in a sentence that grants support, an upper
                // bound caps what the support covers.
                found.retain(|c| c.comparator != Comparator::AtMost);
                let eligibility = starts(&s[sa..sb], 0, "对") || starts(clause, 0, "对");
                found
                    .retain(|c| !((is_money(s, c) || eligibility) && s[c.end..cb].contains(&'的')));
            }
            if found.is_empty() {
                continue;
            }
            let about_the_past = names_the_past(clause);
            prev.3 = Some(about_the_past);
            if about_the_past || POLICY_WORDS.occurs_in_chars(clause) {
                continue;
            }
            let sentence = &s[sa..sb];
            // "原则上将…的80%用于…,20%用于…": a rule for the whole sentence.
            if contains(sentence, "原则上") {
                break;
            }
            // Without the plan's own year, a year before the section's due-year is a baseline.
            let horizon = ctx.plan_year.or(match r.fallback_year {
                Some(YearHit::Year(y)) => Some(y),
                _ => None,
            });
            if is_past(sentence, horizon) || (r.due_only && years::find(sentence, false).is_none())
            {
                break;
            }
            let in_sentence = *sentence_year.get_or_insert_with(|| {
                years::find(sentence, false).or_else(|| later_bare_year(sentence, ctx.plan_year))
            });
            // "利用3-5年时间,力争培训约1000名": due after a span, not by a date.
            let span_only = in_sentence.is_none() && years::names_a_span_of_years(sentence);
            let stated = running_year
                .or(in_sentence)
                .or_else(|| *para_year.get_or_insert_with(|| one_year(&s[r.a..r.b])));
            // "“十三五”期间登录文物1.08亿件", read in a plan of 2021: a past total.
            if let (Some(YearHit::Year(y)), Some(plan)) = (stated, ctx.plan_year) {
                if y < plan {
                    continue;
                }
            }
            let (year, year_basis) = match (stated, r.fallback_year) {
                _ if span_only => (None, YearBasis::None),
                (Some(YearHit::Year(y)), _) => (Some(y), YearBasis::Sentence),
                (Some(YearHit::Placeholder), _) => (None, YearBasis::None),
                (None, Some(YearHit::Year(y))) => (Some(y), YearBasis::Section),
                (None, Some(YearHit::Placeholder)) => (None, YearBasis::None),
                (None, None) => match ctx.parts.due_year(r.block) {
                    Some(y) => (Some(y), YearBasis::PlanPeriod),
                    None => (None, YearBasis::None),
                },
            };
            let [ts, te] = block.span(ca, cb);
            let text = ctx.doc.display(ts, te);
            let section = outline::section_path(ctx.doc, ctx.outline, r.node);
            share_trailing_bound(s, &mut found);
            let found_starts: Vec<usize> = found.iter().map(|c| c.start).collect();
            let mut prev_end = ca;
            let mut names_follow = false;
            for c in found {
                let [us, ue] = block.span(c.unit.0, c.unit.1);
                let unit = if c.unit.1 == c.unit.0 {
                    "%".to_string()
                } else {
                    // A unit broken over lines (`元⏎/⏎千瓦时`) is one word.
                    let mut unit = ctx.doc.display(us, ue);
                    unit.retain(|c| !c.is_whitespace());
                    unit
                };
                // After an earlier quantity of the clause, the indicator starts past its 、.
                let mut from = prev_end.min(c.start);
                if from > ca {
                    from = (from..c.start)
                        .rev()
                        .find(|&k| s[k] == '、')
                        .map(|k| k + 1)
                        .unwrap_or(from);
                }
                let [is, ie] = block.span(from, c.start);
                prev_end = c.end;
                // What follows the number up to the next quantity or the clause end.
                let next = found_starts
                    .iter()
                    .copied()
                    .find(|&x| x > c.start)
                    .unwrap_or(cb);
                let [as_, ae] = block.span(c.end, next.max(c.end));
                let before = ctx.doc.shown(is, ie);
                let after = ctx.doc.shown(as_, ae);
                let mut indicator = indicator_text(&before, &after, names_follow);
                // The next quantity of a list names its thing the same way.
                names_follow = !after.trim().is_empty()
                    && after.contains(indicator.as_str())
                    && !before.contains(indicator.as_str());
                // "分别占比达30%、20%和10%": values in a list share the indicator.
                if indicator.chars().count() < 2 {
                    if let Some(prev) = out.last().filter(|p| p.text == text) {
                        indicator = prev.indicator.clone();
                    }
                }
                out.push(Target {
                    id: String::new(),
                    text: text.clone(),
                    indicator,
                    value: c.value,
                    value_max: c.value_max,
                    unit,
                    comparator: c.comparator,
                    year,
                    year_basis,
                    measure: r.measure.clone(),
                    section: section.clone(),
                    span: block.span(c.start, c.end),
                    edited: false,
                });
            }
        }
    }
}

/// `分别达到95%和90%以上`, `新增10家、20家左右`: values listed with only 、/和/及/与 between
/// them and one unit share the bound written after the last.
fn share_trailing_bound(s: &[char], found: &mut [Candidate]) {
    for k in (1..found.len()).rev() {
        let (head, tail) = found.split_at_mut(k);
        let (prev, next) = (&mut head[k - 1], &tail[0]);
        let joined = next.start == prev.end + 1 && matches!(s[prev.end], '、' | '和' | '及' | '与');
        let same_unit = s.get(prev.unit.0..prev.unit.1) == s.get(next.unit.0..next.unit.1);
        if joined
            && same_unit
            && next.suffix
            && !prev.suffix
            && prev.comparator == Comparator::Exact
            && prev.value_max.is_none()
        {
            prev.comparator = next.comparator;
        }
    }
}

/// A plain `2023年` in a target's sentence, not before the plan's own year: `2023年培训计划,培养…`.
fn later_bare_year(sentence: &[char], plan_year: Option<i32>) -> Option<YearHit> {
    let plan = plan_year?;
    years::reported_years(sentence)
        .find(|&y| y >= plan)
        .map(YearHit::Year)
}

/// The due-year of a paragraph that names only one; several leave each sentence its own.
fn one_year(s: &[char]) -> Option<YearHit> {
    let all = years::find_all(s, false);
    let first = *all.first()?;
    all.iter().all(|&h| h == first).then_some(first)
}

/// A sentence about a year before the plan's own, with nothing due in it.
fn is_past(sentence: &[char], plan_year: Option<i32>) -> bool {
    let Some(plan) = plan_year else { return false };
    years::find(sentence, false).is_none() && years::reported_years(sentence).any(|y| y < plan)
}

/// The words that name what is measured: those before the number without the
/// verb ("研发投入强度达到3%"), or, when those are only a verb, the words after
/// it ("走访5-10家高等院校"), as for every quantity of a list whose names follow
/// (`names_follow`: "评选200名技能突出人才和2000名技能重点人才").
fn indicator_text(before: &str, after: &str, names_follow: bool) -> String {
    const VERBS: &[&str] = &[
        "达到",
        "突破",
        "超过",
        "不少于",
        "不低于",
        "不超过",
        "控制在",
        "稳定在",
        "保持在",
        "达",
        "为",
        "约",
        "新增",
        "累计",
        "建成",
        "建设",
        "打造",
        "培育",
        "引进",
        "完成",
        "开展",
        "走访",
        "遴选出",
        "遴选",
        "总结",
        "新建",
        "运行",
        "举办",
        "组织",
        "推动",
        "实现",
        "支持",
        "吸引",
        "形成",
        "提高到",
        "提升到",
        "增加到",
        "下降",
        "增长",
        "与",
        "和",
        "及",
        "共",
        "共计",
        "分别",
        "超",
        "逾",
        "近",
        "大于",
        "小于",
        "高于",
        "低于",
        "不高于",
        "至少",
        "≥",
        "≤",
        ">",
        "<",
    ];
    let trim = |s: &str| {
        s.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '，' | '、' | '(' | '（' | '的' | '|')
        })
        .trim_start_matches([')', '）', '”', '"'])
        .to_string()
    };
    let mut s = before.trim().to_string();
    // The longest word first: "不超过" before "超过".
    while let Some(v) = VERBS
        .iter()
        .filter(|v| s.ends_with(**v))
        .max_by_key(|v| v.len())
    {
        s.truncate(s.len() - v.len());
    }
    let s = trim(&s);
    if s.chars().count() >= 4 && !names_follow {
        return s;
    }
    let tail: String = after.chars().take(30).collect();
    let tail = trim(&tail);
    let tail = tail.trim_end_matches(['和', '与', '及']).to_string();
    if tail.is_empty() {
        s
    } else {
        tail
    }
}

/// The outermost goals section above a node (or the node itself).
fn goals_top(outline: &Outline, node: usize) -> Option<usize> {
    outline
        .upward(node)
        .filter(|&a| outline.nodes[a].kind == SectionKind::Goals)
        .last()
}

/// The year that an outermost goals section (`top`) gives its targets: the one
/// due-year it names. It reads the whole section: callers ask once per section.
fn top_goals_year(doc: &Document, outline: &Outline, top: usize) -> Option<YearHit> {
    let n = &outline.nodes[top];
    let mut first = None;
    for block in doc.blocks.get(n.block..n.end_block).unwrap_or(&[]) {
        for hit in years::find_all(&block.chars, false) {
            match first {
                None => first = Some(hit),
                // Goals staged over several years date only the sentences that name them.
                Some(f) if f != hit => return None,
                Some(_) => {}
            }
        }
    }
    if first.is_some() {
        return first;
    }
    outline::section_year(doc, outline, top).map(YearHit::Year)
}

#[cfg(test)]
mod tests {
    use crate::analyze;
    use crate::model::{Comparator, YearBasis};

    /// value, value_max, unit, comparator, year
    type Row = (f64, Option<f64>, String, Comparator, Option<i32>);

    fn t(s: &str) -> Vec<Row> {
        let text = format!("2016年12月30日\n一、发展目标\n{s}\n");
        analyze(&text)
            .targets
            .into_iter()
            .map(|t| (t.value, t.value_max, t.unit, t.comparator, t.year))
            .collect()
    }

    #[test]
    fn chinese_numerals_are_the_listed_chars() {
        for u in 0..0x11000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            assert_eq!(
                super::is_cn_numeral_char(c),
                super::CN_NUMERALS.contains(&c),
                "{c}"
            );
        }
    }

    #[test]
    fn a_fraction_of_whole_things_run_into_a_name_numbers_an_item() {
        let r = t("到2025年,补贴范围为:\n2.种植施肥机械\n2.1种子播前处理和育苗机械设备\n14.1种子初加工机械");
        assert!(r.is_empty(), "{r:?}");
        // Averages and counts per head are fractions of whole things all the same.
        let r = t("到2025年,每千人口拥有执业医师3.2名以上,户均2.6人。");
        assert_eq!(r.len(), 2, "{r:?}");
        let r = t("到2025年,千人口床位数达到6.5张左右。");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn an_upper_bound_in_a_sentence_granting_support_is_a_cap() {
        let r = t("到2026年,补贴品目实行总量控制,年度总数量不超过10个。选择不超过10个品目的产品提高补贴额。");
        assert!(r.is_empty(), "{r:?}");
        // Outside such a sentence an upper bound is promised; inside it, a count supported.
        let r = t("到2026年,细颗粒物浓度控制在35微克/立方米以内。每年资助500名优秀教师。");
        assert_eq!(r.len(), 2, "{r:?}");
    }

    #[test]
    fn counts_in_names_and_sums_of_a_list_are_no_targets() {
        let r = t("到2025年,推进城南、城北、河西等8个城中村改造项目,完成石门二路01单元和安远路899项目建设。");
        assert!(r.is_empty(), "{r:?}");
        // A bound after the sum promises more than the list; a count of projects stays.
        let r = t("到2025年,建成众创空间、创新工场等10家以上,实施重点项目20个。");
        let v: Vec<(f64, &str)> = r.iter().map(|x| (x.0, x.2.as_str())).collect();
        assert_eq!(v, vec![(10.0, "家"), (20.0, "个")]);
    }

    #[test]
    fn an_amount_qualifying_a_noun_is_no_target() {
        let r =
            t("到2020年,对基础研究投入达到或超过1亿元/年的企业给予支持,培育10家以上的龙头企业。");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2, "家");
        let r = t("到2020年,形成一批投融资总规模达500亿元的项目。");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn a_share_reached_is_a_target_but_a_rate_set_is_not() {
        let r = t("到2020年,社区干部中大专学历比例达到30%,居民参保率超过95%,住院费用报销比例提高到70%左右。");
        let v: Vec<(f64, Comparator)> = r.iter().map(|x| (x.0, x.3)).collect();
        assert_eq!(
            v,
            vec![
                (30.0, Comparator::Exact),
                (95.0, Comparator::AtLeast),
                (70.0, Comparator::About)
            ]
        );
        assert!(t("到2020年,按项目投资额30%的比例给予支持。").is_empty());
        assert!(t("到2020年,个人参保缴费比例为8%。").is_empty());
    }

    #[test]
    fn counts_in_words_that_name_groups_places_or_programmes_are_not_targets() {
        assert!(
            t("到2020年,突出抓好家庭农场和合作社两类经营主体,落实三类人员帮扶措施。").is_empty()
        );
        assert!(t("到2020年,推动优质资源向两个新城区、三个副中心配置。").is_empty());
        assert!(t("到2020年,实施百名专家引进工程。").is_empty());
        // Counted in figures, or a deliverable counted in words, they still are.
        let r = t("到2020年,新建两个文化中心,培育3类以上特色产业,向5个园区派驻服务专员10名。");
        let v: Vec<(f64, &str)> = r.iter().map(|x| (x.0, x.2.as_str())).collect();
        assert_eq!(v, vec![(2.0, "个"), (3.0, "类"), (5.0, "个"), (10.0, "名")]);
    }

    #[test]
    fn bounds_written_apart_from_their_number_and_ranges_in_words() {
        let r = t("到2020年,保障房供应不低于住宅用地供应总量的20%,每个街道至少有1所养老院,班子中应有一至两名青年干部。");
        let v: Vec<(f64, Option<f64>, Comparator)> = r.iter().map(|x| (x.0, x.1, x.3)).collect();
        assert_eq!(
            v,
            vec![
                (20.0, None, Comparator::AtLeast),
                (1.0, None, Comparator::AtLeast),
                (1.0, Some(2.0), Comparator::Range)
            ]
        );
    }

    #[test]
    fn a_waiting_time_capped_is_a_target() {
        let r = t("到2020年,公租房轮候时间不超过3年,审批时限不超过10个工作日。");
        let v: Vec<(f64, &str, Comparator)> = r.iter().map(|x| (x.0, x.2.as_str(), x.3)).collect();
        assert_eq!(
            v,
            vec![
                (3.0, "年", Comparator::AtMost),
                (10.0, "个工作日", Comparator::AtMost)
            ]
        );
    }

    #[test]
    fn a_noun_opening_with_a_measure_word_is_no_unit() {
        let r = t("到2020年,省商务厅等4部门联合推进,新建3个服务站。");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!(r[0].2, "个");
    }

    #[test]
    fn a_bare_hundred_after_a_verb_of_result() {
        let r = t("到2020年,突破百项关键技术,打造百家领军企业,惠及千家万户。");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].0, 100.0);
        assert_eq!(r[1].2, "家");
    }

    #[test]
    fn a_bare_thousand_or_hundred_before_a_scale_word() {
        let r = t("到2028年,服务企业超千万户,注册用户近百万,惠及千家万户。");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!((r[0].0, r[0].2.as_str()), (1000.0, "万户"));
        assert_eq!(r[0].3, Comparator::AtLeast);
        assert_eq!(
            (r[1].0, r[1].2.as_str(), r[1].3),
            (100.0, "万", Comparator::About)
        );
        assert_eq!(r[1].4, Some(2028));
        // A size class is no count: the count of clusters is the target.
        let r = t("到2028年,培育2个超千亿元级产业集群和1个10万吨级港区。");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!((r[0].0, r[0].2.as_str()), (2.0, "个"));
        assert_eq!((r[1].0, r[1].2.as_str()), (1.0, "个"));
    }

    #[test]
    fn grain_in_jin_and_a_share_of_funds_striven_for() {
        let r = t("到2025年,全县粮食产量稳定在8.5亿斤以上。");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!((r[0].0, r[0].2.as_str()), (8.5, "亿斤"));
        // A share of funding the plan strives for is a goal; a rate of support is a rule.
        let r = t("到2025年,衔接补助资金用于产业发展的比重力争达到55%以上。");
        assert_eq!(r.len(), 1, "{r:?}");
        assert_eq!((r[0].0, r[0].3), (55.0, Comparator::AtLeast));
        assert!(t("到2025年,按投资额的30%给予补助。").is_empty());
    }

    #[test]
    fn a_list_of_promised_times_shares_its_verb() {
        let r = t("到2025年,一般项目5个工作日内、重大项目10个工作日内完成审批。");
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(
            r.iter()
                .all(|x| x.3 == Comparator::AtMost && x.2 == "个工作日"),
            "{r:?}"
        );
        // A period within which work is done is no promised time.
        assert!(t("到2025年,各单位30天内、60天内组织评估。").is_empty());
    }

    #[test]
    fn a_negated_bound_is_at_most() {
        let r = t("到2025年,单位能耗不超过0.5吨标准煤,排放总量不高于80万吨。");
        assert_eq!(r.len(), 2, "{r:?}");
        assert!(r.iter().all(|x| x.3 == Comparator::AtMost), "{r:?}");
    }

    #[test]
    fn counts_of_things_already_named_are_no_targets() {
        let r = t("到2020年,各市确定上述12类家电产品的品种。");
        assert!(r.is_empty(), "{r:?}");
        // A part of a total is a target of its own.
        let r = t("到2020年,培育企业100家,其中30家达到规模以上。");
        assert_eq!(r.len(), 2, "{r:?}");
        let r = t("到2020年,补贴电冰箱、洗衣机、电视机3类家电产品。");
        assert!(r.is_empty(), "{r:?}");
        let r = t("到2020年,落实低保、孤儿等6类困难群体免费签约政策。");
        assert!(r.is_empty(), "{r:?}");
        let r = t("到2020年,支持签约模式、服务包等5类以上。");
        assert_eq!(r.len(), 1, "{r:?}");
        // A list closed by 等 and a commitment is a target.
        let r = t("到2020年,引进众创空间、创业咖啡等10家以上。");
        assert_eq!(r.len(), 1, "{r:?}");
    }

    #[test]
    fn a_unit_after_each_bound_is_one_range() {
        let r = t("到2020年,研发投入占比达到3%-5%,新建孵化器3家至5家。");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(
            r[0],
            (3.0, Some(5.0), "%".into(), Comparator::Range, Some(2020))
        );
        assert_eq!(
            r[1],
            (3.0, Some(5.0), "家".into(), Comparator::Range, Some(2020))
        );
    }

    #[test]
    fn comparators_and_units() {
        let r = t("到2020年,新增上市挂牌企业50家以上,研发经费比重达到4%左右。");
        assert_eq!(
            r[0],
            (50.0, None, "家".into(), Comparator::AtLeast, Some(2020))
        );
        assert_eq!(r[1], (4.0, None, "%".into(), Comparator::About, Some(2020)));
        let r = t("到2020年,建成3-5家实训基地,载体面积突破1000万平方米,发明专利不少于6000件,能耗控制在5%以内。");
        assert_eq!(
            r[0],
            (3.0, Some(5.0), "家".into(), Comparator::Range, Some(2020))
        );
        assert_eq!(
            r[1],
            (
                1000.0,
                None,
                "万平方米".into(),
                Comparator::AtLeast,
                Some(2020)
            )
        );
        assert_eq!(r[2].3, Comparator::AtLeast);
        assert_eq!(r[3].3, Comparator::AtMost);
    }

    #[test]
    fn indicators_name_what_is_counted() {
        let a = analyze("2016年12月30日\n一、发展目标\n到2020年,培育形成1个千亿级、2个百亿级产业集群,走访5-10家高等院校,研发投入强度达到3%。\n");
        let v: Vec<&str> = a.targets.iter().map(|t| t.indicator.as_str()).collect();
        assert_eq!(
            v,
            vec!["千亿级", "百亿级产业集群", "高等院校", "研发投入强度"]
        );
    }

    #[test]
    fn indicators_are_never_fragments() {
        let a = analyze("2016年12月30日\n一、发展目标\n到2020年,货物贸易和实际利用外资分别占比达30%、20%和10%,产业规模超2000亿元,评选200名技能突出人才和2000名技能重点人才。\n");
        let v: Vec<&str> = a.targets.iter().map(|t| t.indicator.as_str()).collect();
        assert_eq!(
            v,
            vec![
                "货物贸易和实际利用外资分别占比",
                "货物贸易和实际利用外资分别占比",
                "货物贸易和实际利用外资分别占比",
                "产业规模",
                "技能突出人才",
                "技能重点人才",
            ]
        );
    }

    #[test]
    fn chinese_numerals_and_bracketed_counts() {
        let r = t("打造新型创业服务平台(10个),引进十家企业,建设三百个站点,占比百分之四。");
        let values: Vec<f64> = r.iter().map(|x| x.0).collect();
        assert_eq!(values, vec![10.0, 10.0, 300.0, 4.0]);
        assert_eq!(r[3].2, "%");
    }

    #[test]
    fn descriptions_of_the_present_and_of_the_plan_are_not_targets() {
        // Counts of the plan's own indicators and parts.
        let r = t("评估沿用国家12个基本指标和省级新增20个指标,成果包括数据、报告两部分内容。");
        assert!(r.is_empty(), "{r:?}");
        // A share of the population in an indicator's name, a service radius: parameters.
        let r = t("增设年龄60岁以上的老人数量5%以上的街区比例,消除800米服务半径盲区。");
        assert!(r.is_empty(), "{r:?}");
        // A sentence that opens on the present, and the bounds and size of a place.
        let r = t("目前设备已经到位,日处理能力提升至500吨/日。据统计,每日积存废料近80吨。");
        assert!(r.is_empty(), "{r:?}");
        let r = t("建设滨河示范区,范围东至新河,西至环城路,面积约3.2平方公里。");
        assert!(r.is_empty(), "{r:?}");
        // Still targets: a commitment on indicators, a 目前 sentence with a due-year, one bound.
        assert_eq!(t("新建绿地20公顷,北至滨江的绿道10公里。").len(), 2);
        assert_eq!(t("目前已建成5个,到2020年建成12个。").len(), 1);
        assert_eq!(t("建成监测站点8个。").len(), 1);
    }

    #[test]
    fn content_cells_of_a_project_table_state_targets() {
        let text = "2021年12月6日\n一、主要任务\n（一）推进绿道建设。完善绿道网络。\n\
                    附件\n“十四五”期间绿化建设项目投资表\n项目名称\n项目内容\n总投资（亿元）\n\
                    口袋公园\n新建口袋公园50个\n3\n绿道\n建设骑行绿道20公里\n1.5\n合计\n4.5\n";
        let r: Vec<_> = analyze(text)
            .targets
            .into_iter()
            .map(|t| (t.value, t.unit, t.year))
            .collect();
        assert_eq!(
            r,
            vec![
                (50.0, "个".to_string(), Some(2025)),
                (20.0, "公里".to_string(), Some(2025))
            ]
        );
    }

    #[test]
    fn not_targets() {
        assert!(t("2015年全区总营收入1200亿元。").is_empty());
        assert!(t("补贴最高不超过20万元。").is_empty());
        assert!(t("对评价优秀的基地给予后补助,支持金额不超过50万元/年。").is_empty());
        assert!(t("实施“1+9”政策,建设一中心六平台,力争通过3~5年时间。").is_empty());
        assert!(t("目前可用载体面积超过600万平米。").is_empty());
        assert!(t("三个平台:转化平台、孵化平台。").is_empty());
        assert!(
            t("构建三位一体的体系,开展二次招商,在三个方面发力,打造三种类型的基地。").is_empty()
        );
        assert!(t("引进35岁以下青年人才。").is_empty());
        // Sessions of a congress or committee are ordinals; meetings to hold are counts.
        assert!(t("全面落实省委九届五次、六次、七次全会和市委九届二次、三次全会精神。").is_empty());
        assert_eq!(t("每年召开3次会议。").len(), 1);
    }

    #[test]
    fn listed_values_share_the_bound_after_the_last() {
        let r = t("到2020年,城乡居民和职工参保率分别达到95%和90%以上,就诊率分别稳定在90%、85%左右,新增企业10家和20个以上。");
        let c: Vec<(f64, Comparator)> = r.iter().map(|x| (x.0, x.3)).collect();
        assert_eq!(
            c,
            vec![
                (95.0, Comparator::AtLeast),
                (90.0, Comparator::AtLeast),
                (90.0, Comparator::About),
                (85.0, Comparator::About),
                // Another unit: no shared bound.
                (10.0, Comparator::Exact),
                (20.0, Comparator::AtLeast),
            ]
        );
    }

    #[test]
    fn conditions_caps_and_classes_are_not_targets() {
        // A case named by a clause ending in 的; a class picked out by a bound before 的
        // in a sentence that grants support; an incentive's cap; a cap per single body.
        for s in [
            "对评估结果较差的单位进行约谈,连续两次评估结果较差的,终止运营授权。",
            "年销量5000辆以上的车型,给予1000万元激励。",
            "单个企业年度激励金额不超过300万元。",
            "单个项目申报规模不高于其发电能力的80%。",
            "可按不超过本年度招录计划50%的比例,面向本县户籍人员招录。",
            "发电能力按近3年(过去3个自然年)平均上网电量确定。",
            "2025年、2026年竞价上下限分别按0.4012元/千瓦时、0.2元/千瓦时确定。",
        ] {
            assert!(t(s).is_empty(), "{s}: {:?}", t(s));
        }
        // A share said to be reached is a goal; so is a count with a bound, 的 further on.
        assert_eq!(t("到2020年,本地就业比例达到60%以上。").len(), 1);
        assert_eq!(t("每年安排重点县的资金比例保持在60%以上。").len(), 1);
        assert_eq!(t("到2020年,每年帮助200家以上科技创新型企业。").len(), 1);
    }

    #[test]
    fn past_clauses_and_bases_are_not_targets() {
        let r = t("2015年,全区高新技术企业达到235家,到2020年达到400家。");
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), vec![400.0]);
        // The breakdown of a present figure is present too; a later sentence's is not.
        let r = t("到2025年,全省现有煤炭储备能力1920万吨,其中,政府可调度储备能力420万吨,社会储备能力1500万吨。全省煤炭储备能力确保达到5400万吨,其中,政府可调度储备能力确保达到800万吨。");
        assert_eq!(
            r.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![5400.0, 800.0]
        );
        // No issue date: a year before the section's due-year is a baseline.
        let a = analyze(
            "一、发展目标\n到2025年,地区生产总值达到1.2万亿元。2020年,地区生产总值达到8000亿元。\n",
        );
        let r: Vec<(f64, &str)> = a
            .targets
            .iter()
            .map(|x| (x.value, x.unit.as_str()))
            .collect();
        assert_eq!(r, vec![(1.2, "万亿元")]);
        let r = t("到2020年,高新技术企业由235家增加到400家。");
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), vec![400.0]);
        // 上年 (last year) is the past; 以上 + 年销售收入 is a bound and a yearly figure.
        let r = t("到2025年,培育5家以上年销售收入过百亿元、2家以上年销售收入达500亿元的企业。");
        assert_eq!(
            r.iter().map(|x| (x.0, x.2.as_str())).collect::<Vec<_>>(),
            vec![(5.0, "家"), (2.0, "家")]
        );
        assert!(t("到2025年,企业数量比上年增加10家。").is_empty());
        // Without a count before it, the amount is what is promised.
        let r = t("到2025年,形成年销售收入达500亿元的产业集群。");
        assert_eq!(
            r.iter().map(|x| x.2.as_str()).collect::<Vec<_>>(),
            vec!["亿元"]
        );
        assert!(t("到2025年,上年新增企业10家。").is_empty());
    }

    #[test]
    fn qualifiers_are_not_targets() {
        let r = t("其中10亿元以上企业达到12家,50亿元以上2家。");
        let values: Vec<f64> = r.iter().map(|x| x.0).collect();
        assert_eq!(values, vec![12.0, 2.0]);
        let values = |s: &str| t(s).iter().map(|x| (x.0, x.2.clone())).collect::<Vec<_>>();
        // A count before 以上的 after a noun, or right after another count, picks out
        // what the other count counts.
        assert_eq!(
            values("每个区至少有1所200张床位以上的养老机构。"),
            vec![(1.0, "所".to_string())]
        );
        assert_eq!(
            values("1万名老人以上的街(镇)各建有1个养老服务中心。"),
            vec![(1.0, "个".to_string())]
        );
        assert_eq!(
            values("每个行政村有1个100平方米以上的老年人活动站点。"),
            vec![(1.0, "个".to_string())]
        );
        // Alone, or as a share, the quantity before 的 is what is promised.
        assert_eq!(
            values("新建10个以上的示范基地。"),
            vec![(10.0, "个".to_string())]
        );
        assert_eq!(values("预留30%的号源,其中专家号源不低于30%。").len(), 2);
        // A count in the name of the share promised is part of that name.
        assert_eq!(
            values("城乡三项基本医疗保险参保率达到95%以上。"),
            vec![(95.0, "%".to_string())]
        );
        assert_eq!(values("新建3个园区,覆盖率达到95%。").len(), 2);
        // A share by which 按 sets a price is a rule.
        assert!(t("允许按不低于最低标准的70%确定土地出让价格。").is_empty());
        assert_eq!(
            values("按要求确定10个试点。"),
            vec![(10.0, "个".to_string())]
        );
    }

    #[test]
    fn a_time_limit_by_month_or_a_span_of_years_dates_its_sentence() {
        let r = years_of("某市就业工作方案\n一、主要任务\n1.推进试点。2013年3月前,完成26个社区试点工作。\n2.创造就业。2012-2015年,新增就业24万人以上。\n");
        let years: Vec<Option<i32>> = r.iter().map(|x| x.1).collect();
        assert_eq!(years, vec![Some(2013), Some(2015)]);
    }

    /// (value, year, basis) of each target of a whole plan.
    fn years_of(text: &str) -> Vec<(f64, Option<i32>, YearBasis)> {
        analyze(text)
            .targets
            .into_iter()
            .map(|t| (t.value, t.year, t.year_basis))
            .collect()
    }

    #[test]
    fn years_from_sentence_section_and_plan_period() {
        let r = years_of("某市数字经济发展行动计划(2024—2026年)\n一、主要目标\n到2025年,新增企业50家。培育平台3个。\n二、重点任务\n1.建设园区。新建10个园区。\n");
        assert_eq!(
            r,
            vec![
                (50.0, Some(2025), YearBasis::Sentence),
                (3.0, Some(2025), YearBasis::Sentence),
                (10.0, Some(2026), YearBasis::PlanPeriod),
            ]
        );
        // A five-year-plan name, and a heading's year.
        let r = years_of("某区“十四五”科技创新规划\n一、重点任务\n(一)2023年重点工作\n1.新建5个站点。\n(二)长期工作\n1.建设8个基地。\n");
        assert_eq!(
            r,
            vec![
                (5.0, Some(2023), YearBasis::Section),
                (8.0, Some(2025), YearBasis::PlanPeriod),
            ]
        );
        // A one-year plan; a growth rate over a base year keeps the plan's year.
        let r =
            years_of("某县2026年稳就业工作要点\n一、工作目标\n城镇新增就业较2025年增长10%左右。\n");
        assert_eq!(r, vec![(10.0, Some(2026), YearBasis::PlanPeriod)]);
    }

    #[test]
    fn staged_goals_date_each_sentence_and_spans_give_none() {
        let r = years_of("某市实施方案\n2023年5月1日\n一、主要目标\n2027年前,实现突破。推动5款产品上市。2030年前,全面应用。培育10家企业。\n二、重点任务\n1.培训人员。利用3-5年时间,培训约1000名医生。\n");
        assert_eq!(
            r,
            vec![
                (5.0, Some(2027), YearBasis::Sentence),
                (10.0, Some(2030), YearBasis::Sentence),
                (1000.0, None, YearBasis::None),
            ]
        );
    }

    #[test]
    fn a_policy_list_issued_with_a_plan_has_no_period() {
        let r = years_of("某省关于印发若干政策和行动计划的通知\n支持产业发展若干政策\n一、支持平台建设\n1.遴选标杆。每年遴选20家标杆企业。(责任单位:省经信厅)\n某省产业创新发展行动计划(2021-2023年)\n一、主要目标\n培育10家平台。\n");
        assert_eq!(
            r,
            vec![
                (20.0, None, YearBasis::None),
                (10.0, Some(2023), YearBasis::PlanPeriod),
            ]
        );
    }

    #[test]
    fn any_measure_word_is_a_unit() {
        let r = t("到2025年,形成年产50发商业火箭、600颗商业卫星的能力,新增5G基站1000座,建造3艘科考船,推广农机2000台(套),新增变电容量300万千伏安,年发电量达到12亿千瓦时,举办50场次讲座。");
        let units: Vec<&str> = r.iter().map(|x| x.2.as_str()).collect();
        assert_eq!(
            units,
            vec![
                "发",
                "颗",
                "座",
                "艘",
                "台(套)",
                "万千伏安",
                "亿千瓦时",
                "场次"
            ]
        );
        // A scale word alone before the clause end is the unit.
        let r = t("到2023年,标识注册总量突破5亿。");
        assert_eq!(
            r,
            vec![(5.0, None, "亿".into(), Comparator::AtLeast, Some(2023))]
        );
    }

    #[test]
    fn promised_times_are_targets_but_periods_are_not() {
        let r = t("到2027年,伦理审查时间压缩至3周以内,审评时限缩短到40个工作日以内,货物48小时内放行,救援力量2小时内到达。");
        let v: Vec<(f64, &str, Comparator)> = r.iter().map(|x| (x.0, x.2.as_str(), x.3)).collect();
        assert_eq!(
            v,
            vec![
                (3.0, "周", Comparator::AtMost),
                (40.0, "个工作日", Comparator::AtMost),
                (48.0, "小时", Comparator::AtMost),
                (2.0, "小时", Comparator::AtMost),
            ]
        );
        assert!(t("医疗机构应于目录更新后30天内,组织入院评估。").is_empty());
        assert!(t("5年内保留人事关系,3个月内出台方案。").is_empty());
    }

    #[test]
    fn a_distance_that_draws_a_scope_is_no_target() {
        assert!(t("强化轨道交通站点周边50米内配套公交基础设施建设。").is_empty());
        assert!(t("清理学校周围200米范围内的流动摊贩。").is_empty());
        // A length built is a target, and so is a distance promised.
        let r = t("到2025年,新建绿道50公里,实现公园绿地500米服务半径全覆盖。");
        assert_eq!(
            r.iter().map(|x| (x.0, x.2.as_str())).collect::<Vec<_>>(),
            vec![(50.0, "公里")]
        );
    }

    #[test]
    fn thresholds_of_who_is_supported_and_ordinal_lists_are_not_targets() {
        assert!(t("对年度纳税额超过500万元的生产加工型企业,给予一次性奖励。").is_empty());
        assert!(t("对种植基地面积在100亩及以上至500亩的企业,给予补助。").is_empty());
        assert!(t("对年销售额在1亿元及以上的企业,按销售额的1%给予奖励。").is_empty());
        assert!(t("项目固定资产投资奖励按第2、3条执行。").is_empty());
        // What a support plan promises is still a target.
        let r = t("到2025年,培育年销售额超亿元企业20家,给予奖励。");
        assert_eq!(
            r.iter().map(|x| (x.0, x.2.as_str())).collect::<Vec<_>>(),
            vec![(20.0, "家")]
        );
    }

    #[test]
    fn funding_rules_and_class_bounds_are_not_targets_but_those_funded_are() {
        assert!(t("对企业给予补贴,补助年限最长不超过三年。").is_empty());
        assert!(t("每位消费者每类产品可补贴1件。").is_empty());
        assert!(t("原则上将服务费的80%用于薪酬分配,20%用于统筹。").is_empty());
        assert!(t("开采深度超过1200米的煤矿、长度为7.2公里的大街实施改造。").is_empty());
        assert!(t("得分=日常监测(60%)+实地调研(40%)。").is_empty());
        let r = t("5年内选拔资助500名优秀教师,每年资助不少于100名青年科技人员。");
        assert_eq!(
            r.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![500.0, 100.0]
        );
    }

    #[test]
    fn quotes_that_hold_goals_are_read_and_mixed_quotes_close() {
        let r = t("实现“高层次人才达到2000名左右,人才贡献率达到40%”的目标。");
        assert_eq!(
            r.iter().map(|x| x.0).collect::<Vec<_>>(),
            vec![2000.0, 40.0]
        );
        // An ASCII quote closes a curly one; the count after it is read.
        let r = t("完善“统一窗口出件\"模式,综合一窗率达90%以上。");
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), vec![90.0]);
        assert!(t("实施“1+9”政策,打造“三个100”工程。").is_empty());
    }

    #[test]
    fn a_past_total_dated_before_the_plan_is_left_out() {
        let text = "2021年10月8日\n一、发展目标\n“十三五”期间,登录国有可移动文物1.08亿件。到2025年,建设10个平台。\n";
        let values: Vec<f64> = analyze(text).targets.iter().map(|t| t.value).collect();
        assert_eq!(values, vec![10.0]);
    }

    #[test]
    fn bounds_before_the_verb_and_bracketed_second_units() {
        let r = t("到2025年,为各区至少培育1家示范基地,引进和支持10名(个)以上顶尖专家。");
        assert_eq!(
            r,
            vec![
                (1.0, None, "家".into(), Comparator::AtLeast, Some(2025)),
                (10.0, None, "名".into(), Comparator::AtLeast, Some(2025)),
            ]
        );
    }

    #[test]
    fn goal_lines_in_a_goals_section_whatever_their_words() {
        let a = analyze("某市北斗产业行动计划(2021-2023年)\n二、发展目标\n——基础能力进一步夯实。推动制定不少于10项国家标准。\n三、主要任务\n");
        let r: Vec<(f64, Option<i32>)> = a.targets.iter().map(|t| (t.value, t.year)).collect();
        assert_eq!(r, vec![(10.0, Some(2023))]);
    }

    #[test]
    fn placeholder_year_is_null() {
        let r = t("到20XX年底,出台双创政策(10条)。");
        assert_eq!(r[0].4, None);
        let a = analyze("一、发展目标\n到20XX年底,出台双创政策(10条)。\n");
        assert!(a.warnings.iter().any(|w| w.kind == "placeholder_year"));
    }
}
