//! Targets (目标/指标): quantified commitments in goal sections, target
//! tables and measures. Past figures, policy parameters, time spans and counts
//! inside names are left out.

mod period;
mod table;

use crate::lex::chars::{contains, ends_at as ends_with, starts_at as starts};
use crate::lex::numbers::{number_at, Num};
use crate::lex::years::{self, YearHit};
use crate::model::{Comparator, SectionKind, Target, YearBasis};
use crate::outline::{self, Outline};
use crate::text::Document;

/// Measure words and units, longest first within each scale.
const UNITS: &[&str] = &[
    "个百分点",
    "微克/立方米",
    "吨标准煤",
    "平方公里",
    "平方米",
    "立方米",
    "平米",
    "千瓦时",
    "人次",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "美元",
    "标准煤",
    "千克",
    "公斤",
    "床",
    "辆次",
    "架次",
    "标箱",
    "吨公里",
    "%",
    "‰",
    "家",
    "个",
    "项",
    "名",
    "人",
    "件",
    "次",
    "处",
    "条",
    "所",
    "座",
    "支",
    "套",
    "台",
    "位",
    "户",
    "场",
    "篇",
    "部",
    "款",
    "种",
    "辆",
    "张",
    "间",
    "栋",
    "幢",
    "元",
    "米",
    "亩",
    "吨",
    "倍",
    "批",
    "类",
    "本",
    "册",
    "首",
    "块",
    "节",
    "门",
    "株",
    "头",
    "床",
    "盏",
    "根",
    "趟",
    "桩",
];
const SCALES: &[&str] = &["万亿", "千万", "百万", "十万", "万", "亿", "千", "百"];
/// Not commitments: spans of time.
const TIME_UNITS: &[&str] = &[
    "个月",
    "个工作日",
    "工作日",
    "小时",
    "分钟",
    "周岁",
    "年",
    "月",
    "日",
    "天",
    "周",
    "秒",
    "届",
    "号",
    "轮",
    "期",
    "季度",
];

const POLICY_WORDS: &[&str] = &[
    "补贴",
    "补助",
    "奖励",
    "资助",
    "贴息",
    "最高",
    "给予",
    "提取",
    "减免",
    "返还",
    "免收",
    "收费",
    "费率",
    "利率",
    "税率",
    "奖补",
    "扶持资金",
    "按照",
    "比例",
    "免征",
    "暂免",
    "征收",
    "缴纳",
    "缴费",
    "参保",
    "放宽",
    "(含)",
];
const PAST_WORDS: &[&str] = &[
    "目前",
    "现有",
    "已有",
    "已经",
    "已建成",
    "已达",
    "截至",
    "截止",
    "同比",
    "比上年",
    "较上年",
    "上年",
    "去年",
    "曾",
    "实现了",
    "达到了",
    "共有",
    "位居",
    "居全国",
    "排名",
];

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

fn unit_at(s: &[char], j: usize) -> Option<usize> {
    // "平均受教育年限提高到11.7年": a duration that is itself the indicator.
    let indicator_says = |w: &str| (0..j).rev().take(16).any(|k| starts(s, k, w));
    if starts(s, j, "年")
        && !starts(s, j, "年内")
        && (indicator_says("年限") || indicator_says("年龄"))
    {
        return Some(j + 1);
    }
    // "人均预期寿命达到80岁", but not "35岁以下青年人才".
    if starts(s, j, "岁") {
        return indicator_says("寿命").then_some(j + 1);
    }
    if TIME_UNITS.iter().any(|t| starts(s, j, t)) {
        return None;
    }
    let mut k = j;
    if let Some(scale) = SCALES.iter().find(|sc| starts(s, j, sc)) {
        k += scale.chars().count();
    }
    if k > j && TIME_UNITS.iter().any(|t| starts(s, k, t)) {
        return None;
    }
    UNITS
        .iter()
        .find(|u| starts(s, k, u))
        .map(|u| k + u.chars().count())
}

fn is_cn_numeral_char(c: char) -> bool {
    "零〇一二两三四五六七八九十百千万亿".contains(c)
}

/// Number-with-unit candidates in `s[a..b]` (one clause).
/// `quoted[k]` tells whether `s[q_off + k]` is inside quotes.
fn candidates(s: &[char], a: usize, b: usize, quoted: &[bool], q_off: usize) -> Vec<Candidate> {
    let mut out = vec![];
    let mut i = a;
    while i < b {
        let prev = if i > a { Some(s[i - 1]) } else { None };
        let fresh = match prev {
            Some(p) => !p.is_ascii_digit() && p != '.' && !is_cn_numeral_char(p),
            None => true,
        };
        let Some(num) = fresh.then(|| number_at(&s[..b], i)).flatten() else {
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
        // Counts in names and ordinals: 第二轮, “1+9”, 1号线.
        if quoted.get(i - q_off).copied().unwrap_or(false)
            || prev == Some('第')
            || prev == Some('+')
            || s.get(next) == Some(&'+')
            || (chinese && value <= 1.0)
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
                    // "3%-5%": the first unit repeats.
                }
            }
        }
        let mut comparator = None;
        if matches!(s.get(j), Some('余') | Some('多')) {
            comparator = Some(Comparator::AtLeast);
            j += 1;
        }
        let unit_start = j;
        let unit_end = if percent {
            Some(j)
        } else {
            unit_at(&s[..b], j)
        };
        let Some(unit_end) = unit_end else {
            i = next;
            continue;
        };
        // "三位一体", "二次招商", "三个方面", "三种类型": ways of speaking, not quantities.
        const ABSTRACT: &[&str] = &[
            "一体", "方面", "类型", "层面", "领域", "环节", "维度", "途径", "方式", "模式", "渠道",
            "层次", "阶段", "机制", "体系", "特点", "意识", "自信", "全面", "战略", "原则", "理念",
            "结合", "同步",
        ];
        if ABSTRACT.iter().any(|w| starts(&s[..b], unit_end, w))
            || (chinese && s[i] == '二' && starts(s, i + 1, "次"))
        {
            i = unit_end;
            continue;
        }
        let mut k = unit_end;
        let mut suffix = false;
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
            for (w, c) in [
                ("不少于", Comparator::AtLeast),
                ("不低于", Comparator::AtLeast),
                ("超过", Comparator::AtLeast),
                ("突破", Comparator::AtLeast),
                ("至少", Comparator::AtLeast),
                ("多于", Comparator::AtLeast),
                ("高于", Comparator::AtLeast),
                ("不超过", Comparator::AtMost),
                ("不高于", Comparator::AtMost),
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
            let next_unlisted = out
                .get(x + 1)
                .is_some_and(|next| !s[out[x].end..next.start].contains(&'、'));
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

/// Chars inside “…” or 《…》: counts in names.
fn quoted_mask(s: &[char]) -> Vec<bool> {
    let mut mask = vec![false; s.len()];
    let (mut q, mut b) = (0i32, 0i32);
    for (i, c) in s.iter().enumerate() {
        match c {
            '“' | '「' => q += 1,
            '”' | '」' => q = (q - 1).max(0),
            '《' => b += 1,
            '》' => b = (b - 1).max(0),
            _ => {}
        }
        mask[i] = q > 0 || b > 0;
    }
    mask
}

fn clauses(s: &[char], a: usize, b: usize) -> Vec<(usize, usize, char)> {
    let mut out = vec![];
    let mut start = a;
    let mut depth = 0;
    for (i, &c) in s.iter().enumerate().take(b).skip(a) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            c if depth <= 0 && matches!(c, ',' | ';' | '。' | ':' | '!' | '?' | '|') => {
                out.push((start, i, c));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((start, b, '。'));
    out.into_iter().filter(|(x, y, _)| y > x).collect()
}

fn sentences(s: &[char], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut start = a;
    for (i, c) in s.iter().enumerate().take(b).skip(a) {
        if matches!(c, '。' | '!' | '?' | ';') {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < b {
        out.push((start, b));
    }
    out
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
            block.kind == crate::text::BlockKind::Cell
                && outline.owner[*b]
                    .is_none_or(|n| outline.nodes[n].kind != SectionKind::Background)
        })
        .map(|(b, _)| (b, outline.owner[b]))
        .collect();
    let table_rows = table::extract(doc, outline, &parts, &table_cells, &mut found);
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
    for (n, node) in outline.nodes.iter().enumerate() {
        let (fallback, due_only) = match node.kind {
            SectionKind::Goals => (goals_year(doc, outline, n), false),
            SectionKind::Principles => (None, true),
            _ => continue,
        };
        let mut regions = vec![];
        if let Some(from) = node.inline_from {
            regions.push((node.block, from));
        }
        regions.extend(
            node.body
                .iter()
                .chain(node.cells.iter().filter(|b| !table_rows.contains(b)))
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
    // The preamble, before the first heading.
    for (b, block) in doc.blocks.iter().enumerate() {
        if outline.owner[b].is_none() && block.kind == crate::text::BlockKind::Para {
            extract_region(&ctx, &whole(b, 0, None, None, true), &mut found);
        }
    }
    for (m, ranges) in extracted.measures.iter().zip(&extracted.ranges) {
        let node = outline
            .owner
            .get(ranges.first().map(|r| r.0).unwrap_or(0))
            .copied()
            .flatten();
        let fallback = node
            .and_then(|n| outline::section_year(doc, outline, n))
            .map(YearHit::Year);
        for &(block, a, b) in ranges {
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
    found.sort_by_key(|f| f.span);
    found
        .into_iter()
        .enumerate()
        .map(|(i, mut f)| {
            f.id = format!("t{}", i + 1);
            f
        })
        .collect()
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
        let mut sentence_year: Option<Option<YearHit>> = None;
        // "2015年,全区企业达到235家,到2020年达到400家": a past year governs the
        // clauses after it until a due-year takes over.
        let mut past = false;
        for (ca, cb, term) in clauses(s, sa, sb) {
            let mentions_time = s[ca..cb]
                .iter()
                .any(|c| matches!(c, '年' | '五' | 'X' | 'x'));
            let clause_year = if mentions_time {
                years::find(&s[ca..cb], false)
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
            if past {
                continue;
            }
            // "三个平台:" introduces a list, it does not promise a number.
            if term == ':' {
                continue;
            }
            let found = candidates(s, ca, cb, &quoted, r.a);
            if found.is_empty() {
                continue;
            }
            let clause = &s[ca..cb];
            if POLICY_WORDS.iter().any(|w| contains(clause, w))
                || PAST_WORDS.iter().any(|w| contains(clause, w))
            {
                continue;
            }
            let sentence = &s[sa..sb];
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
            let found_starts: Vec<usize> = found.iter().map(|c| c.start).collect();
            let mut prev_end = ca;
            for c in found {
                let [us, ue] = block.span(c.unit.0, c.unit.1);
                let unit = if c.unit.1 == c.unit.0 {
                    "%".to_string()
                } else {
                    ctx.doc.display(us, ue)
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
                let indicator = indicator_text(&ctx.doc.display(is, ie), &ctx.doc.display(as_, ae));
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
                });
            }
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
/// it ("走访5-10家高等院校").
fn indicator_text(before: &str, after: &str) -> String {
    const VERBS: &[&str] = &[
        "达到",
        "突破",
        "超过",
        "不少于",
        "不低于",
        "不超过",
        "控制在",
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
        "共",
    ];
    let trim = |s: &str| {
        s.trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, ',' | '，' | '、' | '(' | '（' | '的' | '|')
        })
        .to_string()
    };
    let mut s = before.trim().to_string();
    while let Some(v) = VERBS.iter().find(|v| s.ends_with(**v)) {
        s.truncate(s.len() - v.len());
    }
    let s = trim(&s);
    if s.chars().count() >= 4 {
        return s;
    }
    let tail: String = after.chars().take(30).collect();
    let tail = trim(&tail);
    if tail.is_empty() {
        s
    } else {
        tail
    }
}

/// The year that a goals section gives its targets: the one due-year it names.
pub fn goals_year(doc: &Document, outline: &Outline, node: usize) -> Option<YearHit> {
    // The outermost goals section above the node.
    let top = outline
        .ancestors(node)
        .into_iter()
        .find(|&a| outline.nodes[a].kind == SectionKind::Goals)?;
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
    fn chinese_numerals_and_bracketed_counts() {
        let r = t("打造新型创业服务平台(10个),引进十家企业,建设三百个站点,占比百分之四。");
        let values: Vec<f64> = r.iter().map(|x| x.0).collect();
        assert_eq!(values, vec![10.0, 10.0, 300.0, 4.0]);
        assert_eq!(r[3].2, "%");
    }

    #[test]
    fn not_targets() {
        assert!(t("2015年全区总营收入1200亿元。").is_empty());
        assert!(t("补贴最高不超过20万元。").is_empty());
        assert!(t("实施“1+9”政策,建设一中心六平台,力争通过3~5年时间。").is_empty());
        assert!(t("目前可用载体面积超过600万平米。").is_empty());
        assert!(t("三个平台:转化平台、孵化平台。").is_empty());
        assert!(
            t("构建三位一体的体系,开展二次招商,在三个方面发力,打造三种类型的基地。").is_empty()
        );
        assert!(t("引进35岁以下青年人才。").is_empty());
    }

    #[test]
    fn past_clauses_and_bases_are_not_targets() {
        let r = t("2015年,全区高新技术企业达到235家,到2020年达到400家。");
        assert_eq!(r.iter().map(|x| x.0).collect::<Vec<_>>(), vec![400.0]);
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
    }

    #[test]
    fn qualifiers_are_not_targets() {
        let r = t("其中10亿元以上企业达到12家,50亿元以上2家。");
        let values: Vec<f64> = r.iter().map(|x| x.0).collect();
        assert_eq!(values, vec![12.0, 2.0]);
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
    fn placeholder_year_is_null() {
        let r = t("到20XX年底,出台双创政策(10条)。");
        assert_eq!(r[0].4, None);
        let a = analyze("一、发展目标\n到20XX年底,出台双创政策(10条)。\n");
        assert!(a.warnings.iter().any(|w| w.kind == "placeholder_year"));
    }
}
