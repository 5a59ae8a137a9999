//! 指标表 tables whose value cells hold bare numbers:
//! `指标 | 单位 | 2020年 | 2025年 | 属性`, then `研发投入强度(%) | | 2.5 | 3 | 预期性`.
//! The value comes from the column of the latest year (or the one named 目标),
//! the unit from a 单位 column or the brackets after the indicator.

use crate::lex::numbers::number_at;
use crate::lex::years::{self, YearHit};
use crate::model::{Comparator, Target, YearBasis};
use crate::outline::{self, Outline};
use crate::text::blocks::row_cells as cells;
use crate::text::{BlockKind, Document};

struct Header {
    width: usize,
    value_col: usize,
    unit_col: Option<usize>,
    year: Option<i32>,
}

fn header(chars: &[char]) -> Option<Header> {
    let cs = cells(chars);
    if cs.len() < 2 {
        return None;
    }
    let text = |k: usize| -> &[char] { &chars[cs[k].0..cs[k].1] };
    let names_indicator = (0..cs.len()).any(|k| {
        let t: String = text(k).iter().collect();
        t.contains("指标") || t.contains("项目") || t.contains("名称")
    });
    if !names_indicator {
        return None;
    }
    let mut best: Option<(i32, usize)> = None;
    let mut target_col = None;
    let mut unit_col = None;
    for k in 0..cs.len() {
        let t: String = text(k).iter().collect();
        if t == "单位" || t == "计量单位" {
            unit_col = Some(k);
        }
        if t.contains("目标") && !t.contains("指标") {
            target_col.get_or_insert(k);
        }
        if let Some(YearHit::Year(y)) = years::find(text(k), true) {
            if best.is_none_or(|(by, _)| y > by) {
                best = Some((y, k));
            }
        }
    }
    let (year, value_col) = match (best, target_col) {
        (Some((y, k)), _) => (Some(y), k),
        (None, Some(k)) => (None, k),
        _ => return None,
    };
    Some(Header {
        width: cs.len(),
        value_col,
        unit_col,
        year,
    })
}

/// `≥500`, `500以上`, `3.5左右`, `[20]`, `15%`: value, comparator, unit suffix.
fn value_cell(s: &[char]) -> Option<(f64, Comparator, Option<String>)> {
    let mut i = 0;
    let mut comparator = Comparator::Exact;
    while i < s.len()
        && matches!(
            s[i],
            '≥' | '>' | '＞' | '≤' | '<' | '＜' | '[' | '〔' | '约' | '('
        )
    {
        comparator = match s[i] {
            '≥' | '>' | '＞' => Comparator::AtLeast,
            '≤' | '<' | '＜' => Comparator::AtMost,
            '约' => Comparator::About,
            _ => comparator,
        };
        i += 1;
    }
    let n = number_at(s, i).filter(|n| !n.chinese)?;
    let mut j = i + n.len;
    let mut unit = None;
    if s.get(j) == Some(&'%') {
        unit = Some("%".to_string());
        j += 1;
    }
    let rest: String = s[j..]
        .iter()
        .filter(|c| !matches!(c, ']' | '〕' | ')'))
        .collect();
    comparator = match rest.as_str() {
        "以上" => Comparator::AtLeast,
        "左右" => Comparator::About,
        "以内" | "以下" => Comparator::AtMost,
        "" => comparator,
        _ => return None,
    };
    Some((n.value, comparator, unit))
}

/// Targets from such tables in goal sections; returns the rows it read.
pub fn extract(
    doc: &Document,
    outline: &Outline,
    parts: &super::period::Parts,
    cells_in: &[(usize, Option<usize>)],
    out: &mut Vec<Target>,
) -> Vec<usize> {
    let mut handled = vec![];
    let mut head: Option<Header> = None;
    for &(bi, node) in cells_in {
        let block = &doc.blocks[bi];
        if block.kind != BlockKind::Cell || !block.chars.contains(&'|') {
            head = None;
            continue;
        }
        if let Some(h) = header(&block.chars) {
            head = Some(h);
            handled.push(bi);
            continue;
        }
        let Some(h) = &head else { continue };
        let cs = cells(&block.chars);
        if cs.len() != h.width {
            continue;
        }
        let (va, vb) = cs[h.value_col];
        let Some((value, comparator, value_unit)) = value_cell(&block.chars[va..vb]) else {
            continue;
        };
        // The indicator: the first cell that is not a number or a sequence number.
        let Some(&(ia, ib)) = cs.iter().find(|(a, b)| {
            b > a
                && !block.chars[*a..*b]
                    .iter()
                    .all(|c| c.is_ascii_digit() || *c == '.')
        }) else {
            continue;
        };
        let ind = &block.chars[ia..ib];
        let bracket = ind
            .iter()
            .rposition(|c| *c == '(')
            .filter(|_| ind.last() == Some(&')'));
        let unit = match (h.unit_col, bracket) {
            (Some(k), _) if cs[k].1 > cs[k].0 => {
                let [s, e] = block.span(cs[k].0, cs[k].1);
                doc.display(s, e)
            }
            (_, Some(p)) => {
                let [s, e] = block.span(ia + p + 1, ib - 1);
                doc.display(s, e)
            }
            _ => value_unit.clone().unwrap_or_default(),
        };
        let [is, ie] = block.span(ia, bracket.map(|p| ia + p).unwrap_or(ib));
        let [ts, te] = block.span(0, block.chars.len());
        let (year, year_basis) = match (h.year, parts.due_year(bi)) {
            (Some(y), _) => (Some(y), YearBasis::Sentence),
            (None, Some(y)) => (Some(y), YearBasis::PlanPeriod),
            (None, None) => (None, YearBasis::None),
        };
        out.push(Target {
            id: String::new(),
            text: doc.display(ts, te),
            indicator: doc.display(is, ie),
            value,
            value_max: None,
            unit,
            comparator,
            year,
            year_basis,
            measure: None,
            section: outline::section_path(doc, outline, node),
            span: block.span(va, vb),
        });
        handled.push(bi);
    }
    handled
}

#[cfg(test)]
mod tests {
    use crate::analyze;
    use crate::model::Comparator;

    #[test]
    fn latest_year_column_with_units_from_brackets() {
        let text = "二、主要目标\n指标 | 2020年 | 2025年 | 属性\n研发投入强度(%) | 2.5 | 3 | 预期性\n高新技术企业数(家) | 300 | ≥500 | 预期性\n";
        let a = analyze(text);
        let v: Vec<(String, f64, String, Comparator, Option<i32>)> = a
            .targets
            .iter()
            .map(|t| {
                (
                    t.indicator.clone(),
                    t.value,
                    t.unit.clone(),
                    t.comparator,
                    t.year,
                )
            })
            .collect();
        assert_eq!(
            v,
            vec![
                (
                    "研发投入强度".into(),
                    3.0,
                    "%".into(),
                    Comparator::Exact,
                    Some(2025)
                ),
                (
                    "高新技术企业数".into(),
                    500.0,
                    "家".into(),
                    Comparator::AtLeast,
                    Some(2025)
                ),
            ]
        );
    }

    #[test]
    fn an_appendix_table_outside_the_goals_section() {
        let text = "一、重点任务\n1.建设平台。(责任单位:区科委)\n附件:主要指标\n指标名称 | 单位 | 2025年目标\n孵化器数量 | 家 | 20\n";
        let a = analyze(text);
        assert_eq!(a.targets.len(), 1, "{:#?}", a.targets);
        assert_eq!(
            (
                a.targets[0].value,
                a.targets[0].unit.as_str(),
                a.targets[0].year
            ),
            (20.0, "家", Some(2025))
        );
    }

    #[test]
    fn unit_column() {
        let text = "二、发展目标\n序号 | 指标名称 | 单位 | 目标值\n1 | 新增就业 | 万人 | 5以上\n";
        let a = analyze(text);
        assert_eq!(a.targets.len(), 1);
        assert_eq!(a.targets[0].unit, "万人");
        assert_eq!(a.targets[0].indicator, "新增就业");
        assert_eq!(a.targets[0].comparator, Comparator::AtLeast);
    }
}
