//! The HTML block-level elements (`data/html_block_tags.txt`), read once. Shared by the
//! HTML decoder and the text view that hides tags left in pasted text, which may not
//! read each other.

use std::sync::OnceLock;

/// Whether an element (lower-case name) starts and ends a block of text.
pub fn is_block(name: &str) -> bool {
    static TAGS: OnceLock<Vec<&'static str>> = OnceLock::new();
    TAGS.get_or_init(|| {
        include_str!("../data/html_block_tags.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
    .contains(&name)
}
