//! planlens-core: the text of a Chinese government plan in, an [`Analysis`] out.
//!
//! Pure Rust: no I/O, no web dependencies, deterministic, and it never panics.
//! The flow runs one way: decode (format, encoding) → blocks with char spans →
//! outline → measures, responsibility, targets → units. See ARCHITECTURE.md.

pub mod decode;
pub mod model;

pub use decode::{decode, DecodeError, Decoded, Limits};
pub use model::*;

/// Analyse pasted text.
pub fn analyze(text: &str) -> Analysis {
    analyze_source(text, SourceInfo::default())
}

/// Analyse text that the decode step produced, keeping its source description.
pub fn analyze_source(text: &str, mut source: SourceInfo) -> Analysis {
    source.chars = text.chars().count();
    Analysis {
        schema: SCHEMA.to_string(),
        meta: Meta::default(),
        source,
        outline: vec![],
        measures: vec![],
        targets: vec![],
        units: vec![],
        warnings: vec![],
    }
}

/// Decode a file's bytes and analyse them.
pub fn analyze_bytes(bytes: &[u8], file_name: &str) -> Result<Analysis, DecodeError> {
    let decoded = decode(bytes, file_name, &Limits::default())?;
    Ok(analyze_source(&decoded.text, decoded.source))
}
