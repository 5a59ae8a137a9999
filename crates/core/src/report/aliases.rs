//! Variants of one unit's name within a plan, suggested for merging: the user
//! confirms them (the web app keeps the confirmed list); nothing here renames a unit.
//!
//! Two names are suggested as one unit when
//! - they spell the same parts differently (`unit_abbreviations.txt`: 发改 = 发展改革 =
//!   发展和改革; a final 委员会 = 委): 区发改委 / 区发展和改革委员会;
//! - one drops the level the other opens with (`unit_levels.txt`), and no other level
//!   has that name in the plan: 市审批服务局 / 审批服务局;
//! - one inserts two to four chars into the other, keeping its first char and its
//!   last two, and the inserted words name no other unit (`unit_variant_blockers.txt`:
//!   各, 相关, 成员…): 省机场集团 / 省民航机场集团;
//! - one ends in 局 where the other ends in 管理局, and no other name of the plan
//!   could be meant: 市应急局 / 市应急管理局.

use crate::lex::chars::is_han;
use crate::lex::hash::FastMap;
use crate::model::UnitEntry;
use crate::text::script::Folder;

crate::lexicon!(ABBREVIATIONS, "unit_abbreviations.txt");
crate::lexicon!(LEVELS, "unit_levels.txt");
crate::lexicon!(BLOCKERS, "unit_variant_blockers.txt");
crate::lexicon!(SUFFIXES, "unit_suffixes.txt");

/// Inserted words longer than this make another unit, not a fuller name.
const MAX_INSERT: usize = 4;
/// More names than this sharing their ends are not a unit's spellings but a list
/// (or a flood): no insertion or 管理局 suggestion among them.
const MAX_BUCKET: usize = 64;

/// Every spelling of the lexicon with its fullest form.
fn spellings() -> Vec<(Vec<char>, Vec<char>)> {
    ABBREVIATIONS
        .words()
        .iter()
        .flat_map(|line| {
            let mut parts = line.split('=').map(str::trim).filter(|p| !p.is_empty());
            let full: Vec<char> = parts.next().unwrap_or("").chars().collect();
            parts.map(move |p| (p.chars().collect::<Vec<char>>(), full.clone()))
        })
        .collect()
}

/// The spellings, read from the lexicon once a process, with the index of each one
/// by its first char (sorted by char, then in lexicon order).
struct Spellings {
    pairs: Vec<(Vec<char>, Vec<char>)>,
    by_first: Vec<(char, usize)>,
}

fn shared_spellings() -> &'static Spellings {
    static SHARED: std::sync::OnceLock<Spellings> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| {
        let pairs = spellings();
        let mut by_first: Vec<(char, usize)> = pairs
            .iter()
            .enumerate()
            .filter_map(|(k, (from, _))| from.first().map(|&c| (c, k)))
            .collect();
        by_first.sort_unstable();
        Spellings { pairs, by_first }
    })
}

impl Spellings {
    /// The spellings that may start at a char `c` (every one of them when some
    /// spelling is empty: the index cannot hold that one), in lexicon order.
    fn starting_with(&self, c: char) -> impl Iterator<Item = &(Vec<char>, Vec<char>)> + '_ {
        let all = self.by_first.len() < self.pairs.len();
        let from = self.by_first.partition_point(|&(x, _)| x < c);
        let indexed = self.by_first[from..]
            .iter()
            .take_while(move |&&(x, _)| x == c && !all)
            .filter_map(|&(_, k)| self.pairs.get(k));
        self.pairs.iter().filter(move |_| all).chain(indexed)
    }
}

/// The name with its parts spelled one way: folded to simplified, whitespace and
/// brackets' width folded, every spelling of the lexicon replaced by its fullest,
/// a final 委员会 written 委.
fn key(folder: &Folder, spellings: &Spellings, name: &str) -> Vec<char> {
    let s: Vec<char> = name
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => folder.fold(c),
        })
        .collect();
    let mut out = Vec::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < s.len() {
        let hit = spellings
            .starting_with(s[i])
            // The first char first: most spellings are refused without comparing slices.
            .filter(|(from, _)| from.first().is_none_or(|f| *f == s[i]) && s[i..].starts_with(from))
            .max_by_key(|(from, _)| from.len());
        match hit {
            Some((from, full)) => {
                out.extend_from_slice(full);
                i += from.len();
            }
            None => {
                out.push(s[i]);
                i += 1;
            }
        }
    }
    if out.ends_with(&['委', '员', '会']) && out.len() > 3 {
        out.truncate(out.len() - 2);
    }
    out
}

fn ends_like_unit(k: &[char]) -> bool {
    SUFFIXES.suffix_at(k, k.len()).is_some()
}

/// The level `k` opens with, and the rest, when the rest is still a unit's name.
fn without_level(k: &[char]) -> Option<(&'static str, &[char])> {
    let level = LEVELS.prefix_at(k, 0)?;
    let rest = k.get(level.chars().count()..)?;
    (rest.len() >= 3 && ends_like_unit(rest) && rest.iter().all(|c| is_han(*c)))
        .then_some((level, rest))
}

/// Whether `long` is `short` with 2–4 chars inserted after its first char and before
/// its last two, the inserted chars naming no other unit.
fn inserts_words(short: &[char], long: &[char]) -> bool {
    let n = long.len().saturating_sub(short.len());
    if !(2..=MAX_INSERT).contains(&n) || short.len() < 4 || !ends_like_unit(short) {
        return false;
    }
    let head = short
        .iter()
        .zip(long)
        .take_while(|(a, b)| a == b)
        .count()
        .min(short.len());
    let tail = short
        .iter()
        .rev()
        .zip(long.iter().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(short.len());
    if head < 1 || tail < 2 || head + tail < short.len() {
        return false;
    }
    // The inserted chars, placed as far right as the shared head allows.
    let at = head.min(short.len() - 2);
    let inserted: String = long.get(at..at + n).unwrap_or(&[]).iter().collect();
    inserted.chars().all(is_han) && !BLOCKERS.occurs_in(&inserted)
}

/// Whether `short` ends in 局 where `long` ends in 管理局, the rest the same.
fn drops_guanli(short: &[char], long: &[char]) -> bool {
    let Some(stem) = short.strip_suffix(&['局']) else {
        return false;
    };
    stem.len() >= 2 && long.strip_suffix(&['管', '理', '局']) == Some(stem)
}

struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }
    fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[b.max(a)] = a.min(b);
        }
    }
}

/// Groups of names of the plan's units that look like one unit, each with the name
/// to keep first (the one given to the most measures, then the longer); groups in the
/// order of their first name in `units`.
pub fn suggest(units: &[UnitEntry]) -> Vec<Vec<String>> {
    let folder = Folder::shared();
    let spellings = shared_spellings();
    let keys: Vec<Vec<char>> = units
        .iter()
        .map(|u| key(folder, spellings, &u.name))
        .collect();
    let n = units.len();
    let mut sets = Sets {
        parent: (0..n).collect(),
    };
    // Names spelled alike, then looked up by what they share (never all pairs: a
    // document of thousands of names stays fast).
    let mut by_key: FastMap<&[char], usize> =
        FastMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (i, k) in keys.iter().enumerate() {
        match by_key.get(k.as_slice()) {
            Some(&j) => sets.join(i, j),
            None => {
                by_key.insert(k, i);
            }
        }
    }
    // A name without its level: the one name of the plan with a level before it.
    let mut by_rest: FastMap<&[char], Vec<(usize, &str)>> = FastMap::default();
    for (j, k) in keys.iter().enumerate() {
        if let Some((level, rest)) = without_level(k) {
            by_rest.entry(rest).or_default().push((j, level));
        }
    }
    for (i, k) in keys.iter().enumerate() {
        if let Some(with_level) = by_rest.get(k.as_slice()) {
            if let Some(&(j, level)) = with_level.first() {
                if with_level.iter().all(|(_, l)| *l == level) {
                    sets.join(i, j);
                }
            }
        }
    }
    // Inserted words (same first char, same last two) and 局 / 管理局 (same first char,
    // both in 局): only when one name of the plan fits.
    let mut by_ends: FastMap<(char, char, char), Vec<usize>> = FastMap::default();
    let mut ju_by_first: FastMap<char, Vec<usize>> = FastMap::default();
    for (j, k) in keys.iter().enumerate() {
        if let (Some(&a), [.., b, c]) = (k.first(), k.as_slice()) {
            by_ends.entry((a, *b, *c)).or_default().push(j);
            if *c == '局' {
                ju_by_first.entry(a).or_default().push(j);
            }
        }
    }
    let bucket = |list: Option<&Vec<usize>>| -> Vec<usize> {
        match list {
            Some(l) if l.len() <= MAX_BUCKET => l.clone(),
            _ => vec![],
        }
    };
    for (i, k) in keys.iter().enumerate() {
        let (Some(&a), [.., b, c]) = (k.first(), k.as_slice()) else {
            continue;
        };
        let inserted: Vec<usize> = bucket(by_ends.get(&(a, *b, *c)))
            .into_iter()
            .filter(|&j| inserts_words(k, &keys[j]))
            .collect();
        if let [j] = inserted[..] {
            sets.join(i, j);
        }
        if let Some(stem) = k.strip_suffix(&['局']) {
            let longer: Vec<usize> = bucket(ju_by_first.get(&a))
                .into_iter()
                .filter(|&j| j != i && keys[j].len() > k.len() && keys[j].starts_with(stem))
                .collect();
            if let [j] = longer[..] {
                if drops_guanli(k, &keys[j]) {
                    sets.join(i, j);
                }
            }
        }
    }
    let mut groups: Vec<Vec<usize>> = vec![];
    let mut at: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        let root = sets.find(i);
        match at[root] {
            Some(g) => groups[g].push(i),
            None => {
                at[root] = Some(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
        .into_iter()
        .filter(|g| g.len() > 1)
        .map(|mut g| {
            let weight = |i: usize| {
                let u = &units[i];
                (u.lead.len() + u.support.len(), u.name.chars().count())
            };
            g.sort_by(|&a, &b| weight(b).cmp(&weight(a)).then(a.cmp(&b)));
            let mut names: Vec<String> = vec![];
            for i in g {
                if !names.contains(&units[i].name) {
                    names.push(units[i].name.clone());
                }
            }
            names
        })
        .filter(|g| g.len() > 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(names: &[&str]) -> Vec<UnitEntry> {
        names
            .iter()
            .map(|n| UnitEntry {
                name: n.to_string(),
                lead: vec!["m1".into()],
                support: vec![],
            })
            .collect()
    }

    fn groups(names: &[&str]) -> Vec<Vec<String>> {
        let mut g = suggest(&units(names));
        for x in &mut g {
            x.sort();
        }
        g
    }

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort();
        v
    }

    #[test]
    fn abbreviations_and_full_names_are_one_unit() {
        assert_eq!(
            groups(&["区发改委", "区科委", "区发展改革委", "区发展和改革委员会"]),
            vec![sorted(&["区发改委", "区发展改革委", "区发展和改革委员会"])]
        );
        assert_eq!(
            groups(&["省市场监督管理局", "省公安厅", "省市场监管局"]),
            vec![sorted(&["省市场监督管理局", "省市场监管局"])]
        );
        assert_eq!(
            groups(&["市人社局", "市人力资源和社会保障局", "市财政局"]),
            vec![sorted(&["市人社局", "市人力资源和社会保障局"])]
        );
    }

    #[test]
    fn traditional_and_simplified_spellings_are_one_unit() {
        assert_eq!(
            groups(&["市發改委", "市发展改革委"]),
            vec![sorted(&["市發改委", "市发展改革委"])]
        );
    }

    #[test]
    fn a_name_without_its_level_is_the_one_with_it() {
        assert_eq!(
            groups(&["市审批服务局", "市公安局", "审批服务局"]),
            vec![sorted(&["市审批服务局", "审批服务局"])]
        );
        assert_eq!(
            groups(&["省地方金融监管局", "地方金融监管局"]),
            vec![sorted(&["省地方金融监管局", "地方金融监管局"])]
        );
        // Two levels have the name: which one is meant is unknown.
        assert!(groups(&["市审批服务局", "区审批服务局", "审批服务局"]).is_empty());
        // Too short to tell: 区委 is not 委.
        assert!(groups(&["区委", "委"]).is_empty());
    }

    #[test]
    fn inserted_words_make_a_fuller_name_unless_they_name_other_units() {
        assert_eq!(
            groups(&["省机场集团", "省港航集团", "省民航机场集团"]),
            vec![sorted(&["省机场集团", "省民航机场集团"])]
        );
        assert!(groups(&["西宁经济技术开发区管委会", "西宁经济技术开发区各园区管委会"]).is_empty());
        assert!(groups(&["各相关街镇", "各相关镇"]).is_empty(), "one char");
        assert!(
            groups(&["市公安局", "市公安交通管理局"]).is_empty(),
            "the last two chars must be shared"
        );
        assert!(groups(&[
            "省推进工业互联网创新发展专项工作组",
            "省推进工业互联网创新发展专项工作组成员单位"
        ])
        .is_empty());
    }

    #[test]
    fn ju_and_guanliju_only_when_nothing_else_fits() {
        assert_eq!(
            groups(&["市应急局", "市应急管理局"]),
            vec![sorted(&["市应急局", "市应急管理局"])]
        );
        assert!(groups(&["市交通局", "市交通管理局", "市交通运输局"]).is_empty());
    }

    #[test]
    fn the_name_given_most_often_comes_first() {
        let mut u = units(&["区发改委", "区发展和改革委员会"]);
        u[1].support = vec!["m2".into(), "m3".into()];
        assert_eq!(suggest(&u), vec![vec!["区发展和改革委员会", "区发改委"]]);
        assert!(suggest(&[]).is_empty());
    }

    #[test]
    fn thousands_of_names_stay_fast() {
        let names: Vec<String> = (0..20_000).map(|i| format!("市第{i}局")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let t = std::time::Instant::now();
        let g = suggest(&units(&refs));
        assert!(g.is_empty(), "{:?}", g.first());
        assert!(
            t.elapsed() < std::time::Duration::from_secs(60), // a hang guard, not a speed claim
            "{:?}",
            t.elapsed()
        );
    }

    #[test]
    fn the_lexicon_has_one_fullest_spelling_a_line() {
        for line in ABBREVIATIONS.words() {
            let parts: Vec<&str> = line.split('=').collect();
            assert!(parts.len() >= 2, "{line}: at least two spellings");
            assert!(
                parts.iter().all(|p| !p.trim().is_empty()),
                "{line}: an empty spelling"
            );
            let first = parts[0].chars().count();
            assert!(
                parts.iter().all(|p| p.chars().count() <= first),
                "{line}: the fullest spelling goes first"
            );
        }
    }
}
