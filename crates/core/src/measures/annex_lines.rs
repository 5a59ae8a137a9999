//! Annex task lists (任务清单) laid out one cell per line that restate the body's items
//! as group rows: a header run whose cells may be split over two lines (`牵头` /
//! `部门`), then for each body item a line repeating its title (`1、改善城市道路环境`),
//! its rows (`（1）建设精品道路300条。`, one line per yearly cell), and the unit
//! columns' lines, which a merged cell puts on the group's first row only.
//!
//! The group's units go to the body item it restates, and the table's lines (rows,
//! yearly cells, group rows) are no measures of their own: the body states them.

use super::task_table::TASK_HEADERS;
use crate::lex::hash::FastMap;
use crate::lex::markers;
use crate::lex::notes::{header_role, looks_like_unit, HeaderRole};
use crate::model::{Basis, Measure};
use crate::text::{BlockKind, Document};
use std::sync::Arc;

/// The unit columns a header run names, in order: `true` for a lead column.
struct Header {
    /// First line after the header run.
    end: usize,
    /// Each unit column: is it a lead column?
    units: Vec<bool>,
}

/// A header line: short, not numbered, no sentence.
fn is_header_line(chars: &[char]) -> bool {
    (1..=16).contains(&chars.len())
        && !chars.iter().any(|c| matches!(c, '。' | ',' | ';' | ':'))
        && markers::detect(chars).is_none()
}

/// The header run starting at block `b`, when it names a task column and a lead column.
fn header(doc: &Document, b: usize) -> Option<Header> {
    let blocks = &doc.blocks;
    let mut k = b;
    let mut roles: Vec<HeaderRole> = vec![];
    let mut task = false;
    while let Some(x) = blocks
        .get(k)
        .filter(|x| x.kind == BlockKind::Para && is_header_line(&x.chars))
    {
        if k - b > 24 {
            return None;
        }
        if let Some(r) = header_role(&x.chars) {
            roles.push(r);
            k += 1;
            continue;
        }
        // A header cell split over two lines: `牵头` + `部门`.
        let joined = blocks.get(k + 1).and_then(|n| {
            let mut j = x.chars.to_vec();
            j.extend_from_slice(&n.chars);
            header_role(&j)
        });
        if let Some(r) = joined {
            roles.push(r);
            k += 2;
            continue;
        }
        task = task || TASK_HEADERS.occurs_in_chars(&x.chars);
        k += 1;
    }
    let units: Vec<HeaderRole> = roles
        .into_iter()
        .filter(|r| {
            matches!(
                r,
                HeaderRole::Chief | HeaderRole::Lead | HeaderRole::Support
            )
        })
        .collect();
    let chief = units.contains(&HeaderRole::Chief);
    let units: Vec<bool> = units
        .iter()
        .map(|r| match r {
            HeaderRole::Chief => true,
            HeaderRole::Lead => !chief,
            _ => false,
        })
        .collect();
    (task && units.iter().any(|&l| l) && units.len() >= 2).then_some(Header { end: k, units })
}

/// The pieces of a list of unit names, split at `、` (not inside a bracketed gloss:
/// `市交通委（科信处、宣传处）`).
fn pieces(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut depth = 0i32;
    let mut start = 0;
    for i in 0..=chars.len() {
        match chars.get(i) {
            Some('(') => depth += 1,
            Some(')') => depth = (depth - 1).max(0),
            Some('、' | ',' | '/' | ';') if depth == 0 => {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
            }
            Some(_) => {}
            None if i > start => out.push((start, i)),
            None => {}
        }
    }
    out
}

/// A line that is a list of unit names: `各行业主管部门、各区`.
fn unit_line(chars: &[char]) -> bool {
    let p = pieces(chars);
    !p.is_empty() && p.iter().all(|&(a, b)| looks_like_unit(&chars[a..b]))
}

/// The unit names of a line, as written, each once, added to `into`.
fn push_names(doc: &Document, b: usize, into: &mut Vec<Arc<str>>) {
    let block = &doc.blocks[b];
    for (x, y) in pieces(&block.chars) {
        let [s, e] = block.span(x, y);
        let name: String = doc
            .display(s, e)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if !name.is_empty() && !into.iter().any(|n| **n == *name) {
            into.push(doc.share(&name));
        }
    }
}

/// A title as compared: the matching view without numbering and the final stop.
fn key(doc: &Document, s: &str) -> Vec<char> {
    let mut c = doc.matching(s);
    if let Some(m) = markers::detect(&c) {
        c.drain(..m.len.min(c.len()));
    }
    while c.last().is_some_and(|l| matches!(l, '。' | ';' | ':')) {
        c.pop();
    }
    c
}

/// Gives each body measure the units of the annex group that restates it, and drops
/// the measures read from the annex's lines.
pub fn apply(
    doc: &Document,
    measures: &mut Vec<Measure>,
    ranges: &mut Vec<Vec<(usize, usize, usize)>>,
) {
    let blocks = &doc.blocks;
    let mut b = 0;
    let mut regions: Vec<std::ops::Range<usize>> = vec![];
    while b < blocks.len() {
        let Some(h) = (blocks[b].kind == BlockKind::Para)
            .then(|| header(doc, b))
            .flatten()
        else {
            b += 1;
            continue;
        };
        // The body measures, by title, and where each starts.
        let mut titles: FastMap<Vec<char>, usize> = FastMap::default();
        for (t, i) in measures
            .iter()
            .enumerate()
            .filter(|(i, _)| {
                ranges
                    .get(*i)
                    .and_then(|r| r.first())
                    .is_some_and(|r| r.0 < b)
            })
            .filter_map(|(i, m)| m.title.as_deref().map(|t| (key(doc, t), i)))
            .filter(|(t, _)| t.len() >= 4)
        {
            titles.entry(t).or_insert(i);
        }
        // The groups: lines restating a body title, up to the last unit line near them.
        let gap = 4 * (h.units.len() + 6);
        let mut groups: Vec<(usize, usize)> = vec![];
        let mut last_unit = h.end;
        let mut k = h.end;
        while k < blocks.len() && k <= last_unit + gap {
            let x = &blocks[k];
            if x.kind == BlockKind::Para {
                if unit_line(&x.chars) {
                    last_unit = k;
                } else if markers::detect(&x.chars).is_some() {
                    let own = key(doc, &x.text());
                    if let Some(&m) = titles.get(&own) {
                        groups.push((k, m));
                    }
                }
            }
            k += 1;
        }
        let end = last_unit + 1;
        groups.retain(|g| g.0 < end);
        if groups.len() < 2 {
            b = h.end;
            continue;
        }
        let leads = h.units.iter().filter(|&&l| l).count();
        let supports = h.units.len() - leads;
        for (gi, &(g, m)) in groups.iter().enumerate() {
            let next = groups.get(gi + 1).map_or(end, |n| n.0);
            // The group's first run of unit lines: one line per unit column, the
            // support columns last; lines beyond the columns are more leads.
            let Some(first) = (g + 1..next).find(|&k| unit_line(&blocks[k].chars)) else {
                continue;
            };
            let run: Vec<usize> = (first..next)
                .take_while(|&k| unit_line(&blocks[k].chars))
                .collect();
            let n_support = supports.min(run.len().saturating_sub(leads.max(1)));
            let split = run.len() - n_support;
            let (mut lead, mut support) = (vec![], vec![]);
            for &k in &run[..split] {
                push_names(doc, k, &mut lead);
            }
            for &k in &run[split..] {
                push_names(doc, k, &mut support);
            }
            support.retain(|s| !lead.contains(s));
            if let Some(measure) = measures.get_mut(m) {
                if measure.lead.is_empty() && measure.support.is_empty() {
                    measure.lead = lead;
                    measure.support = support;
                    measure.basis = Basis::AnnexRow;
                }
            }
        }
        regions.push(b..end);
        b = end;
    }
    if regions.is_empty() {
        return;
    }
    let inside = |r: &Vec<(usize, usize, usize)>| {
        !r.is_empty() && r.iter().all(|c| regions.iter().any(|g| g.contains(&c.0)))
    };
    let keep: Vec<bool> = ranges.iter().map(|r| !inside(r)).collect();
    let mut k = keep.iter();
    measures.retain(|_| *k.next().unwrap_or(&true));
    let mut k = keep.iter();
    ranges.retain(|_| *k.next().unwrap_or(&true));
}

#[cfg(test)]
mod tests {
    use crate::analyze;
    use crate::model::Basis;
    use std::sync::Arc;

    #[test]
    fn an_annex_task_list_one_cell_per_line_gives_the_body_items_their_units() {
        // The annex restates the body's items as groups (`1、…`), one cell per line,
        // with split header cells, yearly cells, and units on a group's first row
        // only; a group has more unit lines than unit columns (two leads).
        let text = "某区河道环境提升三年行动计划(2025-2027年)\n一、改善水环境\n（一）整治黑臭水体。巩固黑臭水体治理成效，开展河道清淤。\n（二）提升河岸景观。建设滨水步道，打造生态岸线。\n二、加强长效管理\n（三）落实河长制。完善巡河机制，压实各级责任。\n附件\n任务清单\n序号\n主要方向\n重点任务\n2025年\n2026年\n2027年\n牵头\n部门\n配合\n部门\n实施\n主体\n（一）\n改善水环境\n1、整治黑臭水体\n（1）完成河道清淤60公里。\n完成清淤20公里。\n完成清淤20公里。\n完成清淤20公里。\n区水务局\n区生态环境局\n各街镇\n（2）开展水质监测。\n每月监测一次。\n每月监测一次。\n每月监测一次。\n2、提升河岸景观\n（3）建设滨水步道10公里。\n建成3公里。\n建成3公里。\n建成4公里。\n区绿化市容局\n区水务局\n区规划资源局、区建管委（交通科、市政科）\n各街镇\n（二）\n加强长效管理\n3、落实河长制\n（4）开展常态化巡河。\n全年巡河。\n全年巡河。\n全年巡河。\n区河长办\n区水务局\n各街镇\n";
        let a = analyze(text);
        type Row = (String, Vec<Arc<str>>, Vec<Arc<str>>, Basis);
        let got: Vec<Row> = a
            .measures
            .iter()
            .map(|m| {
                (
                    m.text.chars().take(9).collect(),
                    m.lead.clone(),
                    m.support.clone(),
                    m.basis,
                )
            })
            .collect();
        let s = |v: &[&str]| v.iter().map(|&x| Arc::from(x)).collect::<Vec<_>>();
        assert_eq!(
            got,
            vec![
                (
                    "（一）整治黑臭水体".into(),
                    s(&["区水务局"]),
                    s(&["区生态环境局", "各街镇"]),
                    Basis::AnnexRow
                ),
                (
                    "（二）提升河岸景观".into(),
                    s(&["区绿化市容局", "区水务局"]),
                    s(&["区规划资源局", "区建管委（交通科、市政科）", "各街镇"]),
                    Basis::AnnexRow
                ),
                (
                    "（三）落实河长制。".into(),
                    s(&["区河长办"]),
                    s(&["区水务局", "各街镇"]),
                    Basis::AnnexRow
                ),
            ],
            "{:#?}",
            a.measures
        );
    }
}
