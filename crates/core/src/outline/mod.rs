//! Blocks → the outline tree. Levels come from the order in which numbering
//! styles first appear under a parent, so missing levels (a plan with only
//! `(一)` headings) and restarts need no special case.

use crate::lex::markers::{self, Marker, Style};
use crate::lex::years;
use crate::model::{OutlineNode, SectionKind};
use crate::text::{BlockKind, Document, Shown};
use std::cell::OnceCell;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// The heading block.
    pub block: usize,
    pub marker: Marker,
    /// Depth in the tree (u32: the open sections are one a numbering style).
    pub level: u32,
    pub kind: SectionKind,
    /// The title sentence, as a range of the heading block's chars.
    pub title: (usize, usize),
    /// Where text after the title starts in the heading block, when there is any.
    pub inline_from: Option<usize>,
    /// Paragraph blocks under the heading before the first child. Boxed, as `cells`:
    /// no capacity field, no spare room (most sections have none of either).
    pub body: Box<[usize]>,
    /// Table cells and rows under the heading.
    pub cells: Box<[usize]>,
    /// One past the last block of the section.
    pub end_block: usize,
    /// A numbered point of the covering notice ("现就有关事项通知如下:一、…"),
    /// not of the plan: it holds no measures of its own.
    pub notice: bool,
}

pub struct Outline {
    pub nodes: Vec<Node>,
    pub roots: Vec<usize>,
    /// For each block, the deepest section it belongs to.
    pub owner: Vec<Option<usize>>,
    /// Per node, what every measure, target and row of the section repeats (its title,
    /// its path, its year), worked out on first use: the nodes do not change once built.
    /// Titles are the document's shared strings (`Document::share`): the measures'
    /// paths hold the same allocation.
    titles: Vec<OnceCell<Arc<str>>>,
    paths: Vec<OnceCell<String>>,
    years: Vec<OnceCell<Option<i32>>>,
}

impl Outline {
    /// Whether block `b` stands in a background part (现状, 发展基础): it reports the past.
    pub fn in_background(&self, b: usize) -> bool {
        self.owner
            .get(b)
            .copied()
            .flatten()
            .is_some_and(|n| self.nodes[n].kind == SectionKind::Background)
    }

    /// [`title_text`] of node `n`, read once while the measures are built.
    pub fn title(&self, doc: &Document, n: usize) -> Arc<str> {
        self.shared_title(doc, n)
    }

    /// [`Outline::title`] as the document's shared string, for a measure's path.
    pub fn shared_title(&self, doc: &Document, n: usize) -> Arc<str> {
        let Some(node) = self.nodes.get(n) else {
            return doc.share("");
        };
        match self.titles.get(n) {
            Some(cell) => Arc::clone(cell.get_or_init(|| doc.share(&title_text(doc, node)))),
            None => doc.share(&title_text(doc, node)),
        }
    }

    /// Frees what only the measures repeat, once they are built: each section's title
    /// and numbering path, kept per node (the measures hold their own copies; a later
    /// caller works them out again). The years stay: the targets read them.
    pub fn forget_measure_caches(&mut self) {
        self.titles = Vec::new();
        self.paths = Vec::new();
    }

    pub fn ancestors(&self, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self.upward(n).collect();
        out.reverse();
        out
    }

    /// Node `n`, its parent, and so on up to the root: [`Outline::ancestors`] backwards,
    /// without a list (asked of every section and measure).
    pub fn upward(&self, n: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(n), |&a| self.nodes[a].parent)
    }
}

/// `附件`, `附件:`, `附件2:重点任务分工表`.
fn is_attachment_label(chars: &[char]) -> bool {
    crate::lex::chars::starts_at(chars, 0, "附件") && chars.len() <= 40 && !chars.contains(&'。')
}

/// An entry of an attachment list: `1.重点任务分工表`.
fn is_document_name(chars: &[char]) -> bool {
    if chars.len() > 40 || chars.contains(&'。') {
        return false;
    }
    let s: String = chars.iter().collect();
    [
        "表", "清单", "方案", "名单", "目录", "办法", "细则", "意见", "计划",
    ]
    .iter()
    .any(|w| s.trim_end_matches([';', '.']).ends_with(w))
}

/// A plan's own title line: `乙区实施方案`, `某市行动计划(2021-2025年)`.
pub fn is_plan_title(chars: &[char]) -> bool {
    if !(6..=60).contains(&chars.len())
        || !chars
            .iter()
            .any(|c| matches!(c, '案' | '划' | '要' | '见' | '法' | '则'))
    {
        return false;
    }
    let s: String = chars.iter().collect();
    let core = s.split('(').next().unwrap_or(&s);
    (6..=60).contains(&chars.len())
        && [
            "方案", "规划", "计划", "纲要", "意见", "办法", "要点", "细则",
        ]
        .iter()
        .any(|w| core.ends_with(w))
        && !chars
            .iter()
            .any(|c| matches!(c, '。' | ',' | ';' | ':' | '《' | '》'))
}

/// The end of a heading's title sentence and where its inline text starts.
fn split_title(
    doc: &Document,
    block: &crate::text::Block,
    from: usize,
) -> ((usize, usize), Option<usize>) {
    let chars = &block.chars;
    let rest = &chars[from..];
    // Where the heading's text ends when a trailing note is ignored: the first note's
    // start (not before `from`), asked only as far as the answer needs (a heading can
    // be a long paragraph with notes of its own further on).
    let body_end_within =
        |limit: usize| crate::lex::notes::first_note_within(chars, limit).map(|a| a.max(from));
    // Whether more than 50 chars stand before the body's end.
    let long = || chars.len().saturating_sub(from) > 50 && body_end_within(from + 50).is_none();
    // (title end, where the text after it starts), both relative to `from`.
    let stop = rest
        .iter()
        .position(|c| matches!(c, '。' | '!' | '?' | ';') || *c == ':')
        .map(|p| (p, p + 1));
    // "(一)指导思想 牢固树立…": a space after a short title ends it too (web copies).
    let gap = whitespace_gap(doc, block, from, rest.len().min(26));
    let stop = match (stop, gap) {
        (Some((p, _)), Some(g)) if g < p => Some((g, g)),
        (None, Some(g)) if long() => Some((g, g)),
        (s, _) => s,
    };
    match stop {
        Some((p, q)) if p <= 40 => {
            let after = from + q;
            // Text after the title, before the body's end: the first char that is
            // neither `。` nor a space, before any note.
            let has_more = chars
                .get(after..)
                .unwrap_or(&[])
                .iter()
                .position(|c| !matches!(c, '。' | ' '))
                .is_some_and(|k| body_end_within(after + k).is_none());
            ((from, from + p), has_more.then_some(after))
        }
        Some(_) => ((from, from), Some(from)),
        None if !long() => (
            (from, body_end_within(from + 50).unwrap_or(chars.len())),
            None,
        ),
        None => ((from, from), Some(from)),
    }
}

/// The first `p` in `2..end` where whitespace stands in the original text just before
/// the heading block's char `from + p`.
fn whitespace_gap(
    doc: &Document,
    block: &crate::text::Block,
    from: usize,
    end: usize,
) -> Option<usize> {
    let before = |p: usize| block.at(from + p).checked_sub(1);
    // The original text under those chars, read once (a char by its offset is a walk
    // from the nearest mark each time); a block whose chars lie far apart in the
    // original (hidden markup between them) is asked char by char.
    let offsets = (2..end).filter_map(before);
    let (lo, hi) = (offsets.clone().min()?, offsets.max()?);
    const WINDOW: usize = 512;
    if hi - lo >= WINDOW {
        return (2..end).find(|&p| {
            before(p).is_some_and(|o| doc.orig.get(o).is_some_and(char::is_whitespace))
        });
    }
    let mut window = ['\0'; WINDOW];
    for (slot, c) in window.iter_mut().zip(doc.orig.slice(lo, hi + 1).chars()) {
        *slot = c;
    }
    (2..end).find(|&p| {
        before(p)
            .and_then(|o| window.get(o - lo))
            .is_some_and(|c| c.is_whitespace())
    })
}

/// `现将《某市分工落实方案》印发给你们`: the text hands on a named document. A notice
/// that hands on only other notices (`现将《国务院关于…的通知》转发你们`) hands on no
/// plan: what it then asks (`现就有关工作通知如下`) is the work.
fn forwards_a_document(chars: &[char]) -> bool {
    chars.contains(&'《')
        && crate::lex::chars::contains_any(chars, &["印发", "转发", "下发"])
        && !names_only_notices(chars)
}

/// Every `《…》` in `chars` names a notice (`…的通知`).
fn names_only_notices(chars: &[char]) -> bool {
    let mut names = 0;
    let mut from = 0;
    while let Some(open) = chars[from..]
        .iter()
        .position(|&c| c == '《')
        .map(|k| from + k)
    {
        let Some(close) = chars[open..]
            .iter()
            .position(|&c| c == '》')
            .map(|k| open + k)
        else {
            break;
        };
        if !crate::lex::chars::ends_at(chars, close, "通知") {
            return false;
        }
        names += 1;
        from = close + 1;
    }
    names > 0
}

/// `现将…印发给你们`, `…印发给你们,请认真贯彻执行`: the notice hands its document on.
fn forwards_to_readers(chars: &[char]) -> bool {
    ["给你们", "给你单位", "给各"]
        .iter()
        .any(|w| crate::lex::chars::contains(chars, w))
}

pub fn build(doc: &Document) -> Outline {
    let mut nodes: Vec<Node> = vec![];
    let mut roots = vec![];
    let mut owner = vec![None; doc.blocks.len()];
    let mut stack: Vec<(Style, usize)> = vec![];
    // Each node's paragraphs and cells while they are read (boxed into it at the end).
    let mut bodies: Vec<Vec<usize>> = vec![];
    let mut cells: Vec<Vec<usize>> = vec![];
    // After "通知如下:" the top-level points belong to the notice, until the plan's title.
    let mut in_notice = false;
    // Where the notice's points start: when no plan follows them, they are the work.
    let mut notice_from: Option<usize> = None;
    // A notice that forwards a plan (印发《…方案》) has points about that plan, not work.
    let mut forwards_plan = false;
    // The notice opened on "现将《…》印发给你们" (no "通知如下"): its points are the
    // notice's only when the attached plan follows them.
    let mut opened_by_forwarding = false;
    // Where that notice ended (a node index), and whether "附件:" ended it.
    let mut forwarding_end: Option<(usize, bool)> = None;
    let mut attachments = false;
    for (bi, block) in doc.blocks.iter().enumerate() {
        match block.kind {
            BlockKind::Noise => continue,
            BlockKind::Cell => {
                if let Some(&(_, n)) = stack.last() {
                    if let Some(c) = cells.get_mut(n) {
                        c.push(bi);
                    }
                    owner[bi] = Some(n);
                }
                continue;
            }
            BlockKind::Para => {}
        }
        let marker = markers::detect(&block.chars).filter(|m| m.len < block.chars.len());
        // "附件:" and the list of attached documents under it are not plan text; an
        // attached table that follows stands at the top level.
        if is_attachment_label(&block.chars) && marker.is_none() {
            if opened_by_forwarding && in_notice && forwarding_end.is_none() {
                in_notice = false;
                notice_from = None;
                forwarding_end = Some((nodes.len(), true));
            }
            attachments = true;
            stack.clear();
            continue;
        }
        if attachments && marker.is_some() && is_document_name(&block.chars) {
            continue;
        }
        attachments = false;
        // Another plan in the same file starts with its own title: numbering starts over.
        if marker.is_none() && is_plan_title(&block.chars) {
            if opened_by_forwarding && forwarding_end.is_none() {
                forwarding_end = Some((nodes.len(), false));
            }
            in_notice = false;
            notice_from = None;
            if !nodes.is_empty() {
                stack.clear();
                continue;
            }
        }
        if marker.is_none()
            && stack.is_empty()
            && crate::lex::chars::contains_any(&block.chars, &["通知如下", "要求如下", "事项如下"])
        {
            in_notice = true;
            notice_from = notice_from.or(Some(nodes.len()));
            // The notice announces its points itself: the rules above apply.
            opened_by_forwarding = false;
        }
        let before_points = notice_from.is_none_or(|f| f == nodes.len());
        if marker.is_none() && before_points && forwards_a_document(&block.chars) {
            forwards_plan = true;
            // "现将《…》印发给你们。请…抓好落实。" then "一、…": points of the notice.
            if nodes.is_empty() && !in_notice && forwards_to_readers(&block.chars) {
                in_notice = true;
                opened_by_forwarding = true;
                notice_from = Some(0);
            }
        }
        let Some(marker) = marker else {
            if let Some(&(_, n)) = stack.last() {
                if let Some(b) = bodies.get_mut(n) {
                    b.push(bi);
                }
                owner[bi] = Some(n);
            }
            continue;
        };
        if let Some(i) = stack.iter().position(|(s, _)| *s == marker.style) {
            stack.truncate(i);
        }
        let parent = stack.last().map(|&(_, n)| n);
        let (title, inline_from) = split_title(doc, block, marker.len);
        let id = nodes.len();
        nodes.push(Node {
            parent,
            children: vec![],
            block: bi,
            marker,
            level: u32::try_from(stack.len()).unwrap_or(u32::MAX),
            kind: SectionKind::Other,
            title,
            inline_from,
            body: Box::default(),
            cells: Box::default(),
            end_block: bi + 1,
            notice: in_notice && stack.is_empty(),
        });
        bodies.push(vec![]);
        cells.push(vec![]);
        match parent {
            Some(p) => nodes[p].children.push(id),
            None => roots.push(id),
        }
        stack.push((nodes[id].marker.style, id));
        owner[bi] = Some(id);
    }
    // A notice with no plan after it assigns the work itself: its points are the tasks.
    if let Some(from) = notice_from.filter(|_| !forwards_plan) {
        for n in nodes.iter_mut().skip(from) {
            n.notice = false;
        }
    }
    // Points after "现将《…》印发给你们" are the notice's only when they are plain
    // paragraphs closed by the list of attachments ("附件:"): a plan written out after
    // that sentence, with parts of its own or its title first, is the work.
    if opened_by_forwarding {
        let (end, by_label) = forwarding_end.unwrap_or((nodes.len(), false));
        let points = 0..end.min(nodes.len());
        let plain = nodes[points.clone()]
            .iter()
            .all(|n| !n.notice || n.children.is_empty());
        if !by_label || !plain {
            for n in &mut nodes[points] {
                n.notice = false;
            }
        }
    }
    // Section extents: up to the next heading at the same or a higher level
    // (one pass with the open sections on a stack, so long plans stay linear).
    let mut open: Vec<usize> = vec![];
    for i in 0..nodes.len() {
        while let Some(&o) = open.last() {
            if nodes[o].level < nodes[i].level {
                break;
            }
            nodes[o].end_block = nodes[i].block;
            open.pop();
        }
        open.push(i);
    }
    for o in open {
        nodes[o].end_block = doc.blocks.len();
    }
    for (n, (b, c)) in nodes.iter_mut().zip(bodies.into_iter().zip(cells)) {
        n.body = b.into_boxed_slice();
        n.cells = c.into_boxed_slice();
    }
    let titles = (0..nodes.len()).map(|_| OnceCell::new()).collect();
    let paths = (0..nodes.len()).map(|_| OnceCell::new()).collect();
    let years = (0..nodes.len()).map(|_| OnceCell::new()).collect();
    let mut outline = Outline {
        nodes,
        roots,
        owner,
        titles,
        paths,
        years,
    };
    assign_kinds(doc, &mut outline);
    outline
}

// Section kind from its title words; children inherit, and nothing under a
// tasks or projects heading is reclassified.
crate::lexicon!(SAFEGUARD_TITLES, "section_safeguards.txt");
crate::lexicon!(WELFARE_TITLES, "section_safeguards_welfare.txt");
crate::lexicon!(GOAL_TITLES, "section_goals.txt");
crate::lexicon!(BACKGROUND_TITLES, "section_background.txt");
crate::lexicon!(PRINCIPLE_TITLES, "section_principles.txt");
crate::lexicon!(LAYOUT_TITLES, "section_layout.txt");
crate::lexicon!(PROJECT_TITLES, "section_projects.txt");
crate::lexicon!(TASK_TITLES, "section_tasks.txt");
crate::lexicon!(pub ACTION_VERBS, "action_verbs.txt");

/// The kind of section a heading's title (its chars: every section's is asked, none
/// copied) names, from its words.
pub fn kind_of_title_chars(chars: &[char]) -> Option<SectionKind> {
    if chars.len() > 40 {
        return None;
    }
    let tasks = TASK_TITLES.occurs_in_chars(chars);
    if SAFEGUARD_TITLES.occurs_in_chars(chars)
        && is_safeguards_title(&crate::lex::chars::string(chars))
    {
        return Some(SectionKind::Safeguards);
    }
    // "目标任务": the items are tasks (their numbers are still read as targets).
    if GOAL_TITLES.occurs_in_chars(chars) {
        return Some(if tasks {
            SectionKind::Tasks
        } else {
            SectionKind::Goals
        });
    }
    // A title that opens with an action (强化基础设施支撑, 优化产业布局) names work to do,
    // whatever nouns follow it.
    // A sentence (with a clause break) is an item's topic sentence, not the name of a
    // part: its nouns say nothing of the part's kind.
    let sentence = chars.iter().any(|c| matches!(c, ',' | '，' | ';' | '。'));
    let action = sentence || ACTION_VERBS.prefix_at(chars, 0).is_some();
    if !action && BACKGROUND_TITLES.occurs_in_chars(chars) {
        return Some(SectionKind::Background);
    }
    let layout = LAYOUT_TITLES.suffix_at(chars, chars.len()).is_some();
    if !action && (PRINCIPLE_TITLES.occurs_in_chars(chars) || layout) {
        return Some(SectionKind::Principles);
    }
    if !sentence && PROJECT_TITLES.occurs_in_chars(chars) {
        return Some(SectionKind::Projects);
    }
    tasks.then_some(SectionKind::Tasks)
}

/// A heading word of a safeguards part in `title`, other than the 保障 of social
/// protection as a field of work (`就业保障体系`: [`WELFARE_TITLES`]).
fn is_safeguards_title(title: &str) -> bool {
    let count = |lexicon: &crate::lex::lexicon::Lexicon| {
        lexicon
            .words()
            .iter()
            .filter(|w| title.contains(*w))
            .count()
    };
    let welfare = count(&WELFARE_TITLES);
    welfare == 0 || count(&SAFEGUARD_TITLES) > welfare
}

fn assign_kinds(doc: &Document, outline: &mut Outline) {
    for i in 0..outline.nodes.len() {
        let node = &outline.nodes[i];
        let inherited = node.parent.map(|p| outline.nodes[p].kind);
        // Under tasks, projects or safeguards (工作步骤, 保障措施) every child is work to do:
        // `(三)指标评估分析` is a step, not a goals part.
        let locked = matches!(
            inherited,
            Some(SectionKind::Tasks | SectionKind::Projects | SectionKind::Safeguards)
        );
        if let (true, Some(k), false) = (locked, inherited, node.marker.style == Style::Box) {
            // Its title's words change nothing (only a box's can unlock it): not read.
            outline.nodes[i].kind = k;
            continue;
        }
        let block = &doc.blocks[node.block];
        let title = &block.chars[node.title.0..node.title.1];
        // A 专栏 box holds projects, unless its title names indicators or it stands in a
        // goals part (专栏1 主要指标).
        let own = if node.marker.style == Style::Box {
            match (kind_of_title_chars(title), inherited) {
                (
                    Some(k @ (SectionKind::Goals | SectionKind::Projects | SectionKind::Tasks)),
                    _,
                ) => Some(k),
                (_, Some(SectionKind::Goals)) => Some(SectionKind::Goals),
                _ => Some(SectionKind::Projects),
            }
        } else {
            kind_of_title_chars(title)
        };
        let locked =
            locked && !(node.marker.style == Style::Box && own == Some(SectionKind::Goals));
        outline.nodes[i].kind = match (locked, own, inherited) {
            (true, _, Some(k)) => k,
            (false, Some(k), _) => k,
            (false, None, Some(k)) => k,
            _ => SectionKind::Other,
        };
    }
}

/// The numbering path of a section: `二/(一)/1`.
pub fn section_path(doc: &Document, outline: &Outline, n: Option<usize>) -> String {
    let Some(n) = n else { return String::new() };
    match outline.paths.get(n) {
        Some(cell) => cell.get_or_init(|| path_of(doc, outline, n)).clone(),
        None => path_of(doc, outline, n),
    }
}

/// The parent's path, then this node's marker.
fn path_of(doc: &Document, outline: &Outline, n: usize) -> String {
    let step = marker_chars(doc, &outline.nodes[n]);
    match outline.nodes[n].parent {
        Some(p) => {
            let above = section_path(doc, outline, Some(p));
            // Sized once: the parent's path, the slash, the step.
            let mut path = String::with_capacity(
                above.len() + 1 + step.iter().map(|c| c.len_utf8()).sum::<usize>(),
            );
            path.push_str(&above);
            path.push('/');
            path.extend(step);
            path
        }
        None => crate::lex::chars::string(step),
    }
}

/// A marker as a path step: `一`, `(一)`, `1`, `(1)`, `举措3`.
pub fn marker_label(doc: &Document, node: &Node) -> String {
    crate::lex::chars::string(marker_chars(doc, node))
}

/// The chars of a marker without the punctuation that closes it.
fn marker_chars<'a>(doc: &'a Document, node: &Node) -> &'a [char] {
    let block = &doc.blocks[node.block];
    let mut raw = block.chars.get(..node.marker.len).unwrap_or(&block.chars);
    while let [rest @ .., last] = raw {
        if !matches!(last, '、' | '.' | ':' | '．' | ' ' | '—') {
            break;
        }
        raw = rest;
    }
    raw
}

/// A section's title as shown, borrowed from the original where it can be (it is shared).
fn title_text<'a>(doc: &'a Document, node: &Node) -> std::borrow::Cow<'a, str> {
    let [a, b] = title_span(doc, node);
    doc.shown(a, b)
}

/// Where [`title_text`] is in the original.
fn title_span(doc: &Document, node: &Node) -> [usize; 2] {
    let block = &doc.blocks[node.block];
    if node.title.1 > node.title.0 {
        block.span(node.title.0, node.title.1)
    } else {
        // No title sentence: the first words of the heading stand for it.
        let end = (node.marker.len + 20).min(block.chars.len());
        block.span(node.marker.len, end)
    }
}

/// Where a node's heading, marker, title and section are in the original: all that
/// [`to_model`] needs of the matching views, so the outline is written once they
/// are freed. u32: the decoders' limits keep texts far below 4 G chars.
pub struct Head {
    heading: [u32; 2],
    end: u32,
    marker: [u32; 2],
    title: [u32; 2],
}

/// The [`Head`] of every node, by node index.
pub fn heads(doc: &Document, outline: &Outline) -> Vec<Head> {
    let at = |[a, b]: [usize; 2]| [a as u32, b as u32];
    outline
        .nodes
        .iter()
        .map(|node| {
            let block = &doc.blocks[node.block];
            let end = doc
                .blocks
                .get(node.end_block.saturating_sub(1))
                .map(|b| b.end)
                .unwrap_or(block.end);
            Head {
                heading: at([block.start, block.end]),
                end: end.max(block.end) as u32,
                marker: at(block.span(0, node.marker.len)),
                title: at(title_span(doc, node)),
            }
        })
        .collect()
}

/// The outline as the contract shows it, its texts shown by `shown`.
pub fn to_model(outline: &Outline, heads: &[Head], shown: &Shown) -> Vec<OutlineNode> {
    fn one(outline: &Outline, heads: &[Head], shown: &Shown, i: usize) -> Option<OutlineNode> {
        let node = outline.nodes.get(i)?;
        let h = heads.get(i)?;
        let show = |[a, b]: [u32; 2]| shown.display(a as usize, b as usize);
        let [start, end] = h.heading.map(|x| x as usize);
        // Sized once: kept in the `Analysis`.
        let mut children = Vec::with_capacity(node.children.len());
        children.extend(
            node.children
                .iter()
                .filter_map(|&c| one(outline, heads, shown, c)),
        );
        Some(OutlineNode {
            id: crate::lex::numbers::id('s', i + 1),
            marker: show(h.marker),
            title: show(h.title),
            level: node.level.saturating_add(1),
            kind: node.kind,
            span: [start, h.end as usize],
            heading_span: [start, end],
            children,
        })
    }
    outline
        .roots
        .iter()
        .filter_map(|&r| one(outline, heads, shown, r))
        .collect()
}

/// A year any heading above `node` (itself included) names: `六、2015年重点工作安排`.
pub fn section_year(doc: &Document, outline: &Outline, node: usize) -> Option<i32> {
    match outline.years.get(node) {
        Some(cell) => *cell.get_or_init(|| year_of(doc, outline, node)),
        None => year_of(doc, outline, node),
    }
}

/// The year the node's own heading names, else its parent's section year.
fn year_of(doc: &Document, outline: &Outline, node: usize) -> Option<i32> {
    let n = &outline.nodes[node];
    let chars = &doc.blocks[n.block].chars;
    let end = if n.title.1 > n.title.0 {
        n.title.1
    } else {
        chars.len().min(n.marker.len + 30)
    };
    if let Some(years::YearHit::Year(y)) = years::find(&chars[..end], true) {
        return Some(y);
    }
    n.parent.and_then(|p| section_year(doc, outline, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of_title(title: &str) -> Option<SectionKind> {
        kind_of_title_chars(&title.chars().collect::<Vec<char>>())
    }

    fn tree(s: &str) -> Vec<(usize, String, SectionKind)> {
        let doc = Document::new(s);
        let o = build(&doc);
        o.nodes
            .iter()
            .map(|n| (n.level as usize, marker_label(&doc, n), n.kind))
            .collect()
    }

    #[test]
    fn upward_is_the_ancestors_from_the_node_up() {
        let doc =
            Document::new("一、主要任务\n(一)营造环境\n1.提升效能。\n(二)鼓励投资\n二、保障措施\n");
        let o = build(&doc);
        assert_eq!(o.ancestors(2), vec![0, 1, 2]);
        assert_eq!(o.upward(2).collect::<Vec<_>>(), vec![2, 1, 0]);
        assert_eq!(o.upward(3).collect::<Vec<_>>(), vec![3, 0]);
        assert_eq!(o.upward(4).collect::<Vec<_>>(), vec![4]);
    }

    #[test]
    fn levels_follow_first_appearance() {
        let t = tree("一、主要任务\n(一)营造环境\n1.提升效能。做事。\n2.盘活资源。\n(二)鼓励投资\n二、保障措施\n(一)加强领导\n");
        let levels: Vec<usize> = t.iter().map(|x| x.0).collect();
        assert_eq!(levels, vec![0, 1, 2, 2, 1, 0, 1]);
        assert_eq!(t[2].2, SectionKind::Tasks);
        assert_eq!(t[6].2, SectionKind::Safeguards);
    }

    #[test]
    fn a_step_named_after_indicators_is_still_a_step() {
        let t = tree("三、工作步骤\n(一)建立工作机制。编制工作方案。\n(二)指标评估分析(2023年9月)。对各项指标进行评估。\n");
        assert_eq!(t[0].2, SectionKind::Safeguards);
        assert_eq!(t[2].2, SectionKind::Safeguards);
    }

    #[test]
    fn tolerates_missing_levels_and_restarts() {
        let t = tree("(一)指导思想\n(二)基本原则\n(一)加速转化\n1.强化供给。\n(一)加强组织领导\n");
        let levels: Vec<usize> = t.iter().map(|x| x.0).collect();
        assert_eq!(levels, vec![0, 0, 0, 1, 0]);
        assert_eq!(t[0].2, SectionKind::Principles);
        assert_eq!(t[2].2, SectionKind::Other);
        assert_eq!(t[4].2, SectionKind::Safeguards);
    }

    #[test]
    fn kinds_from_title_words() {
        assert_eq!(kind_of_title("目标任务"), Some(SectionKind::Tasks));
        assert_eq!(kind_of_title("发展目标"), Some(SectionKind::Goals));
        assert_eq!(kind_of_title("保障措施"), Some(SectionKind::Safeguards));
        assert_eq!(kind_of_title("进度安排"), Some(SectionKind::Safeguards));
        assert_eq!(kind_of_title("强化组织保障"), Some(SectionKind::Safeguards));
        assert_eq!(kind_of_title("构建更加积极的就业保障体系"), None);
        assert_eq!(kind_of_title("完善住房保障和供应体系"), None);
        assert_eq!(
            kind_of_title("住房保障组织实施"),
            Some(SectionKind::Safeguards)
        );
        // A task that sets a positioning is work, not a layout part.
        assert_eq!(kind_of_title("明确民营科技园产业战略定位"), None);
        assert_eq!(kind_of_title("战略定位"), Some(SectionKind::Principles));
        assert_eq!(kind_of_title("重点区域与项目"), Some(SectionKind::Projects));
        assert_eq!(kind_of_title("基本概况"), Some(SectionKind::Background));
        assert_eq!(kind_of_title("指导思想"), Some(SectionKind::Principles));
        assert_eq!(kind_of_title("加快发展数字经济"), None);
        // A title that opens with an action is work, whatever nouns follow.
        assert_eq!(kind_of_title("强化基础设施支撑"), None);
        assert_eq!(kind_of_title("夯实数字政府发展基础"), None);
        assert_eq!(kind_of_title("优化产业空间布局"), None);
        assert_eq!(kind_of_title("发展基础"), Some(SectionKind::Background));
        assert_eq!(kind_of_title("空间布局"), Some(SectionKind::Principles));
        assert_eq!(
            kind_of_title("功能定位与产业布局"),
            Some(SectionKind::Principles)
        );
        assert_eq!(kind_of_title("布局重点实验室"), None);
        assert_eq!(kind_of_title("实施背景"), Some(SectionKind::Background));
        // An item's topic sentence names no kind of part.
        assert_eq!(
            kind_of_title("完成全民健康信息平台基础功能扩展,强化各类应用"),
            None
        );
        assert_eq!(kind_of_title("本着“先易后难”原则,有序开放公共数据"), None);
        assert_eq!(
            kind_of_title("推动基层部门的业务系统与平台对接,优化项目目录"),
            None
        );
    }

    #[test]
    fn attachment_lists_are_not_outline() {
        let t = tree("一、主要任务\n1.建设平台。\n附件:1.重点任务分工表\n2.主要指标表\n");
        assert_eq!(t.len(), 2);
        let t = tree("一、主要任务\n1.建设平台。\n附件\n1.重点任务分工表\n2.主要指标表\n");
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn task_children_are_not_reclassified() {
        let t = tree("三、主要任务\n(一)夯实基础设施\n(二)完善目标考核\n");
        assert!(t.iter().all(|x| x.2 == SectionKind::Tasks));
    }

    #[test]
    fn a_space_ends_a_short_title() {
        let doc = Document::new("(三)发展目标 力争通过3到5年时间,以科技创新带动全面创新,探索形成区域性的创业创新制度体系和发展新优势。\n");
        let o = build(&doc);
        assert_eq!(title_text(&doc, &o.nodes[0]), "发展目标");
        assert_eq!(o.nodes[0].kind, SectionKind::Goals);
        assert!(o.nodes[0].inline_from.is_some());
    }

    #[test]
    fn titles_split_from_inline_text() {
        let doc = Document::new("1.提升政府服务效能。深入推进商事制度改革。(责任部门:区市场监管局)\n2.成立天使俱乐部。(责任单位:区金融办)\n");
        let o = build(&doc);
        assert_eq!(title_text(&doc, &o.nodes[0]), "提升政府服务效能");
        assert!(o.nodes[0].inline_from.is_some());
        assert_eq!(title_text(&doc, &o.nodes[1]), "成立天使俱乐部");
        assert!(o.nodes[1].inline_from.is_none());
    }
}
