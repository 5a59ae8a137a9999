//! Merged unit names: the user's list of aliases (a name to show ← the variants it
//! stands for), applied to an analysis so the 责任单位 view, the tables and every
//! export use one name per unit; 原文 keeps the wording of the text.
//!
//! The list is plain data (`planlens-aliases/1` JSON), kept locally by the page and
//! exported / imported as a file so an office can share it. Nothing here touches the
//! browser.

use planlens_core::Analysis;
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "planlens-aliases/1";
/// A list longer than this is refused on import (it would not be one office's units).
pub const MAX_ALIASES: usize = 5000;

/// One unit: the name shown and the names that stand for it.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct Alias {
    pub canonical: String,
    pub variants: Vec<String>,
}

#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
pub struct AliasList {
    pub schema: String,
    pub aliases: Vec<Alias>,
    /// Suggested groups the user said are different units (不合并), not suggested again.
    #[serde(default)]
    pub rejected: Vec<Vec<String>>,
}

impl Default for AliasList {
    fn default() -> Self {
        AliasList {
            schema: SCHEMA.into(),
            aliases: vec![],
            rejected: vec![],
        }
    }
}

fn same_set(a: &[String], b: &[String]) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.contains(x))
}

impl AliasList {
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty() && self.rejected.is_empty()
    }

    /// The name shown for `name`: its alias' canonical name, or itself.
    pub fn canonical<'a>(&'a self, name: &'a str) -> &'a str {
        self.aliases
            .iter()
            .find(|a| a.variants.iter().any(|v| v == name))
            .map_or(name, |a| a.canonical.as_str())
    }

    /// Merge `names` into `canonical`: aliases that already cover one of them are
    /// folded in, so every name has at most one canonical name.
    pub fn merge(&mut self, canonical: &str, names: &[String]) {
        let canonical = self.canonical(canonical).to_string();
        let mut variants: Vec<String> = vec![];
        let add = |v: &str, variants: &mut Vec<String>| {
            if v != canonical && !variants.iter().any(|x| x == v) {
                variants.push(v.to_string());
            }
        };
        let mut keep = vec![];
        for a in std::mem::take(&mut self.aliases) {
            let touched = a.canonical == canonical
                || names.contains(&a.canonical)
                || a.variants
                    .iter()
                    .any(|v| names.contains(v) || *v == canonical);
            if touched {
                add(&a.canonical, &mut variants);
                for v in &a.variants {
                    add(v, &mut variants);
                }
            } else {
                keep.push(a);
            }
        }
        for n in names {
            add(n, &mut variants);
        }
        self.aliases = keep;
        if !variants.is_empty() {
            self.aliases.push(Alias {
                canonical,
                variants,
            });
        }
        self.rejected
            .retain(|g| !g.iter().all(|n| names.contains(n)));
    }

    /// Undo a merge: the names of `canonical`'s alias are shown as written again.
    pub fn unmerge(&mut self, canonical: &str) {
        self.aliases.retain(|a| a.canonical != canonical);
    }

    /// 不合并: the group is not suggested again.
    pub fn reject(&mut self, group: &[String]) {
        if !self.rejected.iter().any(|g| same_set(g, group)) {
            self.rejected.push(group.to_vec());
        }
    }

    /// Add an imported list: its aliases are merged in, its rejections kept.
    pub fn import(&mut self, other: &AliasList) {
        for a in &other.aliases {
            self.merge(&a.canonical, &a.variants);
        }
        for g in &other.rejected {
            self.reject(g);
        }
    }

    pub fn to_json(&self) -> String {
        let mut s =
            crate::pretty::pretty(&serde_json::to_string(self).unwrap_or_else(|_| "{}".into()));
        s.push('\n');
        s
    }

    /// Read an exported list; a message in Chinese when it is not one.
    pub fn from_json(text: &str) -> Result<AliasList, String> {
        let list: AliasList = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|_| "不是 planlens 的单位名称合并文件(JSON 格式不对)。".to_string())?;
        if list.schema != SCHEMA {
            return Err(format!("文件格式是 {},需要 {SCHEMA}。", list.schema));
        }
        if list.aliases.len() + list.rejected.len() > MAX_ALIASES {
            return Err("文件中的条目过多,未导入。".into());
        }
        let mut clean = AliasList::default();
        clean.import(&list);
        Ok(clean)
    }

    /// The analysis with every unit named by its canonical name (a name listed twice
    /// in one measure once), the per-unit index rebuilt and the suggestions left to
    /// decide (neither merged nor rejected); `None` when nothing changes.
    pub fn apply(&self, a: &Analysis) -> Option<Analysis> {
        let pending = self.pending(a);
        let renames = a
            .measures
            .iter()
            .flat_map(|m| m.lead.iter().chain(&m.support))
            .any(|n| self.canonical(n) != &**n);
        if !renames && pending == a.unit_variants {
            return None;
        }
        let mut out = a.clone();
        if renames {
            for m in &mut out.measures {
                for list in [&mut m.lead, &mut m.support] {
                    let mut names: Vec<String> = vec![];
                    for n in list.iter() {
                        let c = self.canonical(n).to_string();
                        if !names.contains(&c) {
                            names.push(c);
                        }
                    }
                    *list = names.into_iter().map(Into::into).collect();
                }
                // A unit both leading and supporting a measure leads it.
                let lead = m.lead.clone();
                m.support.retain(|n| !lead.contains(n));
            }
            out.units = planlens_core::unit_index(&out.measures);
        }
        out.unit_variants = pending;
        Some(out)
    }

    /// The suggestions of the analysis not yet decided: a group whose names are not
    /// all shown as one, and that the user did not reject.
    pub fn pending(&self, a: &Analysis) -> Vec<Vec<String>> {
        a.unit_variants
            .iter()
            .filter(|g| {
                let first = g.first().map(|n| self.canonical(n));
                !g.iter().all(|n| Some(self.canonical(n)) == first)
            })
            .filter(|g| !self.rejected.iter().any(|r| same_set(r, g)))
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAN: &str = "一、主要任务\n\
（一）加强创新平台建设。(责任单位:区发改委;配合单位:区科委)\n\
（二）优化营商环境。(牵头单位:区发展和改革委员会;配合单位:区商务委)\n\
（三）完善人才政策。(牵头单位:区科委;配合单位:区发改委)\n";

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn shared(v: &[&str]) -> Vec<std::sync::Arc<str>> {
        v.iter().map(|&s| s.into()).collect()
    }

    #[test]
    fn the_analysis_suggests_the_variants() {
        let a = planlens_core::analyze(PLAN);
        assert_eq!(a.unit_variants.len(), 1, "{:?}", a.unit_variants);
        let mut g = a.unit_variants[0].clone();
        g.sort();
        assert_eq!(g, names(&["区发展和改革委员会", "区发改委"]));
        assert_eq!(AliasList::default().pending(&a), a.unit_variants);
        assert_eq!(AliasList::default().apply(&a), None, "nothing to change");
    }

    #[test]
    fn merged_names_rename_leads_and_supports_and_merge_the_index() {
        let a = planlens_core::analyze(PLAN);
        let mut list = AliasList::default();
        list.merge(
            "区发展和改革委员会",
            &names(&["区发改委", "区发展和改革委员会"]),
        );
        let b = list.apply(&a).expect("renamed");
        assert_eq!(b.measures[0].lead, shared(&["区发展和改革委员会"]));
        assert_eq!(b.measures[2].support, shared(&["区发展和改革委员会"]));
        let u = b
            .units
            .iter()
            .find(|u| u.name == "区发展和改革委员会")
            .unwrap();
        assert_eq!(u.lead, names(&["m1", "m2"]));
        assert_eq!(u.support, names(&["m3"]));
        assert!(b.units.iter().all(|u| u.name != "区发改委"));
        assert_eq!(b.units.len(), a.units.len() - 1);
        assert!(b.unit_variants.is_empty(), "the suggestion is decided");
        // The text and its spans are untouched: 原文 still shows 区发改委.
        assert_eq!(b.measures[0].text, a.measures[0].text);
        assert_eq!(b.measures[0].span, a.measures[0].span);
    }

    #[test]
    fn a_rejected_suggestion_is_not_shown_again() {
        let a = planlens_core::analyze(PLAN);
        let mut list = AliasList::default();
        list.reject(&a.unit_variants[0]);
        list.reject(&a.unit_variants[0]);
        assert_eq!(list.rejected.len(), 1);
        let b = list.apply(&a).expect("suggestions changed");
        assert!(b.unit_variants.is_empty());
        assert_eq!(b.units, a.units, "nothing renamed");
    }

    #[test]
    fn merges_chain_into_one_canonical_name_and_unmerge_undoes() {
        let mut list = AliasList::default();
        list.merge("甲", &names(&["乙"]));
        list.merge("丙", &names(&["甲"]));
        assert_eq!(list.aliases.len(), 1);
        assert_eq!(list.canonical("乙"), "丙");
        assert_eq!(list.canonical("甲"), "丙");
        assert_eq!(list.canonical("丁"), "丁");
        list.merge("乙", &names(&["戊"]));
        assert_eq!(list.canonical("戊"), "丙", "乙 already stands for 丙");
        list.unmerge("丙");
        assert!(list.aliases.is_empty());
        assert_eq!(list.canonical("乙"), "乙");
    }

    #[test]
    fn a_unit_leading_and_supporting_one_measure_after_a_merge_leads_it() {
        let a = planlens_core::analyze(PLAN);
        let mut list = AliasList::default();
        list.merge("区科委", &names(&["区发改委"]));
        let b = list.apply(&a).unwrap();
        assert_eq!(b.measures[0].lead, shared(&["区科委"]));
        assert!(b.measures[0].support.is_empty());
    }

    #[test]
    fn the_list_round_trips_through_json_and_bad_files_are_refused() {
        let mut list = AliasList::default();
        list.merge("区发展和改革委员会", &names(&["区发改委"]));
        list.reject(&names(&["区科委", "区科协"]));
        let back = AliasList::from_json(&list.to_json()).unwrap();
        assert_eq!(back, list);
        assert!(AliasList::from_json("not json").is_err());
        let other = r#"{"schema":"x/1","aliases":[]}"#;
        assert!(AliasList::from_json(other).unwrap_err().contains("x/1"));
        let mut mine = AliasList::default();
        mine.merge("甲", &names(&["乙"]));
        mine.import(&back);
        assert_eq!(mine.aliases.len(), 2);
        assert_eq!(mine.canonical("区发改委"), "区发展和改革委员会");
    }
}
