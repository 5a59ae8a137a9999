//! Unit names as the plan writes them, from ranges a note or a table cell gave.

use crate::text::Document;
use std::sync::Arc;

/// Unit names as written (whitespace dropped), each once.
/// Each name is shared ([`Document::share`]): a plan names the same units again and again.
pub fn as_written(doc: &Document, block: usize, list: &[(usize, usize)]) -> Vec<Arc<str>> {
    let b = &doc.blocks[block];
    // One name a range at most: sized once (no shrinking realloc per measure after).
    let mut out: Vec<Arc<str>> = Vec::with_capacity(list.len());
    for &(x, y) in list {
        let [s, e] = b.span(x, y);
        // Borrowed from the original when it needs no change: only the shared copy is kept.
        let mut name = doc.shown(s, e);
        if name.contains(char::is_whitespace) {
            name.to_mut().retain(|c| !c.is_whitespace());
        }
        if !name.is_empty() && !out.iter().any(|n| **n == *name) {
            out.push(doc.share(&name));
        }
    }
    // Kept by every measure: no spare room.
    out.shrink_to_fit();
    out
}
