//! planlens-core: the text of a Chinese government plan in, an [`Analysis`] out.
//!
//! Pure Rust: no I/O, no web dependencies, deterministic, and it never panics.
//! The flow runs one way: decode (format, encoding) → blocks with char spans →
//! outline → measures, responsibility, targets → units. See ARCHITECTURE.md.

pub mod decode;
pub mod model;

// The recognizers: internal, each with its own unit tests.
mod deadline;
mod markers;
mod measures;
mod meta;
mod numbers;
mod outline;
mod responsibility;
mod years;
mod target_table;
mod targets;
mod task_table;
mod text;
mod units;
mod warnings;

pub use decode::{decode, DecodeError, Decoded, Limits};
pub use model::*;

/// Analyse pasted text.
pub fn analyze(text: &str) -> Analysis {
    analyze_source(text, SourceInfo::default())
}

/// Analyse text that the decode step produced, keeping its source description.
pub fn analyze_source(text: &str, mut source: SourceInfo) -> Analysis {
    source.chars = text.chars().count();
    let doc = text::Document::new(text);
    let meta = meta::extract(&doc);
    let outline = outline::build(&doc);
    let extracted = measures::extract(&doc, &outline, meta.year);
    let targets = targets::collect(&doc, &outline, &extracted, meta.year);

    let mut warnings = warnings::missing_owners(&extracted.measures);
    warnings.extend(warnings::numbering(&doc, &outline));
    warnings.extend(warnings::placeholders(&doc));
    warnings.extend(warnings::duplicates(&doc));
    warnings.sort_by_key(|w| w.span);

    Analysis {
        schema: SCHEMA.to_string(),
        units: units::index(&extracted.measures),
        outline: outline::to_model(&doc, &outline),
        measures: extracted.measures,
        targets,
        meta,
        source,
        warnings,
    }
}

/// Decode a file's bytes and analyse them.
pub fn analyze_bytes(bytes: &[u8], file_name: &str) -> Result<Analysis, DecodeError> {
    let decoded = decode(bytes, file_name, &Limits::default())?;
    Ok(analyze_source(&decoded.text, decoded.source))
}
