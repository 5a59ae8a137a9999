//! 任务分解表 tables: a header row naming the task and the lead-unit columns
//! (`序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限`), then one measure per row.
//! Rows arrive as `|`-separated lines (from .docx tables or flattened copies).

use crate::lex::dates;
use crate::model::{Deadline, Measure};
use crate::outline::{self, Outline};
use crate::text::blocks::row_cells as cells;
use crate::text::{BlockKind, Document};

#[derive(Default)]
struct Columns {
    task: Option<usize>,
    lead: Option<usize>,
    support: Option<usize>,
    deadline: Option<usize>,
    width: usize,
}

fn header(chars: &[char]) -> Option<Columns> {
    let cs = cells(chars);
    let mut cols = Columns {
        width: cs.len(),
        ..Columns::default()
    };
    // With both 牵头 and 责任单位 columns, the 责任单位 column lists partners.
    let mut duty = None;
    // "工作任务 | 具体措施": the more specific column holds the measure.
    let mut task_rank = 0;
    for (k, &(a, b)) in cs.iter().enumerate() {
        let t: String = chars[a..b].iter().collect();
        if t.chars().count() > 12 {
            return None;
        }
        let has = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
        if has(&["配合", "协办", "协助", "参与"]) {
            cols.support.get_or_insert(k);
        } else if has(&["牵头", "主责"]) {
            cols.lead.get_or_insert(k);
        } else if has(&["责任单位", "责任部门", "负责单位", "责任主体"]) {
            duty.get_or_insert(k);
        } else if has(&["时限", "时间", "进度"]) {
            cols.deadline.get_or_insert(k);
        } else {
            let rank = if has(&["具体", "措施", "举措", "内容"]) {
                2
            } else if has(&["任务", "工作", "事项", "项目"]) {
                1
            } else {
                0
            };
            if rank > task_rank {
                task_rank = rank;
                cols.task = Some(k);
            }
        }
    }
    match (cols.lead, duty) {
        (None, d) => cols.lead = d,
        (Some(_), Some(d)) if cols.support.is_none() => cols.support = Some(d),
        _ => {}
    }
    (cols.task.is_some() && cols.lead.is_some()).then_some(cols)
}

/// The units listed in a cell, split at 、 , ; / with a closing 等 dropped.
fn names(doc: &Document, block: usize, a: usize, b: usize) -> Vec<String> {
    let chars = &doc.blocks[block].chars;
    let mut ranges = vec![];
    let mut start = a;
    for i in a..=b {
        if i == b || matches!(chars[i], '、' | ',' | ';' | '/') {
            let mut e = i;
            while e > start && chars[e - 1] == '等' {
                e -= 1;
            }
            ranges.push((start, e));
            start = i + 1;
        }
    }
    super::names::as_written(doc, block, &ranges)
}

pub fn extract(
    doc: &Document,
    outline: &Outline,
    plan_year: Option<i32>,
    measures: &mut Vec<Measure>,
    ranges: &mut Vec<Vec<(usize, usize, usize)>>,
) {
    let mut cols: Option<Columns> = None;
    for (bi, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Cell || !block.chars.contains(&'|') {
            cols = None;
            continue;
        }
        if let Some(h) = header(&block.chars) {
            cols = Some(h);
            continue;
        }
        let Some(c) = &cols else { continue };
        let cs = cells(&block.chars);
        if cs.len() != c.width {
            continue;
        }
        let (ta, tb) = cs[c.task.unwrap_or(0)];
        if tb <= ta {
            continue;
        }
        let lead = c
            .lead
            .map(|k| names(doc, bi, cs[k].0, cs[k].1))
            .unwrap_or_default();
        let support = c
            .support
            .map(|k| names(doc, bi, cs[k].0, cs[k].1))
            .unwrap_or_default();
        let node = outline.owner[bi];
        let section_year = node
            .and_then(|n| outline::section_year(doc, outline, n))
            .or(plan_year);
        let deadline = c.deadline.and_then(|k| {
            let (a, b) = cs[k];
            (b > a).then(|| {
                let [s, e] = block.span(a, b);
                let found = dates::find(&block.chars[a..b]);
                let date = found
                    .and_then(|(x, y)| dates::to_date(&block.chars[a + x..a + y], section_year));
                Deadline {
                    text: doc.display(s, e),
                    date,
                }
            })
        });
        let [s, e] = block.span(ta, tb);
        measures.push(Measure {
            id: String::new(),
            section: outline::section_path(doc, outline, node),
            path: node
                .map(|n| {
                    outline
                        .ancestors(n)
                        .iter()
                        .map(|&a| outline::title_text(doc, &outline.nodes[a]))
                        .collect()
                })
                .unwrap_or_default(),
            section_kind: node
                .map(|n| outline.nodes[n].kind)
                .unwrap_or(crate::model::SectionKind::Other),
            title: None,
            text: doc.display(s, e),
            lead,
            support,
            deadline,
            span: [s, e],
            note_span: None,
        });
        ranges.push(vec![(bi, ta, tb)]);
    }
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    #[test]
    fn specific_measure_column_and_duty_columns() {
        let text = "附件\n序号 | 工作任务 | 具体措施 | 牵头单位 | 责任单位 | 完成时限\n1 | 优化环境 | 推行一网通办 | 市政务办 | 市大数据局、各区政府 | 2022年底\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 1, "{:#?}", a.measures);
        assert_eq!(a.measures[0].text, "推行一网通办");
        assert_eq!(a.measures[0].lead, vec!["市政务办"]);
        assert_eq!(a.measures[0].support, vec!["市大数据局", "各区政府"]);
        assert_eq!(
            a.measures[0].deadline.as_ref().unwrap().date.as_deref(),
            Some("2022-12-31")
        );
    }

    #[test]
    fn rows_of_a_task_table_are_measures() {
        let text = "三、任务分解\n序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限\n1 | 建设创新驿站3家 | 区科委 | 区财政局、区人社局 | 2019年6月底前\n2 | 成立天使俱乐部 | 区金融办 |  | 长期坚持\n";
        let a = analyze(text);
        assert_eq!(a.measures.len(), 2, "{:#?}", a.measures);
        assert_eq!(a.measures[0].lead, vec!["区科委"]);
        assert_eq!(a.measures[0].support, vec!["区财政局", "区人社局"]);
        assert_eq!(
            a.measures[0].deadline.as_ref().unwrap().date.as_deref(),
            Some("2019-06-30")
        );
        assert_eq!(a.measures[1].deadline.as_ref().unwrap().text, "长期坚持");
        assert_eq!(a.targets.len(), 1);
        assert_eq!(a.units.len(), 4);
    }
}
