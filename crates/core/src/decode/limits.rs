//! Caps that protect the tab and the CLI from hostile or huge files.
//!
//! There is no clock in the core (wasm has none that does not panic): the "time
//! budget" is a work budget — input size, zip entries and bytes inflated, XML
//! depth and events, HTML tokens and output size — each small enough that a
//! decode ends in well under a second or two on a laptop.

/// Caps applied by [`crate::decode::decode`]. `Limits::default()` suits the web app and CLI.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 50 MB).
    pub max_input_bytes: usize,
    /// Most entries a .docx zip may list (default 10 000).
    pub max_zip_entries: usize,
    /// Most bytes inflated from one zip entry we read (default 100 MB).
    pub max_entry_bytes: u64,
    /// Most bytes inflated from all entries we read together (default 200 MB).
    pub max_total_unzipped: u64,
    /// Highest inflated/compressed ratio accepted once an entry passes 1 MB (default 200).
    pub max_compression_ratio: u64,
    /// Deepest XML / HTML element nesting (default 256).
    pub max_xml_depth: usize,
    /// Most XML events or HTML tags processed in one file (default 20 million).
    pub max_events: u64,
    /// Most chars of decoded text (default 20 million).
    pub max_output_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 50 * 1024 * 1024,
            max_zip_entries: 10_000,
            max_entry_bytes: 100 * 1024 * 1024,
            max_total_unzipped: 200 * 1024 * 1024,
            max_compression_ratio: 200,
            max_xml_depth: 256,
            max_events: 20_000_000,
            max_output_chars: 20_000_000,
        }
    }
}
