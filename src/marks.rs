//! The highlights of 原文: measures, responsibility notes, targets, headings and
//! warnings as char ranges, nested for rendering, and the pages of a long text.

use crate::state::ItemKey;
use planlens_core::{Analysis, OutlineNode};

/// One highlight, in char offsets of the analysed text.
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub key: ItemKey,
}

/// Every highlight of an analysis.
pub fn marks(a: &Analysis) -> Vec<Mark> {
    let mut out = vec![];
    fn walk(nodes: &[OutlineNode], next: &mut usize, out: &mut Vec<Mark>) {
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
                key: ItemKey::Section(*next),
            });
            *next += 1;
            walk(&n.children, next, out);
        }
    }
    walk(&a.outline, &mut 0, &mut out);
    for (i, m) in a.measures.iter().enumerate() {
        out.push(Mark {
            start: m.span[0],
            end: m.span[1],
            key: ItemKey::Measure(i),
        });
        if let Some(n) = m.note_span {
            out.push(Mark {
                start: n[0],
                end: n[1],
                key: ItemKey::Note(i),
            });
        }
    }
    for (i, t) in a.targets.iter().enumerate() {
        out.push(Mark {
            start: t.span[0],
            end: t.span[1],
            key: ItemKey::Target(i),
        });
    }
    for (i, w) in a.warnings.iter().enumerate() {
        out.push(Mark {
            start: w.span[0],
            end: w.span[1],
            key: ItemKey::Warning(i),
        });
    }
    out
}

/// A mark with the marks inside it.
#[derive(Debug, PartialEq)]
pub struct Nested {
    /// Index into the marks given to [`nest`].
    pub mark: usize,
    pub children: Vec<Nested>,
}

/// Nest marks by containment; a mark that crosses an open one is dropped
/// (its item is still reachable from the tables).
pub fn nest(marks: &[Mark], total: usize) -> Vec<Nested> {
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| marks[i].start <= marks[i].end && marks[i].end <= total)
        .collect();
    crate::order::sort_by(&mut order, &|&a, &b| {
        marks[a]
            .start
            .cmp(&marks[b].start)
            .then(marks[b].end.cmp(&marks[a].end))
    });
    let mut roots: Vec<Nested> = vec![];
    let mut stack: Vec<Nested> = vec![];
    let close = |stack: &mut Vec<Nested>, roots: &mut Vec<Nested>| {
        if let Some(done) = stack.pop() {
            match stack.last_mut() {
                Some(parent) => parent.children.push(done),
                None => roots.push(done),
            }
        }
    };
    for i in order {
        let m = &marks[i];
        while stack
            .last()
            .is_some_and(|top| marks[top.mark].end <= m.start)
        {
            close(&mut stack, &mut roots);
        }
        if stack.last().is_some_and(|top| m.end > marks[top.mark].end) {
            continue; // crosses the open mark
        }
        stack.push(Nested {
            mark: i,
            children: vec![],
        });
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots);
    }
    roots
}

/// The marks that overlap the chars `lo..hi`, clipped to it (anchors inside it kept).
pub fn clip(marks: &[Mark], lo: usize, hi: usize) -> Vec<Mark> {
    marks
        .iter()
        .filter(|m| {
            (m.end > lo && m.start < hi) || (m.start == m.end && m.start >= lo && m.start < hi)
        })
        .map(|m| Mark {
            start: m.start.max(lo),
            end: m.end.min(hi),
            key: m.key,
        })
        .collect()
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
    if starts.len() > 1 && starts.last().is_some_and(|&s| s >= text.chars().count()) {
        starts.pop();
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(start: usize, end: usize, i: usize) -> Mark {
        Mark {
            start,
            end,
            key: ItemKey::Measure(i),
        }
    }

    #[test]
    fn nest_puts_contained_marks_inside_and_drops_crossing_ones() {
        let marks = [
            mark(0, 10, 0),
            mark(2, 4, 1),
            mark(8, 12, 2),
            mark(12, 14, 3),
        ];
        let tree = nest(&marks, 20);
        assert_eq!(tree.len(), 2, "{tree:?}");
        assert_eq!(tree[0].mark, 0);
        assert_eq!(tree[0].children.len(), 1);
        assert_eq!(tree[0].children[0].mark, 1);
        assert_eq!(tree[1].mark, 3, "the crossing mark 8..12 is dropped");
    }

    #[test]
    fn clip_keeps_overlaps_and_anchors_inside_the_range() {
        let marks = [
            mark(0, 5, 0),
            mark(7, 7, 1),
            mark(20, 25, 2),
            mark(9, 30, 3),
        ];
        let clipped = clip(&marks, 5, 20);
        let keys: Vec<_> = clipped.iter().map(|m| (m.start, m.end)).collect();
        assert_eq!(keys, vec![(7, 7), (9, 20)]);
    }

    #[test]
    fn pages_end_at_a_line_break_after_the_size() {
        let text = "一二三\n四五六\n七八九\n";
        assert_eq!(pages(text, 5), vec![0, 8]);
        assert_eq!(pages(text, 100), vec![0]);
    }

    #[test]
    fn marks_cover_measures_notes_targets_and_sections() {
        let a = planlens_core::analyze(
            "一、主要任务\n（一）加强创新。到2025年,新增企业100家以上。(责任单位:区科委)\n（二）完善服务。(责任单位:区商务委)\n",
        );
        let m = marks(&a);
        assert!(m.iter().any(|m| m.key == ItemKey::Measure(0)));
        assert!(m.iter().any(|m| m.key == ItemKey::Note(0)), "{m:?}");
        assert!(m.iter().any(|m| m.key == ItemKey::Section(0)));
        assert_eq!(
            m.iter()
                .filter(|m| matches!(m.key, ItemKey::Target(_)))
                .count(),
            a.targets.len()
        );
    }
}
