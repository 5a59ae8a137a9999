//! The 原文 view: the analysed text with measures, responsibility notes, targets,
//! headings and warnings highlighted. User text only ever becomes text nodes.

use planlens_core::{Analysis, OutlineNode};
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum MarkKind {
    Heading,
    Measure,
    Note,
    Target,
    Warning,
}

impl MarkKind {
    fn class(self) -> &'static str {
        match self {
            MarkKind::Heading => "hl hl-heading",
            MarkKind::Measure => "hl hl-measure",
            MarkKind::Note => "hl hl-note",
            MarkKind::Target => "hl hl-target",
            MarkKind::Warning => "hl hl-warning",
        }
    }
}

pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// The item's key: `m3`, `note-m3`, `t2`, `w0`, `o-…`.
    pub key: String,
    pub kind: MarkKind,
}

/// Every highlight for an analysis, in char offsets.
pub fn marks(a: &Analysis, text: &str) -> Vec<Mark> {
    let _ = text;
    let mut out = vec![];
    fn walk(nodes: &[OutlineNode], out: &mut Vec<Mark>) {
        for n in nodes {
            // Section headings get a highlight; a leaf item (a measure, or a
            // numbered point outside the tasks) only gets an anchor to scroll to.
            let end = if n.children.is_empty() {
                n.heading_span[0]
            } else {
                n.heading_span[1]
            };
            out.push(Mark {
                start: n.heading_span[0],
                end,
                key: format!("o-{}", n.id),
                kind: MarkKind::Heading,
            });
            walk(&n.children, out);
        }
    }
    walk(&a.outline, &mut out);
    for m in &a.measures {
        out.push(Mark {
            start: m.span[0],
            end: m.span[1],
            key: m.id.clone(),
            kind: MarkKind::Measure,
        });
        if let Some(n) = m.note_span {
            out.push(Mark {
                start: n[0],
                end: n[1],
                key: format!("note-{}", m.id),
                kind: MarkKind::Note,
            });
        }
    }
    for t in &a.targets {
        out.push(Mark {
            start: t.span[0],
            end: t.span[1],
            key: t.id.clone(),
            kind: MarkKind::Target,
        });
    }
    for (i, w) in a.warnings.iter().enumerate() {
        out.push(Mark {
            start: w.span[0],
            end: w.span[1],
            key: format!("w{i}"),
            kind: MarkKind::Warning,
        });
    }
    out
}

struct Node {
    mark: usize,
    children: Vec<Node>,
}

/// Nest marks by containment; a mark that crosses an open one is dropped
/// (its item is still reachable from the tables).
fn nest(marks: &[Mark], total: usize) -> Vec<Node> {
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].start <= marks[i].end && marks[i].end <= total)
        .collect();
    order.sort_by(|&a, &b| {
        marks[a]
            .start
            .cmp(&marks[b].start)
            .then(marks[b].end.cmp(&marks[a].end))
    });
    let mut roots: Vec<Node> = vec![];
    let mut stack: Vec<Node> = vec![];
    for i in order {
        let m = &marks[i];
        while let Some(top) = stack.last() {
            if marks[top.mark].end <= m.start {
                let done = stack.pop().unwrap();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => roots.push(done),
                }
            } else {
                break;
            }
        }
        if let Some(top) = stack.last() {
            if m.end > marks[top.mark].end {
                continue; // crosses the open mark
            }
        }
        stack.push(Node {
            mark: i,
            children: vec![],
        });
    }
    while let Some(done) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(done),
            None => roots.push(done),
        }
    }
    roots
}

/// Page starts (char offsets) for showing a long text a page at a time: a page
/// ends at the first line break after `size` chars.
pub fn pages(text: &str, size: usize) -> Vec<usize> {
    let mut starts = vec![0];
    let mut next = size;
    for (i, c) in text.chars().enumerate() {
        if i >= next && c == '\n' {
            starts.push(i + 1);
            next = i + 1 + size;
        }
    }
    if starts.len() > 1 && *starts.last().unwrap() >= text.chars().count() {
        starts.pop();
    }
    starts
}

/// Render the chars `range` of `text` with the marks that overlap it (clipped).
pub fn render(
    text: &str,
    all_marks: &[Mark],
    range: (usize, usize),
    focus: Option<&str>,
    on_mark: &Callback<(MarkKind, String)>,
) -> Html {
    let total = text.chars().count();
    let (lo, hi) = (range.0.min(total), range.1.min(total));
    let marks: Vec<Mark> = all_marks
        .iter()
        .filter(|m| {
            (m.end > lo && m.start < hi) || (m.start == m.end && m.start >= lo && m.start < hi)
        })
        .map(|m| Mark {
            start: m.start.max(lo),
            end: m.end.min(hi),
            key: m.key.clone(),
            kind: m.kind,
        })
        .collect();
    let marks = &marks[..];
    // char offset -> byte offset for every boundary we need
    let mut bounds: Vec<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.push(lo);
    bounds.push(hi);
    bounds.sort_unstable();
    bounds.dedup();
    let mut byte_at = std::collections::HashMap::with_capacity(bounds.len());
    let mut bi = 0;
    for (ci, (b, _)) in text.char_indices().enumerate() {
        while bi < bounds.len() && bounds[bi] == ci {
            byte_at.insert(ci, b);
            bi += 1;
        }
        if bi >= bounds.len() {
            break;
        }
    }
    for &c in &bounds[bi..] {
        byte_at.insert(c, text.len());
    }
    let slice = |s: usize, e: usize| -> Html {
        let (bs, be) = (byte_at[&s], byte_at[&e]);
        if bs >= be {
            Html::default()
        } else {
            Html::from(text[bs..be].to_string())
        }
    };
    let tree = nest(marks, hi);

    fn node_html(
        n: &Node,
        marks: &[Mark],
        slice: &dyn Fn(usize, usize) -> Html,
        focus: Option<&str>,
        on_mark: &Callback<(MarkKind, String)>,
    ) -> Html {
        let m = &marks[n.mark];
        let inner = range_html(m.start, m.end, &n.children, marks, slice, focus, on_mark);
        let current = focus == Some(m.key.as_str())
            || (m.kind == MarkKind::Note
                && focus.map(|f| format!("note-{f}")) == Some(m.key.clone()));
        let anchor = m.start == m.end;
        let class = classes!(
            m.kind.class(),
            current.then_some("current"),
            anchor.then_some("anchor")
        );
        let onclick = {
            let on_mark = on_mark.clone();
            let (kind, key) = (m.kind, m.key.clone());
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                on_mark.emit((kind, key.clone()));
            })
        };
        let id = format!("src-{}", m.key);
        let tabindex = if current { Some("-1") } else { None };
        html! { <mark {id} {class} {onclick} {tabindex}>{ inner }</mark> }
    }

    fn range_html(
        start: usize,
        end: usize,
        children: &[Node],
        marks: &[Mark],
        slice: &dyn Fn(usize, usize) -> Html,
        focus: Option<&str>,
        on_mark: &Callback<(MarkKind, String)>,
    ) -> Html {
        let mut parts: Vec<Html> = Vec::with_capacity(children.len() * 2 + 1);
        let mut pos = start;
        for c in children {
            let m = &marks[c.mark];
            if m.start > pos {
                parts.push(slice(pos, m.start));
            }
            parts.push(node_html(c, marks, slice, focus, on_mark));
            pos = m.end;
        }
        if end > pos {
            parts.push(slice(pos, end));
        }
        parts.into_iter().collect::<Html>()
    }

    range_html(lo, hi, &tree, marks, &slice, focus, on_mark)
}
