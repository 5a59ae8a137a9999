//! Indicator tables laid out one cell per line whose rows lost cells: merged cells
//! (`类别`, `一级指标`) stand only on a group's first row, an empty cell is a blank line
//! or nothing at all, and a header cell can be split over two lines (`“十四五”` /
//! `完成值`). The attribute cell (`预期性` / `约束性`) of each row is the anchor: the
//! cells before it are read from the right (the unit, the indicator), the cells after
//! it from the left (the value columns, blank lines counting as empty cells). Where
//! every line of the table stands apart (a blank line after each cell, as in pages
//! copied paragraph by paragraph), only the blank lines beyond that one are empty cells.

use crate::text::{Block, BlockKind, Document};

crate::lexicon!(PAST_COLUMNS, "table_past_columns.txt");

/// A column header that names a past or present value (`“十四五”完成值`, `现状值`):
/// never the target column.
pub fn is_past_column(head: &str) -> bool {
    PAST_COLUMNS.occurs_in(head)
}

/// A period named alone on a header line (`“十五五”`, `十四五`): the first half of a
/// header cell split over two lines.
pub fn is_period_line(chars: &[char]) -> bool {
    let bare: String = chars
        .iter()
        .filter(|c| !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
        .collect();
    bare.chars().count() == 3 && bare.starts_with('十') && bare.ends_with('五')
}

/// The attribute cell of a row: `预期性`, `约束性`.
pub fn is_attribute_cell(chars: &[char]) -> bool {
    let t: String = chars.iter().collect();
    matches!(t.as_str(), "预期性" | "约束性" | "预期" | "约束")
}

/// How many line breaks stand between `blocks[k - 1]` and `blocks[k]` (1: none blank).
fn breaks_before(doc: &Document, blocks: &[Block], k: usize) -> usize {
    let Some(prev) = k.checked_sub(1).and_then(|p| blocks.get(p)) else {
        return 0;
    };
    let Some(cur) = blocks.get(k) else {
        return 0;
    };
    let gap = if prev.end <= cur.start {
        doc.orig.slice(prev.end, cur.start)
    } else {
        ""
    };
    gap.chars().filter(|c| *c == '\n').count()
}

/// The rows of such a table from line `from` on: for each row, the line of each column
/// (`None` for a cell the layout lost). `end` is the first line after the table.
pub struct Rows {
    pub rows: Vec<Vec<Option<usize>>>,
    pub end: usize,
}

/// Reads rows anchored on the attribute column `attr_col` of a table `width` columns
/// wide; `stop` tells a line that ends the table (a heading). `keep_left` is how many
/// cells left of the attribute a row needs (the unit and the indicator).
pub fn anchored(
    doc: &Document,
    from: usize,
    width: usize,
    attr_col: usize,
    keep_left: usize,
    stop: &dyn Fn(usize) -> bool,
) -> Rows {
    let blocks = &doc.blocks;
    // A dash standing for an empty cell (`-`) is read as noise: it is a cell here.
    let is_line = |b: &Block| {
        let dash = b.kind == BlockKind::Noise && b.chars.len() <= 2;
        (b.kind == BlockKind::Para || dash)
            && (1..=60).contains(&b.chars.len())
            && !b.chars.contains(&'。')
    };
    let mut end = from;
    while end < blocks.len() && is_line(&blocks[end]) && !stop(end) {
        end += 1;
    }
    // The gap between two cells of the table: one line break, or two where a blank
    // line follows every cell.
    let usual = (from + 1..end)
        .map(|k| breaks_before(doc, blocks, k))
        .min()
        .unwrap_or(1)
        .max(1);
    let empty_cells_before = |k: usize| breaks_before(doc, blocks, k).saturating_sub(usual);
    let attrs: Vec<usize> = (from..end)
        .filter(|&k| is_attribute_cell(&blocks[k].chars))
        .collect();
    let after = width.saturating_sub(attr_col + 1);
    let mut rows = vec![];
    let mut row_start = from;
    let mut last = from;
    for (i, &p) in attrs.iter().enumerate() {
        if p < row_start + keep_left {
            // Too few cells before this attribute to hold an indicator.
            continue;
        }
        let mut row = vec![None; width];
        for k in 0..attr_col.min(p - row_start) {
            if let Some(slot) = row.get_mut(attr_col - 1 - k) {
                *slot = Some(p - 1 - k);
            }
        }
        row[attr_col] = Some(p);
        // The value cells may not reach the next row's indicator and unit.
        let limit = attrs
            .get(i + 1)
            .map_or(end, |&q| q.saturating_sub(keep_left))
            .max(p + 1);
        let mut col = attr_col + 1;
        let mut k = p + 1;
        while col < attr_col + 1 + after && k < limit {
            col += empty_cells_before(k).min(attr_col + 1 + after - col);
            if col >= attr_col + 1 + after {
                break;
            }
            row[col] = Some(k);
            col += 1;
            k += 1;
        }
        row_start = k;
        last = k;
        rows.push(row);
    }
    Rows {
        rows,
        end: if attrs.is_empty() { from } else { last },
    }
}
