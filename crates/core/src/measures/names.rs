//! Unit names as the plan writes them, from ranges a note or a table cell gave.

use crate::text::Document;

/// Unit names as written (whitespace dropped), each once.
pub fn as_written(doc: &Document, block: usize, list: &[(usize, usize)]) -> Vec<String> {
    let b = &doc.blocks[block];
    // One name a range at most: sized once (no shrinking realloc per measure after).
    let mut out: Vec<String> = Vec::with_capacity(list.len());
    for &(x, y) in list {
        let [s, e] = b.span(x, y);
        let mut name = doc.display(s, e);
        if name.contains(char::is_whitespace) {
            name.retain(|c| !c.is_whitespace());
        }
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    // Kept by every measure: no spare room.
    out.shrink_to_fit();
    out
}
