//! Measures (措施/任务/举措): the lowest numbered task
//! items, paragraphs that carry their own responsibility note, and series of
//! topic-sentence paragraphs; lead-in paragraphs are left out.

mod annex_lines;
mod names;
pub mod task_table;

use crate::lex::notes::{find_notes, Note};
use crate::lex::{dates, markers, numbers};
use crate::model::{Basis, Deadline, Measure, SectionKind};
use crate::outline::{self, Node, Outline};
use crate::text::{BlockKind, Document};
use std::cell::OnceCell;
use std::sync::Arc;

/// A run of a block's chars: a whole paragraph or a part of one closed by a note.
#[derive(Debug, Clone)]
struct Piece {
    block: usize,
    a: usize,
    b: usize,
    note: Option<Note>,
    /// The note of a later paragraph that closes the series this one belongs to.
    shared_note: Option<(usize, Note)>,
}

/// Fewest Chinese characters a paragraph needs to be a measure's text.
const MIN_HAN: usize = 6;

crate::lexicon!(CLOSING_CLAUSES, "closing_clauses.txt");

/// A line that is only a unit's name (the issuers signing under the text): `工业和信息化部`.
fn is_signature(chars: &[char]) -> bool {
    is_imprint(chars) || is_signed_unit(chars)
}

/// The 版记 at a document's foot (GB/T 9704): `抄送:…` and `XX办公室 2018年6月16日印发`.
fn is_imprint(chars: &[char]) -> bool {
    chars.len() <= 80
        && !chars.contains(&'。')
        && (crate::lex::chars::starts_at(chars, 0, "抄送")
            || (chars.ends_with(&['印', '发']) && chars.contains(&'年')))
}

fn is_signed_unit(chars: &[char]) -> bool {
    chars.len() <= 30
        && !chars
            .iter()
            .any(|c| matches!(c, '。' | ',' | ';' | ':' | '!'))
        && crate::lex::notes::looks_like_unit(chars)
        // "建设数字政府" ends like a unit but is a task.
        && crate::outline::ACTION_VERBS.prefix_at(chars, 0).is_none()
}

/// `本措施自2025年8月1日起施行,有效期至…`: when the document takes effect, no task.
fn is_closing_clause(chars: &[char]) -> bool {
    chars.len() <= 120 && CLOSING_CLAUSES.occurs_in_chars(chars)
}

/// Where a measure's text comes from, before it is rendered.
#[derive(Debug, Clone)]
pub struct Draft {
    pub node: usize,
    /// The node's heading block starts the measure (its title is part of it).
    pub with_heading: bool,
    pieces: Vec<Piece>,
}

fn in_scope(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::Tasks | SectionKind::Projects | SectionKind::Safeguards | SectionKind::Other
    )
}

/// A block split after each note that has more text behind it.
fn pieces_of(doc: &Document, block: usize, from: usize) -> Vec<Piece> {
    let chars = &doc.blocks[block].chars;
    let mut out = vec![];
    let mut start = from;
    for note in find_notes(chars).into_iter().filter(|n| n.a >= from) {
        let rest_has_text = chars[note.b..]
            .iter()
            .any(|c| !matches!(c, '。' | ';' | ',' | ')'));
        if rest_has_text {
            let b = note.b;
            out.push(Piece {
                block,
                a: start,
                b,
                note: Some(note),
                shared_note: None,
            });
            start = b;
            while start < chars.len() && matches!(chars[start], '。' | ';' | ',') {
                start += 1;
            }
        } else {
            out.push(Piece {
                block,
                a: start,
                b: chars.len(),
                note: Some(note),
                shared_note: None,
            });
            start = chars.len();
        }
    }
    if start < chars.len() {
        out.push(Piece {
            block,
            a: start,
            b: chars.len(),
            note: None,
            shared_note: None,
        });
    }
    out
}

fn drafts_for(doc: &Document, outline: &Outline, n: usize, sentence_lines: bool) -> Vec<Draft> {
    let node: &Node = &outline.nodes[n];
    let heading_pieces = match node.inline_from {
        Some(from) => pieces_of(doc, node.block, from),
        None => vec![],
    };
    let inline = !heading_pieces.is_empty();
    // A line of a few characters (a table cell laid out one per line: `1`, `约束性`,
    // `下降15%`) is no measure's text.
    let body: Vec<Piece> = node
        .body
        .iter()
        .filter(|&&b| {
            doc.blocks[b]
                .chars
                .iter()
                .filter(|c| crate::lex::chars::is_han(**c))
                .count()
                >= MIN_HAN
        })
        .filter(|&&b| {
            !is_signature(&doc.blocks[b].chars) && !is_closing_clause(&doc.blocks[b].chars)
        })
        .flat_map(|&b| pieces_of(doc, b, 0))
        .collect();
    let has_children = !node.children.is_empty();
    let single = |pieces: Vec<Piece>, with_heading: bool| Draft {
        node: n,
        with_heading,
        pieces,
    };

    let has_topic = |p: &Piece| {
        let s = &doc.blocks[p.block].chars[p.a..p.b];
        topic_sentence_len(s).is_some() || topic_label_len(s).is_some()
    };
    // A paragraph that is a single sentence: no full stop but its last char.
    let one_sentence = |p: &Piece| {
        let s = &doc.blocks[p.block].chars[p.a..p.b];
        s.split_last().is_some_and(|(last, rest)| {
            matches!(last, '。' | ';') && !rest.iter().any(|c| matches!(c, '。' | '!' | '?'))
        })
    };
    let opens_with_action = |p: &Piece| {
        let s = &doc.blocks[p.block].chars[p.a..p.b];
        crate::outline::ACTION_VERBS.prefix_at(s, 0).is_some()
    };
    let n_node = n;
    let mut own = heading_pieces.clone();
    own.extend(body.iter().cloned());
    if own.iter().any(|p| p.note.is_some()) {
        let mut groups: Vec<Vec<Piece>> = vec![];
        let mut cur = vec![];
        for p in own {
            let closes = p.note.is_some();
            cur.push(p);
            if closes {
                groups.push(std::mem::take(&mut cur));
            }
        }
        if !cur.is_empty() && !has_children {
            groups.push(cur);
        }
        let mut out = vec![];
        for (i, g) in groups.into_iter().enumerate() {
            // A series of topic-sentence paragraphs closed by one note: a measure each,
            // all carrying that note (the note closes the series, not its last item).
            let whole_paragraphs = g.iter().all(|p| {
                p.a == 0 && p.b == doc.blocks[p.block].chars.len() && p.block != node.block
            });
            let series = g.len() >= 2 && whole_paragraphs && g.iter().all(has_topic);
            match (
                series,
                g.last().and_then(|p| p.note.clone().map(|n| (p.block, n))),
            ) {
                (true, Some(closing)) => {
                    let last = g.len() - 1;
                    for (k, mut p) in g.into_iter().enumerate() {
                        if k < last {
                            p.shared_note = Some(closing.clone());
                        }
                        out.push(single(vec![p], false));
                    }
                }
                _ => out.push(single(g, i == 0 && !inline)),
            }
        }
        return out;
    }
    if has_children {
        // Before numbered children, the first paragraph under a title-only heading
        // leads in; a heading note covers the children (see `inherited_note`). A series
        // of topic-sentence paragraphs has no lead-in: each is a measure.
        let series = body.len() >= 2 && body.iter().all(has_topic);
        // `(四)形成报告(10月)。10月15日前,形成…。` then `报告主要内容包括:` over the
        // children: the heading's own text is a step of its own, and the paragraph that
        // introduces the children leads in. (Own text that itself leads in, `…如下:`,
        // stays out.)
        let ends_in_colon = |p: &Piece| {
            let s = &doc.blocks[p.block].chars[p.a..p.b];
            s.iter().rev().find(|c| !c.is_whitespace()) == Some(&':')
        };
        let introduced = body.last().is_some_and(ends_in_colon);
        if inline && introduced && !heading_pieces.iter().any(ends_in_colon) {
            let last = body.len() - 1;
            let mut out = vec![single(heading_pieces, false)];
            out.extend(body.into_iter().take(last).map(|p| single(vec![p], false)));
            return out;
        }
        let skip = if inline || series { 0 } else { 1 };
        return body
            .into_iter()
            .skip(skip)
            .map(|p| single(vec![p], false))
            .collect();
    }
    // A heading over a table: the rows are the measures (see task_table.rs).
    if !inline && body.is_empty() && !node.cells.is_empty() {
        return vec![];
    }
    // Under a heading with text of its own, a series of topic-sentence paragraphs
    // are the measures and the heading leads in; otherwise each paragraph is one.
    let series = body.len() >= 2 && body.iter().all(has_topic);
    match (inline, body.len()) {
        // A heading alone is the measure; its own note (if any) comes with it.
        (false, 0) => vec![single(pieces_of(doc, node.block, node.marker.len), false)],
        (true, 0) | (true, 1) => vec![single(own, false)],
        (true, _) if series => body.into_iter().map(|p| single(vec![p], false)).collect(),
        (true, _) => own.into_iter().map(|p| single(vec![p], false)).collect(),
        // A lead-in before a series of topic-sentence paragraphs is not a measure.
        (false, n) if n >= 3 && !has_topic(&body[0]) && body[1..].iter().all(has_topic) => body
            .into_iter()
            .skip(1)
            .map(|p| single(vec![p], false))
            .collect(),
        // A title-only heading in a text laid out one sentence a line (see
        // `one_sentence_a_line`): its lines are one measure, not a measure each.
        (false, n) if sentence_lines && n >= 2 && body.iter().all(one_sentence) => {
            vec![single(body, true)]
        }
        // A title-only heading over plain paragraphs (no notes, no topic sentences, no
        // sub-items) where no paragraph after the first opens with an action of its own
        // (`推进小组负责…` / `市经信局负责…`, `…主要包括…` / `指标数据应…`): one item written
        // in several paragraphs, one measure. Paragraphs that open with their own action
        // (`建设…平台。` / `围绕…,推进…`) stay a measure each, as do a duty part's and a
        // safeguards part's (`成立…领导小组` / `区级领导小组,由…`).
        (false, n)
            if n >= 2
                && !body.iter().any(has_topic)
                && !body[1..].iter().any(opens_with_action)
                && node.kind != SectionKind::Safeguards
                && !in_duty_part(doc, outline, n_node) =>
        {
            vec![single(body, true)]
        }
        // A title-only heading names the first paragraph's measure.
        (false, _) => body
            .into_iter()
            .enumerate()
            .map(|(i, p)| single(vec![p], i == 0))
            .collect(),
    }
}

/// Length of a short first sentence that names what the paragraph does.
fn topic_sentence_len(s: &[char]) -> Option<usize> {
    let p = s.iter().position(|c| *c == '。')?;
    ((4..=24).contains(&p) && p + 1 < s.len()).then_some(p)
}

/// Length of a short topic label before a colon that opens a paragraph
/// (`百座公园:新建和改造…`), as a topic sentence does.
fn topic_label_len(s: &[char]) -> Option<usize> {
    let p = s.iter().take(9).position(|c| *c == ':')?;
    let label = s.get(..p)?;
    ((2..=8).contains(&p)
        && p + 1 < s.len()
        && label
            .iter()
            .all(|c| crate::lex::chars::is_han(*c) || matches!(c, '“' | '”' | '"')))
    .then_some(p)
}

/// `(1)…(2)…(3)…` then `(责任单位:…)` on a line of its own: the note closes the
/// whole group of sub-items, so every sibling without a note of its own shares it.
fn share_trailing_notes(
    doc: &Document,
    outline: &Outline,
    nodes: &[usize],
    measures: &mut [Measure],
) {
    let on_own_line = |start: usize| {
        let before = doc
            .orig
            .before(start)
            .find(|c| !matches!(c, ' ' | '\t' | '\r' | '\u{3000}'));
        matches!(before, None | Some('\n'))
    };
    let mut i = 0;
    while i < measures.len() {
        let parent = outline.nodes[nodes[i]].parent;
        let mut j = i;
        while j + 1 < measures.len()
            && outline.nodes[nodes[j + 1]].parent == parent
            && nodes[j + 1] != nodes[j]
        {
            j += 1;
        }
        let last = &measures[j];
        let shared = j > i
            && last.note_span.is_some_and(|[s, _]| on_own_line(s))
            && measures[i..j]
                .iter()
                .all(|m| m.lead.is_empty() && m.support.is_empty());
        if shared {
            let (lead, support, deadline) = (
                last.lead.clone(),
                last.support.clone(),
                last.deadline.clone(),
            );
            for m in &mut measures[i..j] {
                m.lead = lead.clone();
                m.support = support.clone();
                m.basis = Basis::Inherited;
                if m.deadline.is_none() {
                    m.deadline = deadline.clone();
                }
            }
        }
        i = j + 1;
    }
}

/// Boundaries of `一是…二是…三是…` clauses in a piece: positions of each `N是`.
fn enumeration(chars: &[char], a: usize, b: usize) -> Vec<usize> {
    let mut at = vec![];
    let mut want = 1;
    let mut i = a;
    while i + 1 < b {
        // The numeral tested first: most chars start none.
        let boundary = crate::lex::numbers::may_start_chinese(chars[i])
            && (i == a || matches!(chars[i - 1], '。' | ';' | ',' | ':' | '!'));
        if boundary {
            if let Some((n, l)) = crate::lex::numbers::chinese(&chars[i..b]) {
                if n == want && chars.get(i + l) == Some(&'是') {
                    at.push(i);
                    want += 1;
                    i += l + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    at
}

/// A measure written as `一是…二是…` holds one task per clause; the clauses
/// share the note that closes them.
fn split_enumeration(doc: &Document, outline: &Outline, d: Draft) -> Vec<Draft> {
    // An item that is only its heading block (`一是…二是…` opening a paragraph) splits too.
    let whole_heading = d.with_heading && d.pieces.is_empty();
    let heading_piece;
    let p = if whole_heading {
        let block = outline.nodes[d.node].block;
        let chars = &doc.blocks[block].chars;
        heading_piece = Piece {
            block,
            a: 0,
            b: chars.len(),
            note: find_notes(chars).pop(),
            shared_note: None,
        };
        &heading_piece
    } else if d.pieces.len() == 1 {
        &d.pieces[0]
    } else {
        return vec![d];
    };
    let chars = &doc.blocks[p.block].chars;
    let end = p.note.as_ref().map(|n| n.a.max(p.a)).unwrap_or(p.b);
    // A paragraph numbered `一是` is its own first clause: count from its start.
    let node = &outline.nodes[d.node];
    let from = if p.block == node.block && node.marker.style == markers::Style::Shi {
        0
    } else {
        p.a
    };
    let at = enumeration(chars, from, end);
    if at.len() < 2 {
        return vec![d];
    }
    // The words before 一是 stay with the first clause, so the item's opening is kept.
    let cuts: Vec<usize> = std::iter::once(p.a)
        .chain(at[1..].iter().copied())
        .collect();
    drafts_at(d.node, false, p, &cuts)
}

/// One draft for each run of a piece from a cut to the next (the last to the piece's
/// end); all share the piece's note.
fn drafts_at(node: usize, with_heading: bool, p: &Piece, cuts: &[usize]) -> Vec<Draft> {
    cuts.iter()
        .enumerate()
        .map(|(k, &start)| Draft {
            node,
            with_heading: with_heading && k == 0,
            pieces: vec![Piece {
                block: p.block,
                a: start,
                b: cuts.get(k + 1).copied().unwrap_or(p.b),
                note: p.note.clone(),
                shared_note: p.shared_note.clone(),
            }],
        })
        .collect()
}

crate::lexicon!(DUTY_VERBS, "duty_verbs.txt");
crate::lexicon!(DUTY_PART_TITLES, "duty_part_titles.txt");

/// Whether section `n` lies in a part that lists each unit's duties (职责分工).
fn in_duty_part(doc: &Document, outline: &Outline, n: usize) -> bool {
    outline
        .upward(n)
        .any(|a| names_duty_part(doc, &outline.nodes[a]))
}

/// [`in_duty_part`] of each section asked, each heading read once (a section is in a
/// duty part when its own title names one or its parent is in one).
struct DutyParts {
    cells: Vec<OnceCell<bool>>,
}

impl DutyParts {
    fn new(outline: &Outline) -> Self {
        DutyParts {
            cells: (0..outline.nodes.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    fn of(&self, doc: &Document, outline: &Outline, n: usize) -> bool {
        let find = || {
            let node = &outline.nodes[n];
            names_duty_part(doc, node) || node.parent.is_some_and(|p| self.of(doc, outline, p))
        };
        match self.cells.get(n) {
            Some(cell) => *cell.get_or_init(find),
            None => in_duty_part(doc, outline, n),
        }
    }
}

/// A heading whose title names a part of duties.
fn names_duty_part(doc: &Document, node: &Node) -> bool {
    let (x, y) = node.title;
    let title = doc.blocks[node.block].chars.get(x..y).unwrap_or(&[]);
    DUTY_PART_TITLES.occurs_in_chars(title)
}

/// `各镇、街道`: the ranges (relative to `s`) of a list of unit names, when every
/// name ends like a unit. A one-character level after the first (`各街道、镇`) counts.
fn unit_list(s: &[char]) -> Option<Vec<(usize, usize)>> {
    let mut out = vec![];
    let mut start = 0;
    for piece in s.split(|c| *c == '、') {
        let end = start + piece.len();
        let level = piece.len() == 1 && !out.is_empty() && UNIT_LEVEL_WORDS.contains(&piece[0]);
        if !(crate::lex::notes::looks_like_unit(piece) || level) {
            return None;
        }
        out.push((start, end));
        start = end + 1;
    }
    Some(out)
}

/// One-character unit words that may stand alone after another name: 各街道、镇.
const UNIT_LEVEL_WORDS: [char; 4] = ['镇', '乡', '区', '县'];

/// Longest unit name (or list) opening a duty paragraph with no colon.
const MAX_DUTY_UNIT: usize = 20;

/// `区商务委:负责…`: a paragraph that opens with a unit and a colon, then a duty,
/// names its lead (a 职责分工 part lists each unit's duties this way). Inside such a
/// part any text may follow the colon, a heading that is only a unit's name leads the
/// paragraphs under it, and the name may run straight into its duty
/// (`区城管执法局依法查处…`).
fn duty_paragraph(
    doc: &Document,
    outline: &Outline,
    n: usize,
    duty_parts: &DutyParts,
    m: &mut Measure,
    ranges: &[(usize, usize, usize)],
) {
    if !m.lead.is_empty() || !m.support.is_empty() {
        return;
    }
    let duty_part = duty_parts.of(doc, outline, n);
    let lead_from = |b: usize, x: usize, list: Vec<(usize, usize)>| -> Vec<Arc<str>> {
        let list: Vec<(usize, usize)> = list.into_iter().map(|(a, e)| (x + a, x + e)).collect();
        names::as_written(doc, b, &list)
    };
    // `(一)区建管委` over its paragraph, `(一)区发展改革委:负责…`: the measure's
    // heading names the unit.
    let node = &outline.nodes[n];
    if ranges.first().is_some_and(|r| r.0 == node.block) {
        let block = &doc.blocks[node.block].chars;
        let (tx, ty) = node.title;
        let duty = block.get(ty) == Some(&':') && DUTY_VERBS.prefix_at(block, ty + 1).is_some();
        let list = block.get(tx..ty).and_then(unit_list);
        if let Some(list) = list.filter(|l| duty_part || (duty && l.len() == 1)) {
            m.lead = lead_from(node.block, tx, list);
            m.basis = Basis::DutyParagraph;
            return;
        }
    }
    // The paragraph may follow its heading's title in the measure: look at both.
    for &(b, x, y) in ranges.iter().take(2) {
        let block = &doc.blocks[b].chars;
        let Some(chars) = block.get(x..y) else {
            continue;
        };
        if let Some(colon) = chars.iter().take(25).position(|c| *c == ':') {
            let unit = &chars[..colon];
            let duty = DUTY_VERBS.prefix_at(block, x + colon + 1).is_some();
            let list = if duty_part {
                unit_list(unit)
            } else {
                (duty && crate::lex::notes::looks_like_unit(unit) && !unit.contains(&'、'))
                    .then(|| vec![(0, colon)])
            };
            if let Some(list) = list {
                m.lead = lead_from(b, x, list);
                m.basis = Basis::DutyParagraph;
                return;
            }
            continue;
        }
        if !duty_part {
            continue;
        }
        // `区房管局指导物业服务企业…`: the shortest opening that is a unit list and is
        // followed by a duty verb.
        let opening = (2..=MAX_DUTY_UNIT.min(chars.len())).find_map(|k| {
            let head = &chars[..k];
            let plain = head
                .iter()
                .all(|c| crate::lex::chars::is_han(*c) || *c == '、');
            if !plain || DUTY_VERBS.prefix_at(block, x + k).is_none() {
                return None;
            }
            unit_list(head)
        });
        if let Some(list) = opening {
            m.lead = lead_from(b, x, list);
            m.basis = Basis::DutyParagraph;
            return;
        }
    }
}

/// Starts of short topic sentences inside a paragraph (`…给予奖励。加大创新研发机构
/// 扶持力度。对新建研发机构…`): a sentence of 4 to 22 characters, no clause break,
/// opening with an action verb, right after a full stop.
/// Longest topic sentence inside a paragraph, in chars (its full stop not counted).
const MAX_INNER_TOPIC: usize = 22;

fn inner_topics(chars: &[char], a: usize, b: usize) -> Vec<usize> {
    // A short action sentence at `k`: its length, when it is one.
    let short_action = |k: usize| -> Option<usize> {
        if k >= b || crate::outline::ACTION_VERBS.prefix_at(chars, k).is_none() {
            return None;
        }
        let len = chars[k..b]
            .iter()
            .take(MAX_INNER_TOPIC + 1)
            .position(|c| *c == '。')?;
        let clause_free = !chars[k..k + len]
            .iter()
            .any(|c| matches!(c, ',' | ';' | ':' | '、'));
        ((4..=MAX_INNER_TOPIC).contains(&len) && clause_free && k + len + 1 < b).then_some(len)
    };
    // A topic is followed by the text it heads; short sentences one after another
    // (完善X系统。建设Y基地。) list the parts of one task instead.
    (a + 1..b)
        .filter(|&k| chars[k - 1] == '。')
        .filter(|&k| short_action(k).is_some_and(|len| short_action(k + len + 1).is_none()))
        .collect()
}

/// A copy that puts every sentence on a line of its own (a sentence-split text export):
/// at least three in four of its lines of text are a single sentence, so a line is no
/// paragraph. Plans written in paragraphs stay well below that.
fn one_sentence_a_line(doc: &Document) -> bool {
    let (mut lines, mut single) = (0usize, 0usize);
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Para) {
        if b.chars
            .iter()
            .filter(|c| crate::lex::chars::is_han(**c))
            .count()
            < 10
        {
            continue;
        }
        lines += 1;
        if let Some((last, rest)) = b.chars.split_last() {
            if matches!(last, '。' | ';') && !rest.iter().any(|c| matches!(c, '。' | '!' | '?')) {
                single += 1;
            }
        }
    }
    lines >= 12 && single * 4 >= lines * 3
}

/// A long paragraph that holds a series of topic sentences (at least two after its
/// opening) holds one measure per topic, as if each had its own paragraph.
fn split_inner_topics(doc: &Document, outline: &Outline, d: Draft, project: bool) -> Vec<Draft> {
    if d.pieces.len() != 1 {
        return vec![d];
    }
    let p = &d.pieces[0];
    // A numbered item that opens with its title (（一）全力抓好粮食生产。确保…。开展…。) is
    // one task however many short sentences its text holds.
    if p.block == outline.nodes[d.node].block {
        return vec![d];
    }
    let chars = &doc.blocks[p.block].chars;
    let end = p.note.as_ref().map(|n| n.a.max(p.a)).unwrap_or(p.b);
    let at = inner_topics(chars, p.a, end);
    // A project's description names its parts in short sentences; it is a series of
    // topics only when it opens with one too.
    let opens_with_topic = topic_sentence_len(&chars[p.a..end]).is_some();
    if at.len() < 2 || (project && !opens_with_topic) {
        return vec![d];
    }
    let mut cuts = vec![p.a];
    cuts.extend(at);
    drafts_at(d.node, d.with_heading, p, &cuts)
}

crate::lexicon!(LEAD_HEADING_TAILS, "lead_heading_tails.txt");

/// `一、县示范区管委会牵头工作(8项)`: a group heading that names the lead of its items,
/// read as a note whose lead is that unit.
fn lead_heading(chars: &[char], from: usize) -> Option<Note> {
    let mut end = chars.len();
    // A count of the items after it: (8项).
    if chars.get(end.checked_sub(1)?) == Some(&')') {
        end = chars[..end].iter().rposition(|c| *c == '(')?;
    }
    let tail = LEAD_HEADING_TAILS.suffix_at(chars, end)?;
    let unit_end = end - tail.chars().count();
    let unit = chars.get(from..unit_end)?;
    let plausible = (2..=20).contains(&unit.len())
        && !unit.iter().any(|c| matches!(c, '。' | ',' | ';' | ':'))
        && crate::lex::notes::looks_like_unit(unit);
    plausible.then(|| Note {
        a: from,
        b: chars.len(),
        lead: vec![(from, unit_end)],
        support: vec![],
        deadline: None,
        bracketed: false,
    })
}

/// The note that covers a measure with none of its own: an ancestor heading's,
/// the nearest one's first. Worked out once per section (its measures share it).
/// A note and the block it stands in.
type BlockNote = (usize, Note);

struct InheritedNotes {
    /// Boxed: most sections inherit no note, and a cell per node stays one pointer.
    cells: Vec<OnceCell<Option<Box<BlockNote>>>>,
}

impl InheritedNotes {
    fn new(outline: &Outline) -> Self {
        InheritedNotes {
            cells: (0..outline.nodes.len()).map(|_| OnceCell::new()).collect(),
        }
    }

    fn of(&self, doc: &Document, outline: &Outline, n: usize) -> Option<(usize, Note)> {
        let parent = outline.nodes.get(n)?.parent?;
        let find = || {
            let node = &outline.nodes[parent];
            let chars = &doc.blocks[node.block].chars;
            find_notes(chars)
                .into_iter()
                .next()
                // A 专栏 box under an item spells out that item's own task: it keeps the note.
                .filter(|note| {
                    outline.nodes[n].marker.style == markers::Style::Box
                        || !closes_own_task(chars, node, note)
                })
                .or_else(|| lead_heading(chars, node.marker.len))
                .map(|note| (node.block, note))
                .or_else(|| self.of(doc, outline, parent))
        };
        match self.cells.get(n) {
            Some(cell) => cell
                .get_or_init(|| find().map(Box::new))
                .as_deref()
                .cloned(),
            None => find(),
        }
    }
}

/// `三、建立市场化机制` + `按照…,组建…公司,在…中发挥主要作用。(省国资委牵头…)`: a note
/// that closes a task the heading states in text of its own is that task's, not its
/// children's. A note right after the title (`(一)营造环境(牵头单位:…)`) covers them.
fn closes_own_task(chars: &[char], node: &Node, note: &Note) -> bool {
    let Some(from) = node.inline_from else {
        return false;
    };
    let own = chars.get(from.max(node.title.1)..note.a).unwrap_or(&[]);
    own.iter()
        .filter(|c| crate::lex::chars::is_han(**c))
        .count()
        >= 30
}

pub struct Extracted {
    pub measures: Vec<Measure>,
    /// For each measure: ranges (block, a, b) of its own text, for target search.
    pub ranges: Vec<Vec<(usize, usize, usize)>>,
}

/// Room for one more in `v`, an eighth more at a time rather than twice as much: the
/// measures (a few hundred bytes each) are the longest list an analysis grows, and
/// doubling can leave nearly half of it unused while the views are still held.
fn room_for_one<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() {
        v.reserve_exact(v.len() / 8 + 16);
    }
}

/// A numbered item that names a thing and asks nothing: no sentence in it (no `。`, `,`,
/// `;` or `:`), no verb of work opening it (`1.耕整地机械 1.1耕地机械 1.1.1犁`).
fn names_a_thing(doc: &Document, outline: &Outline, n: usize) -> bool {
    let node = &outline.nodes[n];
    let title = &doc.blocks[node.block].chars[node.title.0.min(node.title.1)..node.title.1];
    crate::outline::ACTION_VERBS.prefix_at(title, 0).is_none()
        && (node.block..node.end_block.min(doc.blocks.len())).all(|b| {
            !doc.blocks[b]
                .chars
                .iter()
                .any(|c| matches!(c, '。' | ',' | ';' | ':'))
        })
}

/// The items of catalogs (an annex listing kinds of machines, places, products) outside
/// any part of tasks: groups of at least three items, most of which only name things.
/// Each group is counted once (no item looks at its siblings again).
fn catalog_items(doc: &Document, outline: &Outline) -> Vec<bool> {
    let mut out = vec![false; outline.nodes.len()];
    let groups =
        std::iter::once(&outline.roots[..]).chain(outline.nodes.iter().map(|n| &n.children[..]));
    for group in groups.filter(|g| g.len() >= 3) {
        let things: Vec<usize> = group
            .iter()
            .copied()
            .filter(|&k| {
                outline.nodes[k].kind == SectionKind::Other && names_a_thing(doc, outline, k)
            })
            .collect();
        if things.len() * 3 >= group.len() * 2 {
            for k in things {
                out[k] = true;
            }
        }
    }
    out
}

pub fn extract(doc: &Document, outline: &Outline, plan_year: Option<i32>) -> Extracted {
    let sentence_lines = one_sentence_a_line(doc);
    let catalog = catalog_items(doc, outline);
    let inherited = InheritedNotes::new(outline);
    let mut measures = vec![];
    let mut ranges = vec![];
    let mut nodes = vec![];
    for (n, &in_catalog) in catalog.iter().enumerate() {
        if !in_scope(outline.nodes[n].kind) || outline.nodes[n].notice || in_catalog {
            continue;
        }
        for draft in drafts_for(doc, outline, n, sentence_lines)
            .into_iter()
            .flat_map(|d| split_enumeration(doc, outline, d))
            .flat_map(|d| {
                // A 专栏's description lists its parts in short paragraphs; they stay one.
                let in_box = outline
                    .upward(d.node)
                    .any(|a| outline.nodes[a].marker.style == markers::Style::Box);
                if in_box {
                    vec![d]
                } else {
                    let project = outline.nodes[d.node].kind == SectionKind::Projects;
                    split_inner_topics(doc, outline, d, project)
                }
            })
        {
            let (m, r) = render(doc, outline, &inherited, &draft, plan_year);
            room_for_one(&mut measures);
            room_for_one(&mut ranges);
            measures.push(m);
            ranges.push(r);
            nodes.push(draft.node);
        }
    }
    share_trailing_notes(doc, outline, &nodes, &mut measures);
    let duty_parts = DutyParts::new(outline);
    for ((m, r), &n) in measures.iter_mut().zip(&ranges).zip(&nodes) {
        duty_paragraph(doc, outline, n, &duty_parts, m, r);
    }
    task_table::extract(doc, outline, plan_year, &mut measures, &mut ranges);
    annex_lines::apply(doc, &mut measures, &mut ranges);
    // Mostly in order already: a stable sort's buffer (half the measures) only when not.
    if !measures.is_sorted_by_key(|m| m.span) {
        measures.sort_by_key(|m| m.span);
    }
    // The ranges in the same order, sorted where they are (no second list).
    let first_span = |r: &Vec<(usize, usize, usize)>| {
        r.first()
            .map(|r| doc.blocks[r.0].span(r.1, r.2))
            .unwrap_or([0, 0])
    };
    if !ranges.is_sorted_by_key(first_span) {
        ranges.sort_by_key(first_span);
    }
    // Kept until the targets are found: no spare room.
    ranges.shrink_to_fit();
    for (i, m) in measures.iter_mut().enumerate() {
        m.id = numbers::id('m', i + 1);
    }
    Extracted { measures, ranges }
}

fn render(
    doc: &Document,
    outline: &Outline,
    inherited: &InheritedNotes,
    d: &Draft,
    plan_year: Option<i32>,
) -> (Measure, Vec<(usize, usize, usize)>) {
    let node = &outline.nodes[d.node];
    let heading = &doc.blocks[node.block];
    // Kept until the targets are found: sized once (a first push would make room for 4).
    let mut ranges: Vec<(usize, usize, usize)> =
        Vec::with_capacity(usize::from(d.with_heading) + d.pieces.len());
    if d.with_heading {
        ranges.push((
            node.block,
            node.marker.len,
            node.inline_from.unwrap_or(heading.chars.len()),
        ));
    }
    for p in &d.pieces {
        ranges.push((p.block, p.a, p.b));
    }
    let first = ranges
        .first()
        .copied()
        .unwrap_or((node.block, 0, heading.chars.len()));
    let last = ranges.last().copied().unwrap_or(first);
    // A measure that starts in its heading starts at the numbering.
    let from_heading = first.0 == node.block
        && first.1
            <= node
                .inline_from
                .unwrap_or(node.marker.len)
                .max(node.marker.len);
    let start = if d.with_heading || from_heading {
        heading.start
    } else {
        doc.blocks[first.0].span(first.1, first.2)[0]
    };
    let end = doc.blocks[last.0].span(last.1, last.2)[1].max(start);

    // Borrowed from the pieces: only an inherited note is a copy.
    let own_note = d
        .pieces
        .iter()
        .rev()
        .find_map(|p| p.note.as_ref().map(|n| (p.block, n)));
    let shared = d
        .pieces
        .iter()
        .find_map(|p| p.shared_note.as_ref().map(|(b, n)| (*b, n)));
    let inherited_note;
    let note = match own_note.or(shared) {
        Some(n) => Some(n),
        None => {
            inherited_note = inherited.of(doc, outline, d.node);
            inherited_note.as_ref().map(|(b, n)| (*b, n))
        }
    };
    let (lead, support, note_deadline) = match note {
        Some((b, n)) => (
            names::as_written(doc, b, &n.lead),
            names::as_written(doc, b, &n.support),
            n.deadline.map(|r| (b, r)),
        ),
        None => (vec![], vec![], None),
    };
    // A deadline in the note, else one written in the measure's own text.
    let text_deadline = || {
        ranges.iter().find_map(|&(b, x, y)| {
            let chars = &doc.blocks[b].chars;
            let y = own_note
                .filter(|(nb, _)| *nb == b)
                .map(|(_, n)| n.a.clamp(x, y))
                .unwrap_or(y);
            dates::find_date(&chars[x..y]).map(|(p, q)| (b, (x + p, x + q)))
        })
    };
    // Else a sentence of it that opens with a month not before the plan's year.
    let dated_step = || {
        ranges.iter().find_map(|&(b, x, y)| {
            let (p, q) = dates::find_dated_opening(&doc.blocks[b].chars[x..y], plan_year)?;
            Some((b, (x + p, x + q)))
        })
    };
    // A step's time in a bracket after its title: `(一)建立工作机制(2021年8月)。…`.
    let title_deadline = || {
        let chars = &heading.chars;
        let (x, y) = node.title;
        let y = y.min(chars.len());
        let x = x.min(y);
        (d.with_heading || from_heading)
            .then(|| dates::find_bracketed_date(&chars[x..y]))
            .flatten()
            .map(|(p, q)| (node.block, (x + p, x + q)))
    };
    let section_year = outline::section_year(doc, outline, d.node).or(plan_year);
    let deadline = note_deadline
        .or_else(title_deadline)
        .or_else(text_deadline)
        .or_else(dated_step)
        .map(|(b, (x, y))| {
            let block = &doc.blocks[b];
            let [s, e] = block.span(x, y);
            Deadline {
                text: doc.display(s, e),
                date: dates::to_date(&block.chars[x..y], section_year),
            }
        });

    let title = if d.with_heading || from_heading {
        (node.title.1 > node.title.0).then(|| outline.title(doc, d.node).to_string())
    } else {
        topic_sentence(doc, first)
    };
    let path: Vec<Arc<str>> = outline
        .ancestors(d.node)
        .iter()
        .map(|&a| outline.shared_title(doc, a))
        .collect();
    let basis = match (own_note, note) {
        _ if lead.is_empty() && support.is_empty() => Basis::NoUnits,
        (Some((_, n)), _) if n.bracketed => Basis::Note,
        (Some(_), _) => Basis::LabelLine,
        (None, Some(_)) => Basis::Inherited,
        (None, None) => Basis::NoUnits,
    };
    let note_span = own_note.map(|(b, n)| doc.blocks[b].span(n.a, n.b));
    let measure = Measure {
        // Numbered once the measures are in order (`extract`).
        id: String::new(),
        section: outline::section_path(doc, outline, Some(d.node)),
        path,
        section_kind: node.kind,
        title,
        // The text as shown over `span`, written once the views are freed (`fill_texts`).
        text: String::new(),
        lead,
        support,
        deadline,
        span: [start, end],
        note_span,
        basis,
        edited: false,
    };
    (measure, ranges)
}

/// `依托重点产业集聚产业人才。…`: a short first sentence that names the measure.
fn topic_sentence(doc: &Document, (b, x, y): (usize, usize, usize)) -> Option<String> {
    let block = &doc.blocks[b];
    let p = topic_sentence_len(&block.chars[x..y])?;
    let [s, e] = block.span(x, x + p);
    Some(doc.display(s, e))
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    fn heads(s: &str) -> Vec<(String, Vec<String>, Vec<String>)> {
        let strings = |v: Vec<std::sync::Arc<str>>| v.iter().map(|n| n.to_string()).collect();
        analyze(s)
            .measures
            .into_iter()
            .map(|m| (m.text, strings(m.lead), strings(m.support)))
            .collect()
    }

    #[test]
    fn a_catalog_of_things_is_no_list_of_measures() {
        let text = "某省农机补贴实施方案\n一、重点任务\n（一）优化补贴范围。将更多先进机具纳入补贴范围。\n（二）提升服务效能。推进补贴机具唯一身份识别。\n附件\n补贴机具种类范围\n1.耕整地机械\n1.1耕地机械\n2.种植施肥机械\n2.1播种机械\n3.收获机械\n4.农用水泵\n";
        let texts: Vec<String> = analyze(text).measures.into_iter().map(|m| m.text).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        // Items titled by a thing but holding sentences are work, wherever they stand.
        let text = "某区工作方案\n1.智慧交通\n建设智能信号灯,完善停车诱导。\n2.数字医疗\n推广电子病历。\n3.智慧教育\n建设智慧校园。\n";
        assert_eq!(analyze(text).measures.len(), 3);
    }

    #[test]
    fn signatures_and_closing_clauses_are_no_measures_but_short_tasks_are() {
        let text = "一、重点任务\n（一）推进数字化\n建设数字政府\n推进数据共享，实现一网通办。\n本方案自印发之日起施行。\n工业和信息化部\n";
        let texts: Vec<String> = analyze(text).measures.into_iter().map(|m| m.text).collect();
        assert!(
            texts.iter().any(|t| t.contains("建设数字政府")),
            "{texts:?}"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("自印发之日起施行") || t == "工业和信息化部"),
            "{texts:?}"
        );
    }

    #[test]
    fn numbered_items_with_notes() {
        let m = heads("二、主要任务\n(一)营造环境\n转变政府职能。\n1.提升效能。推进改革。(责任部门:区市场监管局)\n推进集中。(责任部门:区行政服务中心)\n2.盘活资源。盘活用地。(责任部门:区规划土地局)\n");
        assert_eq!(m.len(), 3);
        assert!(m[0].0.starts_with("1.提升效能"));
        assert_eq!(m[1].1, vec!["区行政服务中心"]);
        assert!(m.iter().all(|x| !x.0.contains("转变政府职能")));
    }

    #[test]
    fn a_note_closing_the_headings_own_task_is_not_its_childrens() {
        // The heading states a task of its own and its note closes it: the children,
        // without notes, are no one's yet.
        let m = heads("三、建立完善市场化机制\n按照公益性定位、市场化运作的原则，以山东能源集团为主体，联合煤炭、电力、港口等相关企业，组建煤炭储备运营公司。(省国资委牵头，省发展改革委等有关部门按职责分工负责)\n(一)煤炭采购机制。加强与产煤地区合作，签订长期采购合同。\n(二)储备投放机制。严格落实储备任务。\n");
        let child = m
            .iter()
            .find(|x| x.0.starts_with("(一)"))
            .expect("child measure");
        assert!(child.1.is_empty() && child.2.is_empty(), "{child:?}");
        // A note right after a title covers the children.
        let m = heads("三、建立完善市场化机制(省国资委牵头)\n(一)煤炭采购机制。加强与产煤地区合作，签订长期采购合同。\n(二)储备投放机制。严格落实储备任务。\n");
        assert!(m.iter().all(|x| x.1 == vec!["省国资委"]), "{m:?}");
    }

    #[test]
    fn lead_in_paragraphs_are_not_measures() {
        let m = heads(
            "一、主要任务\n(一)加快建设\n1.建设窗口\n窗口汇集资源。\n2.实施计划\n面向青年创客。\n",
        );
        assert_eq!(m.len(), 2);
        assert!(m[0].0.contains("建设窗口") && m[0].0.contains("窗口汇集资源"));
    }

    #[test]
    fn sub_items_are_the_measures() {
        let m = heads("三、主要任务\n(一)打造政府\n举措2:深化改革\n加快推进职能转变。\n(1)加快审批改革。做事。\n(2)推进登记改革。做事。\n");
        assert_eq!(m.len(), 2);
        assert!(m[0].0.starts_with("(1)"));
    }

    #[test]
    fn topic_sentence_series_under_an_inline_heading() {
        let m = heads("四、主要任务\n(一)人才集聚行动。依托园区打造高地。\n依托产业集聚人才。编制目录。\n依托经济集聚人才。建立机制。\n");
        assert_eq!(m.len(), 2);
        assert!(m[0].0.starts_with("依托产业"));
    }

    #[test]
    fn a_series_of_topic_label_paragraphs_are_measures() {
        let m = heads("二、主要任务\n(四)实施绿化工程\n百座公园:新建和改造一批公园,提升服务品质。\n千条绿道:串联公园和社区,形成慢行网络。\n万处微景:植入口袋公园,方便群众休憩。(牵头单位:区绿化局)\n");
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].0.starts_with("百座公园"), "{m:?}");
        assert!(m[2].0.starts_with("万处微景"), "{m:?}");
        assert_eq!(m[2].1, vec!["区绿化局".to_string()]);
    }

    #[test]
    fn each_paragraph_under_a_title_is_a_measure() {
        let m = heads("五、保障措施\n(一)组织保障\n成立市、区两级领导小组,由市政府分管副市长担任组长。\n区级领导小组,由区长担任组长,全区相关部门负责人为成员。\n");
        assert_eq!(m.len(), 2);
        assert!(m[0].0.starts_with("(一)组织保障"));
        assert!(m[1].0.starts_with("区级领导小组"));
    }

    #[test]
    fn a_lead_in_before_topic_paragraphs_is_left_out() {
        let m = heads("四、主要任务\n(一)人才集聚行动\n围绕人才工作的总体部署,把本区打造成为人才集聚地,支撑科技创新中心建设。\n依托产业集聚人才。编制目录。\n依托平台集聚人才。建立机制。\n");
        assert_eq!(m.len(), 2, "{m:?}");
        assert!(m[0].0.starts_with("依托产业"));
    }

    #[test]
    fn background_and_principles_hold_no_measures() {
        let m = heads("一、基础条件\n(一)成效显著\n1.产值增长。\n二、基本原则\n——坚持协同。\n");
        assert!(m.is_empty());
    }

    #[test]
    fn children_inherit_a_heading_note() {
        let m =
            heads("一、主要任务\n(一)优化环境(牵头单位:区发改委)\n1.简化审批。\n2.降低成本。\n");
        assert!(m.len() >= 2);
        assert!(m.iter().all(|x| x.1 == vec!["区发改委"]));
    }

    #[test]
    fn yishi_ershi_clauses_are_measures() {
        let m = heads("一、主要任务\n(三)加强人才培养。一是实施引才计划;二是建立评价机制;三是完善服务。(责任单位:区人才办)\n");
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].0.starts_with("(三)加强人才培养。一是"));
        assert!(m[1].0.starts_with("二是建立评价机制"));
        assert!(m.iter().all(|x| x.1 == vec!["区人才办"]));
        let m = heads("一、主要任务\n1.坚持统一是关键。推进改革。\n");
        assert_eq!(m.len(), 1);
    }

    #[test]
    fn a_note_line_after_sub_items_covers_the_group() {
        let m = heads("一、主要任务\n1.完善预案体系\n(1)加强预案管理。\n(2)推进预案精编化。\n(责任单位:市直各有关单位、各开发区管委会)\n2.健全体制\n(1)推进机构建设。(责任单位:市应急局)\n(2)完善机制。\n");
        assert_eq!(m.len(), 4, "{m:?}");
        assert_eq!(m[0].1, vec!["市直各有关单位", "各开发区管委会"]);
        assert_eq!(m[1].1, m[0].1);
        assert_eq!(m[2].1, vec!["市应急局"]);
        assert!(m[3].1.is_empty());
    }

    #[test]
    fn several_notes_in_one_paragraph() {
        let m =
            heads("一、主要任务\n1.推进改革。做甲事。(责任单位:区甲局)做乙事。(责任单位:区乙局)\n");
        assert_eq!(m.len(), 2);
        assert_eq!(m[1].1, vec!["区乙局"]);
    }

    #[test]
    fn a_steps_time_in_a_bracket_after_its_title_is_its_deadline() {
        let text = "某区2023年河湖体检工作方案\n\n一、工作步骤\n\n（一）建立工作机制（2023年8月）。结合本区实际，编制工作方案，确定体检指标体系。\n\n（二）形成体检报告（2023年10月）。10月15日前，形成正式报告并报区政府审定。\n\n（三）开展体检试点（一批）。选取两个街镇开展体检试点工作。\n";
        let a = analyze(text);
        let deadlines: Vec<Option<String>> = a
            .measures
            .iter()
            .map(|m| m.deadline.as_ref().map(|d| d.text.clone()))
            .collect();
        assert_eq!(
            deadlines,
            vec![
                Some("2023年8月".to_string()),
                Some("2023年10月".to_string()),
                None
            ],
            "{:#?}",
            a.measures
        );
        let d = a.measures[0].deadline.as_ref().and_then(|d| d.date.clone());
        assert_eq!(d.as_deref(), Some("2023-08-31"));
    }
}
