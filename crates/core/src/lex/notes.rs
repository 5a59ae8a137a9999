//! Responsibility notes: `(责任单位:A、B;配合单位:C;完成时间:6月底前)`,
//! `(A、B等按职责分工负责)`, `(A牵头,B、C配合)`, `(合肥海关负责)`, `(市科委、相关区)`.
//! Found and parsed on the matching view; names come back as written.

use super::chars;
use super::dates;
use super::lexicon::Lexicon;

#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Range in the block's chars, brackets included.
    pub a: usize,
    pub b: usize,
    /// Unit names as ranges into the block's chars.
    pub lead: Vec<(usize, usize)>,
    pub support: Vec<(usize, usize)>,
    pub deadline: Option<(usize, usize)>,
    /// Inside brackets, rather than a labeled tail or label line.
    pub bracketed: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Lead,
    Support,
    Deadline,
    /// People, not units: 责任领导, 联系人.
    Ignore,
}

crate::lexicon!(LEAD_ROLES, "note_roles_lead.txt");
crate::lexicon!(SUPPORT_ROLES, "note_roles_support.txt");
crate::lexicon!(PEOPLE_ROLES, "note_roles_people.txt");
crate::lexicon!(HOLDERS, "note_holders.txt");
crate::lexicon!(PEOPLE_HOLDERS, "note_holders_people.txt");
crate::lexicon!(DEADLINE_LABELS, "note_deadline_labels.txt");
crate::lexicon!(LEAD_VERBS, "note_verbs_lead.txt");
crate::lexicon!(CHIEF_VERBS, "note_verbs_chief.txt");
crate::lexicon!(SUPPORT_VERBS, "note_verbs_support.txt");
crate::lexicon!(ASIDES, "note_asides.txt");
crate::lexicon!(UNIT_SUFFIXES, "unit_suffixes.txt");
crate::lexicon!(UNIT_NAME_TAILS, "unit_name_tails.txt");
crate::lexicon!(NOTE_RIDERS, "note_riders.txt");

/// Characters a label may hold between its role word and its holder word
/// (牵头**考核**单位); more would be a sentence, not a label.
const MAX_QUALIFIER: usize = 4;

fn starts(s: &[char], p: &str) -> bool {
    chars::starts_at(s, 0, p)
}

fn ends(s: &[char], p: &str) -> bool {
    chars::ends_at(s, s.len(), p)
}

/// Every responsibility note in a block, in order: bracketed ones `(…)` `【…】`,
/// and a labeled tail with no brackets (`…。责任单位:区科委;完成时限:年底前`).
pub fn find_notes(chars: &[char]) -> Vec<Note> {
    let mut out = vec![];
    scan_notes(chars, usize::MAX, &mut |note| {
        out.push(note);
        true
    });
    out
}

/// Where the block's first note starts (the `a` of `find_notes(chars)[0]`), when it
/// starts at or before `limit`: the scan stops there instead of parsing the whole block.
pub fn first_note_within(chars: &[char], limit: usize) -> Option<usize> {
    let mut first = None;
    scan_notes(chars, limit, &mut |note| {
        first = Some(note.a);
        false
    });
    first
}

/// The notes of `find_notes`, in order, each handed to `found` (which says whether to go
/// on), from the ones that start at or before `limit` (a note's `a` is where the scan
/// stands when it finds it, so the scan stops past `limit`).
fn scan_notes(chars: &[char], limit: usize, found: &mut dyn FnMut(Note) -> bool) {
    let mut i = 0;
    while i < chars.len() && i <= limit {
        // Only an opening bracket or a sentence's first char starts a note.
        let sentence_start = i == 0 || matches!(chars[i - 1], '。' | ';');
        if !sentence_start && !matches!(chars[i], '(' | '【' | '[' | '〔') {
            // Straight to the next bracket or sentence end: the chars between start none.
            match chars[i..].iter().position(|&c| may_open_note(c)) {
                Some(k) if matches!(chars[i + k], '。' | ';') => i += k + 1,
                Some(k) => i += k,
                None => return,
            }
            continue;
        }
        // "【牵头单位】A【配合单位】B": bracketed labels open a labeled tail.
        if chars[i] == '【' && label_at(&chars[i..]).is_some() {
            if let Some(note) = parse_range(chars, i, chars.len(), i, chars.len(), false) {
                found(note);
                return;
            }
        }
        let close_char = match chars[i] {
            '(' => Some(')'),
            '【' => Some('】'),
            '[' => Some(']'),
            '〔' => Some('〕'),
            _ => None,
        };
        if let Some(cc) = close_char {
            if let Some(close) = matching_close(chars, i, chars[i], cc) {
                if let Some(note) = parse_note(chars, i, close) {
                    if !found(note) {
                        return;
                    }
                }
                i = close + 1;
                continue;
            }
        }
        // "市发改委牵头,市财政局配合。": a sentence of units and their roles only.
        if i == 0 || matches!(chars[i - 1], '。' | ';') {
            if let Some(note) = plain_note(chars, i) {
                i = note.b;
                if !found(note) {
                    return;
                }
                continue;
            }
        }
        // An unbracketed labeled note runs to the end of the block.
        if (i == 0 || matches!(chars[i - 1], '。' | ';'))
            && label_at(&chars[i..]).is_some_and(|(r, _)| r != Role::Deadline || i > 0)
        {
            if let Some(note) = parse_range(chars, i, chars.len(), i, chars.len(), false) {
                found(note);
                return;
            }
        }
        i += 1;
    }
}

/// An opening bracket (a note may start at it) or a sentence end (one may start after
/// it); most hanzi are refused by one compare.
fn may_open_note(c: char) -> bool {
    crate::lex::chars::may_be_mark(c) && matches!(c, '(' | '【' | '[' | '〔' | '。' | ';')
}

/// Words a sentence-long note may hold besides its unit names: `由A牵头负责,B、C配合`.
const PLAIN_NOTE_WORDS: &[&str] = &[
    "按职责分工",
    "按职责",
    "由",
    "牵头",
    "负责",
    "配合",
    "参与",
    "协助",
    "协同",
    "共同",
    "落实",
    "等",
    "、",
    ",",
    "和",
    "及",
];

/// `市发展改革委牵头,市财政局、市商务局配合。`, `由区商务委牵头负责。`: a sentence of nothing
/// but unit names and the verbs of their roles, 牵头 among them, is a note without brackets.
fn plain_note(chars: &[char], at: usize) -> Option<Note> {
    let end = chars[at..]
        .iter()
        .position(|c| matches!(c, '。' | ';'))
        .map_or(chars.len(), |k| at + k);
    if end - at > 80 || !chars::contains(&chars[at..end], "牵头") {
        return None;
    }
    let note = parse_range(chars, at, end, at, end, true)?;
    if note.lead.is_empty() || note.deadline.is_some() {
        return None;
    }
    let names: Vec<(usize, usize)> = note.lead.iter().chain(&note.support).copied().collect();
    if !names.iter().all(|&(x, y)| looks_like_unit(&chars[x..y])) {
        return None;
    }
    // Nothing but the names and the role words: "市发改委牵头抓总" is a sentence.
    let mut rest: Vec<char> = (at..end)
        .filter(|k| !names.iter().any(|&(x, y)| (x..y).contains(k)))
        .map(|k| chars[k])
        .collect();
    while !rest.is_empty() {
        let w = PLAIN_NOTE_WORDS
            .iter()
            .find(|w| chars::starts_at(&rest, 0, w))?;
        rest.drain(..w.chars().count());
    }
    Some(Note {
        bracketed: false,
        ..note
    })
}

fn matching_close(chars: &[char], open: usize, oc: char, cc: char) -> Option<usize> {
    let mut depth = 0;
    for (j, c) in chars.iter().enumerate().skip(open) {
        match *c {
            c if c == oc => depth += 1,
            c if c == cc => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
        if j - open > 600 {
            return None;
        }
    }
    None
}

/// A line that starts with a responsibility label, e.g. `责任单位:区科委`.
pub fn starts_with_label(s: &[char]) -> bool {
    label_at(s).is_some_and(|(r, _)| r != Role::Ignore)
}

fn label_at(s: &[char]) -> Option<(Role, usize)> {
    // "【牵头单位】市人社局": a label in brackets instead of before a colon.
    if s.first() == Some(&'【') {
        let (role, n, _) = label_word(&s[1..])?;
        return (s.get(n + 1) == Some(&'】')).then_some((role, n + 2));
    }
    let (role, n, _) = label_word(s)?;
    (s.get(n) == Some(&':')).then_some((role, n + 1))
}

/// The role a table header cell names (`牵头单位`, `责任处室`, `完成时限`), when the
/// whole cell is one label word.
pub fn header_role(cell: &[char]) -> Option<HeaderRole> {
    let (role, n, chief) = label_word(cell)?;
    if n != cell.len() {
        return None;
    }
    Some(match role {
        Role::Lead if chief => HeaderRole::Chief,
        Role::Lead => HeaderRole::Lead,
        Role::Support => HeaderRole::Support,
        Role::Deadline => HeaderRole::Deadline,
        Role::Ignore => HeaderRole::People,
    })
}

/// What a table column holds, read from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderRole {
    /// 牵头单位: the lead; every other unit column then supports.
    Chief,
    /// 责任单位, 主责单位: the lead when no 牵头 column is beside it.
    Lead,
    Support,
    Deadline,
    People,
}

/// A label word at the start of `s`: a deadline label, or a role word, up to
/// [`MAX_QUALIFIER`] characters and a holder word (`牵头考核单位`), or a role word
/// alone before a colon (`牵头:`). Returns its role, its length and whether its
/// role word is 牵头.
fn label_word(s: &[char]) -> Option<(Role, usize, bool)> {
    // Most positions start no label word of any of the four lists: one look each.
    let first = *s.first()?;
    if ![&DEADLINE_LABELS, &LEAD_ROLES, &SUPPORT_ROLES, &PEOPLE_ROLES]
        .iter()
        .any(|l| l.may_start_with(first))
    {
        return None;
    }
    if let Some(w) = DEADLINE_LABELS.prefix_at(s, 0) {
        return Some((Role::Deadline, w.chars().count(), false));
    }
    let (mut role, word) = [
        (Role::Lead, &LEAD_ROLES),
        (Role::Support, &SUPPORT_ROLES),
        (Role::Ignore, &PEOPLE_ROLES),
    ]
    .iter()
    .find_map(|(r, lex)| lex.prefix_at(s, 0).map(|w| (*r, w)))?;
    let start = word.chars().count();
    let chief = word == "牵头";
    // The longest label: the holder word that ends furthest, within the qualifier limit.
    let limit = (start + MAX_QUALIFIER + 4).min(s.len());
    // A label is hanzi from its role word to its holder's end: no end past the first
    // other char can fit.
    let han_end = s[start..limit]
        .iter()
        .position(|c| !chars::is_han(*c))
        .map_or(limit, |k| start + k);
    let mut best = None;
    for end in (start + 1..=han_end).rev() {
        let fits = |h: &str| {
            let n = h.chars().count();
            chars::ends_at(s, end, h) && end >= start + n && end - n - start <= MAX_QUALIFIER
        };
        // Only the holder words that end here can fit (the same first one, in file order).
        if let Some(h) = HOLDERS.ending_at(s, end).find(|h| fits(h)) {
            if PEOPLE_HOLDERS.contains_word(h) {
                role = Role::Ignore;
            }
            best = Some(end);
            break;
        }
    }
    match best {
        Some(end) => Some((role, end, chief)),
        // A role word alone is a label only before a colon: 牵头:A.
        None if s.get(start) == Some(&':') => Some((role, start, chief)),
        None => None,
    }
}

/// "牵头单位:A 配合单位:B" with only a space between (gone in the matching view):
/// a label inside a segment starts a new segment.
fn label_segments(chars: &[char], segments: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut out = vec![];
    for (a, b) in segments {
        let mut start = a;
        let mut k = a;
        while k < b {
            match label_at(&chars[k..b]) {
                // Step over the whole label, so "时间" inside "完成时间" is not another one.
                Some((r, n))
                    if r != Role::Lead
                        || ["牵头", "责任", "【牵头", "【责任"]
                            .iter()
                            .any(|w| chars::starts_at(chars, k, w)) =>
                {
                    if k > start {
                        out.push((start, k));
                        start = k;
                    }
                    k += n;
                }
                _ => k += 1,
            }
        }
        out.push((start, b));
    }
    out
}

/// Splits at top-level separators (not inside nested brackets).
fn split_top(s: &[char], base: usize, seps: &[char]) -> Vec<(usize, usize)> {
    let mut out = vec![];
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.iter().enumerate() {
        match c {
            '(' | '《' | '“' => depth += 1,
            ')' | '》' | '”' => depth -= 1,
            c if depth == 0 && seps.contains(c) => {
                out.push((base + start, base + i));
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push((base + start, base + s.len()));
    out.into_iter().filter(|(a, b)| b > a).collect()
}

fn strip_suffix(s: &[char], a: usize, b: usize, words: &Lexicon) -> Option<usize> {
    words
        .suffix_at(&s[a..b], b - a)
        .map(|w| b - w.chars().count())
}

/// Where a unit name ends once the words closing its list are cut off:
/// "区科委、区经委等", "市发改委等部门" → 区经委, 市发改委.
pub fn without_list_tail(chars: &[char], x: usize, mut y: usize) -> usize {
    while let Some(w) = UNIT_NAME_TAILS.suffix_at(&chars[x..y], y - x) {
        y -= w.chars().count();
    }
    y
}

/// Whether a name ends like a unit (局, 委, 中心, 政府…), brackets after it allowed.
pub fn looks_like_unit(s: &[char]) -> bool {
    let n = s.len();
    (2..=30).contains(&n)
        && !s
            .iter()
            .any(|c| c.is_ascii_digit() || matches!(c, '。' | ':' | '%'))
        && (UNIT_SUFFIXES.suffix_at(s, n).is_some()
            || (ends(s, ")")
                && s.iter()
                    .position(|c| *c == '(')
                    .is_some_and(|p| UNIT_SUFFIXES.suffix_at(s, p).is_some())))
}

fn parse_note(chars: &[char], open: usize, close: usize) -> Option<Note> {
    parse_range(chars, open, close + 1, open + 1, close, true)
}

/// A note spanning `a..b` whose words are `ia..ib` (inside the brackets, if any).
fn parse_range(
    chars: &[char],
    a: usize,
    b: usize,
    ia: usize,
    ib: usize,
    bracketed: bool,
) -> Option<Note> {
    let (open, close) = (a, b.saturating_sub(1));
    let inner = &chars[ia..ib];
    // Asides, not notes: "(以下简称推进小组)", "(含前海片区)".
    if inner.is_empty() || ASIDES.prefix_at(inner, 0).is_some() {
        return None;
    }
    let labeled = label_at(inner).is_some();
    if !bracketed && !labeled {
        return None;
    }
    // Where the brackets sit: a note closes a sentence or a paragraph.
    let before = if open == 0 { '。' } else { chars[open - 1] };
    let after = chars.get(close + 1).copied().unwrap_or('。');
    // After a quoted term, brackets the sentence runs on from spell the term out
    // (市“三委两局”(市发展改革委、市科委…)认定的项目): a gloss, not a note.
    let quoted_term = matches!(before, '”' | '」');
    let runs_on = crate::lex::chars::is_han(after);
    let at_sentence_edge = matches!(before, '。' | ';' | '!' | ')')
        || (quoted_term && !runs_on)
        || matches!(after, '。' | ';' | ',');
    if !labeled && !at_sentence_edge {
        return None;
    }
    // Unlabeled, a note needs a name that ends like a unit (checked below): brackets
    // holding no char a unit name can end on ("(一)", "(2025年)") are not read further.
    if !labeled && !inner.iter().any(|&c| UNIT_SUFFIXES.may_end_with(c)) {
        return None;
    }
    let base = ia;
    let mut note = Note {
        a,
        b,
        lead: vec![],
        support: vec![],
        deadline: None,
        bracketed,
    };
    let mut role = Role::Lead;
    let mut chief_named = false;
    let mut verb_seen = false;
    let mut explicit_support = vec![];
    let mut plain = vec![];
    let mut after_full_stop = false;
    // Under a 牵头单位 label the units lead; the note's other units then support.
    let mut chief_label = false;
    for (sa, sb) in label_segments(chars, split_top(inner, base, &[',', ';', '。'])) {
        let mut sa = sa;
        if let Some((r, n)) = label_at(&chars[sa..sb]) {
            role = r;
            chief_label = r == Role::Lead
                && (starts(&chars[sa..sb], "牵头") || starts(&chars[sa..sb], "【牵头"));
            chief_named |= chief_label;
            sa += n;
            verb_seen = true;
        } else if after_full_stop && labeled {
            // "…按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工": a remark, not units.
            break;
        }
        after_full_stop = chars.get(sb) == Some(&'。');
        if sa >= sb || role == Role::Ignore {
            continue;
        }
        // "下同", "以下不再列出": a rider, no unit.
        if NOTE_RIDERS.is_whole(&chars[sa..sb]) {
            continue;
        }
        // The segment that states the time is the deadline, whole as written:
        // "5月底取得明显成效并持续推进", "完成时限:即日起至4月30日".
        if role == Role::Deadline
            || (dates::opens_with_time(&chars[sa..sb]) && !looks_like_unit(&chars[sa..sb]))
        {
            note.deadline = Some((sa, sb));
            // Units after a deadline segment lead again: "完成时限:6月底前,市发改委负责".
            role = Role::Lead;
            continue;
        }
        // A verb after the list applies to every unit of the segment.
        let mut seg_role = role;
        let mut end = sb;
        if let Some(e) = strip_suffix(chars, sa, sb, &CHIEF_VERBS) {
            chief_named = true;
            verb_seen = true;
            note.lead.extend(items(chars, sa, e));
            continue;
        } else if let Some(e) = strip_suffix(chars, sa, sb, &SUPPORT_VERBS) {
            end = e;
            verb_seen = true;
            seg_role = Role::Support;
        } else if let Some(e) = strip_suffix(chars, sa, sb, &LEAD_VERBS) {
            end = e;
            verb_seen = true;
        }
        // "A会同B": A leads, B supports.
        let seg: Vec<(usize, usize)> = items(chars, sa, end);
        for (x, y) in seg {
            // "市发改委(牵头)、市财政局": the marked unit leads, the others support.
            if chars[y - 1] == ')' {
                if let Some(p) = chars[x..y].iter().rposition(|c| *c == '(') {
                    if chars::starts_at(chars, x + p + 1, "牵头") && p > 0 {
                        note.lead.push((x, x + p));
                        chief_named = true;
                        continue;
                    }
                }
            }
            if let Some(k) = chars::find(&chars[x..y], "会同") {
                note.lead.push((x, x + k));
                chief_named = true;
                plain.push((x + k + 2, y));
                continue;
            }
            match seg_role {
                Role::Support => explicit_support.push((x, y)),
                _ if chief_label => note.lead.push((x, y)),
                _ => plain.push((x, y)),
            }
        }
    }
    if !labeled {
        let all: Vec<&(usize, usize)> = note
            .lead
            .iter()
            .chain(plain.iter())
            .chain(explicit_support.iter())
            .collect();
        if all.is_empty() {
            return None;
        }
        let unit_like = all
            .iter()
            .filter(|(x, y)| looks_like_unit(&chars[*x..*y]))
            .count();
        // Without a label, every name must look like a unit (or a verb must say so).
        if unit_like == 0 || (!verb_seen && unit_like < all.len()) {
            return None;
        }
        if !verb_seen {
            // A bare name in brackets inside a sentence glosses the word before it
            // (人才(团队), 联络站(海外人才工作站),): a note closes its sentence.
            let closes_sentence = matches!(after, '。' | ';') || close + 1 >= chars.len();
            let one_short_name = all.len() == 1 && all[0].1 - all[0].0 <= 2;
            if one_short_name || (!closes_sentence && chars::is_han(before)) {
                return None;
            }
        }
    }
    if chief_named {
        note.support.extend(plain);
    } else {
        note.lead.extend(plain);
    }
    note.support.extend(explicit_support);
    note.lead.retain(|(x, y)| y > x);
    note.support.retain(|(x, y)| y > x);
    if note.lead.is_empty() && note.support.is_empty() && note.deadline.is_none() {
        return None;
    }
    Some(note)
}

/// Unit names in a segment, split at `、` (and `和`/`及` only between unit-like names).
fn items(chars: &[char], a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = vec![];
    for (x, y) in split_top(&chars[a..b], a, &['、', '/']) {
        let y = without_list_tail(chars, x, y);
        let mut x = x;
        while x < y && matches!(chars[x], '由' | '和' | '及') {
            x += 1;
        }
        if y <= x {
            continue;
        }
        // "市级各有关部门及各县市区政府": two units, when both halves are units; so is
        // "浦东新区等相关区政府" (a unit, then the group it stands for).
        let split = (x + 2..y.saturating_sub(2)).find(|&k| {
            let joins = matches!(chars[k], '及' | '和')
                || (chars[k] == '等'
                    && ["相关", "有关", "各", "其他"]
                        .iter()
                        .any(|w| chars::starts_at(chars, k + 1, w)));
            joins && looks_like_unit(&chars[x..k]) && looks_like_unit(&chars[k + 1..y])
        });
        match split {
            Some(k) => {
                out.push((x, k));
                out.push((k + 1, y));
            }
            None => out.push((x, y)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Vec<(Vec<String>, Vec<String>, Option<String>)> {
        let chars: Vec<char> = s.chars().collect();
        let text = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
        find_notes(&chars)
            .into_iter()
            .map(|n| {
                (
                    n.lead.iter().map(|r| text(*r)).collect(),
                    n.support.iter().map(|r| text(*r)).collect(),
                    n.deadline.map(text),
                )
            })
            .collect()
    }

    #[test]
    fn a_sentence_of_units_and_their_roles_is_a_note_without_brackets() {
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse("加快建设重点项目。由市发展改革委牵头,市财政局、市商务局配合。"),
            vec![(v(&["市发展改革委"]), v(&["市财政局", "市商务局"]), None)]
        );
        assert_eq!(
            parse("加快建设重点项目。区商务委牵头负责。"),
            vec![(v(&["区商务委"]), vec![], None)]
        );
        // A sentence that says more than who does it is no note.
        assert!(parse("加快建设重点项目。市发展改革委牵头抓总,市财政局配合。").is_empty());
        assert!(parse("由市发展改革委牵头,市财政局配合,加快建设重点项目。").is_empty());
        assert!(parse("加快建设重点项目。市发展改革委配合。").is_empty());
    }

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn the_first_note_within_a_limit_is_the_first_of_all_notes() {
        let mut with_notes = 0;
        for s in [
            "开展活动。(责任单位:区科委,配合单位:区商务委)推进建设(区财政局负责)。",
            "(以下简称推进小组)加强领导(含前海片区)。(市科委牵头)",
            "【牵头单位】市人社局【配合单位】市财政局",
            "建设智慧城市。责任单位:区科委;完成时限:年底前",
            "推进数据共享,实现一网通办。",
            "(一)加强组织领导(",
            "",
        ] {
            let chars: Vec<char> = s.chars().collect();
            let first = find_notes(&chars).first().map(|n| n.a);
            with_notes += usize::from(first.is_some_and(|a| a > 0));
            for limit in 0..=chars.len() + 1 {
                assert_eq!(
                    first_note_within(&chars, limit),
                    first.filter(|&a| a <= limit),
                    "{s} up to {limit}"
                );
            }
        }
        assert!(with_notes >= 3, "notes after the start: {with_notes}");
    }

    #[test]
    fn labeled_lead_support_deadline() {
        let r = parse("开展活动。(责任单位:区科委,配合单位:区商务委、区科协,完成时间:12月底前)");
        assert_eq!(
            r,
            vec![(
                v(&["区科委"]),
                v(&["区商务委", "区科协"]),
                Some("12月底前".into())
            )]
        );
    }

    #[test]
    fn nested_brackets_stay_in_names() {
        let r = parse("建设智慧城市。(责任部门:区经委(信息委)、区科委)");
        assert_eq!(r[0].0, v(&["区经委(信息委)", "区科委"]));
    }

    #[test]
    fn duty_division_means_all_lead() {
        let r = parse("加快转化。(各县区政府、西宁经济技术开发区管委会,市科技局等按职责分工负责)");
        assert_eq!(
            r[0].0,
            v(&["各县区政府", "西宁经济技术开发区管委会", "市科技局"])
        );
        assert!(r[0].1.is_empty());
    }

    #[test]
    fn chief_and_partners() {
        let r = parse("落实用地。(市国土局牵头,市发改委、市财政局配合)");
        assert_eq!(r[0].0, v(&["市国土局"]));
        assert_eq!(r[0].1, v(&["市发改委", "市财政局"]));
        let r = parse("落实用地。(市国土局牵头,市发改委、市财政局按职责分工负责)");
        assert_eq!(r[0].1, v(&["市发改委", "市财政局"]));
        let r = parse("落实用地。(市国土局牵头负责)");
        assert_eq!(r[0].0, v(&["市国土局"]));
    }

    #[test]
    fn unlabeled_unit_lists() {
        assert_eq!(
            parse("推进合作。(市科委、相关区)")[0].0,
            v(&["市科委", "相关区"])
        );
        assert_eq!(parse("通关便利。(合肥海关负责)")[0].0, v(&["合肥海关"]));
        assert_eq!(parse("由区发改委会同区财政局负责。")[..], []);
        assert_eq!(
            parse("推进。(区发改委会同区财政局负责)")[0],
            (v(&["区发改委"]), v(&["区财政局"]), None)
        );
    }

    #[test]
    fn ordinary_brackets_are_not_notes() {
        assert!(parse("新型创业服务平台(10个),集聚人才").is_empty());
        assert!(parse("科技小巨人(培育)企业达100家").is_empty());
        assert!(parse("打造科技成果(专利、版权等技术要素)转化机制").is_empty());
        assert!(parse("与台湾HTC(威盛集团)合作").is_empty());
        assert!(parse("成立推进小组(以下简称推进小组),由区长任组长").is_empty());
    }

    #[test]
    fn traditional_labels_after_folding() {
        // The matching view folds 責任單位 → 责任单位 before parsing.
        let r = parse("推進。(市教育局、市人社局等按职责分工负责)");
        assert_eq!(r[0].0, v(&["市教育局", "市人社局"]));
    }

    #[test]
    fn deadline_only_segments() {
        // The whole time statement, as written.
        let r = parse("推进。(区科委负责,2018年底前完成)");
        assert_eq!(r[0].0, v(&["区科委"]));
        assert_eq!(r[0].2.as_deref(), Some("2018年底前完成"));
        let r = parse("推进。(责任单位:区科委;完成时限:长期坚持)");
        assert_eq!(r[0].2.as_deref(), Some("长期坚持"));
    }

    #[test]
    fn deadline_segments_before_labels_built_from_role_words() {
        let r = parse("全部开通全程网办。(5月底取得明显成效并持续推进,牵头考核单位:市审批服务局)");
        assert_eq!(r[0].0, v(&["市审批服务局"]));
        assert!(r[0].1.is_empty(), "{:?}", r[0].1);
        assert_eq!(r[0].2.as_deref(), Some("5月底取得明显成效并持续推进"));
        let r = parse("建成平台。(12月取得明显成效,责任处室:信息化处;配合处室:财务处)");
        assert_eq!(
            (r[0].0.clone(), r[0].1.clone()),
            (v(&["信息化处"]), v(&["财务处"]))
        );
        assert_eq!(r[0].2.as_deref(), Some("12月取得明显成效"));
        let r = parse("开展整治。(完成时限:即日起至4月30日;主责单位:区城管委)");
        assert_eq!(r[0].0, v(&["区城管委"]));
        assert_eq!(r[0].2.as_deref(), Some("即日起至4月30日"));
        // A label naming people gives no units.
        let r = parse("推进。(牵头领导:张三;责任单位:区科委)");
        assert_eq!(r[0].0, v(&["区科委"]));
    }

    #[test]
    fn a_unit_marked_as_chief_inside_a_list() {
        let r = parse("推进改革。(责任单位:市发改委(牵头)、市财政局、市科技局)");
        assert_eq!(r[0].0, v(&["市发改委"]));
        assert_eq!(r[0].1, v(&["市财政局", "市科技局"]));
    }

    #[test]
    fn labels_in_square_brackets() {
        let r = parse("落实政策。【牵头单位】市人社局【配合单位】市财政局、市税务局");
        assert_eq!(r[0].0, v(&["市人社局"]));
        assert_eq!(r[0].1, v(&["市财政局", "市税务局"]));
    }

    #[test]
    fn list_tails_and_riders_are_no_names() {
        let r = parse("推进改革。(责任单位:市发改委等部门)");
        assert_eq!(r[0].0, v(&["市发改委"]));
        let r = parse("建设平台。(责任单位:区科委,下同)");
        assert_eq!(r[0].0, v(&["区科委"]));
        let r = parse("完善机制。(区财政局、区审计局等单位按职责负责)");
        assert_eq!(r[0].0, v(&["区财政局", "区审计局"]));
        let r = parse("做好宣传。(市委宣传部按职责分工负责,以下不再列出)");
        assert_eq!(r[0].0, v(&["市委宣传部"]));
    }

    #[test]
    fn every_support_label_names_supporters() {
        for label in [
            "支撑单位",
            "支持单位",
            "协作单位",
            "协同部门",
            "参与单位",
            "协办单位",
        ] {
            let r = parse(&format!(
                "推进改造。(牵头单位:甲镇、乙街道,{label}:区文旅局、区规资局)"
            ));
            assert_eq!(r[0].0, v(&["甲镇", "乙街道"]), "{label}");
            assert_eq!(r[0].1, v(&["区文旅局", "区规资局"]), "{label}");
        }
    }

    #[test]
    fn a_unit_then_the_group_it_stands_for() {
        let r = parse("推进。(责任单位:市科委、浦东新区等相关区政府)");
        assert_eq!(r[0].0, v(&["市科委", "浦东新区", "相关区政府"]));
    }

    #[test]
    fn a_chief_with_partners_taking_part_by_their_duties() {
        let r = parse("推进改革。(区发改委牵头,区财政局、区人社局等按职责分工参与)");
        assert_eq!(r[0].0, v(&["区发改委"]));
        assert_eq!(r[0].1, v(&["区财政局", "区人社局"]));
    }

    #[test]
    fn a_bare_name_glossing_a_word_is_no_note() {
        assert!(parse("引进一批领军人才(团队),建设研发平台。").is_empty());
        assert!(parse("引进顶尖人才(团队)。").is_empty());
        assert!(parse("建立人才联络站(海外人才工作站),形成网络。").is_empty());
        // A note closing its sentence, or one with a verb, still counts.
        assert_eq!(parse("建立人才联络站(市留交办)。")[0].0, v(&["市留交办"]));
        assert_eq!(
            parse("建立联络站(市留交办负责),形成网络。")[0].0,
            v(&["市留交办"])
        );
    }

    #[test]
    fn units_spelling_out_a_quoted_term_are_no_note() {
        assert!(parse("经“两委一局”(县发改委、县科委、县财政局)认定的项目给予支持。").is_empty());
        // A note after a quoted term that closes its sentence still counts.
        assert_eq!(parse("推行“一窗通办”(县政务办)。")[0].0, v(&["县政务办"]));
    }

    #[test]
    fn header_cells_name_roles() {
        let role = |s: &str| header_role(&s.chars().collect::<Vec<_>>());
        assert_eq!(role("牵头单位"), Some(HeaderRole::Chief));
        assert_eq!(role("牵头部门"), Some(HeaderRole::Chief));
        assert_eq!(role("责任单位"), Some(HeaderRole::Lead));
        assert_eq!(role("主责单位"), Some(HeaderRole::Lead));
        assert_eq!(role("责任处室"), Some(HeaderRole::Lead));
        assert_eq!(role("配合单位"), Some(HeaderRole::Support));
        assert_eq!(role("协办单位"), Some(HeaderRole::Support));
        assert_eq!(role("参与部门"), Some(HeaderRole::Support));
        assert_eq!(role("完成时限"), Some(HeaderRole::Deadline));
        assert_eq!(role("时间节点"), Some(HeaderRole::Deadline));
        assert_eq!(role("责任人"), Some(HeaderRole::People));
        assert_eq!(role("重点任务"), None);
        assert_eq!(role("责任单位及分工"), None);
    }

    #[test]
    fn square_brackets_and_unbracketed_labels() {
        let r = parse("推进改革。【责任单位:区发改委;配合单位:区财政局】");
        assert_eq!(r[0].0, vec!["区发改委"]);
        assert_eq!(r[0].1, vec!["区财政局"]);
        let r = parse("推进改革。牵头单位:区发改委;配合单位:区财政局、区科委;完成时限:2018年底前");
        assert_eq!(r[0].0, vec!["区发改委"]);
        assert_eq!(r[0].1, vec!["区财政局", "区科委"]);
        assert_eq!(r[0].2.as_deref(), Some("2018年底前"));
    }

    #[test]
    fn tortoise_shell_brackets_and_remarks() {
        let r = parse("深化数据要素创新应用。〔责任单位:省发展改革委、省市场监管局、商务厅、省大数据中心按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕");
        assert_eq!(
            r[0].0,
            vec!["省发展改革委", "省市场监管局", "商务厅", "省大数据中心"]
        );
        let r = parse(
            "编制清单。(市政府办公室、市审改办牵头,市级各有关部门及各县市区政府按职责分工负责)",
        );
        assert_eq!(r[0].0, vec!["市政府办公室", "市审改办"]);
        assert_eq!(r[0].1, vec!["市级各有关部门", "各县市区政府"]);
        assert!(parse("静府发〔2016〕20号").is_empty());
    }

    #[test]
    fn a_chief_label_makes_the_other_units_support() {
        let r = parse("推进。(责任单位:区财政局;牵头单位:区发改委)");
        assert_eq!(r[0].0, vec!["区发改委"]);
        assert_eq!(r[0].1, vec!["区财政局"]);
        let r = parse("推进。(责任单位:区财政局、区科委)");
        assert_eq!(r[0].0, vec!["区财政局", "区科委"]);
    }

    #[test]
    fn labels_separated_by_a_space_only() {
        let chars: Vec<char> = "推进。(牵头单位:市发改委 配合单位:市财政局 完成时限:2023年6月底前)"
            .chars()
            .filter(|c| *c != ' ')
            .collect();
        let n = &find_notes(&chars)[0];
        let text = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
        assert_eq!(
            n.lead.iter().map(|r| text(*r)).collect::<Vec<_>>(),
            vec!["市发改委"]
        );
        assert_eq!(
            n.support.iter().map(|r| text(*r)).collect::<Vec<_>>(),
            vec!["市财政局"]
        );
        assert_eq!(n.deadline.map(text).as_deref(), Some("2023年6月底前"));
    }

    #[test]
    fn people_are_not_units_and_more_verbs() {
        let r = parse("推进改革。(责任单位:区发改委;责任领导:张三)");
        assert_eq!(r[0].0, vec!["区发改委"]);
        let r = parse("推进改革。(各区政府负责落实)");
        assert_eq!(r[0].0, vec!["各区政府"]);
        let r = parse("推进改革。(市妇联、市总工会、市科协)");
        assert_eq!(r[0].0, vec!["市妇联", "市总工会", "市科协"]);
    }
}
