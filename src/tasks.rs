//! The 任务分解表 as shown: search, filter by unit, sort.

use crate::corrections::Only;
use crate::order;
use planlens_core::{Analysis, Measure};
use std::cmp::Ordering;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SortKey {
    Index,
    Section,
    Lead,
    Deadline,
}

/// What the 任务分解表 shows: search text, unit, sort.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct TaskFilter {
    pub search: String,
    pub unit: String,
    pub sort: SortKey,
    pub ascending: bool,
    /// 只看已改 / 无责任单位 / 值得核对.
    pub only: Only,
}

impl Default for TaskFilter {
    fn default() -> Self {
        TaskFilter {
            search: String::new(),
            unit: String::new(),
            sort: SortKey::Index,
            ascending: true,
            only: Only::All,
        }
    }
}

impl TaskFilter {
    /// Whether rows are left out (the export says so).
    pub fn active(&self) -> bool {
        !self.search.trim().is_empty() || !self.unit.is_empty() || self.only != Only::All
    }

    /// A click on a column header: the same column flips, another sorts ascending.
    pub fn sort_by(&mut self, key: SortKey) {
        self.ascending = self.sort != key || !self.ascending;
        self.sort = key;
    }

    fn keeps(&self, m: &Measure) -> bool {
        let q = self.search.trim();
        let unit = self.unit.as_str();
        self.only.keeps_measure(m)
            && (unit.is_empty() || m.lead.iter().chain(&m.support).any(|u| **u == *unit))
            && (q.is_empty()
                || m.text.contains(q)
                || m.section.contains(q)
                || m.title.as_deref().is_some_and(|t| t.contains(q))
                || m.lead.iter().chain(&m.support).any(|u| u.contains(q))
                || m.deadline.as_ref().is_some_and(|d| d.text.contains(q)))
    }
}

/// The rows as filtered and sorted on screen: (序号, measure), 序号 from 1.
/// Ties keep the plan's order.
pub fn visible_measures<'a>(a: &'a Analysis, f: &TaskFilter) -> Vec<(usize, &'a Measure)> {
    let mut rows: Vec<(usize, &Measure)> = a
        .measures
        .iter()
        .enumerate()
        .map(|(i, m)| (i + 1, m))
        .filter(|(_, m)| f.keeps(m))
        .collect();
    match f.sort {
        SortKey::Index => {}
        SortKey::Section => order::sort_by(&mut rows, &|a, b| {
            a.1.section.cmp(&b.1.section).then(a.0.cmp(&b.0))
        }),
        SortKey::Lead => order::sort_by(&mut rows, &|a, b| {
            // measures without a lead go last
            let ka = a.1.lead.first().map(|n| &**n).unwrap_or("\u{10FFFF}");
            let kb = b.1.lead.first().map(|n| &**n).unwrap_or("\u{10FFFF}");
            ka.cmp(kb).then(a.0.cmp(&b.0))
        }),
        SortKey::Deadline => order::sort_by(&mut rows, &|a, b| {
            let key = |m: &Measure| {
                m.deadline
                    .as_ref()
                    .map(|d| d.date.clone().unwrap_or_else(|| d.text.clone()))
            };
            match (key(a.1), key(b.1)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then(a.0.cmp(&b.0))
        }),
    }
    if !f.ascending {
        rows.reverse();
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、主要任务\n\
（一）加强创新平台建设。(责任单位:区科委;完成时限:2024年底前)\n\
（二）优化营商环境。(牵头单位:区商务委;配合单位:区科委;完成时限:2023年6月底前)\n\
（三）完善人才政策。\n\
（四）推进数字化转型。(责任单位:区经委)\n";

    fn numbers(rows: &[(usize, &Measure)]) -> Vec<usize> {
        rows.iter().map(|r| r.0).collect()
    }

    fn filter(f: impl FnOnce(&mut TaskFilter)) -> TaskFilter {
        let mut t = TaskFilter::default();
        f(&mut t);
        t
    }

    #[test]
    fn the_plain_table_is_every_measure_in_plan_order() {
        let a = planlens_core::analyze(PLAN);
        assert_eq!(a.measures.len(), 4, "{:#?}", a.measures);
        assert_eq!(
            numbers(&visible_measures(&a, &TaskFilter::default())),
            [1, 2, 3, 4]
        );
        assert!(!TaskFilter::default().active());
    }

    #[test]
    fn a_unit_keeps_the_measures_it_leads_or_supports() {
        let a = planlens_core::analyze(PLAN);
        let f = filter(|f| f.unit = "区科委".into());
        assert!(f.active());
        assert_eq!(numbers(&visible_measures(&a, &f)), [1, 2]);
    }

    #[test]
    fn search_looks_in_text_units_and_deadlines() {
        let a = planlens_core::analyze(PLAN);
        let q = |s: &str| numbers(&visible_measures(&a, &filter(|f| f.search = s.into())));
        assert_eq!(q("人才"), [3]);
        assert_eq!(q("区经委"), [4]);
        assert_eq!(q("6月底"), [2]);
        assert_eq!(q("  "), [1, 2, 3, 4], "blank search keeps everything");
    }

    #[test]
    fn sort_by_lead_puts_measures_without_a_lead_last_and_descending_reverses() {
        let a = planlens_core::analyze(PLAN);
        let mut f = filter(|f| f.sort = SortKey::Lead);
        let rows = visible_measures(&a, &f);
        assert_eq!(rows.last().unwrap().0, 3, "no lead: last");
        let leads: Vec<&str> = rows[..3].iter().map(|r| &*r.1.lead[0]).collect();
        let sorted = {
            let mut l = leads.clone();
            l.sort();
            l
        };
        assert_eq!(leads, sorted);
        f.ascending = false;
        let mut reversed = numbers(&visible_measures(&a, &f));
        reversed.reverse();
        assert_eq!(reversed, numbers(&rows));
    }

    #[test]
    fn sort_by_deadline_puts_earlier_dates_first_and_undated_last() {
        let a = planlens_core::analyze(PLAN);
        let f = filter(|f| f.sort = SortKey::Deadline);
        assert_eq!(numbers(&visible_measures(&a, &f)), [2, 1, 3, 4]);
    }
}
