//! The per-unit index: for every unit, the measures it leads and supports.

use crate::lex::hash::FastMap;
use crate::model::{Measure, UnitEntry};

/// Names compare without whitespace and with full-width brackets folded.
fn key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect()
}

pub fn index(measures: &[Measure]) -> Vec<UnitEntry> {
    // Sized once for the most names there can be (no table regrown and rehashed).
    let names: usize = measures
        .iter()
        .map(|m| m.lead.len() + m.support.len())
        .sum();
    let mut order: Vec<UnitEntry> = vec![];
    let mut at: FastMap<String, usize> =
        FastMap::with_capacity_and_hasher(names, Default::default());
    for m in measures {
        for (names, lead) in [(&m.lead, true), (&m.support, false)] {
            for name in names {
                let i = *at.entry(key(name)).or_insert_with(|| {
                    order.push(UnitEntry {
                        name: name.to_string(),
                        lead: vec![],
                        support: vec![],
                    });
                    order.len() - 1
                });
                let list = if lead {
                    &mut order[i].lead
                } else {
                    &mut order[i].support
                };
                // Measures come in order, so a repeat can only be the last one pushed
                // (a name given twice in one measure): no scan of the whole list.
                if list.last() != Some(&m.id) {
                    list.push(m.id.clone());
                }
            }
        }
    }
    order
}
